"""Shared fixtures. The language model is loaded once per test session."""

from __future__ import annotations

import ast
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest

from socialpolicy.case_runner import CaseRunner
from socialpolicy.config import Config
from socialpolicy.engine import Linter
from socialpolicy.nlp import EVERYTHING, Language
from socialpolicy.ruleset import Rule, load_rules

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


# The costliest test files, costliest first (CPU seconds of a full run with coverage, this
# process plus its children, 2026-12-06; the first three also wait on pip, PyPI or a
# Dask cluster). `.ci/run` hands files to its two workers in collection order
# (--dist loadfile --no-loadscope-reorder): started first, they run beside the many
# cheap files instead of alone at the end while the other worker idles.
# Only speed depends on this list; a file missing from it runs after these, in name order.
HEAVIEST_FIRST = (
    "test_precommit.py", "test_distributed.py", "test_packaging.py",
    "test_hardening.py", "test_triage.py", "test_literals.py", "test_cases.py",
    "test_hostile_calendars.py", "test_quality.py", "test_parallel.py", "test_cache.py",
    "test_fixes.py", "test_properties.py", "test_web.py", "test_triage_rules.py",
    "test_sarif.py", "test_cli.py", "test_library_api.py", "test_hostile.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Put the files of HEAVIEST_FIRST first, in its order; tests within a file keep theirs."""
    rank = {name: i for i, name in enumerate(HEAVIEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


@contextmanager
def _untraced() -> Iterator[None]:
    """No coverage tracer while inside (the suite's, and the one a subprocess-measuring
    configuration starts in each xdist worker); pytest-cov's no_cover marker stops only
    its own."""
    try:
        import coverage
    except ImportError:  # pragma: no cover - coverage is a test dependency
        yield
        return
    stopped = []
    while (current := coverage.Coverage.current()) is not None:
        current.stop()
        stopped.append(current)
    try:
        yield
    finally:
        for cov in reversed(stopped):
            cov.start()


def found(linter: Linter, text: str) -> list[str]:
    """The evidence of every finding ``linter`` reports in ``text`` (imported by the
    name tests: ``from conftest import found``)."""
    return [f.evidence for f in linter.check_text(text)]


@pytest.fixture(scope="session")
def untraced() -> Callable[[], AbstractContextManager[None]]:
    """``with untraced():`` runs a block without the coverage tracer: for the few loops over
    whole corpora whose every line the suite's other tests reach too, where the tracer
    only multiplies the cost (it more than doubles them)."""
    return _untraced


@pytest.fixture(scope="session")
def language() -> Language:
    """One spaCy pipeline for the whole session (all components, so any rule can use it)."""
    return Language(None, components=EVERYTHING)


@pytest.fixture(scope="session")
def builtin_rules() -> list[Rule]:
    return load_rules(Config())


@pytest.fixture(scope="session")
def make_linter(language: Language, builtin_rules: list[Rule]) -> Callable[..., Linter]:
    """Build a Linter over the built-in rules sharing the session's language model."""

    def make(config: Config | None = None, **options: object) -> Linter:
        rules = builtin_rules if config is None or not config.rule_paths else None
        return Linter(config or Config(), rules=rules, language=language, **options)  # type: ignore[arg-type]

    return make


@pytest.fixture(scope="module")
def names(make_linter: Callable[..., Linter]) -> Linter:
    """named-person-consent alone, evidence unmasked (the tests compare the names it found)."""
    linter: Linter = make_linter(select=("named-person-consent",), show_evidence=True)
    return linter


@pytest.fixture(scope="session")
def case_runner(language: Language, builtin_rules: list[Rule]) -> CaseRunner:
    """The runner of tests/cases/*.yaml (and `rules test --cases`), over the session's pack and model."""
    return CaseRunner(builtin_rules, Config(), language)


@pytest.fixture(scope="session")
def linter(make_linter: Callable[..., Linter]) -> Linter:
    return make_linter()


class CliResult:
    def __init__(self, proc: subprocess.CompletedProcess[str]):
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def __repr__(self) -> str:
        return f"CliResult(code={self.code}, out={self.out[:500]!r}, err={self.err[:500]!r})"


@pytest.fixture(scope="session")
def run_cli_process() -> Callable[..., CliResult]:
    """Run the real ``socialpolicy`` command in a subprocess, as a user would: for what
    only a process shows (signals, forked workers, imports, hangs cut by a timeout)."""

    def run(*args: str, cwd: Path | str | None = None, input: str | bytes | None = None,
            env: dict[str, str] | None = None, timeout: float = 120) -> CliResult:
        full_env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
        full_env.update(env or {})
        data = input.encode("utf-8") if isinstance(input, str) else input
        proc = subprocess.run(
            [sys.executable, "-m", "socialpolicy", *args],
            cwd=cwd, input=data if data is not None else b"", capture_output=True,
            env=full_env, timeout=timeout,
        )
        return CliResult(subprocess.CompletedProcess(
            proc.args, proc.returncode,
            proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"),
        ))

    return run


Pipelines = dict[tuple[str, str, frozenset[str]], tuple[Any, list[str], list[str]]]


@pytest.fixture(scope="session")
def cli_pipelines() -> Pipelines:
    """The spaCy pipelines in-process CLI runs have loaded, by model, its folder and the
    components asked for: each is read from disk once per worker, not once per command."""
    return {}


def _reusing_load(real_load: Callable[[Language], Any], pipelines: Pipelines) -> Callable[[Language], Any]:
    """``Language.load`` that hands a new ``Language`` the pipeline an earlier command of
    this worker loaded for the same model and components. The model is still looked up
    and verified each time (through ``socialpolicy.nlp``, so a test that removes or breaks
    the model sees the failure a user would); only reading it from disk is skipped."""
    from socialpolicy import nlp

    def load(self: Language) -> Any:
        if self._nlp is not None or self._failed is not None:
            return real_load(self)
        package = nlp.find_model(self.requested or nlp.BUNDLED_MODEL)
        if package is None:
            return real_load(self)  # fails as a user's run would
        nlp.verify(package)
        key = (self.requested or nlp.BUNDLED_MODEL, str(package.data), frozenset(self.components))
        if key not in pipelines:
            loaded = real_load(self)
            pipelines[key] = (loaded, list(self._deferred), list(self._late))
            return loaded
        self._nlp, deferred, late = pipelines[key]
        self._deferred, self._late = list(deferred), list(late)
        return self._nlp

    return load


@pytest.fixture()
def cli(monkeypatch: pytest.MonkeyPatch, cli_pipelines: Pipelines) -> Callable[..., CliResult]:
    """Run ``socialpolicy`` in this process (fast), through the same entry point as
    the installed command: error handling, exit codes, stdout and stderr. A pipeline an
    earlier command loaded is reused (``_reusing_load``), as one long-lived process would."""
    from click.testing import CliRunner

    from socialpolicy.cli import main

    monkeypatch.setattr(Language, "load", _reusing_load(Language.load, cli_pipelines))

    def run(*args: str, cwd: Path | str | None = None, input: str | bytes | None = None,
            env: dict[str, str | None] | None = None, timeout: float | None = None) -> CliResult:
        del timeout  # in-process there is nothing to cut; hangs are run_cli_process's job
        if cwd is not None:
            monkeypatch.chdir(cwd)
        runner = CliRunner()
        code: int | str | None = 0
        with runner.isolation(input=input, env={"GITHUB_ACTIONS": None, **(env or {})}) as (
            out, err, _,
        ):
            try:
                main(list(args))
            except SystemExit as exc:
                code = exc.code
            finally:
                # The runner's streams are buffered text wrappers: what `say` wrote
                # to stderr is only in the captured bytes once flushed.
                sys.stdout.flush()
                sys.stderr.flush()
        return CliResult(subprocess.CompletedProcess(
            list(args), code if isinstance(code, int) else 1,
            out.getvalue().decode("utf-8", "replace"), err.getvalue().decode("utf-8", "replace"),
        ))

    return run


@pytest.fixture()
def run_cli(cli: Callable[..., CliResult]) -> Callable[..., CliResult]:
    """The command as most tests run it: in this process (see ``cli``)."""
    return cli


@pytest.fixture()
def interrupted_run() -> Callable[..., None]:
    """Press Ctrl-C on a real ``socialpolicy check`` after ``wait`` seconds and check that
    it stops as a user expects: exit 130, one plain line, no traceback, no report file."""

    def run(args: list[str], out: Path, wait: float, timeout: float = 120) -> None:
        proc = subprocess.Popen([sys.executable, "-m", "socialpolicy", "check", *args],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(wait)
        proc.send_signal(signal.SIGINT)
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()  # not left running for the rest of the session
            proc.communicate()
            pytest.fail(f"socialpolicy check did not stop within {timeout} s of Ctrl-C")
        if proc.returncode == 1:  # finished before the signal arrived: nothing to judge
            pytest.skip("the run finished before Ctrl-C")
        assert proc.returncode == 130, err
        assert err.decode().strip().splitlines()[-1] == "socialpolicy: interrupted"
        assert b"Traceback" not in err
        assert not out.exists()
        assert not list(out.parent.glob(f".{out.name}.*"))

    return run


@pytest.fixture()
def modules_after_check() -> Callable[..., tuple[list[str], str]]:
    """Run ``socialpolicy check ARGS`` in a fresh interpreter and say which of
    ``modules`` it imported, with its output: what a one-draft check must never load."""

    def run(args: list[str], modules: tuple[str, ...]) -> tuple[list[str], str]:
        code = (
            "import sys\nfrom socialpolicy.cli import main\n"
            f"sys.argv={['socialpolicy', 'check', *args]!r}\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            f"print('LOADED', sorted(m for m in {modules!r} if m in sys.modules))"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
        loaded = out.stdout.rpartition("LOADED ")[2].strip()
        return (ast.literal_eval(loaded) if loaded.startswith("[") else ["?"]), out.stdout + out.stderr

    return run

