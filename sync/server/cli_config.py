"""``layan-server config …``: publish settings and reference data to offices (configuration push).

    layan-server config keys                                    what can be published
    layan-server config set KEY VALUE [--scope S]              a setting (text; integers for integer keys)
    layan-server config set KEY --file F [--scope S]           JSON (reference data, unit list) or a logo image
    layan-server config unset KEY [--scope S]                  withdraw; offices fall back to a wider scope
    layan-server config list [--office CODE] [--json]          published values (an office's effective ones)

S is ``all`` (default), an office kind (distrik/puskesmas/central) or an office code. Values arrive
with the offices' next sync (docs/UPDATES.md, "Configuration push").
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys
from pathlib import Path

from sync import config
from sync.server.storage import Storage


def add_cli(sub, common: argparse.ArgumentParser) -> None:
    cfg = sub.add_parser("config", help="publish settings and reference data to offices (konfigurasi pusat)")
    cmds = cfg.add_subparsers(dest="config_cmd", required=True)
    cmds.add_parser("keys", parents=[common], help="list the keys that can be published")
    p = cmds.add_parser("set", parents=[common], help="publish a value")
    p.add_argument("key")
    p.add_argument("value", nargs="?", help="the value as text (a setting)")
    p.add_argument("--file", type=Path, help="read the value from a JSON file, or an image for kop_logo")
    p.add_argument("--json", action="store_true", help="VALUE is JSON")
    p.add_argument("--scope", default=config.SCOPE_ALL, help="all (default), distrik, puskesmas, central or an office code")
    p.add_argument("--by", default=getpass.getuser(), help="who publishes (shown to offices; default: your login)")
    p = cmds.add_parser("unset", parents=[common], help="withdraw a published value")
    p.add_argument("key")
    p.add_argument("--scope", default=config.SCOPE_ALL)
    p = cmds.add_parser("list", parents=[common], help="published values")
    p.add_argument("--office", help="only the values in force for this office")
    p.add_argument("--json", action="store_true")


def _read_value(args) -> object:
    spec = config.KEYS.get(args.key)
    if args.file is not None:
        data = args.file.read_bytes()
        if spec is not None and spec.target == "file":
            return config.logo_value(data)
        try:
            return json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError) as e:
            raise SystemExit(f"error: {args.file} is not JSON (bukan JSON): {e}") from None
    if args.value is None:
        raise SystemExit("error: give a VALUE or --file (nilai belum diberikan)")
    if args.json:
        try:
            return json.loads(args.value)
        except ValueError as e:
            raise SystemExit(f"error: VALUE is not JSON (bukan JSON): {e}") from None
    return config.coerce_text(args.key, args.value)


def _summary(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else f"{text[:57]}… ({len(text)} chars)"


def _recount_if_rules(key: str, storage: Storage) -> None:
    """The centre counts each puskesmas by its published case rules, and every office's working days by its
    published holidays: count the affected numbers again now."""
    from sync.server import projection_rules, projections

    if key == projection_rules.KEY:
        projection_rules.after_publication(storage)
    elif key == projection_rules.HOLIDAYS:
        done = projections.recount_workdays(storage)
        print(f"working days counted again for {len(done)} offices "
              f"({sum(done.values())} requests and complaints changed)", file=sys.stderr, flush=True)


def run(args, storage: Storage) -> int:
    if args.config_cmd == "keys":
        for spec in config.KEYS.values():
            print(f"{spec.key:<20} {spec.target:<9} {spec.label_en} ({spec.label_id})")
        return 0
    if args.config_cmd == "set":
        value = _read_value(args)
        out = storage.set_config(args.scope, args.key, value, published_by=args.by)
        if out["changed"]:
            print(f"config {args.key} for {args.scope}: version {out['version']} published (rev {out['rev']}); "
                  f"offices get it at their next sync")
            _recount_if_rules(args.key, storage)
        else:
            print(f"config {args.key} for {args.scope}: unchanged (version {out['version']})")
        return 0
    if args.config_cmd == "unset":
        if storage.unset_config(args.scope, args.key):
            print(f"config {args.key} for {args.scope} withdrawn (ditarik)")
            _recount_if_rules(args.key, storage)
            return 0
        print(f"error: nothing published for {args.key} at scope {args.scope}", file=sys.stderr)
        return 1
    items = storage.list_config(args.office)
    if args.json:
        print(json.dumps(items, ensure_ascii=False, indent=1))
        return 0
    for item in items:
        when = dt.datetime.fromtimestamp(item["published_ms"] / 1000, dt.UTC).strftime("%Y-%m-%d %H:%M")
        print(f"{item['key']:<20} {item['scope']:<12} v{item['version']:<4} {when} {item['published_by'][:12]:<12} "
              f"{_summary(item['value'])}")
    if not items:
        print("nothing published (belum ada konfigurasi pusat)", file=sys.stderr)
    return 0
