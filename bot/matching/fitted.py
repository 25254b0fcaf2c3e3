"""The fitted answer-or-decline model. Written by `python -m bench.fit_decision`;
do not edit by hand (a test holds it to a fresh fit of the training questions).

Fitted on 1400 training questions: at the threshold, 77.8% of
the answerable ones are answered from the right paragraph and 80.1% of the
unanswerable ones declined.
"""

from bot.matching.decision import Model

MODEL = Model(
    means=(
        0.677512,  # score
        0.669626,  # coverage
        0.535867,  # evidence_coverage
        0.955238,  # entity_share
        0.454937,  # margin
        0.201553,  # unknown_share
        1.484201,  # terms
        0.603716,  # phrasing
        0.297143,  # kind_asked
        0.247857,  # kind_met
        1.0,  # speaker_met
        0.960714,  # named
        0.09,  # quote
        0.0,  # role
    ),
    scales=(
        0.346496,  # score
        0.322684,  # coverage
        0.350634,  # evidence_coverage
        0.161682,  # entity_share
        0.315188,  # margin
        0.288275,  # unknown_share
        0.371113,  # terms
        0.156924,  # phrasing
        0.457,  # kind_asked
        0.431768,  # kind_met
        1.0,  # speaker_met
        0.194274,  # named
        0.286182,  # quote
        1.0,  # role
    ),
    weights=(
        0.882007,  # score
        0.0,  # coverage
        0.0,  # evidence_coverage
        0.392474,  # entity_share
        0.548462,  # margin
        0.0,  # unknown_share
        0.214929,  # terms
        0.486284,  # phrasing
        -0.64433,  # kind_asked
        0.706155,  # kind_met
        0.0,  # speaker_met
        0.153401,  # named
        -0.109741,  # quote
        0.0,  # role
    ),
    bias=0.963232,
    threshold=0.585555,
)
