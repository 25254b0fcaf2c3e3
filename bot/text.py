"""Text normalisation shared by matching, logging and every adapter.

`clean` makes untrusted input safe to process and to keep: NFKC, no control, zero-width
or bidi characters, curly quotes and dashes folded, credentials redacted, bounded length.
`normalise` goes further for matching (and for the question log): platform mention tokens
and the user ids in them removed, case folded. `tokenize` and `stem` turn normalised text
into the words the matcher compares. `redact_credentials` is the one list of what looks
like a secret, shared with the log filter.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

MAX_INPUT_CHARS = 500
"""Questions are cut to this many characters before any work is done on them."""

_RAW_LIMIT = 20_000
"""Input is cut to this before normalisation, so hostile megabytes cost nothing."""

_INVISIBLE = {
    0x200B,
    0x200C,
    0x200D,
    0x200E,
    0x200F,
    0x2060,
    0x2061,
    0x2062,
    0x2063,
    0x2064,
    0xFEFF,
    0x00AD,
    0x034F,
    0x061C,
    0x180E,
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
}
_FOLD = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "`": "'",
        "´": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": " - ",
        "―": " - ",
        "−": "-",
        "…": "...",
    }
)
_MENTION = re.compile(
    r"<[@#!][^<>\s]{0,80}>"  # Slack <@U1>, <#C1|x>, <!channel>; Discord <@1>, <@!1>, <#1>
    r"|<@&\d{1,25}>"  # Discord role mention
    r"|@(?:everyone|here|channel)"
    r"|<[@#!]",  # what is left of a mention cut off ("<@" at the end of a long message)
    re.IGNORECASE,
)
_USER_ID = re.compile(
    r"(?<![\w@])@(?:[UWB](?=[A-Z]*\d)[A-Z0-9]{6,20}|!?\d{15,21})(?![A-Za-z0-9])"
)  # the label of a Slack <@U0ABC123> (@U0ABC123), or a Discord id typed after an @
_SPACES = re.compile(r"\s+")
_MARKDOWN = re.compile(r"[*_`~|]+|^#+\s|^>\s")
_ACRONYM = re.compile(r"\b(?:[a-z]\.){2,}(?![a-z])")
_US_CASED = re.compile(r"\bU\.?S\.?(?![A-Za-z])")
_US_DOTTED = re.compile(r"\bu\.s\b\.?")
_US = re.compile(r"\b(?:the )?(?:united states(?: of america)?|usa)\b")
_TOKEN = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
_PRONOUN_US_BEFORE = frozenset(
    "tell give show let help for to with of from among about told gave showed helps teach "
    "send brief remind bring against like".split()
)


REDACTED = "[redacted]"
"""What stands in for a credential-shaped string, wherever text is kept or shown."""

_CREDENTIALS = (
    # Slack bot, user, app-level, configuration and refresh tokens
    re.compile(r"(?i)(?<![a-z0-9])(?:xox[a-z](?:\.xox[a-z])?|xapp)-[a-z0-9-]{6,}"),
    # Discord bot tokens: the user id, a timestamp and an HMAC, base64url, dot-separated
    re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{20,30}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}"),
    # a password in a database URL, the credential of an Authorization header
    re.compile(r"(?i)(postgres(?:ql)?(?:\+\w+)?://[^:/\s]+:)[^@\s]+(?=@)"),
    re.compile(r"(?i)(authorization[\"']?\s*[:=]\s*[\"']?(?:bot|bearer)\s+)[^\s\"',}]+"),
)
_HEX_SECRET = re.compile(r"(?<![A-Za-z0-9])[0-9A-Fa-f]{32,}(?![A-Za-z0-9])")
_BASE64_RUN = re.compile(r"(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{40,}={0,2}")


def redact_credentials(text: str) -> str:
    """`text` with every credential-shaped string replaced by REDACTED: Slack tokens
    (xox?-, xapp-), Discord bot tokens, passwords in database URLs, Authorization
    credentials, 32 or more hex digits, and 40 or more base64 characters that mix upper
    case, lower case and digits (as random keys do, and words, dates and paths do not)."""
    for pattern in _CREDENTIALS:
        if pattern.groups:
            text = pattern.sub(lambda m: m.group(1) + REDACTED, text)
        else:
            text = pattern.sub(REDACTED, text)
    text = _HEX_SECRET.sub(REDACTED, text)
    return _BASE64_RUN.sub(_redact_random, text)


def _redact_random(match: re.Match[str]) -> str:
    run = match.group(0)
    mixed = (
        any(c.isdigit() for c in run)
        and any(c.islower() for c in run)
        and any(c.isupper() for c in run)
    )
    return REDACTED if mixed else run


def clean(text: str, limit: int = MAX_INPUT_CHARS) -> str:
    """Make untrusted text safe to process and to keep, keeping its case and its mention
    tokens.

    NFKC first (so fullwidth look-alikes become what they look like), then control,
    zero-width and bidi characters go, quotes and dashes are folded to ASCII, runs of
    whitespace become one space, credentials are redacted (before the cut, so no part of
    one survives it), and the result is cut to `limit` characters.
    """
    text = text[:_RAW_LIMIT]
    if text.isascii() and text.isprintable():  # nothing for NFKC or the filter to do
        return redact_credentials(_SPACES.sub(" ", text.translate(_FOLD)).strip())[:limit].strip()
    text = unicodedata.normalize("NFKC", text)
    kept = []
    for ch in text:
        code = ord(ch)
        if code in _INVISIBLE:
            continue
        if ch in "\t\n\r\f\v":
            kept.append(" ")
            continue
        category = unicodedata.category(ch)
        if category in ("Cc", "Cf", "Cs", "Co", "Cn"):
            continue
        kept.append(ch)
    folded = "".join(kept).translate(_FOLD)
    return redact_credentials(_SPACES.sub(" ", folded).strip())[:limit].strip()


# "Envoy, who is Blinken?" and "who is Blinken, envoy?": the bot's name, not a word asked
# about (the article's "special envoy" stays).
_ADDRESS_START = re.compile(
    r"^(?:(?:hey|hi|hello|ok|okay|yo)\s+)?envoy\b(?:\s*[,:!.-]+\s*|\s+(?=(?:who|what|when|"
    r"where|why|how|which|is|are|did|does|do|can|could|tell|show|give|list)\b))",
    re.IGNORECASE,
)
_ADDRESS_END = re.compile(r"\s*,\s*envoy\s*(?=[?!.]*$)", re.IGNORECASE)


def strip_mentions(text: str) -> str:
    """Remove Slack and Discord mention tokens, the user ids typed as @U0ABC123 (what a
    Slack mention looks like once turned into a label) and @everyone/@here/@channel."""
    return _SPACES.sub(" ", _USER_ID.sub(" ", _MENTION.sub(" ", text))).strip()


_UNITS = {
    "yr": "year",
    "yrs": "years",
    "hr": "hour",
    "hrs": "hours",
    "mins": "minutes",
    "wk": "week",
    "wks": "weeks",
    "mos": "months",
    "secs": "seconds",
}
"""Units of time written short in chat, read as words after a number ("5 yrs"). Not
"min" or "sec", which are "minister" and "secretary" written short in a title."""
_UNIT_SHORT = re.compile(
    r"\b(\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|few|several)\s*("
    + "|".join(_UNITS)
    + r")\b"
)


_EX = re.compile(r"\bex-(?=[a-z])")
"""The prefix "ex-" ("ex-president", "the ex-prez"): "former"."""


def normalise(text: str, limit: int = MAX_INPUT_CHARS) -> str:
    """Clean, drop mentions, the bot's name used to address it and markdown marks, fold
    case and spell "U.S." one way: the form matching uses."""
    text = _MARKDOWN.sub(" ", strip_mentions(clean(text, limit=_RAW_LIMIT)))
    text = _ADDRESS_END.sub("", _ADDRESS_START.sub("", _SPACES.sub(" ", text).strip()))
    text = _US_CASED.sub("usa", _SPACES.sub(" ", text).strip()).casefold()
    text = _US_DOTTED.sub("usa", text)
    text = _ACRONYM.sub(lambda m: m.group(0).replace(".", ""), text)
    text = _US.sub("usa", text)
    text = _UNIT_SHORT.sub(lambda m: f"{m.group(1)} {_UNITS[m.group(2)]}", text)
    text = _EX.sub("former ", text)
    words = text.split(" ")
    for i, word in enumerate(words):
        if word == "us" and (i == 0 or words[i - 1] not in _PRONOUN_US_BEFORE):
            words[i] = "usa"
    return " ".join(words)[:limit].strip()


def tokenize(normalised: str) -> list[str]:
    """Split normalised text into word tokens; possessive 's is dropped."""
    return [token for token, _ in _tokens(normalised)]


