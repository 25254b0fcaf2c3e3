"""The fitted answer-or-decline model. Written by `python -m bench.fit_decision`;
do not edit by hand (a test holds it to a fresh fit of the training questions).

Fitted on 642 training questions: at the threshold, 72.2% of
the answerable ones are answered from the right paragraph and 81.4% of the
unanswerable ones declined.
"""

from bot.matching.decision import Model

MODEL = Model(
    means=(
        0.680986,  # score
        0.675701,  # coverage
        0.545583,  # evidence_coverage
        0.958074,  # entity_share
        0.450763,  # margin
        0.202816,  # unknown_share
        1.449866,  # terms
        0.551562,  # phrasing
        0.285047,  # kind_asked
        0.235202,  # kind_met
        1.0,  # speaker_met
        0.950156,  # named
        0.090343,  # quote
        0.0,  # role
    ),
    scales=(
        0.34932,  # score
        0.327954,  # coverage
        0.351844,  # evidence_coverage
        0.158772,  # entity_share
        0.31834,  # margin
        0.296884,  # unknown_share
        0.363425,  # terms
        0.230969,  # phrasing
        0.451437,  # kind_asked
        0.424125,  # kind_met
        1.0,  # speaker_met
        0.217623,  # named
        0.286672,  # quote
        1.0,  # role
    ),
    weights=(
        0.608731,  # score
        0.0,  # coverage
        0.0,  # evidence_coverage
        0.502952,  # entity_share
        0.605421,  # margin
        0.0,  # unknown_share
        -0.032183,  # terms
        0.772245,  # phrasing
        -0.637241,  # kind_asked
        0.618661,  # kind_met
        0.0,  # speaker_met
        0.230281,  # named
        0.535003,  # quote
        0.0,  # role
    ),
    bias=0.800421,
    threshold=0.605367,
)
