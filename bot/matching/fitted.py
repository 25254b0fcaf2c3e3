"""The fitted answer-or-decline model. Written by `python -m bench.fit_decision`;
do not edit by hand (a test holds it to a fresh fit of the training questions).

Fitted on 1627 training questions: at the threshold, 78.5% of
the answerable ones are answered from the right paragraph and 80.3% of the
unanswerable ones declined.
"""

from bot.matching.decision import Model

MODEL = Model(
    means=(
        0.697111,  # score
        0.687979,  # coverage
        0.553808,  # evidence_coverage
        0.957181,  # entity_share
        0.470203,  # margin
        0.190044,  # unknown_share
        1.476679,  # terms
        0.606016,  # phrasing
        0.295636,  # kind_asked
        0.247081,  # kind_met
        1.0,  # speaker_met
        0.964352,  # named
        0.089736,  # quote
        0.0,  # role
    ),
    scales=(
        0.348258,  # score
        0.322517,  # coverage
        0.352135,  # evidence_coverage
        0.160515,  # entity_share
        0.3187,  # margin
        0.287447,  # unknown_share
        0.371639,  # terms
        0.157633,  # phrasing
        0.456328,  # kind_asked
        0.431314,  # kind_met
        1.0,  # speaker_met
        0.185412,  # named
        0.285803,  # quote
        1.0,  # role
    ),
    weights=(
        0.804683,  # score
        0.0,  # coverage
        0.036962,  # evidence_coverage
        0.36756,  # entity_share
        0.653861,  # margin
        0.0,  # unknown_share
        0.229028,  # terms
        0.494923,  # phrasing
        -0.697035,  # kind_asked
        0.754749,  # kind_met
        0.0,  # speaker_met
        0.15512,  # named
        -0.141152,  # quote
        0.0,  # role
    ),
    bias=1.044565,
    threshold=0.584634,
)
