"""Rebuilding the shipped models byte for byte: what the training scripts pin (OpenBLAS's
kernels and threads, which move a fit's last bits) and training/verify.py, the by-hand
check that rebuilds every model and compares it with its card (issue 10)."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from pathlib import Path

import pytest

from socialpolicy.classifiers import SHIPPED

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from training import verify  # noqa: E402


def _avx2() -> bool:
    try:
        flags = next(line for line in Path("/proc/cpuinfo").read_text().splitlines()
                     if line.startswith("flags"))
    except (OSError, StopIteration):
        return False
    return {"avx2", "fma"} <= set(flags.split())


def _coretype_after_import(env: dict[str, str]) -> str:
    code = "import os, training; print(os.environ.get('OPENBLAS_CORETYPE', 'unset'))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, check=True)
    return done.stdout.strip()


@pytest.mark.skipif(platform.machine().lower() not in ("x86_64", "amd64") or not _avx2(),
                    reason="the Haswell kernels are pinned only on x86-64 with AVX2")
def test_importing_training_pins_openblas_kernels_and_keeps_a_chosen_one():
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_CORETYPE"}
    assert _coretype_after_import(env) == "Haswell"
    assert _coretype_after_import({**env, "OPENBLAS_CORETYPE": "Zen"}) == "Zen"


def test_a_fit_runs_on_the_pinned_number_of_blas_threads(monkeypatch):
    pytest.importorskip("sklearn")
    threadpoolctl = pytest.importorskip("threadpoolctl")
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    from training import common

    seen: list[set[int]] = []
    real_fit = LogisticRegression.fit

    def spy(self, x, y, *args, **kwargs):
        seen.append({info["num_threads"] for info in threadpoolctl.threadpool_info()
                     if info["internal_api"] == "openblas"})
        return real_fit(self, x, y, *args, **kwargs)

    monkeypatch.setattr(LogisticRegression, "fit", spy)
    x = csr_matrix(np.eye(6, 8, dtype=np.float32))
    # Whatever the machine or the caller chose (here one thread), the fit runs on the pinned number.
    with threadpoolctl.threadpool_limits(limits=1, user_api="blas"):
        common.fit(x, [1, 0, 1, 0, 1, 0])
    assert seen == [{common.BLAS_THREADS}]


def test_every_shipped_model_has_a_rebuild_in_verify():
    built = {model for build in verify.BUILDS.values() for model in build.models}
    assert {p.stem for p in SHIPPED.glob("*.npz")} <= built
    assert verify.uncovered() == []
    for build in verify.BUILDS.values():
        assert (ROOT / build.script).is_file()
        assert all(verify.card_path(model).is_file() for model in build.models)


def test_verify_rebuilds_each_shipped_transformer_with_torch_and_compares_its_graph():
    # a second stage's card lives in classifiers/onnx/ and names its graph; the build that
    # writes it is a torch fit, run with --torch-python rather than the linter's Python
    onnx = SHIPPED / "onnx"
    transformers = {p.stem for p in onnx.glob("*.json") if p.name != "tokenizer.json"}
    assert transformers and transformers <= {m for b in verify.BUILDS.values() for m in b.models}
    for name in transformers:
        [build] = verify.builds_for([name])
        assert verify.BUILDS[build].torch
        graph = verify.shipped_file(name)
        assert graph.parent == onnx and graph.suffix == ".onnx" and graph.is_file()
        assert verify.card_sha(name) == json.loads((onnx / f"{name}.json").read_text())["sha256"]


def test_verify_names_an_unknown_model_and_exits_2():
    done = subprocess.run([sys.executable, "training/verify.py", "complaint-tense"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "unknown model 'complaint-tense'" in done.stderr and "complaint-terse" in done.stderr
    assert "Traceback" not in done.stderr


def test_verify_picks_the_build_that_writes_a_named_model():
    assert verify.builds_for(["triage-urgent", "triage-spam", "complaint"]) == ["triage", "complaint"]


def test_verify_exits_1_and_names_a_model_whose_rebuild_differs(monkeypatch, capsys):
    def build(name, out, extra, timeout, torch_python):  # stands in for a training run: copies, one file changed
        for model in verify.BUILDS[name].models:
            (out / f"{model}.npz").write_bytes((SHIPPED / f"{model}.npz").read_bytes())
        if name == "offensive":
            (out / "offensive.npz").write_bytes(b"other weights")
        (out / f"{name}.log").write_text("done\n")
        return 0, 1.0, out / f"{name}.log"

    monkeypatch.setattr(verify, "run", build)
    monkeypatch.setattr(sys, "argv", ["verify.py", "complaint"])
    assert verify.main() == 0
    assert "1 of 1 rebuilt byte for byte" in capsys.readouterr().out
    monkeypatch.setattr(sys, "argv", ["verify.py", "offensive", "complaint"])
    assert verify.main() == 1
    out = capsys.readouterr().out
    assert "DRIFTED" in out and "not identical: offensive" in out
