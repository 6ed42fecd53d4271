"""The centre's web pages, served by layan-server itself (docs/CENTRE.md).

``mount(app)`` adds them to the sync server's FastAPI app: the error pages, the static files, and
one router per page module. Importing this package costs nothing (the storage imports its tables);
the web modules load only when the server mounts them.

A page module: ``router = APIRouter(...)``; each route takes
``user: Annotated[dict, Depends(auth.require_role("pimpinan", ...))]`` and answers
``render(request, "<module>/<page>.html", {...}, user=user)``; its templates extend ``base.html``;
its texts go through ``texts.add({...})``; its menu entries go in ``nav.ENTRIES``; every POST form
has ``{{ csrf_field() }}`` and its route ``dependencies=[Depends(auth.check_csrf)]``; and it is
included below with one line."""

from __future__ import annotations

from pathlib import Path

STATIC = Path(__file__).resolve().parent / "static"


def mount(app) -> None:
    from fastapi.staticfiles import StaticFiles

    from sync.server.web import errors, it_console, login, public

    errors.install(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="web-static")
    app.include_router(login.router)
    app.include_router(public.router)
    app.include_router(it_console.router)
    from sync.server.web import it_users, password  # centre users from the IT console; one's own password

    app.include_router(it_users.router)
    app.include_router(password.router)
    from sync.server.web import dinkes, pelayanan  # the dashboards (webdash)

    app.include_router(pelayanan.router)
    app.include_router(dinkes.router)
