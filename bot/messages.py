"""Every sentence Envoy says to a user, in one place.

Adapters and the core take their wording from here, so a change of tone or a translation
touches one file.

The core's sentences are written for one source ("the article"). `for_sources` rewrites an
answer's opening sentence for several ("the 3 articles"); sentences about one cited
passage ("The article gives no calendar date ...") stay singular, because they speak of
the article that passage comes from.
"""

import re
import string
from dataclasses import replace

from bot.answers import Answer

CANNOT_FIND = "I can't find that in the article."
CANNOT_FIND_ABOUT = "I can't find anything in the article about “{subject}”."
CANNOT_FIND_WHAT_SAID = "I can't find what {name} said about that in the article."
CANNOT_FIND_QUOTE = "I can't find that quotation in the article."
MISQUOTE = (
    "The article does not quote that. The nearest quotation is {speaker}'s, in paragraph "
    "{paragraph}; it says {pairs}."
)
QUOTE_CHANGED = "“{theirs}” where you have “{given}”"
QUOTE_DROPPED = "“{theirs}”, which you leave out"
QUOTE_ADDED = "nothing where you have “{given}”"
QUOTE_CLOSE = "Your words are close to the article's but not the same."
QUOTE_LEFT_OUT = "They leave out “{words}”."
QUOTE_REWORDED = "Its words are {pairs}."
CANNOT_FIND_PERSON = "I don't know “{subject}” from the article."
NO_DIRECT_QUOTES = "The article does not quote {name} directly."
NO_CALENDAR_DATE = "The article gives no calendar date for that; it says only “{time}”."
NO_DATE_AT_ALL = "The article gives no calendar date for that."
NO_DAY = "The article doesn't say which day; it says only “{time}”."
NO_DAY_AT_ALL = "The article doesn't say which day."
NO_OPINION = "I have no opinions of my own; I only report what the article says."
NO_FORECAST = "The article doesn't say how that will turn out; it reports what people expect."
NO_QUANTITY = "The article gives no number for that."
NOT_NAMED = "The article doesn't name them; it says only “{span}”."
NOT_SPECIFIED = "The article doesn't say that exactly; it says only “{span}”."
NOT_MENTIONED = "The article doesn't say which {thing}."
NAME_NOT_MENTIONED = "The article doesn't mention “{name}”."
TIME_CONTRADICTED = "Not “{asked}”: the article says “{given}”."
NEAREST = "Nearest things I can answer:"
EMPTY_QUESTION = "Ask me something about the article, for example: {example}"
NEEDS_TEXT = "`{command}` needs {what}. Usage: {usage}"
UNKNOWN_COMMAND = "There is no command “{command}”. Try: {commands}."
RATE_LIMITED = "You're asking faster than I can answer. Please wait {seconds} s and try again."
INTERNAL_ERROR = "Sorry, something went wrong on my side (reference {reference})."
SAID = "{speaker} said it"
WHO_SAID = "{who} said it{context}. The article quotes these words."
WHO_SAID_IN_SENSE = (
    "The article does not quote these words, but {who} said something close to them"
    "{context}. Its own words are below: quote those, not these."
)
WHO_SAID_PARTIAL = "{who} said it{context}. The article quotes only part of what was said."
WHO_SAID_REPORTED = (
    "The article does not quote these words: it reports, in its own words, that {who} said "
    "so. Cite the report below, not a quotation: {statement}"
)
HELP_INTRO = "I answer questions about one article, citing its own words."
ENTITIES_IN_ALL = "{count} people, places and organisations in all."
WHO_IS_GROUP = "{name}: the article mentions them as a group, without a single spokesperson."
QUOTES_HEADER = "{name}: {count} quotation{plural} in the article."
ABOUT_HEADER = "What the article says about {name}:"
ROLES_BY_SOURCE = "{name}: {roles}."
ROLE_AS_OF = "{role}, as of “{title}” ({date})"
ROLES_SEPARATOR = "; "
ROLE_UNDATED = "undated"
SOURCES_HEADER = "I answer from {count} source{plural}:"
UNKNOWN_METADATA = "not stated in the article"
FEEDBACK_THANKS = "Thanks, noted."
FEEDBACK_UNKNOWN = "I couldn't find that answer any more; thanks all the same."

