"""Rebuild the ``offensive`` model (offensive-content): see DATA.md beside this script.

    nice -n 10 python training/offensive/train.py [--out DIR] [--limit N] [--c C]

``--limit`` trains on the first N texts of each source (the smoke test uses it).
"""

from __future__ import annotations

import csv
import io
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from socialpolicy.classifiers.features import FeatureConfig  # noqa: E402
from training.common import (  # noqa: E402
    HEALTH_TRAIN_FEEDS,
    arguments,
    fit_sources,
    git_blobs,
    git_bytes,
    git_show,
    health_news,
    own_corpus,
    own_source,
    split,
    write_fitted,
)
from training.medical_data import TOXIC_SPANS, civil_comments  # noqa: E402

NAME = "offensive"
RULE = "offensive-content"
STORMFRONT = ("Vicomtech/hate-speech-dataset", "b802137e8314c38a8d4faa965f9908d6c8e7a84d")
ETHOS = ("intelligence-csd-auth-gr/Ethos-Hate-Speech-Dataset", "705258e118ce9611ebbd5ab2a4841b0066547293")
# HateXplain's validation and test posts (Twitter and Gab; MIT), held out and never trained
# on. The original dataset.json is too large for the mirror; this repository holds the
# official validation and test splits (post ids match Data/post_id_divisions.json of
# punyajoy/HateXplain) with each annotator's label and the original tokens.
HATEXPLAIN = ("shivam0109/CS4NLP-HateXplain", "8a911685253b047109d2e5a1d09368a25ad14ab1")
# HateXplain's placeholders for what its authors masked, read back as ordinary text.
_HATEXPLAIN_PLACEHOLDERS = {"<user>": "@user", "<number>": "10", "<percent>": "10%", "<date>": "1 May",
                            "<money>": "$10", "<censored>": "****", "<time>": "10:00",
                            "<email>": "someone@example.com", "<happy>": ":)", "<wink>": ";)",
                            "<sad>": ":(", "<tong>": ":P", "<laugh>": ":D", "<surprise>": ":O"}
# The Gab Hate Corpus (Kennedy et al. 2022; osf.io/edua3), its official train and test
# splits as the authors released them (ghc_train.tsv, ghc_test.tsv: text, hd, cv, vo),
# mirrored in this repository's history. Held out, never trained on: the test split is
# the session-6 held-out set, the train split is used only to choose thresholds.
GAB_HATE = ("mealieff/hsd-demo", "6d4334f7498fac1e3c62b16cd92740abd5ac359c")
TOXIGEN = ("microsoft/TOXIGEN", "01517e814639e0334c920a3c502036c8158aac87")
TOXIGEN_GROUPS = ("asian", "bisexual", "black", "chinese", "immigrant", "jewish", "latino", "lgbtq",
                  "mental_disability", "mexican", "middle_east", "muslim", "native_american",
                  "physical_disability", "trans", "women")
HATEMOJI = ("HannahKirk/Hatemoji", "a626f63216158748d072e581efc00267031f4404")
MLMA = ("HKUST-KnowComp/MLMA_hate_speech", "479836984aebfbd8a0270ca92018980f745e4c44")
CONVABUSE = ("amandacurry/convabuse", "c0a9469f48956e868276c605d499010ea3c7c0d0")
EDOS = ("rewire-online/edos", "b1f1fbcca9d42de0395432ada8fcfb5c35f68c77")
BANTER = Path(__file__).resolve().parent / "banter.txt"
# Posts written for this model, one file per writer (a, b, c in session 13; d, e in
# session 14, mostly clean posts in the registers abuse comes in) and one by the session-13
# helper who weighed them (offtrain), ``label<TAB>function<TAB>text``: see DATA.md.
# Ours, counted as our corpora are. NOT in the shipped model (v9): every model trained with
# them flagged must-pass posts at its validation threshold (DATA.md, session 13), so
# ``sources`` reads them only when asked (leave_one_out.py does).
WRITTEN = Path(__file__).resolve().parent / "written"
WRITTEN_FUNCTIONS = {
    "abusive": ("threat", "hostility", "harassment", "slur-or-profanity", "disguised"),
    "clean": ("criticism", "violent-word", "group-talk", "counter-speech", "banter", "everyday",
              # session 14 (d, e): clean posts in the registers abuse usually comes in
              "textspeak-kind", "rant-not-abuse", "group-support", "figurative"),
}
# Our own corpora (tests/corpus/dev.yaml, personal.yaml) are read as they were at this
# commit of this repository, the tree the shipped weights were trained on.
CORPUS_COMMIT = "9d4892f87d3fb1b2ef97ec712b9871bb4b090034"
MIN_PRECISION = 0.95
C = 8.0
# How many times each of our own texts (our corpora, banter.txt) counts in training.
OWN_WEIGHT = 5
# Features scaled by their log-count ratio before the fit (NBSVM); see DATA.md for the
# comparison with the plain fit on the same held-out sets.
NB = True
# The whole post is scored (its top sentence is the evidence): scoring each sentence
# alone let short, ordinary sentences ("The Trust can't be responsible for lost
# property.") score high on a handful of features.
UNIT = "post"


