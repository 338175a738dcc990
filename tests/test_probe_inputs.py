"""What ``benchmarks/probe.py`` found about files a user keeps (session 9).

``--fix`` on a calendar linked into the repository replaced the link with a fixed copy
and left the real calendar as it was; a folder ``--fix`` may not write to ended in an
"internal error" instead of a message naming the file.
"""

from __future__ import annotations

import tempfile

CALENDAR = ('posts:\n  - id: a\n    platform: twitter\n'
            '    text: "Join us #mentalhealthawareness"\n')


def test_fix_through_a_link_fixes_the_real_calendar_and_keeps_the_link(cli, tmp_path):
    real = tmp_path / "shared" / "calendar.yaml"
    real.parent.mkdir()
    real.write_text(CALENDAR, encoding="utf-8")
    link = tmp_path / "calendar.yaml"
    link.symlink_to(real)
    result = cli("check", str(link), "--fix")
    assert result.code == 0, result.err
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert "#MentalHealthAwareness" in real.read_text(encoding="utf-8")


def test_fix_where_the_folder_cannot_be_written_names_the_file(cli, tmp_path, monkeypatch):
    calendar = tmp_path / "calendar.yaml"
    calendar.write_text(CALENDAR, encoding="utf-8")

    def refused(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    # What a read-only folder does (the suite may run as root, which no mode stops).
    monkeypatch.setattr(tempfile, "mkstemp", refused)
    result = cli("check", str(calendar), "--fix")
    assert result.code == 2
    assert f"{calendar}: cannot write the fixed file (Permission denied)" in result.err
    assert "internal error" not in result.err and "Traceback" not in result.err
    assert calendar.read_text(encoding="utf-8") == CALENDAR
