"""The decision reads a feature a document cannot have as neutral, and a people's
adjective is no one's given name."""

from __future__ import annotations

import math

from bot.knowledge import Entity, KnowledgeBase
from bot.matching.decision import Model
from bot.matching.ranker import _unique_name_parts


def _model() -> Model:
    return Model(means=(0.5, 0.5), scales=(0.25, 0.25), weights=(1.0, 2.0), bias=0.0, threshold=0.5)


def test_a_missing_feature_counts_as_its_mean() -> None:
    model = _model()
    assert model.probability([0.75, math.nan]) == model.probability([0.75, 0.5])
    # a zero would have counted against the answer
    assert model.probability([0.75, math.nan]) > model.probability([0.75, 0.0])


def test_a_word_that_begins_like_a_place_is_no_given_name() -> None:
    kb = KnowledgeBase(
        sources={},
        topics={},
        quotes=(),
        facts=(),
        entities={
            "ambassador": Entity(id="ambassador", name="Afghan Ambassador", kind="person"),
            "afghanistan": Entity(id="afghanistan", name="Afghanistan", kind="place"),
            "mohib": Entity(id="mohib", name="Hamdullah Mohib", kind="person"),
        },
    )
    assert _unique_name_parts(kb) == {"mohib": ("hamdullah",)}
