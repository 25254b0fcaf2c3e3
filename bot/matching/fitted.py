"""The fitted answer-or-decline model. Written by `python -m bench.fit_decision`;
do not edit by hand (a test holds it to a fresh fit of the training questions).

Fitted on 1396 training questions: at the threshold, 79.2% of
the answerable ones are answered from the right paragraph and 79.4% of the
unanswerable ones declined.
"""

from bot.matching.decision import Model

MODEL = Model(
    means=(
        0.678569,  # score
        0.670064,  # coverage
        0.537743,  # evidence_coverage
        0.955826,  # entity_share
        0.456466,  # margin
        0.201793,  # unknown_share
        1.4851,  # terms
        0.60428,  # phrasing
        0.296562,  # kind_asked
        0.247135,  # kind_met
        1.0,  # speaker_met
        0.960602,  # named
        0.090258,  # quote
        0.0,  # role
    ),
    scales=(
        0.346013,  # score
        0.322307,  # coverage
        0.349645,  # evidence_coverage
        0.159868,  # entity_share
        0.314931,  # margin
        0.288028,  # unknown_share
        0.371204,  # terms
        0.156864,  # phrasing
        0.456742,  # kind_asked
        0.431346,  # kind_met
        1.0,  # speaker_met
        0.194541,  # named
        0.286551,  # quote
        1.0,  # role
    ),
    weights=(
        0.856444,  # score
        0.0,  # coverage
        0.0,  # evidence_coverage
        0.394521,  # entity_share
        0.563458,  # margin
        0.0,  # unknown_share
        0.202151,  # terms
        0.495631,  # phrasing
        -0.646959,  # kind_asked
        0.725984,  # kind_met
        0.0,  # speaker_met
        0.15692,  # named
        -0.107376,  # quote
        0.0,  # role
    ),
    bias=0.977317,
    threshold=0.573043,
)
