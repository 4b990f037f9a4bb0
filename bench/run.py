"""Run every benchmark in this folder (bench_*.py), one after another, each printing its own figures."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path


def main() -> int:
    here = Path(__file__).resolve().parent
    sys.path.insert(0, str(here.parent / "src"))
    for path in sorted(here.glob("bench_*.py")):
        print(f"== {path.name} ==", flush=True)
        runpy.run_path(str(path), run_name="__main__")
        print(flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
