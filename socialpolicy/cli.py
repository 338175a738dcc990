"""The ``socialpolicy`` command: options in, work handed to the modules that do it."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from .errors import SocialPolicyError
from .printable import say
from .version import __version__

SEVERITY = click.Choice(["error", "warning", "info"])


def _fail(message: str, code: int = 2) -> None:
    # Escaped, so a file name or a reason can neither forge another line nor send
    # a terminal or a CI runner a command.
    say(message)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="socialpolicy")
def cli() -> None:
    """Check draft social media posts and content calendars against the Trust's
    social media policy, clause by clause."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github"]),
              default=None, help="Report format (default text; github under GitHub Actions).")
@click.option("--platform", help="Platform of a .txt draft or stdin (twitter, facebook, ...).")
@click.option("--account", help="Account a .txt draft goes out from, e.g. @JamesPagetNHS.")
@click.option("--scheduled", help="When a .txt draft goes out (ISO 8601; no offset = UK time).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Configuration file (default: socialpolicy.toml or pyproject.toml, found upwards).")
@click.option("--select", multiple=True, metavar="RULE[,RULE]",
              help="Run only these rules (comma-separated or repeated).")
@click.option("--ignore", multiple=True, metavar="RULE[,RULE]",
              help="Skip these rules (comma-separated or repeated).")
@click.option("--stdin-filename", metavar="NAME",
              help="Read - (stdin) as this file would be read, e.g. draft.md with front matter.")
@click.option("--statistics", is_flag=True, help="Show how many findings each rule gave, not each finding.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (2 still means unusable input).")
@click.option("--fix", is_flag=True,
              help="Apply safe fixes in place (CamelCase hashtags); nothing else in the file changes. "
                   "A platform archive is never rewritten.")
@click.option("--unsafe-fixes", is_flag=True,
              help="With --fix or --diff, also fixes that change meaning: signposting for "
                   "medical advice in replies, masking identifiers. Check them with --diff first.")
@click.option("--diff", is_flag=True, help="Show what the fixes would change and write nothing.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
              help="Colour the text report (auto: on a terminal, unless NO_COLOR is set).")
@click.option("--fail-on", type=SEVERITY, default=None,
              help="Lowest severity that makes the exit code 1 (default warning).")
@click.option("--show-evidence", is_flag=True,
              help="Show personal data found in posts unmasked. Never use in shared CI logs.")
@click.option("--require-ner", is_flag=True,
              help="Fail (exit 2) if no language model is installed for name detection.")
@click.option("--output", "-o", metavar="FILE", help="Write the report to FILE (atomically).")
@click.option("--no-progress", is_flag=True, help="Never draw a progress bar.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=None, metavar="N",
              help="Processes for a big calendar (default 0: one per core; 1: just this one).")
@click.option("--no-cache", is_flag=True,
              help="Check every post afresh, neither reading nor writing the result cache.")
@click.option("--dask", metavar="ADDRESS",
              help="Check a large input on a Dask cluster (tcp://host:8786), or 'local' for "
                   "one on this machine. Needs: pip install 'socialpolicy[dask]'.")
def check(paths: tuple[str, ...], fmt: str | None, platform: str | None, account: str | None,
          scheduled: str | None, config_path: Path | None, select: tuple[str, ...],
          ignore: tuple[str, ...], fail_on: str | None, show_evidence: bool, require_ner: bool,
          output: str | None, no_progress: bool, jobs: int | None, stdin_filename: str | None,
          statistics: bool, exit_zero: bool, fix: bool, unsafe_fixes: bool, diff: bool,
          color: str, no_cache: bool, dask: str | None) -> None:
    """Check drafts (.txt, .md), calendars (.yaml, .json, .csv, .xlsx), platform archives,
    folders, or - for stdin."""
    from .run import CheckOptions, run_check

    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    metadata: dict[str, Any] = {}
    if platform is not None:
        # "Twitter", "X" and "twitter" are one platform, as people write it.
        platform = platform.strip().lower()
    for key, value in (("platform", platform), ("account", account), ("scheduled", scheduled)):
        if value is not None:
            metadata[key] = value
    options = CheckOptions(
        paths=paths, format=fmt, config=config_path, select=select, ignore=ignore,
        fail_on=fail_on, show_evidence=show_evidence, require_ner=require_ner, output=output,
        metadata=metadata, progress=not no_progress and fmt == "text" and output is None,
        jobs=jobs, stdin_filename=stdin_filename, statistics=statistics, exit_zero=exit_zero,
        color=color, fix=fix, unsafe_fixes=unsafe_fixes, diff=diff,
        cache=not no_cache, dask=dask,
    )
    sys.exit(run_check(options))


@cli.group()
def rules() -> None:
    """List, show and test the rules."""


@rules.command("list")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path))
def rules_list(config_path: Path | None) -> None:
    """Every rule with its severity and policy clause."""
    from .rule_docs import list_rules

    click.echo(list_rules(config_path), nl=False)


