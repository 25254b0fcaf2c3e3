"""The fitted answer-or-decline model. Written by `python -m bench.fit_decision`;
do not edit by hand (a test holds it to a fresh fit of the training questions).

Fitted on 1627 training questions: at the threshold, 78.5% of
the answerable ones are answered from the right paragraph and 80.4% of the
unanswerable ones declined.
"""

from bot.matching.decision import Model

MODEL = Model(
    means=(
        0.696261,  # score
        0.686898,  # coverage
        0.552397,  # evidence_coverage
        0.957488,  # entity_share
        0.469077,  # margin
        0.190303,  # unknown_share
        1.477758,  # terms
        0.60586,  # phrasing
        0.296251,  # kind_asked
        0.247081,  # kind_met
        1.0,  # speaker_met
        0.962508,  # named
        0.09035,  # quote
        0.0,  # role
    ),
    scales=(
        0.348552,  # score
        0.322751,  # coverage
        0.352227,  # evidence_coverage
        0.160117,  # entity_share
        0.318985,  # margin
        0.287165,  # unknown_share
        0.371999,  # terms
        0.157595,  # phrasing
        0.456603,  # kind_asked
        0.431314,  # kind_met
        1.0,  # speaker_met
        0.189965,  # named
        0.286683,  # quote
        1.0,  # role
    ),
    weights=(
        0.799906,  # score
        0.0,  # coverage
        0.021337,  # evidence_coverage
        0.355644,  # entity_share
        0.670426,  # margin
        0.0,  # unknown_share
        0.240649,  # terms
        0.500669,  # phrasing
        -0.648525,  # kind_asked
        0.703775,  # kind_met
        0.0,  # speaker_met
        0.144778,  # named
        -0.145083,  # quote
        0.0,  # role
    ),
    bias=1.036317,
    threshold=0.583441,
)
