"""``benchmarks/profile.py --stages`` times the work rules share without changing it: the
functions it times are put back, and a run after it finds what a run before it did."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from socialpolicy.config import Config
from socialpolicy.engine import Linter

ROOT = Path(__file__).resolve().parent.parent


def _profile_script() -> ModuleType:
    path = ROOT / "benchmarks" / "profile.py"
    spec = importlib.util.spec_from_file_location("profile_under_test", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_stages_are_timed_and_then_put_back(capsys):
    from socialpolicy.inputs.draft import read_draft

    profile = _profile_script()
    linter = Linter(Config(), jobs=1, select=["post-length", "appointment-details"])
    posts = [read_draft("Your appointment is on Tuesday 14 May at 10:30 in clinic 3.", "a.md", {}),
             read_draft("Flu jabs for staff on Thursday in the atrium.", "b.md", {})]
    before = [f.to_dict() for f in linter.check_posts(posts).findings]
    originals = [(m, o, a, getattr(getattr(__import__(m, fromlist=["_"]), o) if o
                                   else __import__(m, fromlist=["_"]), a))
                 for m, o, a, _ in profile.STAGES]

    profile.print_stages(linter, posts)

    printed = capsys.readouterr().out
    assert "shared stage" in printed and "findings: masking, excerpts" in printed
    for module_name, owner_name, attribute, original in originals:
        module = __import__(module_name, fromlist=["_"])
        owner = getattr(module, owner_name) if owner_name else module
        assert getattr(owner, attribute) is original, f"{module_name}.{attribute} was not put back"
    assert before, "the appointment post should break the rule (the test needs a finding)"
    assert [f.to_dict() for f in linter.check_posts(posts).findings] == before
