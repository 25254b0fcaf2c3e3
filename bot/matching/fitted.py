"""The fitted answer-or-decline model. Written by `python -m bench.fit_decision`;
do not edit by hand (a test holds it to a fresh fit of the training questions).

Fitted on 1626 training questions: at the threshold, 78.4% of
the answerable ones are answered from the right paragraph and 80.3% of the
unanswerable ones declined.
"""

from bot.matching.decision import Model

MODEL = Model(
    means=(
        0.696714,  # score
        0.687614,  # coverage
        0.553246,  # evidence_coverage
        0.957155,  # entity_share
        0.469811,  # margin
        0.19046,  # unknown_share
        1.476847,  # terms
        0.605967,  # phrasing
        0.295818,  # kind_asked
        0.247232,  # kind_met
        1.0,  # speaker_met
        0.96433,  # named
        0.089791,  # quote
        0.0,  # role
    ),
    scales=(
        0.348287,  # score
        0.322595,  # coverage
        0.352145,  # evidence_coverage
        0.160561,  # entity_share
        0.318617,  # margin
        0.287552,  # unknown_share
        0.371814,  # terms
        0.157682,  # phrasing
        0.45641,  # kind_asked
        0.431403,  # kind_met
        1.0,  # speaker_met
        0.185467,  # named
        0.285882,  # quote
        1.0,  # role
    ),
    weights=(
        0.804332,  # score
        0.0,  # coverage
        0.034081,  # evidence_coverage
        0.36707,  # entity_share
        0.655558,  # margin
        0.0,  # unknown_share
        0.231353,  # terms
        0.494396,  # phrasing
        -0.696291,  # kind_asked
        0.753736,  # kind_met
        0.0,  # speaker_met
        0.155335,  # named
        -0.141321,  # quote
        0.0,  # role
    ),
    bias=1.042715,
    threshold=0.584457,
)
