"""Instructions per letter (valgrind callgrind) of the PC's side of a push and of applying a pull, by how many
letters wait in the outbox / are held in the store. Instruction counts do not move with the machine's load, so
"flat from 1,000 to 100,000" can be checked on a shared machine (docs/BENCHMARKS.md, "Sync at scale").

- push: per page of 1,000, ``pending_mutations`` + ``push_page`` + ``outbox_size`` ×2 + ``acknowledge`` with
  "exact" results, as ``sync_once`` runs them (no server: its side is measured by bench_sync part 5c);
  1 page for the smallest outbox, the first PUSH_PAGES pages for the others (a cost that grew with the outbox
  shows most while it is long);
- pull: PULL_PAGES pages of 1,000 incoming letters (another PC's) applied into the same store.

Only the page loop is counted (``callgrind_control -i on/off`` from inside); building the stores is not.
Run: ``python -m tests.bench.outbox_instructions`` (needs valgrind; about 15 minutes, most of it registering
the 100,000 letters). ``LAYAN_BENCH_OUTBOX_SIZES=1000,10000`` for other sizes.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SIZES = tuple(int(s) for s in os.environ.get("LAYAN_BENCH_OUTBOX_SIZES", "1000,10000,100000").split(","))
PAGE = 1_000
PUSH_PAGES = 10
PULL_PAGES = 5


def build(size: int, folder: Path) -> None:
    from desktop.domain import office, open_store

    from .bench_sync import fill_outbox

    store = open_store(folder)
    try:
        office.initialize(store, code="OUTBOX", name="Kantor OUTBOX", kind="distrik")
        fill_outbox(store, size, random.Random(5))
    finally:
        store.close()


def counting(on: bool) -> None:
    subprocess.run(["callgrind_control", "-i", "on" if on else "off", str(os.getpid())], check=True,
                   capture_output=True)


def push_pages(folder: Path, pages: int) -> int:
    from desktop.domain import open_store
    from desktop.store.replica import StoreReplica
    from sync.engine import push_page

    store = open_store(folder)
    replica, rev, done = StoreReplica(store), 10**6, 0
    counting(True)
    for _ in range(pages):
        mutations = push_page(replica.pending_mutations(PAGE))
        replica.outbox_size()
        if not mutations:
            break
        results = []
        for m in mutations:
            rev += 1
            results.append({"mseq": m["mseq"], "status": "applied", "exact": True, "rev": rev})
        replica.acknowledge(mutations[-1]["mseq"], results)
        replica.outbox_size()
        done += len(mutations)
    counting(False)
    store.close()
    return done


def pull_pages(folder: Path, pages: int) -> int:
    import uuid6

    from desktop.domain import open_store
    from desktop.store.replica import StoreReplica
    from sync import hlc

    from .bench_sync import wire_letter

    store = open_store(folder)
    replica, rnd, clock, rev = StoreReplica(store), random.Random(7), hlc.Clock("other-pc"), 10**9
    batches = []
    for _ in range(pages):
        batch = []
        for _ in range(PAGE):
            rev += 1
            batch.append({"collection": "letters", "id": str(uuid6.uuid7()), "office_id": store.office_id,
                          "rev": rev, "hlc": clock.now(), "deleted": False,
                          "fields": {**wire_letter(rnd, rev, "budi"), "year": 2024}, "field_hlc": {}})
        batches.append(batch)
    replica.apply_changes([], 10**9)  # statements compiled, the office read: not part of a page
    counting(True)
    for i, batch in enumerate(batches):
        replica.apply_changes(batch, 10**9 + (i + 1) * PAGE)
    counting(False)
    store.close()
    return pages * PAGE


def instructions(mode: str, template: Path, work: Path, pages: int) -> tuple[int, int]:
    """(instructions, letters) of ``mode`` run under callgrind on a copy of ``template``."""
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(template, work)
    out = work.parent / f"callgrind-{mode}.out"
    try:
        proc = subprocess.run(
            ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}",
             sys.executable, "-m", "tests.bench.outbox_instructions", mode, str(work), str(pages)],
            capture_output=True, text=True, check=True)
        letters = int(proc.stdout.strip().splitlines()[-1])
        total = next(int(line.split()[1]) for line in out.read_text().splitlines() if line.startswith("totals:"))
        return total, letters
    finally:
        shutil.rmtree(work, ignore_errors=True)
        out.unlink(missing_ok=True)


def run() -> None:
    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        print("- valgrind (callgrind) is not installed: nothing measured")
        return
    root = Path(tempfile.mkdtemp(prefix="layan-bench-outbox."))
    try:
        print("| letters waiting / held | push: instructions per letter (PC) | pull: instructions per letter |")
        print("| ---: | ---: | ---: |")
        for size in SIZES:
            template = root / f"store-{size}"
            build(size, template)
            push, pushed = instructions("push", template, root / "work", 1 if size <= PAGE else PUSH_PAGES)
            pull, pulled = instructions("pull", template, root / "work", PULL_PAGES)
            print(f"| {size:,} | {push // pushed:,} | {pull // pulled:,} |", flush=True)
            shutil.rmtree(template, ignore_errors=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if len(sys.argv) == 4:  # a child under callgrind: mode, store folder, pages
        mode, folder, pages = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
        print((push_pages if mode == "push" else pull_pages)(folder, pages))
    else:
        run()
