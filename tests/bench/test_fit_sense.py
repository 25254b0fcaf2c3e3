"""The who-said closeness-in-sense parameters are what `python -m bench.fit_sense` chooses,
and at that choice closeness in sense answers reworded quotations of the training items
that words alone do not, with no more wrong attributions."""

from __future__ import annotations

from bench.fit_sense import OFF, choose, curve, training_items
from bot.matching.parameters import PARAMETERS


def test_the_shipped_parameters_are_the_fitted_choice_and_it_gains_without_harm() -> None:
    items = training_items()
    assert sum(i.kind == "quote-loose" for i in items) >= 100
    assert sum(i.kind in {"invented-quote", "misquote"} for i in items) >= 100
    points = curve(items)
    best = choose(points)
    off = next(p for p in points if p.similarity == OFF)
    assert (PARAMETERS.sense_similarity, PARAMETERS.sense_margin) == (best.similarity, best.margin)
    assert best.right > off.right
    assert best.wrong <= off.wrong