def toxic_spans(limit: int | None) -> list[tuple[str, int]]:
    """Civil Comments posts that most annotators found toxic (positives only).

    A first model also took the posts most annotators called "not toxic" as negatives;
    the two overlap so much (the whole set was sampled as toxic) that no threshold
    reached the precision target on validation, so those are dropped.
    """
    # Most (or half) of the annotators finding a post not toxic drops it as ambiguous.
    return [(text, 1) for text, said in civil_comments() if sum(said) * 2 < len(said)][:limit]


def stormfront(limit: int | None) -> list[tuple[str, int]]:
    """Sentences from a white-supremacist forum labelled hate / noHate (others dropped)."""
    repo, commit = STORMFRONT
    rows = [r for r in csv.DictReader(io.StringIO(git_show(repo, commit, "annotations_metadata.csv")))
            if r["label"] in ("hate", "noHate")][:limit]
    texts = git_blobs(repo, commit, [f"all_files/{r['file_id']}.txt" for r in rows])
    return [(texts[f"all_files/{r['file_id']}.txt"], int(r["label"] == "hate")) for r in rows
            if texts.get(f"all_files/{r['file_id']}.txt", "").strip()]


def toxigen(limit: int | None) -> list[tuple[str, int]]:
    """TOXIGEN's prompt statements: implicit hate (1) and neutral statements (0) per group.

    Each prompt file line is a few statements joined by a literal "\\n- "; statements are
    taken once each, and any that appears on both sides is dropped.
    """
    repo, commit = TOXIGEN
    seen: dict[str, set[int]] = defaultdict(set)
    for side, label in (("hate", 1), ("neutral", 0)):
        for group in TOXIGEN_GROUPS:
            if side == "neutral" and group == "trans":
                continue  # the repository has no neutral file for this group
            text = git_show(repo, commit, f"prompts/{side}_{group}_1k.txt")
            for line in text.splitlines():
                for part in line.split("\\n"):
                    statement = part.strip().lstrip("-").strip()
                    if len(statement) > 3:
                        seen[statement].add(label)
    out = [(t, next(iter(labels))) for t, labels in seen.items() if len(labels) == 1]
    out.sort()
    return split(out, 0.0)[0][:limit]


def hatemoji(limit: int | None, parts: tuple[str, ...] = ("train", "validation")) -> list[tuple[str, int]]:
    """HatemojiBuild: adversarial hate with and without emoji, and its near-miss perturbations."""
    repo, commit = HATEMOJI
    out = []
    for part in parts:
        text = git_show(repo, commit, f"HatemojiBuild/{part}.csv")
        out += [(r["text"], int(r["label_gold"])) for r in csv.DictReader(io.StringIO(text))
                if r["text"].strip() and r["label_gold"] in ("0", "1")]
    return out[:limit]


def mlma(limit: int | None) -> list[tuple[str, int]]:
    """MLMA English tweets: any hostility label alone -> 1, "normal" alone -> 0, mixed dropped."""
    import zipfile

    repo, commit = MLMA
    archive = zipfile.ZipFile(io.BytesIO(git_bytes(repo, commit, "hate_speech_mlma.zip")))
    text = archive.read("hate_speech_mlma/en_dataset_with_stop_words.csv").decode("utf-8", "replace")
    out = []
    for row in csv.DictReader(io.StringIO(text)):
        labels = set(row["sentiment"].split("_"))
        tweet = row["tweet"].replace("@URL", "").replace("@user", "@someone").strip()
        if not tweet or ("normal" in labels and len(labels) > 1):
            continue
        out.append((tweet, int("normal" not in labels)))
    return out[:limit]


def convabuse(limit: int | None) -> list[tuple[str, int]]:
    """ConvAbuse: what users typed to two conversational agents (CarbonBot, E.L.I.Z.A.).

    Each annotator rated a message not abusive (1), ambiguous (0) or mildly to very
    strongly abusive (-1 to -3): a majority abusive -> 1, a majority not abusive -> 0,
    anything else dropped; a message repeated with both labels is dropped.
    """
    repo, commit = CONVABUSE
    seen: dict[str, set[int]] = defaultdict(set)
    for part in ("train", "valid", "test"):
        text = git_show(repo, commit, f"2_splits/ConvAbuseEMNLP{part}.csv")
        for row in csv.DictReader(io.StringIO(text)):
            said = [column.split("_is_abuse.")[1] for column, value in row.items()
                    if "_is_abuse." in column and value in ("1", "1.0")]
            abusive = sum(1 for level in said if level not in ("1", "0"))
            fine = sum(1 for level in said if level == "1")
            message = row["user"].strip()
            if not message:
                continue
            if abusive * 2 > len(said):
                seen[message].add(1)
            elif fine * 2 > len(said):
                seen[message].add(0)
    return sorted((t, next(iter(labels))) for t, labels in seen.items() if len(labels) == 1)[:limit]


