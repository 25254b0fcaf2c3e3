"""The fitted answer-or-decline model. Written by `python -m bench.fit_decision`;
do not edit by hand (a test holds it to a fresh fit of the training questions).

Fitted on 436 training questions: at the threshold, 74.9% of
the answerable ones are answered from the right paragraph and 74.4% of the
unanswerable ones declined.
"""

from bot.matching.decision import Model

MODEL = Model(
    means=(
        0.704539,  # score
        0.71186,  # coverage
        0.581771,  # evidence_coverage
        0.958716,  # entity_share
        0.457145,  # margin
        0.167815,  # unknown_share
        1.478915,  # terms
        0.556897,  # phrasing
        0.316514,  # kind_asked
        0.240826,  # kind_met
        1.0,  # speaker_met
        0.979358,  # named
        0.100917,  # quote
        0.0,  # role
    ),
    scales=(
        0.332566,  # score
        0.305365,  # coverage
        0.343233,  # evidence_coverage
        0.159886,  # entity_share
        0.31231,  # margin
        0.26916,  # unknown_share
        0.365742,  # terms
        0.238742,  # phrasing
        0.465116,  # kind_asked
        0.427585,  # kind_met
        1.0,  # speaker_met
        0.142183,  # named
        0.301219,  # quote
        1.0,  # role
    ),
    weights=(
        0.466817,  # score
        0.0,  # coverage
        0.0,  # evidence_coverage
        0.620383,  # entity_share
        0.528993,  # margin
        0.0,  # unknown_share
        -0.157355,  # terms
        0.750459,  # phrasing
        -0.730658,  # kind_asked
        0.596766,  # kind_met
        0.0,  # speaker_met
        -0.086583,  # named
        0.649101,  # quote
        0.0,  # role
    ),
    bias=0.820176,
    threshold=0.584544,
)
