"""Every sentence Envoy says to a user, in one place.

Adapters and the core take their wording from here, so a change of tone or a translation
touches one file.
"""

CANNOT_FIND = "I can't find that in the article."
CANNOT_FIND_ABOUT = "I can't find anything in the article about “{subject}”."
CANNOT_FIND_WHAT_SAID = "I can't find what {name} said about that in the article."
CANNOT_FIND_QUOTE = "I can't find that quotation in the article."
MISQUOTE = (
    "The article does not quote that. The nearest quotation is {speaker}'s, in paragraph "
    "{paragraph}; it says {pairs}."
)
QUOTE_CHANGED = "“{article}” where you have “{given}”"
QUOTE_DROPPED = "“{article}”, which you leave out"
QUOTE_CLOSE = "Your words are close to the article's but not the same."
QUOTE_LEFT_OUT = "They leave out “{words}”."
CANNOT_FIND_PERSON = "I don't know “{subject}” from the article."
NO_DIRECT_QUOTES = "The article does not quote {name} directly."
NO_CALENDAR_DATE = "The article gives no calendar date for that; it says only “{time}”."
NO_OPINION = "I have no opinions of my own; I only report what the article says."
NO_FORECAST = "The article doesn't say how that will turn out; it reports what people expect."
NOT_NAMED = "The article doesn't name them; it says only “{span}”."
NOT_SPECIFIED = "The article doesn't say that exactly; it says only “{span}”."
NEAREST = "Nearest things I can answer:"
EMPTY_QUESTION = "Ask me something about the article, for example: {example}"
NEEDS_TEXT = "`{command}` needs {what}. Usage: {usage}"
UNKNOWN_COMMAND = "There is no command “{command}”. Try: {commands}."
RATE_LIMITED = "You're asking faster than I can answer. Please wait {seconds} s and try again."
INTERNAL_ERROR = "Sorry, something went wrong on my side (reference {reference})."
SAID = "{speaker} said it"
WHO_IS_GROUP = "{name}: the article mentions them as a group, without a single spokesperson."
QUOTES_HEADER = "{name}: {count} quotation{plural} in the article."
ABOUT_HEADER = "What the article says about {name}:"
SOURCES_HEADER = "I answer from {count} source{plural}:"
UNKNOWN_METADATA = "not stated in the article"
FEEDBACK_THANKS = "Thanks, noted."
FEEDBACK_UNKNOWN = "I couldn't find that answer any more; thanks all the same."
