"""The fitted decision is reproducible from its command, and behaves as its signs say."""

from __future__ import annotations

import dataclasses

from bench import fit_decision
from bot.matching.decision import FEATURES
from bot.matching.fitted import MODEL


def test_fitted_model_is_what_the_command_fits_from_the_training_questions() -> None:
    assert fit_decision.main(["--check"]) == 0


def test_more_coverage_or_a_clearer_lead_never_lowers_the_probability() -> None:
    base = dict.fromkeys(FEATURES, 0.5)
    for name, sign in fit_decision.SIGNS.items():
        low = MODEL.probability([base[n] for n in FEATURES])
        high = MODEL.probability([base[n] + (0.3 if n == name else 0.0) for n in FEATURES])
        assert (high - low) * sign >= 0, name


def test_the_threshold_is_a_probability() -> None:
    assert 0.0 < MODEL.threshold < 1.0
    assert dataclasses.replace(MODEL, threshold=1.0).probability([0.0] * len(FEATURES)) < 1.0
