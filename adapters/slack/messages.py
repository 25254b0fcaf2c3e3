"""What the Slack adapter says to users beyond the core's own sentences (`bot.messages`).

Every string here is mrkdwn or plain text written by us; whatever a user typed is escaped
by `render` before it is put into one of them.
"""

SHARE = "Post to channel"
HELPFUL = "Helpful"
NOT_HELPFUL = "Not helpful"
REPORT = "Report a problem"
SHARED_BY = "Shared by {name}"
ASKED_BY = "Asked by {name}"
SOMEONE = "someone"
ASKED = "{command} {text}"
SOURCE = "From “{title}”"
PARAGRAPHS = "paragraph {numbers}"
PARAGRAPHS_PLURAL = "paragraphs {numbers}"
SPEAKER_LINE = "— {speaker}, {where}"
TEXT_CUT = "… _(shortened: the rest is in the cited paragraphs of the article)_"
TEXT_CUT_PLAIN = "… _(shortened)_"
MORE_CITATIONS = "…and {count} more, from {where}. Ask something narrower to see them."
NOT_SENT = (
    "Slack asked me to slow down, so I couldn't send your answer. Please ask again in {wait}."
)
WAIT_SECONDS = "a few seconds"
WAIT_MINUTE = "about a minute"
WAIT_MINUTES = "about {minutes} minutes"
USAGE = "Usage: `/{usage}`"
USAGE_OPTION = "Usage: `/{usage}`: {option_summary}"

HOME_TITLE = "Envoy"
HOME_INTRO = (
    "I answer questions from the source below, quoting its own words with the paragraph "
    "they come from. What the source does not say, I tell you I can't find, and I offer "
    "the nearest things I can answer."
)
HOME_SOURCE = "*“{title}”*"
HOME_CONTRIBUTORS = "Contributors: {names}"
HOME_NO_CONTRIBUTORS = "Contributors: not stated"
HOME_COUNTS = "{facts} facts, {quotes} quotations, {entities} people, places and organisations."
HOME_COMMANDS = "*Commands*"
HOME_EXAMPLES = "*Try asking*"
HOME_WHERE = (
    "Slash command answers are private to you until you press *Post to channel*. "
    "Mention me in a channel and I answer in the thread; or write to me in Messages."
)

REPORT_TITLE = "Report a problem"
REPORT_SUBMIT = "Send to the editors"
REPORT_CLOSE = "Cancel"
REPORT_INTRO = (
    "Tell the editors what is wrong with this answer: a misquote, the wrong paragraph, "
    "something missing or out of date. They read every report."
)
REPORT_NOTE_LABEL = "Your note"
REPORT_NOTE_PLACEHOLDER = "What is wrong? (optional)"
REPORT_NOTE_HINT = "Up to 500 characters. Leave it empty to just flag the answer."
REPORT_THANKS = "Thanks — the editors will look at it."
REPORT_YOUR_NOTE = "Your note: “{note}”"
REPORT_UNKNOWN = (
    "I couldn't find that answer any more, so the report could not be filed. "
    "Thank you all the same."
)
