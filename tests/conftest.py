"""Shared fixtures: real SQLite files, made from a migrated template once per session (fast, real).

The suite runs in parallel (``make test``: pytest-xdist, ``-n auto``, the scheduler below). A test file
is the unit of work: its tests run in order on one worker, so module-scoped fixtures (a server, a
filled centre) are made once. Every test must be safe beside any other test running at the same time:

- write only under ``tmp_path`` / ``tmp_path_factory`` (never the repo tree, never a fixed /tmp name;
  ``docs/screenshots`` only through the ``shots_dir`` fixture, i.e. only when refreshing them by hand);
- servers listen on port 0 / ``free_port()`` (``ServerProc`` does it), on 127.0.0.1 only;
- Xvfb through ``run_xvfb`` (tests/ui/test_screenshots.py): Xvfb picks its own display number;
- PostgreSQL through the fixtures of tests/integration/conftest.py: a new database per server;
- environment changes through ``monkeypatch`` (each worker is its own process, but tests share it);
- every worker collects the suite and must find the same test ids: parametrize values and ids never
  depend on the time, randomness or set order (``gzip.compress(..., mtime=0)``, sorted lists).

Tests that cannot run beside certain others (a fixed resource outside tmp) share a group:
``@pytest.mark.xdist_group("name")``; a group runs on one worker, one test after the other.
The files holding ``slow`` tests start first, so that no worker is left with a long file at the end.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from desktop.store.db import connect as connect_db

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Cheap password hashes in tests (sync/passwords.py: the app never sets this; N=2^17 takes ~0.3 s a hash).
os.environ.setdefault("LAYAN_TEST_SCRYPT_N", "1024")

# Hypothesis' speed checks are timed asserts in disguise: on a loaded 2-core machine they fail tests
# whose properties hold. Tests judge results, never wall time (DESIGN.md).
settings.register_profile("layan", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("layan")

OFFICE = {"code": "DST-MB", "name": "Distrik Mimika Baru", "kind": "distrik"}


def pytest_collection_modifyitems(config, items):
    """Tests marked ``extra`` repeat a covered case in another variant (e.g. the screen-fit tour at 100 %
    and 150 % besides 125 %): left out of the suite unless LAYAN_EXTRA_TESTS=1 (``make test-extra``)."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        _parallel_order(items)
    if os.environ.get("LAYAN_EXTRA_TESTS") == "1":
        return
    extra = [item for item in items if item.get_closest_marker("extra") is not None]
    if extra:
        config.hook.pytest_deselected(items=extra)
        items[:] = [item for item in items if item.get_closest_marker("extra") is None]


def _parallel_order(items) -> None:
    """Under xdist: the files with ``slow`` tests first (longest first is the best a scheduler
    without timings can do); the order of the others, and of tests in a file, is kept."""
    slow_files = {item.nodeid.split("::", 1)[0] for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.nodeid.split("::", 1)[0] not in slow_files)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """Work units are test files, or an ``xdist_group`` (with ``--dist loadgroup``)."""
    from xdist.scheduler import LoadGroupScheduling

    class FileOrGroupScheduling(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            if nodeid.rfind("@") > nodeid.rfind("]"):  # xdist appends "@group" to a grouped test's id
                return nodeid.rsplit("@", 1)[-1]
            return nodeid.split("::", 1)[0]

    if config.getvalue("dist") != "loadgroup":
        return None
    config.option.loadscopereorder = False  # keep the collection's order (slow files first), not by test count
    return FileOrGroupScheduling(config, log)


@pytest.fixture(scope="session")
def template_data_dir(tmp_path_factory) -> Path:
    """An initialized office (DST-MB, a local admin 'admin' / 'rahasia1'), migrated once."""
    from desktop.domain import office, open_store

    folder = tmp_path_factory.mktemp("template")
    store = open_store(folder)
    office.initialize(store, **OFFICE, admin_username="admin", admin_password="rahasia1")
    store._write_conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return folder


@pytest.fixture
def data_dir(template_data_dir, tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(template_data_dir, target)
    # Each copy is its own device: a fresh device id, as a second PC of the office would have.
    conn = connect_db(target / "layan.sqlite3")
    with conn:
        conn.execute("DELETE FROM meta WHERE key IN ('device_id', 'hlc_last')")
    conn.close()
    return target


@pytest.fixture
def store(data_dir):
    from desktop.domain import open_store

    s = open_store(data_dir)
    yield s
    s.close()
