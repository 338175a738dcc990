"""Tweet length and entity extraction, to the rules of twitter-text 3.

X counts a post by *weighted length*, not by characters: most Latin and European text
weighs 1, CJK and other wide characters 2, every URL 23 whatever its real length, and
(since twitter-text v3) a whole emoji sequence 2.  A post's length limit has to agree
with X to the character, so this module follows twitter-text
(https://github.com/twitter/twitter-text, Apache-2.0) closely: the URL, hashtag and
mention patterns are ports of its JavaScript and Ruby patterns, its top-level-domain
list ships beside this file (``twitter_tlds.txt``), and ``tests/test_twitter_text.py``
runs twitter-text's own conformance cases.

Where this port departs from twitter-text, on purpose:

* Emoji.  twitter-text v3 finds emoji with the twemoji-parser regular expression, a
  generated list of the sequences Twemoji had images for.  Here emoji sequences are
  found from the Unicode emoji properties of the ``regex`` module (UTS #51 shapes:
  keycaps, flags, tag sequences, modifier and ZWJ sequences), so new emoji count right
  without a list to refresh.  Both give the same length for fully-qualified
  recommended emoji that twemoji knows; this port counts 2 where an older twemoji
  list counts each part (a ZWJ sequence newer than the list, such as a heart on fire,
  or one missing its U+FE0F), and 2 for a ZWJ sequence no platform draws as one
  picture, where twemoji counts 2 + 1 + 2.
* Offsets are Python ``str`` (code point) indices into the text as given, as in the
  conformance files, not UTF-16 units; :func:`parse_tweet` alone reports UTF-16 ranges,
  as twitter-text does.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import regex

__all__ = [
    "TWITTER_V2",
    "TWITTER_V3",
    "Entity",
    "ParsedTweet",
    "TwitterConfig",
    "WeightRange",
    "extract_emoji",
    "extract_hashtags",
    "extract_mentions",
    "extract_urls",
    "parse_tweet",
    "weighted_length",
]


@dataclass(frozen=True)
class Entity:
    """Something found in a tweet: ``text[start:end]`` of the text searched.

    For a hashtag ``text`` is the tag without ``#`` and the span covers ``#tag``; for a
    mention it is the screen name without ``@`` and the span covers ``@name``.
    """

    text: str
    start: int
    end: int


# --- weighting configuration -------------------------------------------------------


@dataclass(frozen=True)
class WeightRange:
    """Code points ``start``..``end`` (inclusive) weigh ``weight`` (before scaling)."""

    start: int
    end: int
    weight: int


_V2_RANGES = (
    WeightRange(0, 4351, 100),
    WeightRange(8192, 8205, 100),
    WeightRange(8208, 8223, 100),
    WeightRange(8242, 8247, 100),
)


def _char_class(ranges: tuple[WeightRange, ...]) -> str:
    return "".join(f"\\U{r.start:08x}-\\U{r.end:08x}" for r in ranges)


@dataclass(frozen=True)
class TwitterConfig:
    """A twitter-text weighting configuration (``config/v2.json``, ``v3.json``)."""

    max_weighted_tweet_length: int = 280
    scale: int = 100
    default_weight: int = 200
    ranges: tuple[WeightRange, ...] = _V2_RANGES
    transformed_url_length: int = 23
    emoji_parsing_enabled: bool = True
    # Derived once per configuration so weighing a calendar compiles nothing.
    # (light weight, pattern of one code point *not* of that weight), when every range
    # has the same weight, as in v2 and v3; None sends other configurations the slow way.
    _light: tuple[int, re.Pattern[str]] | None = field(
        init=False, repr=False, compare=False, hash=False
    )
    _ascii_weight: int | None = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        weights = {r.weight for r in self.ranges}
        light = None
        if len(weights) == 1:
            heavy = re.compile(f"[^{_char_class(self.ranges)}]")
            light = (weights.pop(), heavy)
        object.__setattr__(self, "_light", light)
        ascii_weights = {self.weight_of(cp) for cp in range(0x80)}
        object.__setattr__(
            self, "_ascii_weight", ascii_weights.pop() if len(ascii_weights) == 1 else None
        )

    def weight_of(self, code_point: int) -> int:
        """The unscaled weight of one code point outside URLs and emoji.

        The first range holding it decides, as in twitter-text's getCharacterWeight.
        """
        for r in self.ranges:
            if r.start <= code_point <= r.end:
                return r.weight
        return self.default_weight

    def _units(self, text: str) -> int:
        """Unscaled weight of ``text`` taken one code point at a time."""
        if self._ascii_weight is not None and text.isascii():
            return len(text) * self._ascii_weight
        if self._light is not None:
            # Count the heavy code points rather than the light ones: English text has
            # almost none, so this is a search that finds nothing.
            weight, heavy = self._light
            n_heavy = len(heavy.findall(text))
            return (len(text) - n_heavy) * weight + n_heavy * self.default_weight
        return sum(self.weight_of(ord(ch)) for ch in text)


#: twitter-text ``config/v2.json``: wide characters 2, URLs 23, no emoji discount.
TWITTER_V2 = TwitterConfig(emoji_parsing_enabled=False)
#: twitter-text ``config/v3.json`` (what X uses): as v2, and a whole emoji counts 2.
TWITTER_V3 = TwitterConfig(emoji_parsing_enabled=True)


# --- URLs (ports of twitter-text js/src/regexp/*) -------------------------------------


def _load_tlds() -> tuple[list[str], list[str]]:
    text = resources.files(__package__).joinpath("twitter_tlds.txt").read_text("utf-8")
    sections: dict[str, list[str]] = {"country": [], "generic": []}
    current: list[str] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections[line[1:-1]]
        elif current is not None:
            current.append(line)
    return sections["generic"], sections["country"]


def _trie(words: list[str]) -> str:
    """A pattern matching any of ``words``, factored by common prefix.

    A flat alternation of ~1,500 TLDs is tried one name at a time at every '.', which
    made URL search the slowest part of weighing a post; a prefix tree is tried one
    character at a time.
    """
    if not words:
        return ""
    branches: dict[str, list[str]] = {}
    ends = False
    for word in words:
        if word:
            branches.setdefault(word[0], []).append(word[1:])
        else:
            ends = True
    # Longer names first, so "comcast" is tried before "com" (the lookahead after the
    # TLD would reject "com" there anyway; this only saves backtracking).
    alternatives = [re.escape(ch) + _trie(rest) for ch, rest in sorted(branches.items())]
    body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    return f"(?:{body})?" if ends else body


def _tld_alternation(tlds: list[str]) -> str:
    return "(?:" + _trie(tlds) + "(?=[^0-9a-zA-Z@+-]|$))"


_VALID_PUNYCODE = r"(?:xn--[\-0-9a-z]+)"

_DIRECTIONAL_MARKERS = "\u202a-\u202e\u061c\u200e\u200f\u2066\u2067\u2068\u2069"
_INVALID_CHARS = "\ufffe\ufeff\uffff"
_SPACES = "\x09-\x0d\x20\x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_PUNCT = r"\!'#%&'\(\)*\+,\\\-\.\/:;<=>\?@\[\]\^_{|}~\$"
_LATIN_ACCENTS = (
    "\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b\u0263"
    "\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
_CYRILLIC = "\u0400-\u04ff"

_DOMAIN_CHAR = f"[^{_PUNCT}{_SPACES}{_INVALID_CHARS}{_DIRECTIONAL_MARKERS}]"
_SUBDOMAIN = f"(?:(?:{_DOMAIN_CHAR}(?:[_-]|{_DOMAIN_CHAR})*)?{_DOMAIN_CHAR}\\.)"
_DOMAIN_NAME = f"(?:(?:{_DOMAIN_CHAR}(?:-|{_DOMAIN_CHAR})*)?{_DOMAIN_CHAR}\\.)"

_PATH_CHAR = f"[a-z{_CYRILLIC}0-9!\\*';:=\\+,\\.\\$\\/%#\\[\\]\\-\\u2013_~@\\|&{_LATIN_ACCENTS}]"
# Up to two levels of balanced parentheses: /wiki/Primer_(film), /S(dfd346)/.
_BALANCED_PARENS = (
    f"\\((?:{_PATH_CHAR}+|(?:{_PATH_CHAR}*\\({_PATH_CHAR}+\\){_PATH_CHAR}*))\\)"
)
_PATH_END = f"(?:[\\+\\-a-z{_CYRILLIC}0-9=_#\\/{_LATIN_ACCENTS}]|(?:{_BALANCED_PARENS}))"
_PATH = (
    f"(?:(?:{_PATH_CHAR}*(?:{_BALANCED_PARENS}{_PATH_CHAR}*)*{_PATH_END})"
    f"|(?:@{_PATH_CHAR}+\\/))"
)
_QUERY_CHAR = r"[a-z0-9!?\*'@\(\);:&=\+\$\/%#\[\]\-_\.,~|]"
_QUERY_END = r"[a-z0-9\-_&=#\/]"
_PRECEDING = f"(?:[^A-Za-z0-9@\uff20$#\uff03{_INVALID_CHARS}]|[{_DIRECTIONAL_MARKERS}]|^)"


@lru_cache(maxsize=1)
def _url_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # Built and compiled on first need (about 0.1 s with the TLD list, a prefix tree
    # of some 1,500 names), so a post with no "name.tld" in it, and a run that never
    # measures X posts, never pays for it.
    gtlds, cctlds = _load_tlds()
    tld = f"{_tld_alternation(gtlds)}|{_tld_alternation(cctlds)}|{_VALID_PUNYCODE}"
    domain = f"(?:{_SUBDOMAIN}*{_DOMAIN_NAME}(?:{tld}))"
    extract_url = (
        f"({_PRECEDING})"  # 1: the character before
        "("  # 2: the URL
        r"(https?://)?"  # 3: protocol
        f"({domain})"  # 4: domain
        r"(?::[0-9]+)?"  # port
        f"(/{_PATH}*)?"  # 5: path
        f"(?:\\?{_QUERY_CHAR}*{_QUERY_END})?"  # query
        ")"
    )
    valid_ascii_domain = f"(?:(?:[\\-a-z0-9{_LATIN_ACCENTS}]+)\\.)+(?:{tld})"
    return (
        re.compile(extract_url, re.IGNORECASE),
        re.compile(valid_ascii_domain, re.IGNORECASE),
    )


# A URL's domain always has a '.' followed by a letter (its top-level domain).
_DOT_LETTER = re.compile(r"\.[^\W\d_]")
_INVALID_WITHOUT_PROTOCOL_PRECEDING = re.compile(r"[-_./]$")
_VALID_TCO_URL = re.compile(
    f"^https?://t\\.co/([a-z0-9]+)(?:\\?{_QUERY_CHAR}*{_QUERY_END})?", re.IGNORECASE
)
# A whole space-free run holding a '.'; the lookbehind starts it only at a run's start,
# so text without dots is scanned once, not once per position.
_DOTTED_RUN = re.compile(f"(?<![^{_SPACES}])[^{_SPACES}.]*\\.[^{_SPACES}]*")
_IDNA_DOTS = re.compile("[\u3002\uff0e\uff61]")

_MAX_URL_LENGTH = 4096
_MAX_TCO_SLUG_LENGTH = 40
_DEFAULT_PROTOCOL = "https://"
_MAX_DOMAIN_LABEL_LENGTH = 63


def _utf16_len(text: str) -> int:
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _punycode_label_ok(label: str) -> bool:
    if label.isascii():
        return 1 <= len(label) <= _MAX_DOMAIN_LABEL_LENGTH
    # punycode.js toASCII splits on the IDNA full stops too, then encodes each part.
    parts = _IDNA_DOTS.split(label)
    encoded = [p if p.isascii() else "xn--" + p.encode("punycode").decode("ascii") for p in parts]
    length = sum(len(p) for p in encoded) + len(parts) - 1
    return 1 <= length <= _MAX_DOMAIN_LABEL_LENGTH


def _is_valid_url(url: str, protocol: str, domain: str) -> bool:
    # twitter-text's lib/idna.js: a light RFC 3490 check of label lengths, no nameprep.
    if domain.startswith("xn--") and not _url_patterns()[1].search(domain):
        return False
    if not all(_punycode_label_ok(label) for label in domain.split(".")):
        return False
    return len(protocol) + _utf16_len(url) <= _MAX_URL_LENGTH


def _url_matches(text: str) -> Iterator[re.Match[str]]:
    """What ``_EXTRACT_URL.finditer(text)`` yields, found faster.

    No URL contains a space, so only the space-free runs holding a '.' are searched,
    each with the character before it (the "preceding character" of the pattern).
    Matches never span runs, so this is the same scan without trying the pattern at
    every position of ordinary prose.
    """
    for run in _DOTTED_RUN.finditer(text):
        if _DOT_LETTER.search(run.group()):
            yield from _url_patterns()[0].finditer(text, max(run.start() - 1, 0), run.end())


def extract_urls(text: str) -> list[Entity]:
    """URLs in ``text`` as twitter-text finds them, with or without a protocol.

    A bare domain counts only if its top-level domain is a real one (``example.com``,
    ``jpaget.nhs.uk``; not ``file.txt``).
    """
    if "." not in text:
        return []
    urls: list[Entity] = []
    for m in _url_matches(text):
        before, url, protocol, domain, path = m.group(1, 2, 3, 4, 5)
        start, end = m.start(2), m.end(2)
        if not _is_valid_url(url, protocol or _DEFAULT_PROTOCOL, domain):
            continue
        if not protocol:
            if _INVALID_WITHOUT_PROTOCOL_PRECEDING.search(before):
                continue
            # Without a protocol only ASCII domains count: in "日本語example.com" the
            # URL is "example.com".
            last: Entity | None = None
            offset = 0
            for a in _url_patterns()[1].finditer(domain):
                a_start = domain.index(a.group(0), offset)
                offset = a_start + len(a.group(0))
                last = Entity(a.group(0), start + a_start, start + offset)
                urls.append(last)
            if last is None:
                continue
            if path:
                urls[-1] = Entity(url.replace(domain, last.text, 1), last.start, end)
        else:
            tco = _VALID_TCO_URL.match(url)
            if tco:
                # A t.co link ends where its slug does: no extra path characters.
                if len(tco.group(1)) > _MAX_TCO_SLUG_LENGTH:
                    continue
                url = tco.group(0)
                end = start + len(url)
            urls.append(Entity(url, start, end))
    return urls


# --- hashtags and mentions ---------------------------------------------------------

# From twitter-text rb/lib/twitter-text/regex.rb: letters and marks beyond \p{L}\p{M}
# that Twitter's generated tables accept (several are private-use characters).
_HASHTAG_EXTRA_LETTERS = (
    "\u037f\u0528-\u052f\u08a0-\u08b2\u08e4-\u08ff\u0978\u0980\u0c00\u0c34\u0c81\u0d01\u0ede"
    "\u0edf\u10c7\u10cd\u10fd-\u10ff\u16f1-\u16f8\u17b4\u17b5\u191d\u191e\u1ab0-\u1abe"
    "\u1bab-\u1bad\u1bba-\u1bbf\u1cf3-\u1cf6\u1cf8\u1cf9\u1de7-\u1df5\u2cf2\u2cf3\u2d27\u2d2d"
    "\u2d66\u2d67\u9fcc\ua674-\ua67b\ua698-\ua69d\ua69f\ua792-\ua79f\ua7aa-\ua7ad\ua7b0\ua7b1"
    "\ua7f7-\ua7f9\ua9e0-\ua9ef\ua9fa-\ua9fe\uaa7c-\uaa7f\uaae0-\uaaef\uaaf2-\uaaf6"
    "\uab30-\uab5a\uab5c-\uab5f\uab64\uab65\uf870-\uf87f\uf882\uf884-\uf89f\uf8b8"
    "\uf8c1-\uf8d6\ufa2e\ufa2f\ufe27-\ufe2d"
)
_HASHTAG_EXTRA_NUMERALS = (
    "\u0de6-\u0def\ua9f0-\ua9f9\U000110f0-\U000110f9\U00011136-\U0001113f"
    "\U000111d0-\U000111d9\U000112f0-\U000112f9\U000114d0-\U000114d9\U00011650-\U00011659"
    "\U000116c0-\U000116c9\U000118e0-\U000118e9\U00016a60-\U00016a69\U00016b50-\U00016b59"
)
_HASHTAG_SPECIAL = (
    "_\u200c\u200d\ua67e\u05be\u05f3\u05f4\uff5e\u301c\u309b\u309c\u30a0\u30fb\u3003"
    "\u0f0b\u0f0c\xb7"
)
_HASHTAG_ALPHA = f"[\\p{{L}}\\p{{M}}{_HASHTAG_EXTRA_LETTERS}]"
_HASHTAG_ALNUM_CHARS = (
    f"\\p{{L}}\\p{{M}}{_HASHTAG_EXTRA_LETTERS}\\p{{Nd}}{_HASHTAG_EXTRA_NUMERALS}{_HASHTAG_SPECIAL}"
)
_HASHTAG_ALNUM = f"[{_HASHTAG_ALNUM_CHARS}]"
# The character before '#' is consumed, as in twitter-text, so "#a#b" and its kin are
# split exactly the way X splits them.
_VALID_HASHTAG = regex.compile(
    f"(?:^|\ufe0e|\ufe0f|[^&{_HASHTAG_ALNUM_CHARS}])"
    f"[#\uff03](?!\ufe0f|\u20e3)({_HASHTAG_ALNUM}*{_HASHTAG_ALPHA}{_HASHTAG_ALNUM}*)"
)
_HASH_SIGN = re.compile("[#\uff03]")
# Used with .match(text, pos), which anchors at pos (a "^" would not).
_END_HASHTAG = re.compile("[#\uff03]|://")

_VALID_MENTION = re.compile(
    "(?:^|[^a-zA-Z0-9_!#$%&*@\uff20]|(?:^|[^a-zA-Z0-9_+~.-])(?:rt|RT|rT|Rt):?)"
    "[@\uff20]([a-zA-Z0-9_]{1,20})(/[a-zA-Z][a-zA-Z0-9_\\-]{0,24})?"
)
_END_MENTION = re.compile(f"[@\uff20]|[{_LATIN_ACCENTS}]|://")


def _remove_overlapping(entities: list[tuple[Entity, bool]]) -> list[tuple[Entity, bool]]:
    # twitter-text's removeOverlappingEntities: sort by start (stably), drop anything
    # that starts before the last kept entity ends.
    kept: list[tuple[Entity, bool]] = []
    for item in sorted(entities, key=lambda e: e[0].start):
        if kept and kept[-1][0].end > item[0].start:
            continue
        kept.append(item)
    return kept


def _hashtag_matches(text: str) -> Iterator[regex.Match[str]]:
    """What ``_VALID_HASHTAG.finditer(text)`` yields, trying only around each '#'.

    A match starts one character before its '#' (or at the start of the text), and a
    character the previous match used cannot start the next one.
    """
    done = 0  # end of the previous match
    for sign in _HASH_SIGN.finditer(text):
        at = sign.start()
        start = max(at - 1, 0)
        if start < done:
            continue
        m = _VALID_HASHTAG.match(text, start)
        if m:
            done = m.end()
            yield m


def extract_hashtags(text: str) -> list[Entity]:
    """Hashtags as X links them: ``Entity("NHS", start, end)`` spans ``#NHS``.

    A '#' inside a URL (``example.com/#top``) is not a hashtag.
    """
    if "#" not in text and "\uff03" not in text:
        return []
    tags: list[Entity] = []
    for m in _hashtag_matches(text):
        if _END_HASHTAG.match(text, m.end()):
            continue
        tags.append(Entity(m.group(1), m.start(1) - 1, m.end(1)))
    if not tags:
        return tags
    urls = extract_urls(text)
    if not urls:
        return tags
    merged = _remove_overlapping([(t, True) for t in tags] + [(u, False) for u in urls])
    return [entity for entity, is_tag in merged if is_tag]


def extract_mentions(text: str) -> list[Entity]:
    """@mentions of accounts (not of lists): ``Entity("JamesPagetNHS", start, end)``."""
    if "@" not in text and "\uff20" not in text:
        return []
    found: list[Entity] = []
    for m in _VALID_MENTION.finditer(text):
        if _END_MENTION.match(text, m.end()) or m.group(2):
            continue
        found.append(Entity(m.group(1), m.start(1) - 1, m.end(1)))
    return found


# --- emoji ---------------------------------------------------------------------------

# One emoji as a reader sees it (UTS #51).  Bare (C) and (R) are left out: twemoji
# treats them as text unless U+FE0F asks for the emoji picture.
_EMOJI_ELEMENT = (
    r"(?:\p{Emoji_Modifier_Base}\p{Emoji_Modifier}"
    r"|[\xa9\xae]\ufe0f"
    r"|[\p{Extended_Pictographic}--[\xa9\xae]]\ufe0f?)"
)
_EMOJI = regex.compile(
    r"[#*0-9]\ufe0f?\u20e3"  # keycap
    r"|\p{Regional_Indicator}{2}"  # flag
    r"|\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f"  # England, Scotland, Wales
    f"|{_EMOJI_ELEMENT}(?:\u200d{_EMOJI_ELEMENT})*",  # ZWJ sequence, or one emoji
    regex.V1,
)


def extract_emoji(text: str) -> list[Entity]:
    """Whole emoji sequences: a family, a flag, a skin-toned hand or a keycap is one."""
    if text.isascii():
        return []
    return [Entity(m.group(0), m.start(), m.end()) for m in _EMOJI.finditer(text)]


# --- weighted length -----------------------------------------------------------------


def _nfc(text: str) -> str:
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def _entity_units(text: str, config: TwitterConfig) -> dict[int, tuple[int, int]]:
    """start -> (end, unscaled weight) of every URL and emoji in ``text``."""
    spans: dict[int, tuple[int, int]] = {}
    if config.emoji_parsing_enabled:
        for e in extract_emoji(text):
            spans[e.start] = (e.end, config.default_weight)
    url_units = config.transformed_url_length * config.scale
    for u in extract_urls(text):
        spans[u.start] = (u.end, url_units)  # a URL wins over an emoji at the same place
    return spans


def weighted_length(text: str, config: TwitterConfig = TWITTER_V3) -> int:
    """The length X gives ``text`` (twitter-text ``parseTweet(...).weightedLength``).

    The text is NFC-normalised first; each URL counts ``transformed_url_length`` (23);
    with ``emoji_parsing_enabled`` each emoji sequence counts as one wide character (2);
    every other code point weighs by ``config.ranges`` (1 for most Latin text, 2 for
    CJK and the rest).
    """
    norm = _nfc(text)
    if "." not in norm and (norm.isascii() or not config.emoji_parsing_enabled):
        return config._units(norm) // config.scale
    spans = _entity_units(norm, config)
    units = 0
    pos = 0
    for start in sorted(spans):
        if start < pos:  # begins inside an entity already counted
            continue
        end, weight = spans[start]
        units += config._units(norm[pos:start]) + weight
        pos = end
    units += config._units(norm[pos:])
    return units // config.scale


@dataclass(frozen=True)
class ParsedTweet:
    """twitter-text's ``parseTweet`` result; ranges are inclusive UTF-16 offsets."""

    weighted_length: int
    valid: bool
    permillage: int
    valid_range_start: int
    valid_range_end: int
    display_range_start: int
    display_range_end: int


def parse_tweet(text: str, config: TwitterConfig = TWITTER_V3) -> ParsedTweet:
    """Weighted length, validity and the valid range, as twitter-text ``parseTweet``.

    Slower than :func:`weighted_length` (it walks every code point to find where the
    text stops fitting); use it when the range matters.
    """
    norm = _nfc(text)
    spans = _entity_units(norm, config)
    limit = config.max_weighted_tweet_length * config.scale
    units = 0
    valid = True
    valid_display = 0  # UTF-16 offset of the last unit that still fits
    u16 = 0
    i = 0
    while i < len(norm):
        if i in spans:
            end, weight = spans[i]
        else:
            end, weight = i + 1, config.weight_of(ord(norm[i]))
        units += weight
        u16 += _utf16_len(norm[i:end])
        if valid:
            valid = norm[end - 1] not in _INVALID_CHARS
        if valid and units <= limit:
            valid_display = u16 - 1
        i = end
    # twitter-text divides without rounding; weights here are multiples of the scale.
    length = units // config.scale
    text_u16 = _utf16_len(text)
    return ParsedTweet(
        weighted_length=length,
        valid=valid and 0 < length <= config.max_weighted_tweet_length,
        permillage=math.floor(length / config.max_weighted_tweet_length * 1000),
        valid_range_start=0,
        valid_range_end=max(valid_display, 0) + text_u16 - _utf16_len(norm),
        display_range_start=0,
        display_range_end=text_u16 - 1 if text_u16 > 0 else 0,
    )
