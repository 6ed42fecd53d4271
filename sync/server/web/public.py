"""Public pages, no login: tracking a permohonan or pengaduan, verifying a certificate."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
