"""The fitted answer-or-decline model. Written by `python -m bench.fit_decision`;
do not edit by hand (a test holds it to a fresh fit of the training questions).

Fitted on 647 training questions: at the threshold, 73.1% of
the answerable ones are answered from the right paragraph and 77.9% of the
unanswerable ones declined.
"""

from bot.matching.decision import Model

MODEL = Model(
    means=(
        0.682402,  # score
        0.676494,  # coverage
        0.54429,  # evidence_coverage
        0.958398,  # entity_share
        0.45209,  # margin
        0.201249,  # unknown_share
        1.447414,  # terms
        0.551607,  # phrasing
        0.282844,  # kind_asked
        0.233385,  # kind_met
        1.0,  # speaker_met
        0.952087,  # named
        0.09119,  # quote
        0.0,  # role
    ),
    scales=(
        0.348896,  # score
        0.327348,  # coverage
        0.35198,  # evidence_coverage
        0.1582,  # entity_share
        0.318343,  # margin
        0.296267,  # unknown_share
        0.365807,  # terms
        0.231524,  # phrasing
        0.450381,  # kind_asked
        0.422985,  # kind_met
        1.0,  # speaker_met
        0.213583,  # named
        0.287879,  # quote
        1.0,  # role
    ),
    weights=(
        0.599297,  # score
        0.0,  # coverage
        0.0,  # evidence_coverage
        0.482681,  # entity_share
        0.57193,  # margin
        0.0,  # unknown_share
        0.014767,  # terms
        0.692215,  # phrasing
        -0.606613,  # kind_asked
        0.625503,  # kind_met
        0.0,  # speaker_met
        0.228963,  # named
        0.493546,  # quote
        0.0,  # role
    ),
    bias=0.742796,
    threshold=0.588237,
)
