"""The sync algorithm, over a ``LocalReplica`` that the desktop store implements.

One round = one HTTP request: the oldest page of the outbox goes up, a page of changes comes down.
Rounds repeat until the outbox is empty and the server has nothing more. Each round commits on
its own (acknowledge, then apply_changes) so an interrupted sync resumes from the last committed
page; a retried request re-sends at most that page, which the server deduplicates by mseq.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from sync.protocol import (
    CONFLICTS,
    DEFAULT_PAGE,
    MAX_MUTATIONS,
    PLAUSIBLE_TIME_MS,
    SCHEMA_V,
    SYNC_DEADLINE_S,
    CursorAhead,
    DeadlineExceeded,
    PayloadTooLarge,
    ProtocolError,
    SyncError,
)


@runtime_checkable
class LocalReplica(Protocol):
    """What the engine needs from a local store (desktop/store implements it)."""

    def device_id(self) -> str: ...

    def pending_mutations(self, limit: int) -> list[dict]:
        """Oldest first, outbox format (mseq, collection, id, op, base_rev, fields, hlc, actor)."""
        ...

    def outbox_size(self) -> int: ...

    def acknowledge(self, upto_mseq: int, results: list[dict]) -> None:
        """Drops outbox entries with mseq <= upto_mseq in one transaction, keeping rejected ones'
        reasons (results with status "rejected" carry ``errors``)."""
        ...

    def cursor(self) -> int: ...

    def apply_changes(self, changes: list[dict], cursor: int) -> int | None:
        """Applies a page of server changes and sets the cursor, in ONE transaction. The cursor may
        go back to 0 (the server was restored from a backup: everything is sent again). A change
        that fails the replica's checks is kept aside, not applied; returns how many were."""
        ...

    def observe_server_time(self, server_ms: int, sent_ms: int, received_ms: int) -> None: ...


@dataclass
class SyncReport:
    ok: bool = True
    pushed: int = 0  # mutations acknowledged by the server (applied + duplicate + rejected)
    applied: int = 0
    duplicates: int = 0
    rejected: int = 0
    pulled: int = 0  # changes received (applied, or set aside)
    set_aside: int = 0  # received changes that failed this PC's checks (kept aside with the reason)
    conflicts: int = 0  # unresolved conflict records received
    server_conflicts: int = 0  # conflicts the server reported for our own mutations
    bytes_up: int = 0
    bytes_down: int = 0
    requests: int = 0
    rounds: int = 0
    waiting: int = 0  # outbox entries left
    cursor: int = 0
    stopped: bool = False  # should_stop() ended the sync early
    resets: int = 0  # cursor resets after the server was restored from a backup
    error: SyncError | None = None
    errors: list[SyncError] = field(default_factory=list)
    started_ms: int = 0
    finished_ms: int = 0

    @property
    def message(self) -> str:
        """A short Indonesian summary for a status bar."""
        if self.error is not None:
            return self.error.message
        parts = [f"{self.pushed} terkirim", f"{self.pulled} diterima"]
        if self.rejected:
            parts.append(f"{self.rejected} ditolak")
        if self.conflicts:
            parts.append(f"{self.conflicts} konflik")
        if self.set_aside:
            parts.append(f"{self.set_aside} disisihkan")
        return "Sinkronisasi selesai: " + ", ".join(parts) + "."


def _now_ms() -> int:
    return int(time.time() * 1000)


NO_PROGRESS_ROUNDS = 3  # replies in a row that bring nothing new end the sync with an error


def confirmed_upto(sent: list[int], acked: int, results: list[dict]) -> int | None:
    """The last mseq of ``sent`` (ascending) that the server acknowledged ITSELF: a result for it and
    acked_mseq at or above it, for it and every entry before it. A bare acked_mseq above what was
    sent is not believed (it would drop changes the server never saw). None when nothing is."""
    answered = {r.get("mseq") for r in results if isinstance(r, dict)}
    upto = None
    for mseq in sent:
        if mseq > acked or mseq not in answered:
            break
        upto = mseq
    return upto


def _plausible_time(value: object) -> bool:
    return type(value) is int and PLAUSIBLE_TIME_MS[0] <= value <= PLAUSIBLE_TIME_MS[1]


