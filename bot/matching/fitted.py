"""The fitted answer-or-decline model. Written by `python -m bench.fit_decision`;
do not edit by hand (a test holds it to a fresh fit of the training questions).

Fitted on 1396 training questions: at the threshold, 79.1% of
the answerable ones are answered from the right paragraph and 79.4% of the
unanswerable ones declined.
"""

from bot.matching.decision import Model

MODEL = Model(
    means=(
        0.678993,  # score
        0.670065,  # coverage
        0.537722,  # evidence_coverage
        0.956662,  # entity_share
        0.456536,  # margin
        0.201499,  # unknown_share
        1.486026,  # terms
        0.604735,  # phrasing
        0.296562,  # kind_asked
        0.247135,  # kind_met
        1.0,  # speaker_met
        0.960602,  # named
        0.090258,  # quote
        0.0,  # role
    ),
    scales=(
        0.345583,  # score
        0.322255,  # coverage
        0.349682,  # evidence_coverage
        0.159037,  # entity_share
        0.314552,  # margin
        0.287748,  # unknown_share
        0.370732,  # terms
        0.156963,  # phrasing
        0.456742,  # kind_asked
        0.431346,  # kind_met
        1.0,  # speaker_met
        0.194541,  # named
        0.286551,  # quote
        1.0,  # role
    ),
    weights=(
        0.859508,  # score
        0.0,  # coverage
        0.0,  # evidence_coverage
        0.455545,  # entity_share
        0.557076,  # margin
        0.0,  # unknown_share
        0.197595,  # terms
        0.505165,  # phrasing
        -0.65202,  # kind_asked
        0.726141,  # kind_met
        0.0,  # speaker_met
        0.157554,  # named
        -0.104988,  # quote
        0.0,  # role
    ),
    bias=0.970026,
    threshold=0.573014,
)
