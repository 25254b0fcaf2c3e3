"""The fitted answer-or-decline model. Written by `python -m bench.fit_decision`;
do not edit by hand (a test holds it to a fresh fit of the training questions).

Fitted on 1402 training questions: at the threshold, 77.3% of
the answerable ones are answered from the right paragraph and 80.5% of the
unanswerable ones declined.
"""

from bot.matching.decision import Model

MODEL = Model(
    means=(
        0.679834,  # score
        0.673965,  # coverage
        0.540963,  # evidence_coverage
        0.953638,  # entity_share
        0.455242,  # margin
        0.18882,  # unknown_share
        1.483437,  # terms
        0.604072,  # phrasing
        0.296719,  # kind_asked
        0.249643,  # kind_met
        1.0,  # speaker_met
        0.958631,  # named
        0.090585,  # quote
        0.0,  # role
    ),
    scales=(
        0.345966,  # score
        0.32103,  # coverage
        0.349673,  # evidence_coverage
        0.165714,  # entity_share
        0.316867,  # margin
        0.281898,  # unknown_share
        0.372842,  # terms
        0.157574,  # phrasing
        0.456812,  # kind_asked
        0.432807,  # kind_met
        1.0,  # speaker_met
        0.199143,  # named
        0.287018,  # quote
        1.0,  # role
    ),
    weights=(
        0.804488,  # score
        0.0,  # coverage
        0.0,  # evidence_coverage
        0.431169,  # entity_share
        0.577309,  # margin
        0.0,  # unknown_share
        0.184299,  # terms
        0.490282,  # phrasing
        -0.635706,  # kind_asked
        0.692041,  # kind_met
        0.0,  # speaker_met
        0.178168,  # named
        -0.097363,  # quote
        0.0,  # role
    ),
    bias=0.933736,
    threshold=0.59043,
)
