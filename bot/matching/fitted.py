"""The fitted answer-or-decline model. Written by `python -m bench.fit_decision`;
do not edit by hand (a test holds it to a fresh fit of the training questions).

Fitted on 1397 training questions: at the threshold, 79.3% of
the answerable ones are answered from the right paragraph and 79.2% of the
unanswerable ones declined.
"""

from bot.matching.decision import Model

MODEL = Model(
    means=(
        0.678473,  # score
        0.669938,  # coverage
        0.536813,  # evidence_coverage
        0.955858,  # entity_share
        0.455598,  # margin
        0.201986,  # unknown_share
        1.485029,  # terms
        0.604053,  # phrasing
        0.297065,  # kind_asked
        0.247674,  # kind_met
        1.0,  # speaker_met
        0.96063,  # named
        0.089477,  # quote
        0.0,  # role
    ),
    scales=(
        0.346265,  # score
        0.322583,  # coverage
        0.350359,  # evidence_coverage
        0.159815,  # entity_share
        0.315211,  # margin
        0.288433,  # unknown_share
        0.371081,  # terms
        0.156874,  # phrasing
        0.456965,  # kind_asked
        0.431661,  # kind_met
        1.0,  # speaker_met
        0.194474,  # named
        0.285432,  # quote
        1.0,  # role
    ),
    weights=(
        0.876561,  # score
        0.0,  # coverage
        0.0,  # evidence_coverage
        0.390409,  # entity_share
        0.545835,  # margin
        0.0,  # unknown_share
        0.209043,  # terms
        0.485381,  # phrasing
        -0.645027,  # kind_asked
        0.716448,  # kind_met
        0.0,  # speaker_met
        0.154717,  # named
        -0.111775,  # quote
        0.0,  # role
    ),
    bias=0.971497,
    threshold=0.567273,
)
