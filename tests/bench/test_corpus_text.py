"""The corpus's texts rebuilt from their sources: the two formats, read as the manifest's
hashes showed they must be (made-up sources here)."""

from __future__ import annotations

from bench.corpus_text import amalgum_texts, gum_texts

GUM = """# newdoc id = GUM_news_harbor
# newpar_block = head (1 s)
# sent_id = GUM_news_harbor-1
# text = Harbor bridge to close
1	Harbor	harbor	NOUN
# newpar_block = p (2 s)
# text = The bridge will close in May.
1	The	the	DET
# text = "It is old," the mayor said.
1	"	"	PUNCT
# newpar_block = p (1 s)
# text = Repairs take a year.
1	Repairs	repair	NOUN
"""

AMALGUM = """<text id="autogum_news_doc1" title="Harbor bridge to close">
<head>Harbor bridge
 to close</head>
<p><hi rend="bold">Monday, May 4, 2020</hi></p>
<p>The bridge will close in <ref>May</ref>.</p>
<quote>A pull quote</quote>
<p style="text-align:right">— the mayor</p>
<p>Repairs   take a year.</p>
</text>
"""


def test_gum_paragraphs_are_blocks_of_sentences_joined_by_a_space() -> None:
    (text,) = gum_texts(GUM)
    assert text == (
        "Harbor bridge to close\n\n"
        'The bridge will close in May. "It is old," the mayor said.\n\n'
        "Repairs take a year.\n"
    )


def test_amalgum_body_is_plain_paragraphs_with_the_dateline_kept_or_dropped() -> None:
    with_date, without = amalgum_texts(AMALGUM)
    assert with_date == (
        "Harbor bridge to close\n\nMonday, May 4, 2020\n\n"
        "The bridge will close in May.\n\nRepairs take a year.\n"
    )
    assert (
        without
        == "Harbor bridge to close\n\nThe bridge will close in May.\n\nRepairs take a year.\n"
    )
