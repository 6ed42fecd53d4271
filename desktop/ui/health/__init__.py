"""The puskesmas screens: patients register, patient and visit forms, malaria register, monthly reports.

Every database action goes through QueryOp/WriteOp (desktop.tasks); every rule (access, duplicates,
defaults, malaria diagnosis, LB1) is the domain's (desktop.domain.health). Only health staff (nakes,
kepala) of this puskesmas see patient data; others get a plain message and no data (``AccessNotice``).
"""
