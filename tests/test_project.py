"""The project's promises about itself: README commands, CI and the Procfile agree."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    return re.findall(r"```sh\n(.+?)\n```", (ROOT / "README.md").read_text(encoding="utf-8"))


def test_readme_starts_with_the_two_commands() -> None:
    first, second = readme_commands()[:2]
    assert first.startswith("python3 -m venv .venv") and first.endswith("envoy chat")
    assert "pytest" in second


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci.splitlines()


def test_procfile_release_step_upgrades_the_database() -> None:
    entries = dict(
        line.split(":", 1) for line in (ROOT / "Procfile").read_text().splitlines() if line
    )
    assert entries["release"].strip() == "python -m bot db upgrade"
