"""Instructions per letter (valgrind callgrind) of the PC's side of a push and of applying a pull, by how many
letters wait in the outbox / are held in the store. Instruction counts do not move with the machine's load, so
"flat from 1,000 to 100,000" can be checked on a shared machine (docs/BENCHMARKS.md, "Sync at scale").

- push: per page of 1,000, ``pending_mutations`` + ``push_page`` + ``outbox_size`` ×2 + ``acknowledge`` with
  "exact" results, as ``sync_once`` runs them (no server: its side is measured by bench_sync part 5c);
  1 page for the smallest outbox, the first PUSH_PAGES pages for the others (a cost that grew with the outbox
  shows most while it is long);
- pull: PULL_PAGES pages of 1,000 incoming letters (another PC's) applied into the same store.

Only the page loop is counted (``callgrind_control -i on/off`` from inside); building the stores is not. The push's
writes are folded from the WAL into the file inside the count (a checkpoint), so every size pays its own: a push of
one page otherwise leaves its checkpoint to whatever writes next, and a long one pays one every ~1,400 letters.

Beside instructions, per pushed letter: the first-level data cache misses and the misses of a simulated cache the size
of this CPU's L2 (callgrind's cache simulation: what grows when a bigger store makes memory cold, which instruction
counts do not see), and the bytes the push read from and wrote to the database file and its WAL (SQLCipher reads and
writes whole 4 KiB pages; counted by Linux per thread).

Run: ``python -m tests.bench.outbox_instructions`` (needs valgrind; about 20 minutes, most of it registering
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
IO = Path("/proc/thread-self/io")


def l2_bytes() -> int:
    """This CPU's L2 size (Linux sysfs), 1 MiB if unknown: the simulated last-level cache."""
    try:
        text = Path("/sys/devices/system/cpu/cpu0/cache/index2/size").read_text().strip().upper()
        return int(text[:-1]) * 1024 if text.endswith("K") else int(text[:-1]) * 1024 * 1024
    except (OSError, ValueError):
        return 1024 * 1024


def io_bytes() -> tuple[int, int]:
    """(bytes read, bytes written) by this thread so far; (0, 0) where Linux does not count them."""
    if not IO.exists():
        return 0, 0
    counters = dict(line.split(": ") for line in IO.read_text().splitlines())
    return int(counters["rchar"]), int(counters["wchar"])


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


def push_pages(folder: Path, pages: int) -> tuple[int, int, int]:
    """(letters pushed, bytes read, bytes written)."""
    from desktop.domain import open_store
    from desktop.store.replica import StoreReplica
    from sync.engine import push_page

    store = open_store(folder)
    replica, rev, done = StoreReplica(store), 10**6, 0
    io0 = io_bytes()
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
        # Each page's objects are freed inside the count, whatever the number of pages: left to the next round,
        # the one-page run freed its page only after the count stopped (freeing cold objects was ~70 L2 misses
        # per letter of the multi-page runs, none of the one-page run's).
        del mutations, results
    store._fold_wal()  # the checkpoint these pages owe (see the docstring)
    counting(False)
    io1 = io_bytes()
    store.close()
    return done, io1[0] - io0[0], io1[1] - io0[1]


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


def instructions(mode: str, template: Path, work: Path, pages: int) -> dict:
    """Per letter of ``mode`` run under callgrind (with its cache simulation) on a copy of ``template``:
    instructions, D1 and L2-sized cache misses, bytes read and written (the push only)."""
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(template, work)
    out = work.parent / f"callgrind-{mode}.out"
    try:
        proc = subprocess.run(
            ["valgrind", "--tool=callgrind", "--instr-atstart=no", "--cache-sim=yes", f"--LL={l2_bytes()},8,64",
             f"--callgrind-out-file={out}",
             sys.executable, "-m", "tests.bench.outbox_instructions", mode, str(work), str(pages)],
            capture_output=True, text=True, check=True)
        letters, read, written = (int(v) for v in proc.stdout.strip().splitlines()[-1].split())
        lines = out.read_text().splitlines()
        names = next(line.split()[1:] for line in lines if line.startswith("events:"))
        values = next(line for line in lines if line.startswith("totals:")).split()[1:]
        totals = dict(zip(names, (int(v) for v in values), strict=True))
        return {"instructions": totals["Ir"] / letters, "d1": (totals["D1mr"] + totals["D1mw"]) / letters,
                "l2": (totals["DLmr"] + totals["DLmw"]) / letters, "read": read / letters, "written": written / letters}
    finally:
        shutil.rmtree(work, ignore_errors=True)
        out.unlink(missing_ok=True)


def run() -> None:
    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        print("- valgrind (callgrind) is not installed: nothing measured")
        return
    root = Path(tempfile.mkdtemp(prefix="layan-bench-outbox."))
    try:
        print(f"Per pushed letter (PC): instructions, misses of the first-level data cache and of a simulated "
              f"{l2_bytes() // 1024:,} KiB L2, bytes read and written (database and WAL, checkpoints included).\n")
        print("| letters waiting / held | push: instructions | D1 misses | L2 misses | bytes read | bytes written "
              "| pull: instructions per letter |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for size in SIZES:
            template = root / f"store-{size}"
            build(size, template)
            push = instructions("push", template, root / "work", 1 if size <= PAGE else PUSH_PAGES)
            pull = instructions("pull", template, root / "work", PULL_PAGES)
            print(f"| {size:,} | {push['instructions']:,.0f} | {push['d1']:,.0f} | {push['l2']:,.0f} | "
                  f"{push['read']:,.0f} | {push['written']:,.0f} | {pull['instructions']:,.0f} |", flush=True)
            shutil.rmtree(template, ignore_errors=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if len(sys.argv) == 4:  # a child under callgrind: mode, store folder, pages
        mode, folder, pages = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
        if mode == "push":
            print(*push_pages(folder, pages))
        else:
            print(pull_pages(folder, pages), 0, 0)
    else:
        run()
