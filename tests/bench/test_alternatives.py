"""The rapidfuzz baseline's batch process: one answer line per question, in order.

Only this fast baseline runs here; the benchmark itself (`python -m bench.alternatives`)
is never part of the test suite.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("rapidfuzz")

from bench.baselines.article import load_article
from bench.baselines.batch import Baseline
from bench.baselines.retrievers import FuzzyRetriever
from bot.evaluation import DEFAULT_EVALUATION_FILE, read_items

ROOT = Path(__file__).resolve().parents[2]
ANSWER_KEYS = {"answered", "command", "text", "citations", "speaker", "confidence", "suggestions"}


def test_rapidfuzz_batch_answers_five_questions_in_order() -> None:
    items = read_items(DEFAULT_EVALUATION_FILE)[:5]
    lines = "".join(json.dumps({"command": i.command, "text": i.text}) + "\n" for i in items)
    done = subprocess.run(
        [sys.executable, "-m", "bench.baselines", "rapidfuzz", "--threshold", "50"],
        cwd=ROOT,
        input=lines,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=True,
    )
    replies = [json.loads(line) for line in done.stdout.splitlines()]

    assert len(replies) == len(items)
    title, sentences = load_article()
    paragraphs = {s.paragraph for s in sentences}
    for reply in replies:
        assert reply.keys() >= ANSWER_KEYS
        assert reply["speaker"] is None
        assert 0.0 <= reply["confidence"] <= 1.0
        if reply["answered"]:
            (citation,) = reply["citations"]
            assert citation["paragraph"] in paragraphs
            assert citation["quote"] in {s.text for s in sentences}
        else:
            assert reply["citations"] == []
            assert reply["suggestions"]
    # In order: each line is the answer to the question on the same input line.
    in_process = Baseline(FuzzyRetriever(sentences), sentences, 50.0, title)
    assert replies == [in_process.answer(i.command, i.text) for i in items]
    assert len({r["text"] for r in replies}) > 1
