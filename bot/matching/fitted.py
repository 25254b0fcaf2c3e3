"""The fitted answer-or-decline model. Written by `python -m bench.fit_decision`;
do not edit by hand (a test holds it to a fresh fit of the training questions).

Fitted on 1627 training questions: at the threshold, 78.4% of
the answerable ones are answered from the right paragraph and 80.3% of the
unanswerable ones declined.
"""

from bot.matching.decision import Model

MODEL = Model(
    means=(
        0.69693,  # score
        0.687806,  # coverage
        0.553521,  # evidence_coverage
        0.957181,  # entity_share
        0.470071,  # margin
        0.190343,  # unknown_share
        1.476928,  # terms
        0.606008,  # phrasing
        0.295636,  # kind_asked
        0.247081,  # kind_met
        1.0,  # speaker_met
        0.964352,  # named
        0.089736,  # quote
        0.0,  # role
    ),
    scales=(
        0.348289,  # score
        0.322588,  # coverage
        0.352211,  # evidence_coverage
        0.160515,  # entity_share
        0.318691,  # margin
        0.287502,  # unknown_share
        0.371714,  # terms
        0.157637,  # phrasing
        0.456328,  # kind_asked
        0.431314,  # kind_met
        1.0,  # speaker_met
        0.185412,  # named
        0.285803,  # quote
        1.0,  # role
    ),
    weights=(
        0.803991,  # score
        0.0,  # coverage
        0.034377,  # evidence_coverage
        0.367009,  # entity_share
        0.656394,  # margin
        0.0,  # unknown_share
        0.231493,  # terms
        0.494325,  # phrasing
        -0.696365,  # kind_asked
        0.753602,  # kind_met
        0.0,  # speaker_met
        0.155313,  # named
        -0.141427,  # quote
        0.0,  # role
    ),
    bias=1.044462,
    threshold=0.585554,
)
