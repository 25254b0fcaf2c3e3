"""The fitted answer-or-decline model. Written by `python -m bench.fit_decision`;
do not edit by hand (a test holds it to a fresh fit of the training questions).

Fitted on 452 training questions: at the threshold, 74.1% of
the answerable ones are answered from the right paragraph and 71.9% of the
unanswerable ones declined.
"""

from bot.matching.decision import Model

MODEL = Model(
    means=(
        0.691693,  # score
        0.69715,  # coverage
        0.571656,  # evidence_coverage
        0.960177,  # entity_share
        0.458669,  # margin
        0.181093,  # unknown_share
        1.481488,  # terms
        0.554842,  # phrasing
        0.311947,  # kind_asked
        0.238938,  # kind_met
        1.0,  # speaker_met
        0.975664,  # named
        0.103982,  # quote
        0.0,  # role
    ),
    scales=(
        0.332473,  # score
        0.308833,  # coverage
        0.34183,  # evidence_coverage
        0.157216,  # entity_share
        0.319364,  # margin
        0.276178,  # unknown_share
        0.361413,  # terms
        0.240764,  # phrasing
        0.463288,  # kind_asked
        0.426435,  # kind_met
        1.0,  # speaker_met
        0.154091,  # named
        0.305238,  # quote
        1.0,  # role
    ),
    weights=(
        0.706957,  # score
        0.0,  # coverage
        0.0,  # evidence_coverage
        0.553323,  # entity_share
        0.329749,  # margin
        0.0,  # unknown_share
        -0.146395,  # terms
        0.624408,  # phrasing
        -0.644551,  # kind_asked
        0.551268,  # kind_met
        0.0,  # speaker_met
        -0.004465,  # named
        0.522027,  # quote
        0.0,  # role
    ),
    bias=0.710589,
    threshold=0.573496,
)
