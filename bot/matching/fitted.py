"""The fitted answer-or-decline model. Written by `python -m bench.fit_decision`;
do not edit by hand (a test holds it to a fresh fit of the training questions).

Fitted on 1403 training questions: at the threshold, 77.8% of
the answerable ones are answered from the right paragraph and 80.5% of the
unanswerable ones declined.
"""

from bot.matching.decision import Model

MODEL = Model(
    means=(
        0.679649,  # score
        0.673755,  # coverage
        0.540578,  # evidence_coverage
        0.953671,  # entity_share
        0.455175,  # margin
        0.188931,  # unknown_share
        1.483526,  # terms
        0.603945,  # phrasing
        0.29722,  # kind_asked
        0.250178,  # kind_met
        1.0,  # speaker_met
        0.95866,  # named
        0.09052,  # quote
        0.0,  # role
    ),
    scales=(
        0.345912,  # score
        0.321011,  # coverage
        0.349846,  # evidence_coverage
        0.165659,  # entity_share
        0.316764,  # margin
        0.281828,  # unknown_share
        0.372724,  # terms
        0.157578,  # phrasing
        0.457034,  # kind_asked
        0.433116,  # kind_met
        1.0,  # speaker_met
        0.199075,  # named
        0.286926,  # quote
        1.0,  # role
    ),
    weights=(
        0.808571,  # score
        0.0,  # coverage
        0.0,  # evidence_coverage
        0.430434,  # entity_share
        0.57321,  # margin
        0.0,  # unknown_share
        0.181454,  # terms
        0.494428,  # phrasing
        -0.636669,  # kind_asked
        0.687783,  # kind_met
        0.0,  # speaker_met
        0.177331,  # named
        -0.096505,  # quote
        0.0,  # role
    ),
    bias=0.930925,
    threshold=0.585045,
)
