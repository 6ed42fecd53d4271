"""Citizen services screens: permohonan layanan (registers, intake, workflow, certificates) and pengaduan
(register, intake, status flow, forwarding). See docs/SERVICES.md for the domain API they use."""
