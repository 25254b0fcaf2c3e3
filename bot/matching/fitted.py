"""The fitted answer-or-decline model. Written by `python -m bench.fit_decision`;
do not edit by hand (a test holds it to a fresh fit of the training questions).

Fitted on 1627 training questions: at the threshold, 78.5% of
the answerable ones are answered from the right paragraph and 80.6% of the
unanswerable ones declined.
"""

from bot.matching.decision import Model

MODEL = Model(
    means=(
        0.694605,  # score
        0.685209,  # coverage
        0.551141,  # evidence_coverage
        0.957488,  # entity_share
        0.468147,  # margin
        0.191849,  # unknown_share
        1.478915,  # terms
        0.60605,  # phrasing
        0.296251,  # kind_asked
        0.247081,  # kind_met
        1.0,  # speaker_met
        0.962508,  # named
        0.09035,  # quote
        0.0,  # role
    ),
    scales=(
        0.348396,  # score
        0.322942,  # coverage
        0.35184,  # evidence_coverage
        0.160117,  # entity_share
        0.318726,  # margin
        0.28769,  # unknown_share
        0.371752,  # terms
        0.157452,  # phrasing
        0.456603,  # kind_asked
        0.431314,  # kind_met
        1.0,  # speaker_met
        0.189965,  # named
        0.286683,  # quote
        1.0,  # role
    ),
    weights=(
        0.786596,  # score
        0.0,  # coverage
        0.022983,  # evidence_coverage
        0.361492,  # entity_share
        0.678113,  # margin
        0.0,  # unknown_share
        0.240144,  # terms
        0.498169,  # phrasing
        -0.657267,  # kind_asked
        0.705486,  # kind_met
        0.0,  # speaker_met
        0.146993,  # named
        -0.148974,  # quote
        0.0,  # role
    ),
    bias=1.040813,
    threshold=0.58403,
)