def sync_once(replica: LocalReplica, client, page_size: int = DEFAULT_PAGE,
              on_progress: Callable[[SyncReport], None] | None = None,
              should_stop: Callable[[], bool] | None = None, *, max_rounds: int = 100_000,
              clock_ms: Callable[[], int] = _now_ms, deadline_s: float = SYNC_DEADLINE_S) -> SyncReport:
    """Pushes the whole outbox and pulls every change, one page per request. Never raises a
    SyncError: a failure ends the sync with ``report.ok = False`` and ``report.error`` set (what was
    committed before it stays committed). Errors raised by the replica itself propagate.

    ``clock_ms`` is the device clock (uncorrected) used for ``client_time`` and for the sent/received
    times given to ``observe_server_time``. ``deadline_s`` bounds the whole run (the client bounds
    each request): a link that stalls, or a server that keeps the run going, ends it with an error."""
    report = SyncReport(started_ms=_now_ms(), cursor=replica.cursor())
    deadline = time.monotonic() + deadline_s
    req0, up0, down0 = client.requests, client.bytes_up, client.bytes_down
    page_size = max(1, min(page_size, MAX_MUTATIONS))
    push_size = page_size
    stalls = 0
    device_stats = getattr(replica, "device_stats", None)  # optional: what the PC reports for IT
    try:
        for _ in range(max_rounds):
            if should_stop is not None and should_stop():
                report.stopped = True
                break
            if time.monotonic() > deadline:
                raise DeadlineExceeded(f"sync ran longer than {deadline_s:.0f} s")
            mutations = replica.pending_mutations(push_size) if push_size else []
            cursor = replica.cursor()
            outbox = replica.outbox_size()
            request = {
                "schema_v": SCHEMA_V,
                "app_version": client.app_version,
                "device_id": replica.device_id(),
                "client_time": clock_ms(),
                "mutations": mutations,
                "cursor": cursor,
                "limit": page_size,
                "waiting": max(outbox - len(mutations), 0),
                "compact_stamps": True,  # a stamp left out is the record's hlc (docs/SYNC.md §4)
            }
            if device_stats is not None and report.rounds == 0:
                request["stats"] = device_stats()
            sent = request["client_time"]
            try:
                reply = client.sync_page(request)
            except PayloadTooLarge:
                if len(mutations) > 1:  # big records: send fewer per request
                    push_size = max(len(mutations) // 2, 1)
                    continue
                raise
            except CursorAhead:
                if report.resets:
                    raise
                report.resets += 1
                replica.apply_changes([], 0)  # download everything again; the outbox is untouched
                continue
            received = clock_ms()
            report.rounds += 1
            if _plausible_time(reply["server_time"]):
                replica.observe_server_time(reply["server_time"], sent, received)
            progressed = False
            if mutations:
                sent_mseqs = [m["mseq"] for m in mutations]
                upto = confirmed_upto(sent_mseqs, reply["acked_mseq"], reply["results"])
                if upto is None:
                    raise ProtocolError(f"server acknowledged nothing (acked_mseq {reply['acked_mseq']}, "
                                        f"{len(reply['results'])} results for {len(mutations)} sent)")
                mine = [r for r in reply["results"] if r["mseq"] in set(sent_mseqs) and r["mseq"] <= upto]
                replica.acknowledge(upto, mine)
                for res in mine:
                    st = res["status"]
                    report.pushed += 1
                    if st == "applied":
                        report.applied += 1
                        report.server_conflicts += res.get("conflicts", 0)
                    elif st == "duplicate":
                        report.duplicates += 1
                    else:
                        report.rejected += 1
                progressed = True
            changes = reply["changes"]
            if changes or reply["cursor"] != cursor:
                report.set_aside += replica.apply_changes(changes, reply["cursor"]) or 0
                report.pulled += len(changes)
                report.conflicts += sum(1 for c in changes if c["collection"] == CONFLICTS and not c["deleted"]
                                        and not c["fields"].get("resolved"))
                # Only new data is progress: a cursor that moves without changes could move forever.
                progressed = progressed or bool(changes)
            report.cursor = reply["cursor"]
            report.waiting = replica.outbox_size()
            if on_progress is not None:
                on_progress(report)
            if not reply["has_more"] and report.waiting == 0:
                break  # the reply was computed after our page was applied: nothing is left
            stalls = 0 if progressed else stalls + 1
            if stalls >= NO_PROGRESS_ROUNDS:
                raise ProtocolError(f"no progress: {stalls} replies in a row said has_more without new data")
    except SyncError as e:
        report.ok = False
        report.error = e
        report.errors.append(e)
    finally:
        report.requests = client.requests - req0
        report.bytes_up = client.bytes_up - up0
        report.bytes_down = client.bytes_down - down0
        report.finished_ms = _now_ms()
    return report
