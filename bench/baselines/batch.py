"""The batch loop every baseline answers through, with the shape of Envoy's answers.

An answer is the best-scoring sentence, cited with its paragraph, unless its score is
below the baseline's threshold (a score of 0 or less always is): then the baseline
declines and suggests the nearest sentences. A baseline names no speaker (`speaker` is
null), so it cannot pass a `who-said` question. Besides Envoy's fields, each answer
carries `score`, the raw score of the best sentence (the scorer ignores it;
`bench.alternatives` tunes the thresholds on it).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from bench.baselines.article import SOURCE_ID, Sentence
from bench.baselines.retrievers import Retriever
from bot.batch import answer_lines

SUGGESTIONS = 3
DECLINE_TEXT = "No sentence of the article matches that closely enough."

# Thresholds tuned on tests/evaluation/public.jsonl by `python -m bench.alternatives`
# (maximising answer accuracy + decline accuracy); the benchmark re-tunes and passes them.
DEFAULT_THRESHOLDS: dict[str, float] = {"bm25": 3.03667, "minilm": 0.658438, "rapidfuzz": 79.3988}


def confidence(name: str, score: float, threshold: float) -> float:
    """A 0..1 confidence: the cosine or ratio itself, and for BM25 (unbounded) a score
    squashed so that the threshold maps to 0.5."""
    if name == "rapidfuzz":
        return score / 100
    if name == "minilm":
        return min(1.0, max(0.0, score))
    if score <= 0 or not math.isfinite(threshold):
        return 0.0 if score <= 0 else 1.0
    return score / (score + max(threshold, 1e-9))


class Baseline:
    """Answers questions with the sentences a retriever ranks highest."""

    def __init__(
        self, retriever: Retriever, sentences: Sequence[Sentence], threshold: float, title: str
    ) -> None:
        self.retriever = retriever
        self.sentences = list(sentences)
        self.threshold = threshold
        self.title = title

    def answer(self, command: str, text: str) -> dict[str, Any]:
        """The answer to one question, as a dict of Envoy's `Answer.to_dict` shape."""
        scores = self.retriever.scores(text)
        ranked = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
        best = self.sentences[ranked[0]]
        score = scores[ranked[0]]
        answered = score >= self.threshold and score > 0
        result: dict[str, Any] = {
            "answered": answered,
            "command": command,
            "text": "",
            "citations": [],
            "speaker": None,
            "confidence": round(confidence(self.retriever.name, score, self.threshold), 3),
            "suggestions": [],
            "matched": [],
            "answer_id": None,
            "score": round(score, 6),
        }
        if answered:
            result["text"] = f"{best.text} (paragraph {best.paragraph})"
            result["citations"] = [
                {
                    "quote": best.text,
                    "paragraph": best.paragraph,
                    "source": self.title,
                    "source_id": SOURCE_ID,
                    "speaker": None,
                }
            ]
            result["matched"] = [f"sentence-{best.index}"]
        else:
            result["text"] = DECLINE_TEXT
            result["suggestions"] = [self.sentences[i].text for i in ranked[:SUGGESTIONS]]
        return result

    def run(self, lines: Iterable[str], stdout: TextIO) -> None:
        """Answer JSON lines `{"command", "text"}`, one JSON line each, in order; a bad line
        gets `{"answered": false, "error": ...}`, as in `python -m bot batch`."""
        answer_lines(lines, self.answer, stdout)
