"""The fitted answer-or-decline model. Written by `python -m bench.fit_decision`;
do not edit by hand (a test holds it to a fresh fit of the training questions).

Fitted on 1404 training questions: at the threshold, 77.7% of
the answerable ones are answered from the right paragraph and 80.9% of the
unanswerable ones declined.
"""

from bot.matching.decision import Model

MODEL = Model(
    means=(
        0.676718,  # score
        0.670722,  # coverage
        0.539018,  # evidence_coverage
        0.953704,  # entity_share
        0.453489,  # margin
        0.193166,  # unknown_share
        1.483691,  # terms
        0.603349,  # phrasing
        0.295584,  # kind_asked
        0.248575,  # kind_met
        1.0,  # speaker_met
        0.957977,  # named
        0.090456,  # quote
        0.0,  # role
    ),
    scales=(
        0.346858,  # score
        0.32256,  # coverage
        0.350394,  # evidence_coverage
        0.165605,  # entity_share
        0.317369,  # margin
        0.284959,  # unknown_share
        0.37024,  # terms
        0.157006,  # phrasing
        0.456305,  # kind_asked
        0.432187,  # kind_met
        1.0,  # speaker_met
        0.200641,  # named
        0.286834,  # quote
        1.0,  # role
    ),
    weights=(
        0.791917,  # score
        0.0,  # coverage
        0.0,  # evidence_coverage
        0.421634,  # entity_share
        0.607866,  # margin
        0.0,  # unknown_share
        0.190263,  # terms
        0.521835,  # phrasing
        -0.632044,  # kind_asked
        0.677228,  # kind_met
        0.0,  # speaker_met
        0.164163,  # named
        -0.094022,  # quote
        0.0,  # role
    ),
    bias=0.913341,
    threshold=0.58086,
)
