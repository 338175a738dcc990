"""Platform archives: what an account already published, read as a calendar (SPEC §1).

* An X/Twitter archive's ``data/tweets.js`` (older archives: ``tweet.js``; big ones
  are split into ``tweets-part1.js`` ...): ``window.YTD.tweets.part0 = [ {"tweet":
  {...}}, ... ]``. The account is the ``--account`` given, else the username in
  ``account.js`` beside it; ``manifest.js`` beside it gives the day the archive was
  made, which is the ``as_of`` of the inactivity check (an archive says nothing of
  what came after it).
* A Facebook Page export's posts file (``your_posts_1.json`` and the like): a JSON
  list of ``{"timestamp": ..., "data": [{"post": "..."}], "attachments": [...]}``.
  Facebook writes UTF-8 bytes as ``\\u00e2\\u0080\\u0099``; that is undone. The
  account is ``--account``, else the page name in each entry's ``title``.

Archives can hold hundreds of thousands of posts, so they are never read whole:
``_items`` reads the file a megabyte at a time and hands each entry of the list to
the C JSON decoder as soon as it is complete, counting lines as it goes, so every
post points at its line and memory does not grow with the file. (ijson streams too,
but gives no line numbers; a hand-written tokenizer in Python would be far slower
than the standard decoder.) Posts are built directly, not through the calendar
schema: an archive's fields are the platform's, not ours.
"""

from __future__ import annotations

import fnmatch
import html
import io
import json
import os
import re
from collections.abc import Iterator, Mapping
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, TextIO

from ..config import Config
from ..errors import InputError
from ..jsonpos import column_of, skip_blanks
from ..models import Media, Position, Post, ReplyTo
from .reading import open_regular

# X archive file names (newer archives say "tweets", older ones "tweet").
X_ARCHIVE_NAMES = ("tweets.js", "tweet.js", "tweets-part*.js", "tweet-part*.js")
CHUNK_CHARS = 1 << 20
_HEAD_CHARS = 1 << 16
_X_START = re.compile(r"\s*window\.YTD\.[A-Za-z_]+\.part\d+\s*=\s*\[")
_LIST_START = re.compile(r"\s*\[")
_FACEBOOK_HEAD = re.compile(r'\A\s*\[\s*\{[^\[\]]{0,2000}?"timestamp"\s*:\s*\d', re.S)
_MANIFEST_DATE = re.compile(r'"generationDate"\s*:\s*"(\d{4}-\d{2}-\d{2})')
_USERNAME = re.compile(r'"username"\s*:\s*"([A-Za-z0-9_]{1,50})"')
_ACCOUNT_ID = re.compile(r'"accountId"\s*:\s*"(\d+)"')
# "James Paget University Hospitals updated their status." -> the page's name.
_FACEBOOK_TITLE = re.compile(
    r"^(?P<name>.+?) (?:updated (?:their|his|her) status|shared a (?:link|post|photo|video|"
    r"memory|event)|added (?:a new|\d+ new) (?:photo|video)s?|posted in|wrote on|"
    r"was live|is (?:feeling|with|at))",
)
_VIDEO = (".mp4", ".mov", ".m4v", ".webm")


def is_x_archive(path: str) -> bool:
    name = Path(path).name.lower()
    return any(fnmatch.fnmatch(name, pattern) for pattern in X_ARCHIVE_NAMES)


def is_facebook_export(path: str) -> bool:
    """A ``.json`` file that starts like a Facebook posts export (a list of timestamped posts)."""
    try:
        with _open(path) as handle:
            head = handle.read(_HEAD_CHARS)
    except (InputError, UnicodeDecodeError):
        return False  # the calendar reader gives the proper message
    return bool(_FACEBOOK_HEAD.match(head))


def is_archive(path: str) -> bool:
    """Whether ``path`` is read as a platform archive (an X ``tweets.js`` or a Facebook
    Page's posts export) rather than as a draft or calendar."""
    return is_x_archive(path) or (path.lower().endswith(".json") and is_facebook_export(path))


