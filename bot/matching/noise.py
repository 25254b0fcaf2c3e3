"""Set aside what carries no content, before anything else reads a question.

One pipeline, run on normalised text (mention tokens are already gone):
  0. question words as chat spells them ("wat", "wen") spelt out;
  1. links, emoji and other pictographs, what is left of mention labels ("@channel"),
     pointers at the article itself ("per the article", "in this piece"), and a request
     framing the question ("can you tell me who ...");
  2. asides in brackets;
  3. segments without content: the question is cut at strong breaks (a dash, a colon,
     a sentence's end, a run of dots) and a segment that names nothing the knowledge
     knows ("hey all", "long day lol", "asking for a friend") is dropped, as long as
     another segment asks something;
  4. a short lead-in before the first comma that names nothing ("Morning Tomasz,",
     "ok so,"), as long as the rest names or asks something.

"Content" is decided by the caller (`has_content`): a word the knowledge uses, or a name
it knows. So no list of greetings or sign-offs is needed here, and chatter in any words
is set aside alike; a question that is only chatter is kept whole, for the matcher to
decline.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

_LINK = re.compile(r"\b(?:https?://|www\.)\S+")
_LABEL = re.compile(r"(?<!\w)@\w+")
_BRACKETED = re.compile(r"\s*(?:\([^()]*\)|\[[^\[\]]*\])")
_BREAK = re.compile(
    r"\s*(?:\s[-–—]+\s|[-–—]{2,}|:\s|;\s|\.{2,}|(?<=[a-z0-9'\"])[.!?]+(?=\s|$)|[!?]+)\s*"
)
_SPACES = re.compile(r"\s+")
_SOURCE_REFERENCE = re.compile(
    r",?\s*\b(?:(?:as )?(?:described|reported|written|stated|given|put|told) )?"
    r"(?:per|according to|in|from|by) (?:the|this|that|your) "
    r"(?:article|piece|story|report|text|write-?up)\b,?"
)
"""A pointer at the article itself ("per the article", "in this piece", "as described
in the story"): every question is about it, so the words ask nothing."""
_REQUEST_FRAME = re.compile(
    r"^(?:(?:so |ok |okay |hey )?(?:can|could|would|will) (?:you|u) (?:please |pls )?"
    r"(?:tell|show|remind|let) me|(?:please |pls )?(?:tell|remind) me|"
    r"i (?:want|need|would like|'d like|wanna) to know|(?:do|does) (?:you|u|anyone) know|"
    r"any ?idea|i(?:'m| am)? wonder(?:ing)?|wondering)\s+"
    r"(?=(?:who|whom|whose|what|whats|what's|when|where|why|which|how)\b)"
)
"""A request framing a question ("can you tell me who ...", "i want to know when ...", "do
you know where ..."): the question is what follows; "tell" asks nothing of what was said."""
_EMBEDDED = re.compile(r"^(who|what|where) ((?:\S+ ){0,4}?\S+) (is|was|are|were)\s*\??$")
"""A question asked inside a request, its subject before its verb ("who li hui is")."""
LEAD_IN_WORDS = 3
"""A lead-in before a comma is dropped only when this short: a greeting or an address."""
_QUESTION_WORD = re.compile(r"\b(?:who|whom|whose|what|whats|when|where|why|which|how|hows)\b")
_OPENS_QUESTION = frozenset(
    "who whom whose what whats when where why which how hows is are was were do does did "
    "can could should shouldn't would will won't shall may might must has have had".split()
)
"""Words a question opens with: question words and the auxiliary verbs (a closed class)."""
LEAD_WORDS = 2
"""At most this many words are dropped before such an opening."""
_PICTOGRAPH_CATEGORIES = frozenset({"So", "Sk", "Cs", "Co"})
_KEEP_SYMBOLS = frozenset("%$€£")


_CHAT_SPELLINGS = {
    "wat": "what",
    "wut": "what",
    "wht": "what",
    "waht": "what",
    "wats": "what's",
    "whts": "what's",
    "wen": "when",
    "whn": "when",
    "wher": "where",
    "whr": "where",
    "hw": "how",
    "wich": "which",
    "whcih": "which",
}
"""Question words as chat spells them (a closed class): read as the words they are, so
every stage that reads the question's frame reads "wat is li hui's job" as "what is"."""
_CHAT_SPELLING = re.compile(r"\b(?:" + "|".join(_CHAT_SPELLINGS) + r")\b")


def strip_noise(text: str, has_content: Callable[[str], bool]) -> str:
    """`text` without links, pictographs, bracketed asides and segments without content,
    its question words spelt out."""
    text = _CHAT_SPELLING.sub(lambda m: _CHAT_SPELLINGS[m.group(0)], text)
    text = _LINK.sub(" ", text)
    text = _LABEL.sub(" ", text)
    text = _SOURCE_REFERENCE.sub(" ", text)
    framed = _REQUEST_FRAME.sub("", text.strip())
    if framed != text.strip():
        # an embedded question keeps its subject before the verb: "who li hui is"
        text = _EMBEDDED.sub(r"\1 \3 \2", framed)
    # A pictograph ends a segment: "hey all 👋 who is ...", "... crimea ty 🙏".
    text = "".join(" ; " if _is_pictograph(ch) else ch for ch in text)
    text = _SPACES.sub(" ", text).strip(" ;")
    without_asides = _SPACES.sub(" ", _BRACKETED.sub(" ", text)).strip(" ;")
    if without_asides.strip(" ;?!.,"):  # a question wholly in brackets keeps its words
        text = without_asides
    elif not without_asides:
        text = text.strip(" ()[]")
    else:
        text = without_asides

    def content(segment: str) -> bool:
        return _asks(segment) or has_content(segment)

    return _drop_lead_in(_drop_empty_segments(text, content), content)


def drop_lead_words(text: str, is_filler: Callable[[str], bool]) -> str:
    """A question without up to `LEAD_WORDS` filler words before the word it opens with
    ("honestly should ukraine ...", "lol who is ..."). A filler word is one that never
    carries content, whatever the knowledge (`is_filler`: the stop words), so what is
    dropped does not depend on the sources loaded, and a name the knowledge does not know
    ("iran has ...") is never dropped. For free questions only: a quotation given to
    who-said keeps every word."""
    words = text.split(" ")
    for count in range(1, LEAD_WORDS + 1):
        if len(words) <= count + 1 or words[count] not in _OPENS_QUESTION:
            continue
        lead = words[:count]
        if all(is_filler(w) and w not in _OPENS_QUESTION for w in lead):
            return " ".join(words[count:])
    return text


def _drop_lead_in(text: str, has_content: Callable[[str], bool]) -> str:
    """`text` without a lead-in of a few words before its first comma that carries no
    content ("morning tomasz, when did ..."), when what follows does."""
    lead, comma, rest = text.partition(", ")
    if not comma or len(lead.split()) > LEAD_IN_WORDS or has_content(lead):
        return text
    return rest if has_content(rest) else text


def _asks(segment: str) -> bool:
    """Whether a segment holds a question word ("what is this article about" asks,
    though it names nothing the knowledge knows)."""
    return bool(_QUESTION_WORD.search(segment))


def _drop_empty_segments(text: str, has_content: Callable[[str], bool]) -> str:
    pieces = _split_keeping_breaks(text)
    if len(pieces) < 2:
        return text
    kept = [(segment, end) for segment, end in pieces if has_content(segment)]
    if not kept:
        return text
    return _SPACES.sub(" ", " ".join(segment + end for segment, end in kept)).strip()


def _split_keeping_breaks(text: str) -> list[tuple[str, str]]:
    """Segments with the punctuation that ended them (a "?" is kept for the intent)."""
    pieces: list[tuple[str, str]] = []
    start = 0
    for match in _BREAK.finditer(text):
        segment = text[start : match.start()].strip()
        mark = match.group(0).strip()
        end = mark if mark and mark[-1] in "?!." else ""
        if segment:
            pieces.append((segment, "?" if "?" in end else end[:1]))
        start = match.end()
    tail = text[start:].strip()
    if tail:
        pieces.append((tail, ""))
    return pieces


def _is_pictograph(ch: str) -> bool:
    if ch in _KEEP_SYMBOLS:
        return False
    code = ord(ch)
    if 0xFE00 <= code <= 0xFE0F or 0x1F3FB <= code <= 0x1F3FF:  # variation selectors, skin tones
        return True
    return unicodedata.category(ch) in _PICTOGRAPH_CATEGORIES
