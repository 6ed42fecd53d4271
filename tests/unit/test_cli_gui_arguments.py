"""`layan` with no command opens the window: its few options are parsed without building every subcommand's
parser (desktop/cli.py gui_arguments); everything else goes to the full parser."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import build_parser, gui_arguments


@pytest.mark.parametrize("argv", [[], ["gui"], ["--data-dir", "D"], ["--data-dir=D", "--lang", "en"],
                                  ["--lang", "en", "gui"], ["gui", "--data-dir", "D", "--lang", "id"]])
def test_the_window_s_options_parse_as_the_full_parser_parses_them(argv, monkeypatch):
    monkeypatch.delenv("LAYAN_LANG", raising=False)
    fast = gui_arguments(argv)
    full = build_parser().parse_args(argv)
    assert fast is not None
    assert (fast.data_dir, fast.lang) == (full.data_dir, full.lang)
    assert (full.command or "gui") == "gui"
    if "--data-dir" in argv or "--data-dir=D" in argv:
        assert fast.data_dir == Path("D")


@pytest.mark.parametrize("argv", [["status"], ["--help"], ["--version"], ["gui", "extra"], ["--lang", "fr"],
                                  ["--data-dir"], ["init", "--office", "X"]])
def test_anything_else_goes_to_the_full_parser(argv):
    assert gui_arguments(argv) is None
