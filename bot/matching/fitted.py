"""The fitted answer-or-decline model. Written by `python -m bench.fit_decision`;
do not edit by hand (a test holds it to a fresh fit of the training questions).

Fitted on 1627 training questions: at the threshold, 78.5% of
the answerable ones are answered from the right paragraph and 80.3% of the
unanswerable ones declined.
"""

from bot.matching.decision import Model

MODEL = Model(
    means=(
        0.697144,  # score
        0.688014,  # coverage
        0.553832,  # evidence_coverage
        0.957181,  # entity_share
        0.470642,  # margin
        0.189688,  # unknown_share
        1.476054,  # terms
        0.605788,  # phrasing
        0.295636,  # kind_asked
        0.247081,  # kind_met
        1.0,  # speaker_met
        0.964352,  # named
        0.089736,  # quote
        0.0,  # role
    ),
    scales=(
        0.348204,  # score
        0.32245,  # coverage
        0.352059,  # evidence_coverage
        0.160515,  # entity_share
        0.318865,  # margin
        0.287319,  # unknown_share
        0.37148,  # terms
        0.157664,  # phrasing
        0.456328,  # kind_asked
        0.431314,  # kind_met
        1.0,  # speaker_met
        0.185412,  # named
        0.285803,  # quote
        1.0,  # role
    ),
    weights=(
        0.805604,  # score
        0.0,  # coverage
        0.040838,  # evidence_coverage
        0.368194,  # entity_share
        0.650499,  # margin
        0.0,  # unknown_share
        0.23138,  # terms
        0.490038,  # phrasing
        -0.698061,  # kind_asked
        0.754978,  # kind_met
        0.0,  # speaker_met
        0.155103,  # named
        -0.141867,  # quote
        0.0,  # role
    ),
    bias=1.044131,
    threshold=0.585771,
)
