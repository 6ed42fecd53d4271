"""`make bench`: runs every benchmark module and prints its results (copy them to docs/BENCHMARKS.md).

Usage: python -m tests.bench [name ...]   (names: the bench_*.py modules without the prefix)
"""

from __future__ import annotations

import importlib
import pkgutil
import platform
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    here = Path(__file__).parent
    names = [m.name[len("bench_"):] for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_")]
    chosen = argv or sorted(names)
    print(f"# machine: {platform.platform()}, Python {platform.python_version()}, "
          f"{__import__('os').cpu_count()} cores")
    for name in chosen:
        module = importlib.import_module(f"tests.bench.bench_{name}")
        print(f"\n## {name}")
        module.run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
