"""Training scripts for the shipped models (see DATA-COMMON.md).

Importing this package pins OpenBLAS to its Haswell (AVX2) kernels before scikit-learn
and SciPy load it. OpenBLAS picks its kernels by the CPU it finds: on a machine with
AVX-512 it runs its SkylakeX kernels, whose dot products add in another order, and
liblinear (which calls them through SciPy) then ends a fit on weights a few thousandths
away, so the shipped files stopped rebuilding byte for byte when the machine changed.
With the Haswell kernels (the ones AVX2 machines, Intel's and AMD Zen's, run anyway) a
rebuild gives the shipped files exactly. An ``OPENBLAS_CORETYPE`` already set is kept;
nothing is pinned on a CPU without AVX2 or on another architecture (the rebuild then
says so, see ``training.common.blas_kernels``).
"""

from __future__ import annotations

import os
import platform
from pathlib import Path

PINNED_CORETYPE = "Haswell"


def _has_avx2() -> bool:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    flags = next((line for line in text.splitlines() if line.startswith("flags")), "")
    return {"avx2", "fma"} <= set(flags.split())


if (platform.machine().lower() in ("x86_64", "amd64") and not os.environ.get("OPENBLAS_CORETYPE")
        and _has_avx2()):
    os.environ["OPENBLAS_CORETYPE"] = PINNED_CORETYPE
