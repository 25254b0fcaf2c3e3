"""The fitted answer-or-decline model. Written by `python -m bench.fit_decision`;
do not edit by hand (a test holds it to a fresh fit of the training questions).

Fitted on 647 training questions: at the threshold, 73.6% of
the answerable ones are answered from the right paragraph and 77.5% of the
unanswerable ones declined.
"""

from bot.matching.decision import Model

MODEL = Model(
    means=(
        0.68232,  # score
        0.676494,  # coverage
        0.54429,  # evidence_coverage
        0.958398,  # entity_share
        0.451815,  # margin
        0.201249,  # unknown_share
        1.448204,  # terms
        0.552591,  # phrasing
        0.282844,  # kind_asked
        0.233385,  # kind_met
        1.0,  # speaker_met
        0.950541,  # named
        0.089645,  # quote
        0.0,  # role
    ),
    scales=(
        0.348813,  # score
        0.327348,  # coverage
        0.35198,  # evidence_coverage
        0.1582,  # entity_share
        0.318146,  # margin
        0.296267,  # unknown_share
        0.365605,  # terms
        0.230528,  # phrasing
        0.450381,  # kind_asked
        0.422985,  # kind_met
        1.0,  # speaker_met
        0.216824,  # named
        0.285672,  # quote
        1.0,  # role
    ),
    weights=(
        0.604562,  # score
        0.0,  # coverage
        0.0,  # evidence_coverage
        0.480451,  # entity_share
        0.570931,  # margin
        0.0,  # unknown_share
        0.018419,  # terms
        0.686855,  # phrasing
        -0.604779,  # kind_asked
        0.62239,  # kind_met
        0.0,  # speaker_met
        0.218925,  # named
        0.483394,  # quote
        0.0,  # role
    ),
    bias=0.743619,
    threshold=0.58392,
)
