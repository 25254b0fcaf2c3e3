"""The fitted answer-or-decline model. Written by `python -m bench.fit_decision`;
do not edit by hand (a test holds it to a fresh fit of the training questions).

Fitted on 1381 training questions: at the threshold, 78.8% of
the answerable ones are answered from the right paragraph and 80.9% of the
unanswerable ones declined.
"""

from bot.matching.decision import Model

MODEL = Model(
    means=(
        0.681839,  # score
        0.671713,  # coverage
        0.54001,  # evidence_coverage
        0.958001,  # entity_share
        0.457879,  # margin
        0.20249,  # unknown_share
        1.488632,  # terms
        0.605888,  # phrasing
        0.299783,  # kind_asked
        0.249819,  # kind_met
        1.0,  # speaker_met
        0.961622,  # named
        0.090514,  # quote
        0.0,  # role
    ),
    scales=(
        0.345161,  # score
        0.322192,  # coverage
        0.349077,  # evidence_coverage
        0.156317,  # entity_share
        0.314633,  # margin
        0.288166,  # unknown_share
        0.36945,  # terms
        0.156189,  # phrasing
        0.458163,  # kind_asked
        0.432908,  # kind_met
        1.0,  # speaker_met
        0.192107,  # named
        0.286917,  # quote
        1.0,  # role
    ),
    weights=(
        0.805058,  # score
        0.0,  # coverage
        0.0,  # evidence_coverage
        0.449377,  # entity_share
        0.648633,  # margin
        0.0,  # unknown_share
        0.196571,  # terms
        0.554642,  # phrasing
        -0.678458,  # kind_asked
        0.72797,  # kind_met
        0.0,  # speaker_met
        0.151335,  # named
        -0.120057,  # quote
        0.0,  # role
    ),
    bias=1.039184,
    threshold=0.585455,
)
