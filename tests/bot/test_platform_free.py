"""The core knows no platform: nothing under bot/ imports slack_bolt or discord."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

BOT = Path(__file__).resolve().parents[2] / "bot"
FORBIDDEN = ("slack_bolt", "slack_sdk", "discord", "adapters.slack", "adapters.discord")


def test_no_module_of_bot_imports_a_platform_library() -> None:
    offenders = []
    for path in BOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.startswith(FORBIDDEN)]
    assert offenders == []


def test_importing_and_running_the_core_loads_no_platform_library() -> None:
    code = (
        "import sys, pkgutil, importlib, bot\n"
        "for m in pkgutil.walk_packages(bot.__path__, 'bot.'):\n"
        "    if m.name != 'bot.__main__' and '.migrations' not in m.name:\n"
        "        importlib.import_module(m.name)\n"
        "from bot.commands import Answerer\n"
        "from bot.knowledge import load_knowledge\n"
        "Answerer(load_knowledge()).answer('ask', 'who said no limits')\n"
        "platforms = ('slack_bolt', 'slack_sdk', 'discord')\n"
        "bad = [n for n in sys.modules if n.split('.')[0] in platforms]\n"
        "print(bad)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