def _tokens(normalised: str) -> Iterator[tuple[str, bool]]:
    """Each word token with whether it was written with a possessive 's."""
    for found in _TOKEN.findall(normalised):
        possessive = found.endswith("'s")
        token = (found[:-2] if possessive else found).strip("'")
        if token:
            yield token, possessive


def possessive_positions(normalised: str) -> frozenset[int]:
    """The indices, in `tokenize(normalised)`, of the tokens written with a possessive 's."""
    return frozenset(i for i, (_, possessive) in enumerate(_tokens(normalised)) if possessive)


_STEM_RULES = (
    ("ies", "y"),
    ("ied", "y"),
    ("sses", "ss"),
    ("ing", ""),
    ("ed", ""),
    ("es", ""),
    ("ly", ""),
    ("s", ""),
)


@functools.lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """A light, predictable suffix stripper: good enough to meet "talks" with "talk".

    It only strips when at least four characters remain, so short names stay whole.
    """
    if len(word) < 4 or not word.isalpha():
        return word
    if len(word) == 4:
        plural = word.endswith("s") and not word.endswith(("ss", "us", "is"))
        return word[:-1] if plural else word
    for suffix, replacement in _STEM_RULES:
        if suffix in ("ing", "ed") and word.endswith(suffix):
            base = _verb_base(word[: -len(suffix)])
            if base is not None:
                return base
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            if suffix == "es" and not word.endswith(("ches", "shes", "xes", "zes", "sses")):
                continue
            return _drop_final_e(word[: -len(suffix)] + replacement)
    return _drop_final_e(word)


