"""The fitted answer-or-decline model. Written by `python -m bench.fit_decision`;
do not edit by hand (a test holds it to a fresh fit of the training questions).

Fitted on 1153 training questions: at the threshold, 78.3% of
the answerable ones are answered from the right paragraph and 80.3% of the
unanswerable ones declined.
"""

from bot.matching.decision import Model

MODEL = Model(
    means=(
        0.681339,  # score
        0.675902,  # coverage
        0.540441,  # evidence_coverage
        0.953816,  # entity_share
        0.45613,  # margin
        0.1919,  # unknown_share
        1.474154,  # terms
        0.602881,  # phrasing
        0.294883,  # kind_asked
        0.247181,  # kind_met
        1.0,  # speaker_met
        0.956635,  # named
        0.091067,  # quote
        0.0,  # role
    ),
    scales=(
        0.347469,  # score
        0.322768,  # coverage
        0.35417,  # evidence_coverage
        0.16417,  # entity_share
        0.318072,  # margin
        0.28606,  # unknown_share
        0.373592,  # terms
        0.157797,  # phrasing
        0.45599,  # kind_asked
        0.431373,  # kind_met
        1.0,  # speaker_met
        0.203678,  # named
        0.287704,  # quote
        1.0,  # role
    ),
    weights=(
        0.82864,  # score
        0.0,  # coverage
        0.0,  # evidence_coverage
        0.415746,  # entity_share
        0.550474,  # margin
        0.0,  # unknown_share
        0.117621,  # terms
        0.559589,  # phrasing
        -0.589801,  # kind_asked
        0.604819,  # kind_met
        0.0,  # speaker_met
        0.186776,  # named
        -0.123657,  # quote
        0.0,  # role
    ),
    bias=0.942258,
    threshold=0.57389,
)