def read_archive(path: str, config: Config, metadata: Mapping[str, Any] | None = None) -> Any:
    """A ``Loaded`` whose posts are read when checked (``stream``), a chunk at a time."""
    from .loaded import Loaded

    metadata = metadata or {}
    account = metadata.get("account")
    max_item = int(config.max_file_mb * 1_000_000)
    if is_x_archive(path):
        folder = Path(path).parent
        name = Path(path).name.lower()
        stem = "tweets" if name.startswith("tweets") else "tweet"
        head = _sibling(folder, f"{stem}.js")
        if "-part" in name and head is not None:
            # One account's history is one calendar: the parts are read with the first file.
            return Loaded(path, skipped=f"part of the X archive {head.name}, which is "
                          "checked with all its parts")
        parts = [Path(path), *_parts(folder, stem)] if head is not None else [Path(path)]
        as_of = _manifest_date(folder)
        own_name, own_id = _x_account(folder)
        if account is None:
            account = own_name
        for part in parts:
            _check_start(str(part), _X_START,
                         "an X archive file starts with window.YTD.tweets.part0 = [")

        def x_posts() -> Iterator[Post]:
            for part in parts:
                yield from _x_posts(str(part), account, own_id, max_item)

        return Loaded(path, as_of=as_of, calendar=True, stream=x_posts)

    def facebook_posts() -> Iterator[Post]:
        return _facebook_posts(path, account, max_item)

    return Loaded(path, calendar=True, stream=facebook_posts)


# -- reading -------------------------------------------------------------------


def _open(path: str) -> TextIO:
    """A regular file as UTF-8 text; pipes, devices and sockets are refused."""
    fd = open_regular(path)
    raw = os.fdopen(fd, "rb")
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="strict", newline="")


def _check_start(path: str, start: re.Pattern[str], expected: str) -> None:
    with _open(path) as handle:
        try:
            head = handle.read(_HEAD_CHARS)
        except UnicodeDecodeError:
            raise InputError(path, "not valid UTF-8; an archive is UTF-8 text as the platform "
                             "wrote it", 1) from None
    if not start.match(head):
        raise InputError(path, f"this does not look like a platform archive ({expected})", 1)


def _items(path: str, start: re.Pattern[str], max_item: int) -> Iterator[tuple[Any, int, str, int, int]]:
    """Each entry of the file's one big JSON list, with its line and where it lies.

    Yields ``(value, line, buffer, begin, end)``: the decoded entry, its 1-based line,
    and the text buffer with the entry's offsets in it (valid until the next item),
    so the caller can find where a field was written.
    """
    decoder = json.JSONDecoder()
    with _open(path) as handle:
        buf = ""
        eof = False
        line_at, line_offset = 1, 0  # line number of buf[line_offset]

        def fill() -> None:
            nonlocal buf, eof
            try:
                data = handle.read(CHUNK_CHARS)
            except UnicodeDecodeError:
                raise InputError(path, "not valid UTF-8 near here; an archive is UTF-8 text",
                                 line_at + buf.count("\n", line_offset)) from None
            if data:
                buf += data
            else:
                eof = True

        def where(offset: int) -> tuple[int, int]:
            line = line_at + buf.count("\n", line_offset, offset)
            return line, column_of(buf, offset)

        def fail(offset: int, reason: str) -> InputError:
            return InputError(path, f"not valid JSON: {reason}", *where(offset))

        while len(buf) < 4096 and not eof:
            fill()
        head = start.match(buf)
        if head is None:
            raise InputError(path, "this does not look like a platform archive (it should hold "
                             "one JSON list of posts)", 1)
        pos = head.end()
        need_comma = False
        while True:
            # Skip blanks, reading more when the buffer runs out.
            while True:
                pos = skip_blanks(buf, pos)
                if pos < len(buf) or eof:
                    break
                fill()
            if pos >= len(buf):
                raise fail(pos, "the file ends before the list of posts is closed with ']'")
            if buf[pos] == "]":
                return
            if need_comma:
                if buf[pos] != ",":
                    raise fail(pos, "expected ',' or ']' after an entry")
                pos += 1
                need_comma = False
                continue
            while True:
                try:
                    value, end = decoder.raw_decode(buf, pos)
                    break
                except json.JSONDecodeError as exc:
                    if eof:
                        raise fail(exc.pos, exc.msg) from None
                    if len(buf) - pos > max_item:
                        raise InputError(
                            path, f"one entry is larger than {max_item / 1_000_000:g} MB (or is "
                            "not valid JSON); raise max_file_mb if it is real", *where(pos),
                        ) from None
                    fill()
            line = where(pos)[0]
            # Lines are counted from here next time, so each costs only its own entry.
            line_at, line_offset = line, pos
            yield value, line, buf, pos, end
            pos, need_comma = end, True
            if pos > CHUNK_CHARS:
                # Drop what has been read, so the buffer stays about one chunk long.
                line_at += buf.count("\n", line_offset, pos)
                buf, pos, line_offset = buf[pos:], 0, 0