def edos_rows(parts: tuple[str, ...]) -> list[dict[str, str]]:
    """Held out, never trained on: EDOS (SemEval-2023 task 10, CC0), 20,000 Gab and Reddit
    posts, each labelled sexist or not by the majority of three trained annotators, and a
    sexist post's category (threats, derogation, animosity, prejudiced discussion); only
    the given splits. Weighed as training data in session 9 and not used (DATA.md)."""
    repo, commit = EDOS
    text = git_show(repo, commit, "data/edos_labelled_aggregated.csv")
    return [row for row in csv.DictReader(io.StringIO(text)) if row["split"] in parts and row["text"].strip()]


def banter(limit: int | None) -> list[tuple[str, int]]:
    """Friendly slang and praise written for this project (banter.txt): all negatives."""
    lines = BANTER.read_text(encoding="utf-8").splitlines()
    return [(line.strip(), 0) for line in lines if line.strip() and not line.startswith("#")][:limit]


class WrittenError(Exception):
    """A written file that cannot be read, naming the file and line."""


@dataclass(frozen=True)
class WrittenRow:
    label: str
    function: str
    text: str
    line: int


def read_written(path: Path) -> list[WrittenRow]:
    """The rows of one written file: ``label<TAB>function<TAB>text``, no header; a line
    break inside a post is written " / " and read back as one. Blank lines are skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise WrittenError(f"{path}: cannot be read as UTF-8 text ({exc})") from None
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise WrittenError(f"{path}:{number}: expected 3 tab-separated columns "
                               f"(label, function, text), found {len(parts)}")
        label, function, text = (part.strip() for part in parts)
        if label not in WRITTEN_FUNCTIONS:
            raise WrittenError(f"{path}:{number}: label must be abusive or clean, not {label!r}")
        if function not in WRITTEN_FUNCTIONS[label]:
            raise WrittenError(f"{path}:{number}: a {label} row's function must be one of "
                               f"{', '.join(WRITTEN_FUNCTIONS[label])}, not {function!r}")
        if not text:
            raise WrittenError(f"{path}:{number}: the text is empty")
        rows.append(WrittenRow(label, function, text.replace(" / ", "\n"), number))
    return rows


def written(limit: int | None, leave_out: tuple[str, ...] = ()) -> dict[str, list[tuple[str, int]]]:
    """Each written file (``written/<writer>.tsv``) as a source ``written_<writer>``:
    abusive -> 1, clean -> 0; the writers in ``leave_out`` are left out."""
    out = {}
    for path in sorted(WRITTEN.glob("*.tsv")):
        if path.stem not in leave_out:
            out[f"written_{path.stem}"] = [(r.text, int(r.label == "abusive"))
                                          for r in read_written(path)][:limit]
    return out


def ethos() -> list[tuple[str, int]]:
    """Held out, never trained on: ETHOS binary (YouTube and Reddit comments)."""
    repo, commit = ETHOS
    text = git_show(repo, commit, "ethos/ethos_data/Ethos_Dataset_Binary.csv")
    out = []
    for row in csv.DictReader(io.StringIO(text), delimiter=";"):
        out.append((row["comment"], int(float(row["isHate"]) >= 0.5)))
    return out


def hatexplain() -> list[tuple[str, int]]:
    """Held out, never trained on: HateXplain validation and test posts, labelled for
    offensive language as well as hate. Three annotators each chose hate speech (0),
    normal (1) or offensive (2); the majority "hate speech" or "offensive" -> 1, majority
    "normal" -> 0 (the official splits hold no post without a majority)."""
    import ast

    repo, commit = HATEXPLAIN
    out = []
    for part in ("val", "test"):
        text = git_show(repo, commit, f"data/load_and_preprocess/df_{part}_processed.csv")
        for row in csv.DictReader(io.StringIO(text)):
            labels = ast.literal_eval(row["annotators"])["label"]
            normal = sum(1 for label in labels if label == 1)
            tokens = [_HATEXPLAIN_PLACEHOLDERS.get(t, t) for t in ast.literal_eval(row["post_tokens"])]
            out.append((" ".join(tokens), int(normal * 2 < len(labels))))
    return out


def gab_hate(part: str = "test") -> list[tuple[str, int]]:
    """Held out, never trained on: Gab Hate Corpus posts. Each post carries the majority of
    at least three trained annotators for human degradation (hd), a call for violence (cv)
    and vulgar or offensive language (vo); any of the three -> 1, none -> 0."""
    repo, commit = GAB_HATE
    text = git_show(repo, commit, f"ghc_{part}.tsv")
    out = []
    for row in csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE):
        if not (row.get("text") or "").strip():
            continue
        out.append((row["text"], int(any(row[k] == "1" for k in ("hd", "cv", "vo")))))
    return out


def conversational(limit: int | None) -> list[tuple[str, int]]:
    from training.medical_data import chatdoctor, counselling

    out = [(r[side], 0) for r in chatdoctor(limit) for side in ("patient", "doctor")]
    out += [(t, 0) for d in counselling(limit) for turns in d.values() for t in turns]
    return out


def sources(limit: int | None, leave_out: tuple[str, ...] = (),
            with_written: bool = False) -> dict[str, list[tuple[str, int]]]:
    """Every training source by name; ``with_written`` adds the written files but those
    in ``leave_out``."""
    return {
        "toxic_spans": toxic_spans(limit),
        "stormfront": stormfront(limit),
        "health_news": [(t, 0) for t in health_news(HEALTH_TRAIN_FEEDS, limit or 1500)],
        # Ordinary conversational text addressed to someone ("you", "your"), none of it
        # abusive: patients describing symptoms and doctors answering them.
        "consultations": conversational(limit),
        "own_corpus": own_corpus(RULE, CORPUS_COMMIT)[:limit],
        "toxigen": toxigen(limit),
        "hatemoji": hatemoji(limit),
        "mlma": mlma(limit),
        "banter": banter(limit),
        "convabuse": convabuse(limit),
        **(written(limit, leave_out) if with_written else {}),
    }


def own_sources(names: Iterable[str]) -> tuple[str, ...]:
    """The sources that are ours (weighted as our corpora are): our corpora, the banter
    lines and the written files."""
    return tuple(n for n in names if n in ("own_corpus", "banter") or n.startswith("written_"))


def main() -> None:
    args = arguments(C)
    config = FeatureConfig()
    data = sources(args.limit)
    model = fit_sources(data, config, UNIT, MIN_PRECISION, own=own_sources(data), c=args.c, nb=NB,
                        own_weight=OWN_WEIGHT)
    if args.limit is None:
        held = ethos()
        model.figures["heldout_ethos"] = model.heldout([t for t, _ in held], [y for _, y in held],
                                                       config, UNIT)
        held = hatexplain()
        model.figures["heldout_hatexplain"] = model.heldout([t for t, _ in held], [y for _, y in held],
                                                            config, UNIT)
        model.figures["heldout_health_news_flag_rate"] = model.news_flag_rate(config, UNIT)
        print("held out", model.figures)
    write_fitted(NAME, model, config, MIN_PRECISION, args.out, version="4", rule=RULE, unit=UNIT,
                 description="Offensive, abusive, hateful or threatening language (whole post).",
                 data=[f"{TOXIC_SPANS[0]} @ {TOXIC_SPANS[1]} : data/comments.csv, data/annotations.csv",
                       f"{STORMFRONT[0]} @ {STORMFRONT[1]} : annotations_metadata.csv, all_files/",
                       "Kent0n-Li/ChatDoctor and nbertagnolli/counsel-chat (health topics) as ordinary "
                       "negatives, see training/medical_data.py",
                       "UCI Health News in Twitter (allowed feeds only), see DATA.md",
                       own_source(CORPUS_COMMIT),
                       f"{TOXIGEN[0]} @ {TOXIGEN[1]} : prompts/{{hate,neutral}}_<group>_1k.txt",
                       f"{HATEMOJI[0]} @ {HATEMOJI[1]} : HatemojiBuild/train.csv, validation.csv",
                       f"{MLMA[0]} @ {MLMA[1]} : hate_speech_mlma.zip (en_dataset_with_stop_words.csv)",
                       "training/offensive/banter.txt (written for this model)",
                       *(f"training/offensive/written/{name.removeprefix('written_')}.tsv (written for "
                         "this model, session 13)" for name in data if name.startswith("written_")),
                       f"{CONVABUSE[0]} @ {CONVABUSE[1]} : 2_splits/ConvAbuseEMNLP{{train,valid,test}}.csv"],
                 fit=(f"logistic regression (C={args.c}) on features scaled by their log-count ratio "
                      "(NBSVM), the scale folded into the weights" if NB else
                      f"logistic regression (C={args.c})"))


if __name__ == "__main__":
    main()
