"""The `treatyreview` command lists its commands and passes the rest to Django."""

from __future__ import annotations

import subprocess
import sys

from treatyreview.cli import main


def test_python_m_treatyreview_lists_the_commands() -> None:
    result = subprocess.run([sys.executable, "-m", "treatyreview"], capture_output=True, text=True, check=True)
    for command in ("draw", "verify-draw", "demo", "serve", "verify-audit", "import-participation"):
        assert f"  {command} " in result.stdout


def test_an_unknown_command_fails(capsys) -> None:
    assert main(["no-such-command"]) != 0