_DOUBLED = frozenset("bdgmnprt")
"""Consonants a short verb doubles before -ing and -ed ("cut", "cutting"; "plan",
"planned"); a doubled l, s, f or z is the verb's own ("kill", "pass")."""


def _verb_base(rest: str) -> str | None:
    """The base a short verb's -ing or -ed form was made from, when the plain rule
    would miss it: a doubled consonant undone ("cutting", "stopped"), a base of three
    letters ending in y or w ("buying", "sawed"), or a silent e the form dropped from a
    verb of four letters ("giving", "ceded"). None when the plain rule applies."""
    if len(rest) >= 4 and rest[-1] == rest[-2] and rest[-1] in _DOUBLED:
        return rest[:-1]
    if len(rest) == 3 and rest[-1] in "yw" and rest[0] not in "aeiou":
        return rest
    if len(rest) == 3 and _consonant_vowel_consonant(rest):
        return rest + "e"  # a short verb's silent e dropped: "giving", "ceded", "taking"
    return None


def _consonant_vowel_consonant(rest: str) -> bool:
    vowels = "aeiou"
    return rest[0] not in vowels and rest[1] in vowels and rest[2] not in vowels + "wxy"


def _drop_final_e(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("e") else word


_SENTENCE_END = frozenset('.!?:;"“”')


def capitalised_inside(text: str) -> list[str]:
    """Words written with a capital that do not open a sentence, lower-cased ("Al-Qaeda"
    and "Iraq" in "He blamed the attacks on Al-Qaeda in Iraq"): the names of a text
    whoever drafted it, hyphens split."""
    found: list[str] = []
    opening = True
    for raw in text.split():
        word = raw.strip("()[]\"'“”‘’,")
        if word[:1].isupper() and not opening:
            parts = word.rstrip(".!?:;").split("-")
            found.extend(p.casefold() for p in parts if p.isalpha() and len(p) >= 3)
        opening = raw[-1:] in _SENTENCE_END
    return found
