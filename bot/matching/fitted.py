"""The fitted answer-or-decline model. Written by `python -m bench.fit_decision`;
do not edit by hand (a test holds it to a fresh fit of the training questions).

Fitted on 449 training questions: at the threshold, 73.8% of
the answerable ones are answered from the right paragraph and 72.8% of the
unanswerable ones declined.
"""

from bot.matching.decision import Model

MODEL = Model(
    means=(
        0.693283,  # score
        0.699014,  # coverage
        0.572869,  # evidence_coverage
        0.959911,  # entity_share
        0.448542,  # margin
        0.181471,  # unknown_share
        1.480724,  # terms
        0.556298,  # phrasing
        0.311804,  # kind_asked
        0.238307,  # kind_met
        1.0,  # speaker_met
        0.975501,  # named
        0.10245,  # quote
        0.0,  # role
    ),
    scales=(
        0.332759,  # score
        0.30867,  # coverage
        0.342361,  # evidence_coverage
        0.157707,  # entity_share
        0.312445,  # margin
        0.276686,  # unknown_share
        0.362244,  # terms
        0.240057,  # phrasing
        0.46323,  # kind_asked
        0.426048,  # kind_met
        1.0,  # speaker_met
        0.154592,  # named
        0.303239,  # quote
        1.0,  # role
    ),
    weights=(
        0.571142,  # score
        0.0,  # coverage
        0.0,  # evidence_coverage
        0.563156,  # entity_share
        0.498471,  # margin
        0.0,  # unknown_share
        -0.13011,  # terms
        0.639704,  # phrasing
        -0.660438,  # kind_asked
        0.567037,  # kind_met
        0.0,  # speaker_met
        -0.00371,  # named
        0.544334,  # quote
        0.0,  # role
    ),
    bias=0.746264,
    threshold=0.575931,
)
