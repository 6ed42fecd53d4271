"""Attachments: scans and photos with letters, requests, complaints, patients and visits (docs/ATTACHMENTS.md)."""

from .files import MAX_INPUT_BYTES, MAX_PAGES, AttachmentError, safe_file_name
from .service import (
    ATTACHMENTS,
    HEALTH_OWNERS,
    OWNERS,
    THUMB_EDGE,
    Incoming,
    Waiting,
    attach,
    attach_waiting,
    cache_thumbnail,
    cached_thumbnail,
    can_see,
    get,
    inspect_bytes,
    inspect_file,
    is_here,
    list_for,
    make_thumbnail,
    original_of,
    page_rotation,
    pasted_name,
    read_bytes,
    remove,
    set_rotation,
    set_slot,
    slots_with_files,
    thumbnail,
)

__all__ = ["ATTACHMENTS", "HEALTH_OWNERS", "MAX_INPUT_BYTES", "MAX_PAGES", "OWNERS", "THUMB_EDGE", "AttachmentError",
           "Incoming", "Waiting", "attach", "attach_waiting", "cache_thumbnail", "can_see", "cached_thumbnail", "get", "inspect_bytes", "inspect_file", "is_here",
           "list_for", "make_thumbnail", "original_of", "page_rotation", "pasted_name", "read_bytes", "remove", "safe_file_name", "set_rotation", "set_slot",
           "slots_with_files", "thumbnail"]
