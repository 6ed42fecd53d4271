"""JSON on the server's sync path by orjson, with the same results as sync.protocol's codec.

Encoding a pushed letter's fields took ≈ 10 % of the server's Python per mutation with the json module,
decoding a page's body ≈ 1 ms (docs/BENCHMARKS.md, "Fourth pass"); orjson does both several times
faster. Where the two libraries differ, the json module's answer is kept: orjson reads an integer beyond
64 bits as a float and writes none at all, and refuses what json reads in its own way (lone
surrogates, UTF-16 bodies, NaN) — those inputs go to the json module, whose result (or error) stands.
"""

from __future__ import annotations

from typing import Any

import orjson

from sync.protocol import dumps as json_dumps
from sync.protocol import loads_strict

# A run of 19 digits may be an integer orjson cannot hold as one (2**63 has 19 digits). Found by
# turning every digit into "0" and looking for 19 of them: ≈ 0.1 ms for a page of 200 letters, where
# the regex ``\d{19}`` took 3.5 ms (more than decoding the page).
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")
_LONG_RUN = b"0" * 19


def dumps(obj: Any) -> bytes:
    """Compact UTF-8 JSON, as sync.protocol.dumps writes it, for values read from JSON (finite numbers:
    orjson would write NaN as null where the json module refuses it)."""
    try:
        return orjson.dumps(obj)
    except (TypeError, orjson.JSONEncodeError):  # an integer beyond 64 bits, a subclass it does not know
        return json_dumps(obj)


def loads(data: bytes) -> Any:
    """sync.protocol.loads_strict's result (ValueError where it refuses)."""
    if _LONG_RUN not in data.translate(_DIGITS_AS_ZERO):
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            pass  # the json module decides, and words its error
    return loads_strict(data)
