"""Several processes on one database: knowledge loaded once, no log row lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bot.knowledge import load_knowledge
from bot.storage import Store
from bot.storage import models as m

ROOT = Path(__file__).resolve().parents[2]
PROCESSES = 4
QUESTIONS = 40


def test_processes_starting_together_load_once_and_lose_nothing(
    database_url: str, tmp_path: Path
) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "ENVOY_DATA_DIR": str(tmp_path),
        "ENVOY_HASH_KEY": "k",
    }
    lines = "".join(
        json.dumps({"command": "ask", "text": f"who is the dni? ({n})"}) + "\n"
        for n in range(QUESTIONS)
    )
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "bot", "batch"],
            cwd=ROOT,
            env=env,
            text=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(PROCESSES)
    ]
    outputs = [worker.communicate(lines, timeout=120) for worker in workers]
    for worker, (out, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err
        assert len(out.splitlines()) == QUESTIONS
    store = Store(database_url)
    try:
        assert store.count(m.QuestionLogRow) == PROCESSES * QUESTIONS
        assert store.count(m.KnowledgeState) == 1
        assert store.count(m.FactRow) == len(load_knowledge(include_unreviewed=True).facts)
    finally:
        store.close()
