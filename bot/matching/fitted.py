"""The fitted answer-or-decline model. Written by `python -m bench.fit_decision`;
do not edit by hand (a test holds it to a fresh fit of the training questions).

Fitted on 1399 training questions: at the threshold, 77.9% of
the answerable ones are answered from the right paragraph and 80.1% of the
unanswerable ones declined.
"""

from bot.matching.decision import Model

MODEL = Model(
    means=(
        0.677525,  # score
        0.669664,  # coverage
        0.53606,  # evidence_coverage
        0.955206,  # entity_share
        0.455094,  # margin
        0.201697,  # unknown_share
        1.484271,  # terms
        0.60361,  # phrasing
        0.297355,  # kind_asked
        0.248034,  # kind_met
        1.0,  # speaker_met
        0.960686,  # named
        0.090064,  # quote
        0.0,  # role
    ),
    scales=(
        0.34662,  # score
        0.322796,  # coverage
        0.350684,  # evidence_coverage
        0.161736,  # entity_share
        0.315246,  # margin
        0.288327,  # unknown_share
        0.371237,  # terms
        0.15694,  # phrasing
        0.457094,  # kind_asked
        0.431872,  # kind_met
        1.0,  # speaker_met
        0.19434,  # named
        0.286274,  # quote
        1.0,  # role
    ),
    weights=(
        0.879917,  # score
        0.0,  # coverage
        0.0,  # evidence_coverage
        0.391524,  # entity_share
        0.552213,  # margin
        0.0,  # unknown_share
        0.217012,  # terms
        0.483631,  # phrasing
        -0.642801,  # kind_asked
        0.705529,  # kind_met
        0.0,  # speaker_met
        0.153153,  # named
        -0.109289,  # quote
        0.0,  # role
    ),
    bias=0.961809,
    threshold=0.58386,
)
