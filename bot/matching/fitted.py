"""The fitted answer-or-decline model. Written by `python -m bench.fit_decision`;
do not edit by hand (a test holds it to a fresh fit of the training questions).

Fitted on 452 training questions: at the threshold, 73.2% of
the answerable ones are answered from the right paragraph and 73.4% of the
unanswerable ones declined.
"""

from bot.matching.decision import Model

MODEL = Model(
    means=(
        0.691691,  # score
        0.69715,  # coverage
        0.571656,  # evidence_coverage
        0.960177,  # entity_share
        0.447825,  # margin
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
        0.332474,  # score
        0.308833,  # coverage
        0.34183,  # evidence_coverage
        0.157216,  # entity_share
        0.312007,  # margin
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
        0.60015,  # score
        0.0,  # coverage
        0.0,  # evidence_coverage
        0.55207,  # entity_share
        0.469352,  # margin
        0.0,  # unknown_share
        -0.136498,  # terms
        0.646318,  # phrasing
        -0.648129,  # kind_asked
        0.550125,  # kind_met
        0.0,  # speaker_met
        -0.007485,  # named
        0.535936,  # quote
        0.0,  # role
    ),
    bias=0.721636,
    threshold=0.578922,
)
