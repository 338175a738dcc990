"""The ``socialpolicy`` command: options in, work handed to the modules that do it."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import SocialPolicyError
from .printable import say

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
@click.option("--select", multiple=True, metavar="RULE", help="Run only these rules (repeatable).")
@click.option("--ignore", multiple=True, metavar="RULE", help="Skip these rules (repeatable).")
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
          output: str | None, no_progress: bool, jobs: int | None, no_cache: bool,
          dask: str | None) -> None:
    """Check drafts (.txt, .md), calendars (.yaml, .json, .csv), folders, or - for stdin."""
    from .run import CheckOptions, run_check

    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    metadata: dict[str, Any] = {}
    for key, value in (("platform", platform), ("account", account), ("scheduled", scheduled)):
        if value is not None:
            metadata[key] = value
    options = CheckOptions(
        paths=paths, format=fmt, config=config_path, select=select, ignore=ignore,
        fail_on=fail_on, show_evidence=show_evidence, require_ner=require_ner, output=output,
        metadata=metadata, progress=not no_progress and fmt == "text" and output is None,
        jobs=jobs, cache=not no_cache, dask=dask,
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
def rules_test(paths: tuple[Path, ...], config_path: Path | None, verbose: bool) -> None:
    """Run every rule's fail/pass examples (the built-in pack, or the rule folders given)."""
    from .rule_tests import run_rule_tests

    report, ok = run_rule_tests(paths, config_path, verbose)
    click.echo(report, nl=False)
    sys.exit(0 if ok else 1)


@cli.command()
def init() -> None:
    """Write a starter socialpolicy.toml, accounts register, calendar and pre-commit snippet."""
    from .starter import write_starter

    for line in write_starter(Path.cwd()):
        click.echo(line)


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
        from .redact import Redactor

        _fail(f"internal error: {type(exc).__name__}: {Redactor().redact(str(exc))} "
              "(set SOCIALPOLICY_DEBUG=1 for details and please report it)")