@rules.command("show")
@click.argument("rule_id")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path))
def rules_show(rule_id: str, config_path: Path | None) -> None:
    """One rule: its clause, message, suggestion and examples."""
    from .rule_docs import show_rule

    click.echo(show_rule(rule_id, config_path), nl=False)


@rules.command("test")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--verbose", "-v", is_flag=True, help="List every example, not only failures.")
@click.option("--cases", "case_dirs", multiple=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Also run the case files (<rule-id>.yaml) of this folder; may be repeated.")
@click.option("--update-cases", is_flag=True,
              help="Rewrite the expected evidence of the --cases files from what the rules "
                   "report now (after renaming detectors); never turns a case on or off.")
def rules_test(paths: tuple[Path, ...], config_path: Path | None, verbose: bool,
               case_dirs: tuple[Path, ...], update_cases: bool) -> None:
    """Run every rule's fail/pass examples (the built-in pack, or the rule folders given),
    and the case files of each --cases folder."""
    from .rule_tests import run_rule_tests

    if update_cases and not case_dirs:
        raise click.UsageError("--update-cases rewrites case files: name their folder with --cases.")
    report, ok = run_rule_tests(paths, config_path, verbose, case_dirs, update_cases)
    click.echo(report, nl=False)
    sys.exit(0 if ok else 1)


@rules.command("index")
def rules_index() -> None:
    """Refresh rules/literals.json after editing the built-in pack's patterns or lists,
    rules/parsed.bin after editing any of its YAML files, rules/patterns.bin (its
    regular expressions compiled ahead of time) after either, and the rule schema's
    detector part after changing a kind's options."""
    from . import pattern_index
    from .kinds.schema import write_rule_schema
    from .literal_index import write_index
    from .pack_cache import write_cache

    click.echo(write_index())
    click.echo(write_cache())
    click.echo(pattern_index.write_cache())
    click.echo(write_rule_schema())


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text",
              help="Queue format (default text).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Configuration file (default: socialpolicy.toml or pyproject.toml, found upwards).")
@click.option("--show-evidence", is_flag=True,
              help="Show personal data in messages unmasked. Never use in shared logs.")
@click.option("--output", "-o", metavar="FILE", help="Write the queue to FILE (atomically).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=None, metavar="N",
              help="Processes for a big export (default 0: one per core; 1: just this one).")
def triage(paths: tuple[str, ...], fmt: str, config_path: Path | None, show_evidence: bool,
           output: str | None, jobs: int | None) -> None:
    """Sort exported comments and messages (.csv, .xlsx, .json, .yaml) into a moderation queue,
    most urgent first, each with an action, the clause behind it and a suggested reply."""
    from .triage.command import TriageOptions, run_triage

    sys.exit(run_triage(TriageOptions(paths=paths, format=fmt, config=config_path,
                                      show_evidence=show_evidence, output=output, jobs=jobs)))


@cli.command()
def init() -> None:
    """Write a starter socialpolicy.toml, accounts register, calendar and pre-commit snippet."""
    from .starter import write_starter

    for line in write_starter(Path.cwd()):
        click.echo(line)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to serve on; keep 127.0.0.1 so only this computer can reach it.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Configuration file (default: socialpolicy.toml or pyproject.toml, found upwards).")
@click.option("--max-upload-mb", default=10.0, show_default=True, type=click.FloatRange(min=0.01),
              help="Largest upload the page accepts.")
def serve(host: str, port: int, config_path: Path | None, max_upload_mb: float) -> None:
    """A local web page to paste a draft or upload a calendar and see the findings."""
    from .web import MISSING, web_available

    if not web_available():
        _fail(MISSING)
    from .web.server import serve as run_server

    run_server(host, port, config_path, max_upload_mb)


def _terminated() -> type[Exception]:
    from .run import Terminated

    return Terminated


def main(argv: list[str] | None = None) -> None:
    """Entry point: no traceback ever reaches a user; exit 2 for unusable input."""
    for stream in (sys.stdout, sys.stderr):
        # A terminal that cannot show a character (a cp1252 console and an emoji)
        # gets an escape for it, not a crash halfway through the report.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        cli.main(args=argv, prog_name="socialpolicy", standalone_mode=False)
    except SocialPolicyError as exc:
        _fail(exc.format())
    except click.exceptions.Abort:
        _fail("interrupted", 130)
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except _terminated():
        _fail("terminated", 143)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(1)
    except SystemExit:
        raise
    except Exception as exc:  # a bug of ours; say so in one line
        if os.environ.get("SOCIALPOLICY_DEBUG"):
            raise
        from .errors import masked_reason

        _fail(f"internal error: {type(exc).__name__}: {masked_reason(str(exc))} "
              "(set SOCIALPOLICY_DEBUG=1 for details and please report it)")
