"""The fitted answer-or-decline model. Written by `python -m bench.fit_decision`;
do not edit by hand (a test holds it to a fresh fit of the training questions).

Fitted on 1397 training questions: at the threshold, 79.2% of
the answerable ones are answered from the right paragraph and 79.2% of the
unanswerable ones declined.
"""

from bot.matching.decision import Model

MODEL = Model(
    means=(
        0.678397,  # score
        0.669865,  # coverage
        0.537358,  # evidence_coverage
        0.955858,  # entity_share
        0.456386,  # margin
        0.201649,  # unknown_share
        1.485029,  # terms
        0.604234,  # phrasing
        0.297065,  # kind_asked
        0.247674,  # kind_met
        1.0,  # speaker_met
        0.96063,  # named
        0.090193,  # quote
        0.0,  # role
    ),
    scales=(
        0.345948,  # score
        0.322277,  # coverage
        0.349816,  # evidence_coverage
        0.159815,  # entity_share
        0.314833,  # margin
        0.287975,  # unknown_share
        0.371081,  # terms
        0.156811,  # phrasing
        0.456965,  # kind_asked
        0.431661,  # kind_met
        1.0,  # speaker_met
        0.194474,  # named
        0.286458,  # quote
        1.0,  # role
    ),
    weights=(
        0.861033,  # score
        0.0,  # coverage
        0.0,  # evidence_coverage
        0.39253,  # entity_share
        0.561096,  # margin
        0.0,  # unknown_share
        0.203395,  # terms
        0.49505,  # phrasing
        -0.64653,  # kind_asked
        0.71954,  # kind_met
        0.0,  # speaker_met
        0.155927,  # named
        -0.106589,  # quote
        0.0,  # role
    ),
    bias=0.974106,
    threshold=0.56954,
)
