"""Project-level promises: the README's commands are what CI runs, every package folder gets installed, and
resources are found through the path helper."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```\n(.+?)\n```", quick)


def test_readme_quick_start_has_exactly_two_commands():
    commands = _readme_commands()
    assert len(commands) == 2, commands
    assert "beian-desktop" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert _readme_commands()[1] in ci


def test_every_package_folder_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "beian_desktop").rglob("__init__.py")
    }
    missing = found - listed
    assert not missing, f"add these packages to [tool.setuptools] packages in pyproject.toml: {sorted(missing)}"


def test_resources_are_found_through_the_path_helper():
    from beian_desktop.paths import resource_path

    assert resource_path("rules").is_dir()


def test_user_dirs_are_redirected_in_tests(tmp_path):
    from beian_desktop import paths

    assert str(paths.default_database_path()).startswith(str(Path(__import__("os").environ["BEIAN_DESKTOP_HOME"])))


@pytest.mark.parametrize("args", [["--version"], ["--help"]])
def test_cli_entry_points(args):
    result = subprocess.run([sys.executable, "-m", "beian_desktop", *args], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "beian-desktop" in result.stdout


def test_unknown_subcommand_is_a_usage_error():
    result = subprocess.run([sys.executable, "-m", "beian_desktop", "no-such-command"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


# build_installer.py (now a real build) is tested in tests/test_build_installer.py.
