"""How long the library takes per call, as another Trust tool would call it.

    python benchmarks/library.py            # 20 short posts after the first
    python benchmarks/library.py --calls 200

The first ``check_text`` builds the default Linter (rules compiled, language model
loaded); every later call reuses it. The target (issue 14) is a second short post
in 50 ms or less. Timed by hand, never in the test suite.
"""

from __future__ import annotations

import sys
from pathlib import Path

# benchmarks/calendar.py would shadow the standard library's calendar module.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

POSTS = (
    "Our new day unit opens on Monday. https://www.jpaget.nhs.uk",
    "Take two paracetamol every four hours and you will be fine",
    "Thanks to all our nurses for their hard work #InternationalNursesDay",
    "Read about visiting at http://www.jpaget.nhs.uk/visiting before you come in",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=20)
    args = parser.parse_args()
    started = time.perf_counter()
    import socialpolicy

    socialpolicy.check_text(POSTS[0], platform="twitter")
    first = time.perf_counter() - started
    times = []
    for i in range(args.calls):
        began = time.perf_counter()
        socialpolicy.check_text(POSTS[i % len(POSTS)], platform="twitter")
        times.append(time.perf_counter() - began)
    print(f"first call (import, rules, model): {first * 1000:.0f} ms")
    print(f"later calls: median {statistics.median(times) * 1000:.1f} ms, "
          f"max {max(times) * 1000:.1f} ms over {args.calls} calls (target <= 50 ms)")


if __name__ == "__main__":
    main()
