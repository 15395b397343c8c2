"""The command line: python -m lessonkit check | execute."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from lessonkit.__main__ import main

from ..helpers import PROJECT_ROOT, edit

MODULE_FILE = "en/01-what-is-trafficking.toml"


def test_check_passes_on_the_real_content(capsys):
    assert main(["check"]) == 0
    assert "is valid" in capsys.readouterr().out


def test_check_reports_every_broken_file_and_exits_1(content_copy, capsys):
    edit(content_copy / MODULE_FILE, 'id = "core-idea"', 'id = "Core idea"')
    edit(content_copy / "en" / "help.toml", 'sources = ["kids-help-phone"]', 'sources = ["kids"]')
    assert main(["check"]) == 1
    err = capsys.readouterr().err.splitlines()
    module_path = content_copy / MODULE_FILE
    assert (
        f'{module_path}: quiz #1: id: "Core idea" is not a valid id '
        "(use lowercase letters, digits and hyphens)" in err
    )
    assert any('line "kids-help-phone": sources[1]: unknown source id "kids"' in e for e in err)
    assert err[-1] == "2 problem(s) found."


def test_check_finds_duplicate_module_numbers(content_copy, capsys):
    source = (content_copy / MODULE_FILE).read_text(encoding="utf-8")
    twin = source.replace('id = "01-what-is-trafficking"', 'id = "01-a-twin"')
    (content_copy / "en" / "01-a-twin.toml").write_text(twin, encoding="utf-8")
    assert main(["check"]) == 1
    assert "module: number: 1 is also used by" in capsys.readouterr().err


def test_execute_refuses_to_run_on_broken_content(content_copy, course, capsys):
    minutes = course.module(MODULE_FILE.split("/")[-1][:2]).teaching_minutes
    edit(content_copy / MODULE_FILE, f"teaching_minutes = {minutes}", 'teaching_minutes = "ten"')
    assert main(["execute"]) == 1
    assert "teaching_minutes: must be a whole number, got text" in capsys.readouterr().err


def test_python_dash_m_runs_the_check_as_a_program(content_copy):
    edit(
        content_copy / MODULE_FILE,
        '[[quiz.options]]\ntext = "Crossing',
        '[[quiz.option]]\ntext = "Crossing',
    )
    result = subprocess.run(
        [sys.executable, "-m", "lessonkit", "check"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "LESSONKIT_CONTENT": str(content_copy)},
    )
    assert result.returncode == 1
    assert 'quiz "protocol-vs-code": option: unknown field' in result.stderr


def test_unknown_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["frobnicate"])
    assert exit_.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
