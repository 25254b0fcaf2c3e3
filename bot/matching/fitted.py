"""The fitted answer-or-decline model. Written by `python -m bench.fit_decision`;
do not edit by hand (a test holds it to a fresh fit of the training questions).

Fitted on 643 training questions: at the threshold, 78.0% of
the answerable ones are answered from the right paragraph and 73.4% of the
unanswerable ones declined.
"""

from bot.matching.decision import Model

MODEL = Model(
    means=(
        0.679246,  # score
        0.674114,  # coverage
        0.541763,  # evidence_coverage
        0.958139,  # entity_share
        0.447936,  # margin
        0.203917,  # unknown_share
        1.452131,  # terms
        0.554458,  # phrasing
        0.283048,  # kind_asked
        0.233281,  # kind_met
        1.0,  # speaker_met
        0.953344,  # named
        0.087092,  # quote
        0.0,  # role
    ),
    scales=(
        0.348522,  # score
        0.32698,  # coverage
        0.350912,  # evidence_coverage
        0.158658,  # entity_share
        0.317442,  # margin
        0.296267,  # unknown_share
        0.363088,  # terms
        0.228455,  # phrasing
        0.45048,  # kind_asked
        0.42292,  # kind_met
        1.0,  # speaker_met
        0.210902,  # named
        0.281969,  # quote
        1.0,  # role
    ),
    weights=(
        0.562337,  # score
        0.0,  # coverage
        0.0,  # evidence_coverage
        0.490437,  # entity_share
        0.582458,  # margin
        0.0,  # unknown_share
        0.045447,  # terms
        0.679658,  # phrasing
        -0.625802,  # kind_asked
        0.654008,  # kind_met
        0.0,  # speaker_met
        0.240491,  # named
        0.49232,  # quote
        0.0,  # role
    ),
    bias=0.750402,
    threshold=0.532192,
)