def _field_position(buf: str, begin: int, end: int, line: int, key: str) -> Position | None:
    """Where the value of ``"key"`` starts inside one entry, inside its opening quote."""
    at = buf.find(f'"{key}"', begin, end)
    if at == -1:
        return None
    colon = buf.find(":", at, end)
    value = skip_blanks(buf, colon + 1) if colon != -1 else at
    line += buf.count("\n", begin, value)
    return Position(line, column_of(buf, value) + 1)


# -- X / Twitter ---------------------------------------------------------------


def _read_small(path: Path) -> str:
    try:
        with _open(str(path)) as handle:
            return handle.read(_HEAD_CHARS)
    except (InputError, UnicodeDecodeError):
        return ""


def _sibling(folder: Path, name: str) -> Path | None:
    """``name`` in ``folder``, matched without case (archives unzipped on Windows vary)."""
    try:
        for entry in folder.iterdir():
            if entry.name.lower() == name and entry.is_file():
                return entry
    except OSError:
        return None
    return None


def _parts(folder: Path, stem: str) -> list[Path]:
    """``tweets-part1.js``, ``tweets-part2.js``, ... in number order."""
    found = []
    pattern = re.compile(rf"{stem}-part(\d+)\.js", re.I)
    try:
        for entry in folder.iterdir():
            match = pattern.fullmatch(entry.name)
            if match and entry.is_file():
                found.append((int(match.group(1)), entry))
    except OSError:
        return []
    return [entry for _, entry in sorted(found)]


def _manifest_date(folder: Path) -> date | None:
    match = _MANIFEST_DATE.search(_read_small(folder / "manifest.js"))
    if match is None:
        return None
    try:
        return date.fromisoformat(match.group(1))
    except ValueError:
        return None


def _x_account(folder: Path) -> tuple[str | None, str | None]:
    """``@username`` and account id from ``account.js`` (nothing else in it is read)."""
    text = _read_small(folder / "account.js")
    name = _USERNAME.search(text)
    number = _ACCOUNT_ID.search(text)
    return (f"@{name.group(1)}" if name else None, number.group(1) if number else None)


def _x_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.strptime(value, "%a %b %d %H:%M:%S %z %Y")
    except ValueError:
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None


def _x_text(tweet: Mapping[str, Any]) -> str:
    """The words as published: HTML entities undone, links shown as written, photo links gone."""
    raw = tweet.get("full_text", tweet.get("text"))
    text: str = raw if isinstance(raw, str) else ""
    entities: Mapping[str, Any] = _mapping(tweet.get("entities"))
    for link in entities.get("urls") or []:
        if isinstance(link, Mapping) and isinstance(link.get("url"), str):
            expanded = link.get("expanded_url")
            if isinstance(expanded, str) and expanded:
                text = text.replace(link["url"], expanded)
    extended = _mapping(tweet.get("extended_entities"))
    for item in (extended.get("media") or entities.get("media") or []):
        if isinstance(item, Mapping) and isinstance(item.get("url"), str):
            # The t.co link X appends for attached media is not part of what was written.
            text = text.replace(item["url"], "").rstrip()
    return html.unescape(text)


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _x_media(tweet: Mapping[str, Any]) -> tuple[Media, ...]:
    extended = tweet.get("extended_entities")
    entities = tweet.get("entities")
    items = (extended.get("media") if isinstance(extended, Mapping) else None) or (
        entities.get("media") if isinstance(entities, Mapping) else None) or []
    out = []
    for item in items:
        if not isinstance(item, Mapping):
            continue
        name = str(item.get("media_url_https") or item.get("media_url") or item.get("id_str") or "")
        if item.get("type") in ("video", "animated_gif"):
            variants = (item.get("video_info") or {}).get("variants") or []
            urls = [str(v.get("url", "")).split("?")[0] for v in variants if isinstance(v, Mapping)]
            name = next((u for u in urls if u.lower().endswith(_VIDEO)), name + ".mp4")
        alt = item.get("ext_alt_text")
        out.append(Media(file=name, alt=alt if isinstance(alt, str) and alt.strip() else None))
    return tuple(out)


