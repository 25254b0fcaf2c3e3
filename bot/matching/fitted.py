"""The fitted answer-or-decline model. Written by `python -m bench.fit_decision`;
do not edit by hand (a test holds it to a fresh fit of the training questions).

Fitted on 1153 training questions: at the threshold, 78.0% of
the answerable ones are answered from the right paragraph and 80.3% of the
unanswerable ones declined.
"""

from bot.matching.decision import Model

MODEL = Model(
    means=(
        0.680398,  # score
        0.675226,  # coverage
        0.540711,  # evidence_coverage
        0.952949,  # entity_share
        0.455481,  # margin
        0.1919,  # unknown_share
        1.474154,  # terms
        0.603057,  # phrasing
        0.294883,  # kind_asked
        0.247181,  # kind_met
        1.0,  # speaker_met
        0.956635,  # named
        0.091067,  # quote
        0.0,  # role
    ),
    scales=(
        0.347859,  # score
        0.322888,  # coverage
        0.353876,  # evidence_coverage
        0.166548,  # entity_share
        0.318239,  # margin
        0.28606,  # unknown_share
        0.373592,  # terms
        0.157719,  # phrasing
        0.45599,  # kind_asked
        0.431373,  # kind_met
        1.0,  # speaker_met
        0.203678,  # named
        0.287704,  # quote
        1.0,  # role
    ),
    weights=(
        0.814567,  # score
        0.0,  # coverage
        0.0,  # evidence_coverage
        0.428281,  # entity_share
        0.559021,  # margin
        0.0,  # unknown_share
        0.117069,  # terms
        0.552867,  # phrasing
        -0.592711,  # kind_asked
        0.611772,  # kind_met
        0.0,  # speaker_met
        0.188859,  # named
        -0.125423,  # quote
        0.0,  # role
    ),
    bias=0.940247,
    threshold=0.576553,
)
