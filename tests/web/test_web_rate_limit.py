"""1,000 public look-ups a minute from one address, then 429 (a server of its own: the limit is per process)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import requests

from sync.server.web.public import LOOKUPS_PER_MINUTE


def test_the_thousand_and_first_lookup_in_a_minute_gets_429(web_server, web):
    assert LOOKUPS_PER_MINUTE == 1000
    url = web_server.url + "/lacak/ABCD-EFG9"  # a well-formed unknown code: looked up, not found

    def batch(n: int) -> list[int]:
        with requests.Session() as http:
            return [http.get(url, timeout=30).status_code for _ in range(n)]

    with ThreadPoolExecutor(4) as pool:
        statuses = [s for part in pool.map(batch, [LOOKUPS_PER_MINUTE // 4] * 4) for s in part]
    assert len(statuses) == LOOKUPS_PER_MINUTE and set(statuses) == {404}
    r = web.get("/lacak/ABCD-EFG9")
    assert r.status_code == 429 and "Terlalu banyak pencarian" in r.text and int(r.headers["retry-after"]) >= 1
    r = web.get("/verifikasi?k=LAYAN|DST-MB|1|2|3")
    assert r.status_code == 429
    assert web.get("/masuk").status_code == 200  # the limit is on look-ups only


def test_with_several_workers_each_process_takes_its_share_of_the_limit(tmp_path):
    """One address reaching every worker still gets at most the limit a minute in all."""
    import os
    import subprocess
    import sys

    from sync.server.web.public import lookups_per_process

    assert [lookups_per_process(n) for n in (1, 2, 4, 3000)] == [1000, 500, 250, 1]
    # a worker process started by ``serve --workers 2`` reads its share from the environment
    code = "from sync.server.web import public; print(public._limiter.limit)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True,
                         env={**os.environ, "LAYAN_SERVER_WORKERS": "2"})
    assert out.stdout.strip() == "500"
