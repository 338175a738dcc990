"""The embedding heads scored sentence by sentence (the post's score is its best sentence's),
against the post mean compare.py uses, model alone, on the offensive held-out sets.

    PYTHONPATH=. nice -n 10 /work/venv-enc/bin/python training/encoder/sentences.py --embedding DIR

Reads the heads compare.py cached (/tmp/enc/heads-<name>.pkl); fits nothing.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

import numpy as np  # noqa: E402

from training.common import prepare  # noqa: E402
from training.encoder.compare import ap, heldout_sets  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--embedding", type=Path, required=True)
    args = parser.parse_args()
    from socialpolicy.kinds.textsource import SENTENCE
    from training.encoder.static import load_embedding

    emb = load_embedding(args.embedding / "embedding.npy", args.embedding / "tokenizer.json")
    heads, _ = pickle.loads(Path(f"/tmp/enc/heads-{args.embedding.name}.pkl").read_bytes())
    chosen = {name: head[1] for name, head in heads.items() if head[0] == "emb"}
    for label, loader in heldout_sets("offensive-content")[:4]:
        items = loader()
        y = np.array([int(i.gold) for i in items])
        owner: list[int] = []
        pieces: list[str] = []
        for n, item in enumerate(items):
            text = prepare(item.text)
            found = [m.group().strip() for m in SENTENCE.finditer(text) if m.group().strip()] or [text]
            pieces += found
            owner += [n] * len(found)
        e = emb.embed_many(pieces)
        whole = emb.embed_many([prepare(i.text) for i in items])
        for name, model in chosen.items():
            per = model.predict_proba(e)[:, 1]
            best = np.zeros(len(items))
            np.maximum.at(best, np.array(owner), per)
            post = model.predict_proba(whole)[:, 1]
            print(f"{label[:40]:40} {name:10} AP post mean {ap(post, y):.4f}  best sentence {ap(best, y):.4f}",
                  flush=True)


if __name__ == "__main__":
    main()
