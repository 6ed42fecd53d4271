"""`layan --help` lists the public commands only: the hidden selftest is neither listed nor shown
as "==SUPPRESS==", and it still runs when named."""

from __future__ import annotations

import argparse

from desktop.cli import build_parser


def test_help_lists_public_commands_and_hides_selftest():
    parser = build_parser()
    text = parser.format_help()
    assert "SUPPRESS" not in text
    assert "selftest" not in text
    for command in ("gui", "init", "sync", "usb", "print", "update", "provision"):
        assert command in text


def test_hidden_selftest_still_parses():
    args = build_parser().parse_args(["selftest"])
    assert args.command == "selftest"
    assert isinstance(args, argparse.Namespace)
