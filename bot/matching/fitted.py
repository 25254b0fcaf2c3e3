"""The fitted answer-or-decline model. Written by `python -m bench.fit_decision`;
do not edit by hand (a test holds it to a fresh fit of the training questions).

Fitted on 1159 training questions: at the threshold, 78.1% of
the answerable ones are answered from the right paragraph and 78.9% of the
unanswerable ones declined.
"""

from bot.matching.decision import Model

MODEL = Model(
    means=(
        0.682716,  # score
        0.677246,  # coverage
        0.54204,  # evidence_coverage
        0.953192,  # entity_share
        0.457854,  # margin
        0.190294,  # unknown_share
        1.474668,  # terms
        0.548625,  # phrasing
        0.296808,  # kind_asked
        0.249353,  # kind_met
        1.0,  # speaker_met
        0.956859,  # named
        0.091458,  # quote
        0.0,  # role
    ),
    scales=(
        0.347871,  # score
        0.322644,  # coverage
        0.354201,  # evidence_coverage
        0.166151,  # entity_share
        0.319438,  # margin
        0.285299,  # unknown_share
        0.373861,  # terms
        0.230006,  # phrasing
        0.456851,  # kind_asked
        0.432638,  # kind_met
        1.0,  # speaker_met
        0.203174,  # named
        0.28826,  # quote
        1.0,  # role
    ),
    weights=(
        0.850714,  # score
        0.0,  # coverage
        0.0,  # evidence_coverage
        0.425891,  # entity_share
        0.454742,  # margin
        0.0,  # unknown_share
        0.100995,  # terms
        0.730284,  # phrasing
        -0.582699,  # kind_asked
        0.577248,  # kind_met
        0.0,  # speaker_met
        0.18203,  # named
        0.423424,  # quote
        0.0,  # role
    ),
    bias=0.881812,
    threshold=0.56861,
)
