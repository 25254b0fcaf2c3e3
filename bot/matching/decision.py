"""Answer or decline: the probability that the best-scored document answers the question.

The ranker orders candidates; this module decides whether the first of them is an
answer at all. It reads a few facts about the question and the best document (how much
of the question the document covers, in its own words or its example questions; how far
it stands above documents from other paragraphs; whether the names fit; how much of the
question is words the knowledge never uses; ...) and turns them into a probability with
a logistic model. The model is fitted on questions written for that purpose
(`tests/training/`), never on the evaluation sets: `python -m bench.fit_decision`
refits it and rewrites `bot/matching/fitted.py`, and a test holds that file to what the
command produces. An answer is given when the probability reaches the fitted threshold;
the probability is the answer's confidence.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.matching.ranker import ParsedQuestion, Ranker, Scored

FEATURES: tuple[str, ...] = (
    "score",
    "coverage",
    "evidence_coverage",
    "entity_share",
    "margin",
    "unknown_share",
    "terms",
    "phrasing",
    "kind_asked",
    "kind_met",
    "speaker_met",
    "named",
    "quote",
    "role",
)
"""What the decision reads, in the fitted model's order:
- score: the ranker's score of the best document;
- coverage: the weighted share of the question's terms the best document holds;
- evidence_coverage: the same share counted in the article's own words only (its
  evidence and statement, not its example questions or topics);
- entity_share: the share of the entities named that the best document concerns;
- margin: how far the best document scores above the best of another paragraph of its
  source that matches less of the question (fewer names or less coverage);
- unknown_share: the weighted share of the question's terms the best document's source
  never uses;
- terms: how many content terms the question has (log);
- phrasing: closeness of the question's content words to those of the best document's
  example questions; missing (NaN) when it has none, as a quotation or a freshly drafted
  fact has none: the model then reads it as neutral, neither close nor far;
- kind_asked: whether the question asks a kind of answer (when, where, how many, ...);
- kind_met: whether it does and the best document can answer that kind;
- speaker_met: whether, when the question asks what someone said, they speak in the best
  document (or it tells what they said);
- named: whether the question names an entity or topic;
- quote, role: whether the best document is a quotation, or a person's role."""


@dataclass(frozen=True, slots=True)
class Model:
    """A fitted logistic model: standardised features, weights, bias and threshold."""

    means: tuple[float, ...]
    scales: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, values: Sequence[float]) -> float:
        z = self.bias + sum(
            w * (v - m) / s
            for w, v, m, s in zip(self.weights, values, self.means, self.scales, strict=True)
            if not math.isnan(v)  # a missing feature is neutral: its mean
        )
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


@dataclass(frozen=True, slots=True)
class Decision:
    """Whether to answer, the probability it rests on, and the facts it read."""

    answer: bool
    probability: float
    features: Mapping[str, float]


def features(
    parsed: ParsedQuestion,
    ranked: Sequence[Scored],
    ranker: Ranker,
) -> dict[str, float]:
    """The facts the decision reads about a question and its best document."""
    best = ranked[0]
    document = best.document
    parsed = ranker.view(parsed, document.source)  # as the best document's source reads it
    # The runner-up is the best document of another paragraph of the same source that
    # matches less: documents that hold every name and as much of the question are other
    # answers ("what did Blinken say about China" has several), not rivals, and another
    # source's documents never weigh on how clearly this one stands out in its own.
    runner_up = next(
        (
            s.score
            for s in ranked[1:]
            if s.document.source == document.source
            and s.document.paragraph != document.paragraph
            and (s.entity_share, s.coverage) < (best.entity_share, best.coverage)
        ),
        0.0,
    )
    own = ranker.weights(parsed, document.source)
    total = sum(own.weights)
    pairs = list(zip(own.terms, own.weights, strict=True))
    unknown = own.unknown
    index, analyzer = ranker.index, ranker.analyzer
    item = index.get(document.key)  # the index caches what it has read
    own_words: set[str] = set()
    phrasing = math.nan  # no example questions to compare with
    if item is not None:
        own_words = set(item.evidence_terms)
        own_words.update(analyzer.terms(document.statement, repair=False))
        if item.examples:
            # Compared by content words only, so chatter around a question changes nothing.
            asked = " ".join(own.terms)
            examples = ranker.example_terms(item)
            closest = process.extractOne(asked, examples, scorer=fuzz.token_sort_ratio)
            phrasing = closest[1] / 100 if closest else 0.0
    return {
        "score": best.score,
        "coverage": best.coverage,
        "evidence_coverage": sum(w for t, w in pairs if t in own_words) / total if total else 0.0,
        "entity_share": best.entity_share,
        "margin": best.score - runner_up,
        "unknown_share": sum(w for t, w in pairs if t in unknown) / total if total else 0.0,
        "terms": math.log1p(len(parsed.terms)),
        "phrasing": phrasing,
        "kind_asked": float(parsed.intent.kind is not None),
        "kind_met": float(parsed.intent.kind is not None and best.kind_met),
        "speaker_met": float(best.speaker_met),
        "named": float(bool(parsed.entities or parsed.topics)),
        "quote": float(document.kind == "quote"),
        "role": float(document.kind == "role"),
    }


def decide(
    parsed: ParsedQuestion,
    ranked: Sequence[Scored],
    ranker: Ranker,
    model: Model,
) -> Decision:
    """Whether the best of `ranked` answers `parsed`, by the fitted `model`."""
    if not ranked:
        return Decision(False, 0.0, {})
    values = features(parsed, ranked, ranker)
    probability = model.probability([values[name] for name in FEATURES])
    return Decision(probability >= model.threshold, probability, values)
