"""The fitted answer-or-decline model. Written by `python -m bench.fit_decision`;
do not edit by hand (a test holds it to a fresh fit of the training questions).

Fitted on 1382 training questions: at the threshold, 77.8% of
the answerable ones are answered from the right paragraph and 81.4% of the
unanswerable ones declined.
"""

from bot.matching.decision import Model

MODEL = Model(
    means=(
        0.681394,  # score
        0.67124,  # coverage
        0.539633,  # evidence_coverage
        0.958032,  # entity_share
        0.457554,  # margin
        0.202344,  # unknown_share
        1.488217,  # terms
        0.605577,  # phrasing
        0.299566,  # kind_asked
        0.249638,  # kind_met
        1.0,  # speaker_met
        0.96165,  # named
        0.091172,  # quote
        0.0,  # role
    ),
    scales=(
        0.345468,  # score
        0.322589,  # coverage
        0.349265,  # evidence_coverage
        0.156264,  # entity_share
        0.314675,  # margin
        0.288114,  # unknown_share
        0.369939,  # terms
        0.156486,  # phrasing
        0.458068,  # kind_asked
        0.432804,  # kind_met
        1.0,  # speaker_met
        0.19204,  # named
        0.287854,  # quote
        1.0,  # role
    ),
    weights=(
        0.797443,  # score
        0.0,  # coverage
        0.0,  # evidence_coverage
        0.455464,  # entity_share
        0.642625,  # margin
        0.0,  # unknown_share
        0.182991,  # terms
        0.546545,  # phrasing
        -0.682976,  # kind_asked
        0.730288,  # kind_met
        0.0,  # speaker_met
        0.153078,  # named
        -0.118812,  # quote
        0.0,  # role
    ),
    bias=1.034955,
    threshold=0.601318,
)