def _x_posts(path: str, account: str | None, own_id: str | None, max_item: int) -> Iterator[Post]:
    for value, line, buf, begin, end in _items(path, _X_START, max_item):
        tweet = value.get("tweet", value) if isinstance(value, Mapping) else None
        if not isinstance(tweet, Mapping):
            raise InputError(path, "each entry of an X archive should be a tweet ({\"tweet\": {...}})",
                             line)
        text = _x_text(tweet)
        reply = None
        to_name = tweet.get("in_reply_to_screen_name")
        to_user = tweet.get("in_reply_to_user_id_str") or tweet.get("in_reply_to_user_id")
        # A reply to the account itself is the next part of a thread, not a reply to someone.
        to_someone = isinstance(to_name, str) and bool(to_name) and (
            own_id is None or str(to_user) != own_id)
        if to_someone and (account is None or str(to_name).casefold()
                           != account.lstrip("@").casefold()):
            reply = ReplyTo(author=f"@{to_name}", text="")
        start = Position(line, 1)
        text_at = _field_position(buf, begin, end, line, "full_text") or start
        tweet_id = tweet.get("id_str") or tweet.get("id")
        yield Post(
            text=text,
            source=path,
            id=None if tweet_id is None else str(tweet_id),
            account=account,
            platform="twitter",
            scheduled=_x_time(tweet.get("created_at")),
            media=_x_media(tweet),
            reply_to=reply,
            position=text_at,
            text_lines=(text_at,) * (text.count("\n") + 1) if "\n" in text else (),
            exact_columns=False,
            field_positions={"scheduled": _field_position(buf, begin, end, line, "created_at")
                             or start, "account": start},
        )


# -- Facebook ------------------------------------------------------------------


def _unmojibake(text: str) -> str:
    """Facebook exports write each UTF-8 byte as its own character; put them back together."""
    if text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text  # already proper text


def _facebook_text(entry: Mapping[str, Any]) -> str:
    parts: list[str] = []
    for item in entry.get("data") or []:
        if isinstance(item, Mapping) and isinstance(item.get("post"), str):
            parts.append(_unmojibake(item["post"]))
    text = "\n".join(parts)
    for attachment in entry.get("attachments") or []:
        for item in (attachment.get("data") or []) if isinstance(attachment, Mapping) else []:
            link = (item.get("external_context") or {}).get("url") if isinstance(item, Mapping) else None
            if isinstance(link, str) and link and link not in text:
                # A shared link was published with the post: the rules that judge links should see it.
                text = f"{text}\n{link}" if text else link
    return text


def _facebook_media(entry: Mapping[str, Any]) -> tuple[Media, ...]:
    out = []
    for attachment in entry.get("attachments") or []:
        for item in (attachment.get("data") or []) if isinstance(attachment, Mapping) else []:
            media = item.get("media") if isinstance(item, Mapping) else None
            if isinstance(media, Mapping) and isinstance(media.get("uri"), str):
                out.append(Media(file=_unmojibake(media["uri"])))
    return tuple(out)


def _facebook_posts(path: str, account: str | None, max_item: int) -> Iterator[Post]:
    for value, line, buf, begin, end in _items(path, _LIST_START, max_item):
        if not isinstance(value, Mapping):
            raise InputError(path, "each entry of a Facebook posts export should be a post "
                             "({\"timestamp\": ..., \"data\": [...]})", line)
        stamp = value.get("timestamp")
        when = None
        if isinstance(stamp, (int, float)) and not isinstance(stamp, bool):
            try:
                when = datetime.fromtimestamp(stamp, tz=timezone.utc)
            except (OverflowError, OSError, ValueError):
                raise InputError(path, "timestamp: is not a real moment in time", line) from None
        name = account
        title = value.get("title")
        if name is None and isinstance(title, str):
            match = _FACEBOOK_TITLE.match(_unmojibake(title))
            name = match.group("name") if match else None
        text = _facebook_text(value)
        start = Position(line, 1)
        text_at = _field_position(buf, begin, end, line, "post") or start
        yield Post(
            text=text,
            source=path,
            id=None if when is None else when.strftime("%Y-%m-%dT%H:%M:%SZ"),
            account=name,
            platform="facebook",
            scheduled=when,
            media=_facebook_media(value),
            position=text_at,
            text_lines=(text_at,) * (text.count("\n") + 1) if "\n" in text else (),
            exact_columns=False,
            field_positions={"scheduled": _field_position(buf, begin, end, line, "timestamp")
                             or start, "account": start},
        )