# The console (adapters/console.py).
CONSOLE_WELCOME = (
    "Envoy: ask about the diplomacy around the war in Ukraine, from {sources}.\n"
    "Type a question, or a command: who-said, quotes, about, sources, help (with or "
    "without a slash, as in /quotes haines). Ctrl-D or /quit leaves."
)
CONSOLE_ONE_SOURCE = "one cited article"
CONSOLE_SOURCES = "{count} cited articles"
CONSOLE_QUOTE = "Quote, {speaker}: “{quote}”"
CONSOLE_QUOTE_ALONE = "Quote: “{quote}”"
CONSOLE_NARRATION = "Narration: {text}"
CONSOLE_WHERE = "paragraph {paragraph}, “{source}”"
CONSOLE_SPEAKER = "Speaker: {speaker}"

SEVERAL_SOURCES = {
    CANNOT_FIND: "I can't find that in the {sources} articles.",
    CANNOT_FIND_ABOUT: "I can't find anything in the {sources} articles about “{subject}”.",
    CANNOT_FIND_WHAT_SAID: "I can't find what {name} said about that in the {sources} articles.",
    CANNOT_FIND_QUOTE: "I can't find that quotation in the {sources} articles.",
    CANNOT_FIND_PERSON: "I don't know “{subject}” from the {sources} articles.",
    NO_DIRECT_QUOTES: "None of the {sources} articles quotes {name} directly.",
    NO_OPINION: "I have no opinions of my own; I only report what the articles say.",
    NO_FORECAST: ("The articles don't say how that will turn out; they report what people expect."),
    EMPTY_QUESTION: "Ask me something about the {sources} articles, for example: {example}",
    QUOTES_HEADER: "{name}: {count} quotation{plural} in the {sources} articles.",
    ABOUT_HEADER: "What the {sources} articles say about {name}:",
    WHO_IS_GROUP: "{name}: the articles mention them as a group, without a single spokesperson.",
    HELP_INTRO: "I answer questions about {sources} articles, citing their own words.",
    WHO_SAID_REPORTED: (
        "None of the {sources} articles quotes these words: one reports, in its own words, "
        "that {who} said so. Cite the report below, not a quotation: {statement}"
    ),
    WHO_SAID_IN_SENSE: (
        "None of the {sources} articles quotes these words, but {who} said something close "
        "to them{context}. Its own words are below: quote those, not these."
    ),
    MISQUOTE: (
        "None of the {sources} articles quotes that. The nearest quotation is {speaker}'s, "
        "in paragraph {paragraph}; it says {pairs}."
    ),
}
"""Each sentence written for one source, as it reads when Envoy answers from several."""


def _opening(template: str) -> re.Pattern[str]:
    """A pattern matching `template` filled in, at the start of a text."""
    pattern = ""
    for literal, field, _, _ in string.Formatter().parse(template):
        pattern += re.escape(literal)
        if field is not None:
            pattern += f"(?P<{field}>.*?)"
    return re.compile(pattern, re.DOTALL)


_OPENINGS = [(_opening(one), several) for one, several in SEVERAL_SOURCES.items()]


def for_sources(text: str, sources: int) -> str:
    """`text` with its opening sentence reworded for `sources` sources (unchanged for one).

    Only a sentence this module wrote is reworded, never the sources' own words."""
    if sources <= 1:
        return text
    for pattern, several in _OPENINGS:
        match = pattern.match(text)
        if match:
            return several.format(sources=sources, **match.groupdict()) + text[match.end() :]
    return text


def reworded_for(answer: Answer, sources: int) -> Answer:
    """`answer` with its text reworded by `for_sources` for `sources` sources."""
    text = for_sources(answer.text, sources)
    return answer if text == answer.text else replace(answer, text=text)
