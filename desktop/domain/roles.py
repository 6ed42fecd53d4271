"""The roles an office's users have, and their names (Indonesian, English).

Apart from desktop/domain/users.py so that a window naming the logged-in user's role (the main window's
sidebar) loads no password or user-management code: those bring the sync protocol's checks with them.
"""

ROLES = ("operator", "kepala", "nakes", "admin")
ROLE_LABELS = {"operator": ("Operator", "Operator"), "kepala": ("Kepala", "Head"),
               "nakes": ("Tenaga Kesehatan", "Health staff"), "admin": ("Admin Kantor", "Office admin")}
