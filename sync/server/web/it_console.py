"""The IT console: offices × devices, releases and published configuration, one device's sync history."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool

from sync.server.web import auth
from sync.server.web.render import render
from sync.server.web.texts import add

router = APIRouter(prefix="/it")
ItUser = Annotated[dict, Depends(auth.require_role("it"))]

add({
    "devices_title": ("Perangkat & kantor", "Devices & offices"),
})


@router.get("/perangkat")
async def devices(request: Request, user: ItUser):
    rows = await run_in_threadpool(auth.storage(request).list_devices)
    return render(request, "it/devices.html", {"devices": rows}, user=user)
