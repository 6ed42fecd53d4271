"""``layan-server blobs …``: attachment space per office, and clearing bytes nothing names any more.

    layan-server blobs usage                       per office: blobs held, bytes used / under way / quota
    layan-server blobs quota SIZE [--office CODE]  e.g. 2GB, 500MB; without --office: every office's default
    layan-server blobs quota default --office CODE the office goes back to the default
    layan-server blobs gc [--yes]                  remove stored blobs no live attachment names, and
                                                   uploads abandoned for 30 days (the server also does
                                                   it on its own, daily, after a week's grace:
                                                   ``serve --blob-gc-every/--blob-gc-grace``, blob_gc.py)

Where the bytes live is chosen when the server starts (``serve --blob-store``, docs/ATTACHMENTS.md).
"""

from __future__ import annotations

import argparse
import os
import re
import sys

from sync.protocol import now_ms
from sync.server import blob_gc
from sync.server.blob_meta import QUOTA_ALL, BlobMeta
from sync.server.blobs import Staging, backend_from
from sync.server.storage import Storage

_SIZE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMGT]?B?)\s*$", re.IGNORECASE)
_UNITS = {"": 1, "B": 1, "K": 1024, "KB": 1024, "M": 1024**2, "MB": 1024**2, "G": 1024**3, "GB": 1024**3,
          "T": 1024**4, "TB": 1024**4}


def parse_size(text: str) -> int:
    m = _SIZE_RE.match(text)
    if not m:
        raise ValueError(f"not a size: {text!r} (e.g. 2GB, 500MB)")
    return int(float(m.group(1)) * _UNITS[m.group(2).upper()])


def _human(n: int) -> str:
    return f"{n / 1024**3:.2f} GB" if n >= 1024**3 else f"{n / 1024**2:.1f} MB"


def add_cli(sub, common: argparse.ArgumentParser) -> None:
    cmds = sub.add_parser("blobs", help="attachment bytes: usage, quotas, clean-up (lampiran)").add_subparsers(
        dest="blobs_cmd", required=True)
    cmds.add_parser("usage", parents=[common], help="space per office")
    p = cmds.add_parser("quota", parents=[common], help="set the attachment quota (kuota lampiran)")
    p.add_argument("size", help="e.g. 2GB or 500MB; 'default' removes an office's own quota")
    p.add_argument("--office", help="one office (default: the quota of every office without its own)")
    p = cmds.add_parser("gc", parents=[common], help="remove stored blobs that no attachment names any more")
    p.add_argument("--yes", action="store_true", help="remove them (without it: only list)")


def add_serve_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--blob-store", default=os.environ.get("LAYAN_BLOB_STORE") or None,
                   help="where attachment bytes live: 'files' (default, under --data) or s3://bucket/prefix; "
                        "env LAYAN_BLOB_STORE")
    p.add_argument("--s3-endpoint", default=os.environ.get("LAYAN_S3_ENDPOINT") or None,
                   help="address of an S3-compatible store (not needed for AWS); env LAYAN_S3_ENDPOINT")
    p.add_argument("--blob-gc-every", type=float, metavar="HOURS", default=None,
                   help=f"remove unreferenced attachment bytes every HOURS (default {blob_gc.DEFAULT_EVERY_HOURS:g}; "
                        f"0: only by hand); env {blob_gc.EVERY_ENV}")
    p.add_argument("--blob-gc-grace", type=float, metavar="HOURS", default=None,
                   help=f"only bytes unreferenced for HOURS (default {blob_gc.DEFAULT_GRACE_HOURS:g}); "
                        f"env {blob_gc.GRACE_ENV}")


def apply_serve_options(args) -> None:
    """The blob store is read from the environment by every server process (workers included)."""
    if args.blob_store:
        os.environ["LAYAN_BLOB_STORE"] = args.blob_store
    if args.s3_endpoint:
        os.environ["LAYAN_S3_ENDPOINT"] = args.s3_endpoint
    for value, env in ((args.blob_gc_every, blob_gc.EVERY_ENV), (args.blob_gc_grace, blob_gc.GRACE_ENV)):
        if value is not None:
            os.environ[env] = str(value)
    backend_from(args.data, args.blob_store)  # a wrong address fails now, not at the first upload


def run(args, storage: Storage) -> int:
    meta = BlobMeta(storage)
    if args.blobs_cmd == "usage":
        print(f"{'office':<16} {'blobs':>7} {'used':>11} {'uploading':>11} {'quota':>11}")
        for row in meta.report():
            print(f"{row['office']:<16} {row['blobs']:>7} {_human(row['used']):>11} {_human(row['pending']):>11} "
                  f"{_human(row['quota']):>11}")
        return 0
    if args.blobs_cmd == "quota":
        scope = args.office or QUOTA_ALL
        if args.office and storage.office(args.office) is None:
            print(f"error: no office {args.office} (kantor tidak ada)", file=sys.stderr)
            return 1
        if args.size == "default":
            meta.set_quota(scope, None)
            print(f"attachment quota of {scope}: back to the default")
            return 0
        try:
            nbytes = parse_size(args.size)
        except ValueError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        meta.set_quota(scope, nbytes)
        print(f"attachment quota of {'every office' if scope == QUOTA_ALL else scope}: {_human(nbytes)} "
              "(kuota lampiran)")
        return 0
    if args.blobs_cmd == "gc":
        staging = Staging(os.path.join(args.data, "blob-staging"))
        if args.yes:  # by hand: no grace
            backend = backend_from(args.data, os.environ.get("LAYAN_BLOB_STORE"))
            result = blob_gc.collect(storage, backend, staging, grace_ms=0)
            for sha in result.removed:
                print("removed " + sha)
            for office, sha in result.dropped_uploads:
                print(f"dropped upload {office} {sha}")
            print(f"{len(result.removed)} blob(s) removed")
            return 0
        gone = meta.unreferenced()
        for sha in gone:
            print("unreferenced " + sha)
        print(f"{len(gone)} blob(s) no attachment names (run with --yes to remove)")
        # Uploads abandoned for a month (the attachment was deleted, the PC replaced): --yes gives their
        # staged bytes and their share of the office's quota back.
        for office, sha in meta.stale_uploads(now_ms() - blob_gc.STALE_UPLOAD_DAYS * 86_400_000):
            print(f"stale upload {office} {sha}")
        return 0
    raise AssertionError(args.blobs_cmd)
