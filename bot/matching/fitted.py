"""The fitted answer-or-decline model. Written by `python -m bench.fit_decision`;
do not edit by hand (a test holds it to a fresh fit of the training questions).

Fitted on 1627 training questions: at the threshold, 78.6% of
the answerable ones are answered from the right paragraph and 80.6% of the
unanswerable ones declined.
"""

from bot.matching.decision import Model

MODEL = Model(
    means=(
        0.695972,  # score
        0.686609,  # coverage
        0.552108,  # evidence_coverage
        0.957488,  # entity_share
        0.468805,  # margin
        0.190303,  # unknown_share
        1.477935,  # terms
        0.605845,  # phrasing
        0.296251,  # kind_asked
        0.247081,  # kind_met
        1.0,  # speaker_met
        0.962508,  # named
        0.09035,  # quote
        0.0,  # role
    ),
    scales=(
        0.348659,  # score
        0.322897,  # coverage
        0.35225,  # evidence_coverage
        0.160117,  # entity_share
        0.318947,  # margin
        0.287165,  # unknown_share
        0.371887,  # terms
        0.157616,  # phrasing
        0.456603,  # kind_asked
        0.431314,  # kind_met
        1.0,  # speaker_met
        0.189965,  # named
        0.286683,  # quote
        1.0,  # role
    ),
    weights=(
        0.796769,  # score
        0.0,  # coverage
        0.025987,  # evidence_coverage
        0.356361,  # entity_share
        0.677461,  # margin
        0.0,  # unknown_share
        0.239475,  # terms
        0.496923,  # phrasing
        -0.650312,  # kind_asked
        0.703447,  # kind_met
        0.0,  # speaker_met
        0.144862,  # named
        -0.145948,  # quote
        0.0,  # role
    ),
    bias=1.039646,
    threshold=0.582974,
)
