"""The corpus's labels kept as positions: saved from a labelled corpus and written back
beside rebuilt texts, the same labels come out (a made-up corpus here), and the shipped
label file fits the manifest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.corpus_labels import LABELS, LabelError, positions, write

TEXT = 'Harbor bridge to close\n\n"It is old," the mayor said.\n\nRepairs take "a year" or two.\n'
QUOTES = [
    {
        "paragraph": 1,
        "text": "It is old,",
        "speaker": "the mayor",
        "speaker_kind": "role",
        "pattern": "role-only",
    },
    {"paragraph": 2, "text": "a year", "speaker": None, "speaker_kind": "none", "pattern": "none"},
]
QUESTION = {
    "id": "h-q01",
    "command": "ask",
    "text": "when will it close",
    "answerable": False,
    "paragraphs": [],
    "kind": "near-miss",
}


def _corpus(root: Path) -> Path:
    article = root / "harbor"
    article.mkdir(parents=True)
    (article / "article.txt").write_text(TEXT, encoding="utf-8")
    (article / "labels.json").write_text(json.dumps({"quotes": QUOTES}), encoding="utf-8")
    (article / "questions.jsonl").write_text(json.dumps(QUESTION) + "\n", encoding="utf-8")
    (root / "dev.txt").write_text("harbor\n", encoding="utf-8")
    (root / "test.txt").write_text("", encoding="utf-8")
    return root


def test_labels_saved_as_positions_hold_no_words_and_come_back_the_same(tmp_path: Path) -> None:
    saved = positions(_corpus(tmp_path / "a"))
    assert "old" not in json.dumps(saved["harbor"]["quotes"])
    rebuilt = tmp_path / "b" / "harbor"
    rebuilt.mkdir(parents=True)
    (rebuilt / "article.txt").write_text(TEXT, encoding="utf-8")
    assert write(saved, tmp_path / "b") == []
    back = json.loads((rebuilt / "labels.json").read_text(encoding="utf-8"))["quotes"]
    assert back == QUOTES
    assert json.loads((rebuilt / "questions.jsonl").read_text(encoding="utf-8")) == QUESTION
    assert (tmp_path / "b" / "dev.txt").read_text(encoding="utf-8") == "harbor\n"


def test_a_label_whose_words_its_paragraph_lacks_is_refused(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    wrong = [{**QUOTES[0], "text": "It is new,"}]
    (corpus / "harbor" / "labels.json").write_text(json.dumps({"quotes": wrong}), "utf-8")
    with pytest.raises(LabelError):
        positions(corpus)


def test_an_article_whose_text_is_missing_is_reported_not_written(tmp_path: Path) -> None:
    saved = positions(_corpus(tmp_path / "a"))
    (tmp_path / "b").mkdir()
    assert write(saved, tmp_path / "b") == ["harbor"]


def test_the_shipped_labels_cover_the_manifest_in_two_splits() -> None:
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    manifest = json.loads((LABELS.parent / "corpus_manifest.json").read_text(encoding="utf-8"))
    assert set(labels) == {entry["slug"] for entry in manifest}
    assert {entry["split"] for entry in labels.values()} == {"dev", "test"}
    assert all(len(entry["questions"]) == 14 for entry in labels.values())
    assert all(
        0 <= span["start"] < span["end"] for entry in labels.values() for span in entry["quotes"]
    )
