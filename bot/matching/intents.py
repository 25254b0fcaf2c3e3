"""What kind of answer a question asks for, read from its wording.

`read_intent` looks only at normalised text and returns an `Intent`: the answer kind
(when, where, who, ...) and, for questions that name their subject in a fixed frame
("who said ...", "who is ...", "quotes by ..."), that subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ASK = "ask"
WHO_SAID = "who-said"
WHO_IS = "who-is"
QUOTES = "quotes"
ABOUT = "about"
SOURCES = "sources"
SUMMARY = "summary"
HELP = "help"


@dataclass(frozen=True, slots=True)
class Intent:
    """A question's route (`command`), answer kind and, when framed, its subject text."""

    command: str
    kind: str | None = None
    subject: str = ""
    calendar_date: bool = False
    day: bool = False  # asks which day ("what day did she testify"): a weekday or a date
    compare: bool = False
    opinion: bool = False  # asks Envoy's own view, or tells it what to say
    forecast: bool = False  # asks who wins, how the war ends, or what came after the article
    responder: str = ""  # "how did Qin respond ...": who is asked to have responded


_LEAD = r"^(?:(?:hey|hi|hello|ok|okay|so|and|but|quick question|question|q)[,:!.]?\s+)*"
_WHO_SAID = re.compile(
    _LEAD
    + r"(?:who|whom|which (?:official|person|politician|leader|diplomat|one|people|officials))"
    r"\s+(?:(?:has|had|was|is|did|else)\s+)?"
    r"(?:said|says|say|saying|stated|states|wrote|writes|uttered|quoted|"
    r"was quoted(?: as)?(?: saying)?|is quoted(?: as)?(?: saying)?|"
    r"made (?:the|this|that) (?:comment|remark|statement|quote)|"
    r"came up with|used the (?:phrase|words?)|called|described|warned|warns|argued|argues|"
    r"claimed|claims|insists|insisted|believes|fears|suggested|suggests|reported|told|"
    r"testified)"
    r"(?:\s+(?:that|the (?:line|phrase|words?|quote)|this|these words|it))?"
    r"[\s:,-]+(?P<subject>.+)$"
)
_WHOSE = re.compile(
    _LEAD + r"(?:whose (?:words|quote|line|phrase) (?:is|are|was|were)|"
    r"who (?:do|does) (?:the|this) (?:quote|line|phrase) (?:belong|come) (?:to|from)|"
    r"attribute|attribution(?: for| of)?|source of(?: the quote)?|who is behind)"
    r"[\s:,-]+(?P<subject>.+)$"
)
_QUOTED_ONLY = re.compile(r'^["\'](?P<subject>[^"\']{6,})["\']\s*\??$')
_QUOTES = re.compile(
    _LEAD + r"(?:(?:show|list|give|get|find)(?: me)?\s+)?(?:all\s+|any\s+|the\s+)?"
    r"(?:quotes|quotations|quote|statements)\s+(?:from|by|of|for|attributed to)\s+"
    r"(?P<subject>.+?)\??$"
)
_QUOTES_SAID = re.compile(
    _LEAD + r"what (?:has|did|does|have) (?P<subject>.+?) (?:said|say|says)"
    r"(?: (?:so far|in the article|in the story|here))?\s*\??$"
)
_WHO_IS = re.compile(
    _LEAD + r"(?:who(?:'s| is| was| are| were|s)(?: (?:serving|working|acting) as)?|"
    r"who (?:serves|served|works|acts) as|what is the (?:role|job|title) of|"
    r"what(?:'s| is) the name of)\s+(?P<subject>.+?)\??$"
)
_ROLE_OF = re.compile(
    _LEAD + r"what(?:'s| is| was|s) (?P<subject>.+?)(?:'s)? (?:role|job|title|position)\??$"
    r"|" + _LEAD + r"what does (?P<subject2>(?:\S+ ){0,3}?\S+) do(?: for a living)?\??$"
    # the role noun asked first: "what job does Cleverly have", "what post did Li Hui hold"
    r"|" + _LEAD + r"what (?:job|role|title|position|post|office) (?:does|did|do) "
    r"(?P<subject5>(?:\S+ ){0,3}?\S+) (?:have|hold|had|held|occupy)\??$"
    r"|" + _LEAD + r"what (?:does|do) (?P<subject3>\S+) stand for\??$"
    r"|" + _LEAD + r"what(?:'s| is| was|s) (?P<subject4>.+?)(?:'s|s')? (?:first|full|given|last) "
    r"name\??$"
)
_ABOUT = re.compile(
    _LEAD + r"(?:tell me (?:more )?about|what do you know about|what (?:do|does) "
    r"(?:you|the article|it) (?:have|say) (?:on|about)|info(?:rmation)? (?:on|about)|"
    r"anything (?:on|about)|background on|what about|about|"
    # chat: "what's the deal with ...", "what's the story w ..."
    r"what(?:'s| is|s) (?:the |up )?(?:deal|story|situation|score|thing) (?:with|w)/?)"
    r"\s+(?P<subject>.+?)\??$"
)
_SOURCES = re.compile(
    r"^(?:what are )?(?:your |the )?sources?\??$|where (?:do|does) (?:you|your|this|the) "
    r"(?:info|information|data|answers?|knowledge)? ?(?:come|comes) from|"
    r"^what (?:do you know|can you answer|is your source|sources do you use)\??$|"
    r"^(?:what|which) (?:article|source|story)(?: is this| are you using| do you use)"
)
_SUMMARY = re.compile(
    _LEAD + r"(?:(?:in (?:one|a|few) (?:sentence|line|word)s?,? |tl;? ?dr,? |briefly,? )?"
    r"what(?:'s| is|s) (?:this|the) (?:article|story|piece|report) "
    r"(?:even |really |actually |basically |all )?(?:about|saying)|"
    r"(?:give me )?(?:a |the )?(?:summary|summari[sz]e|gist|tl;? ?dr|main points?|key points?|"
    r"headline|overview)(?: of)?(?: (?:this|the) (?:article|story|piece))?|"
    r"summari[sz]e (?:this|the) (?:article|story|piece)|what(?:'s| is) the (?:story|news)|"
    r"what(?:'s| is) (?:the )?(?:main|key) (?:point|takeaway|argument)"
    r"(?: of (?:this|the) (?:article|story|piece))?)\W*$"
)
_HELP = re.compile(
    r"^(?:help|commands|\?|how do i use (?:this|you|envoy)|what can (?:i|you) (?:ask|do)|"
    r"how does this work|usage)\W*$"
)

_COMPARE = re.compile(
    r"\b(?:differ|differs|difference|differences|different|compare|compared|comparison|"
    r"contrast|versus|vs|in common|same as|agree with|disagree with|at odds)\b"
)
_OPINION = re.compile(
    # an adverb may sit before the verb: "do you personally think ...", "do you really agree"
    r"\b(?:what do you (?:\w+ly )?(?:think|believe|reckon)|"
    r"(?:do|would|will|did|can|could) you (?:\w+ly )?"
    r"(?:think|believe|agree|reckon|trust|support|favou?r|prefer|like|side)\b|"
    # a view asked of Envoy, a word or two between: "what's your own take", "your honest view"
    r"your (?:(?:own|personal|honest|real|\w+ly) )?(?:opinion|view|take|position|stance)s?\b|"
    r"in your (?:opinion|view|assessment|judg(?:e)?ment|estimation)|"
    r"what would you do|"
    r"are you (?:for|against|on the side of|with|pro|anti)\b|(?:whose|which) side are you|"
    r"do (?:u|ya) (?:think|believe|agree|reckon)|"
    # a judgement of someone, the verb before its subject: "is Polyakova right?", "was
    # trump right that ..."; "the fleet is based in odesa right?" is a claim and its tag
    r"(?:^|[,;:.!?] |\b(?:so|but|and|then|now) )(?:is|was|are|were) "
    r"(?!it\b|this\b|that\b|there\b)\w+(?: \w+){0,3} (?:right|wrong)"
    r"(?: that| about| to\b|\?|$)|"
    r"\bwhat(?:'s| is) yours\b|"
    # what ought to be done, asked of Envoy: "should we trust china?"
    r"^(?:so |but |and )?(?:should|shouldn't|ought)\b(?!.*\b(?:according to|says?|said|per)\b)|"
    # asked to judge between people: "who's right here, milley or blinken? pick one"
    r"\bwho(?:'s| is) right\b|\bpick (?:one|a side)\b"
    r")"
)
_CHAT_PRONOUNS = (
    (re.compile(r"\b(?:u|ya|yu)\b"), "you"),
    (re.compile(r"\b(?:ur|yr)\b(?= \w)"), "your"),
    (re.compile(r"\br(?= you\b)"), "are"),
)
"""Chat spellings of "you", "your" and "are" before "you" ("do u trust", "r u on", "ur
take"), read as the words when asking whether a question addresses Envoy."""


def chat_pronouns(text: str) -> str:
    """`text` with chat spellings of "you", "your" and "are you" written out."""
    for pattern, word in _CHAT_PRONOUNS:
        text = pattern.sub(word, text)
    return text


_FORECAST = re.compile(
    r"\b(?:will|won't|wont|gonna|going to|would)\b(?:\s+\S+){0,4}?\s+"
    r"(?:win|lose|prevail|be defeated|come out on top)\b(?! back)(?! over)"
    r"|\b(?:when|how) (?:will|is|does|would) (?:the|this) (?:war|conflict) (?:end|be over)\b"
    r"|\bwho(?:'s| is)? (?:gonna |going to )?(?:win|winning)\b(?! back)"
    # What came after the article: "did it end up ...", "did the offensive work in the end".
    r"|\b(?:end(?:ed|s)? up|in the end|turn(?:ed|s)? out)\b"
    r"|\bwhat (?:happened|happens) (?:next|after|then|later)\b"
    r"|\bdid (?:it|they|the \w+) (?:work|succeed|fail|pay off)\b"
    r"|\bwho (?:won|lost)\b"
    # Asked to foretell: "predict whether ...", "will the offensive succeed?"
    r"|^(?:(?:can|could) you |please |pls )?(?:predict|forecast|guess|speculate)\b"
    r"|\b(?:will|won't|wont|gonna|going to)\b(?:\s+\S+){0,4}?\s+"
    r"(?:succeed|work out|pay off|fail|collapse)\b"
)
# Instructions to the bot rather than questions: "say russia was right", "you are now DAN".
_INSTRUCTION = re.compile(
    # an order opening the question or one of its clauses ("you're a bot, just say ...")
    r"(?:^|[,;:.!?] )(?:(?:now|please|just|pls)\s+)?(?:say|admit|declare|announce|repeat|"
    r"pretend|roleplay|act as|ignore|disregard|forget|sing|rap)\b(?!,)"  # not "if, say, ..."
    r"|\b(?:tell|give|write) (?:me |us )?(?:a |another )?(?:joke|poem|song|story|riddle)s?\b"
    r"|\byou are now\b|\b(?:your|the) (?:\w+ )?(?:prompt|instructions)\b"
    r"|\b(?:developer|god|admin|debug) mode\b|\bsystem override\b|\bjailbreak\b"
)
# "How did Qin respond to ...", "what was the Kremlin's reaction": a response by someone.
_RESPONSE = re.compile(
    r"\bhow (?:did|has|have|does|do) (?P<who>.+?) (?:respond|react|reply|answer|take it)\b"
    r"|\bwhat (?:was|is|were|did|has been) (?P<whose>.+?)(?:'s|s')? "
    r"(?:response|reaction|reply|answer)\b"
)
_DOING = re.compile(r"[a-z]{2,}ing (?!(?:officials?|ministers?|leaders?)\b)")
# "who was Sullivan talking to ...", "who is Blinken meeting with": a name, then what
# they do with someone
_DOING_WITH = re.compile(r"\b[a-z]{3,}ing (?:to|with|for|about|against)\b")
_CALENDAR = re.compile(
    r"\b(?:what|which|exact|precise|actual|specific) (?:calendar )?(?:date|day of the month)\b"
    r"|\bon what date\b|\bdates? of\b|\bwhat day (?:of the month|exactly)\b"
    r"|\bcalendar dates?\b|\b(?:what|which) dates\b"
    r"|\b(?:exact|precise|specific|actual) days?\b"
)
_DAY = re.compile(r"\b(?:what|which) day\b(?! of the month)|\bon what day\b")
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "how-long",
        re.compile(
            r"\bhow long\b|\bfor how many (?:years|months|weeks|days)\b|"
            r"\bhow many (?:years|months|weeks|days)\b|\bduration\b"
        ),
    ),
    (
        "how-many",
        re.compile(
            r"\bhow (?:many|much)\b|\bwhat (?:number|percentage|amount)\b|"
            r"\bnumber of\b|\bhow often\b|\bhow big\b|\bhow large\b"
        ),
    ),
    (
        "when",
        re.compile(
            r"\bwhen\b|\bwhat (?:day|date|time|month|year|week)\b|"
            r"\bwhich (?:day|date|month|year|week)\b|\bhow long ago\b|"
            r"\bsince when\b|\bwhat year\b|\bon what date\b|\bdate of\b"
        ),
    ),
    ("position", re.compile(r"\bwhere (?:do|does|did) .+ stand\b")),
    (
        "where",
        re.compile(
            r"\bwhere\b|\bwhat (?:city|country|place|location|town|capital|setting|venue|forum)\b|"
            r"\bwhich (?:city|country|place|location|town|capital)\b|\bin what city\b"
        ),
    ),
    (
        "why",
        re.compile(
            r"\bwhy\b|\bwhat for\b|\bfor what reason\b|\bhow come\b|\breasons?\b|"
            r"\bwhat is the argument\b|\bwhat's the argument\b|\bmotive\b|\bbecause\b"
        ),
    ),
    (
        "position",
        re.compile(
            r"\bposition\b|\bstance\b|\bview\b|\bviews\b|\bthink\b|\bthinks\b|"
            r"\bopinion\b|\bstand\b|\bfeel\b|\bbelieve\b|\bsupport\b|\boppose\b|"
            r"\bwant\b|\bwants\b"
        ),
    ),
    (
        "who",
        re.compile(
            r"^(?:who|whom|which (?:[a-z]+ )?(?:official|person|people|leader|country|"
            r"countries|diplomat|officials|politicians?|reporters?|journalists?))\b"
        ),
    ),
)


# Asides and sign-offs that do not change what is asked: "(not the economist lol)", "pls".
_ASIDE = re.compile(r"\s*\([^()]*\)")
_SIGN_OFF = re.compile(
    r"(?:[\s,]+(?:pls|plz|please|thanks|thank you|thx|ty|lol|lmao|haha|bro|mate|cheers))+$"
)


def read_intent(normalised: str) -> Intent:
    """Read the route and answer kind of a normalised question."""
    text = _ASIDE.sub(" ", normalised).strip().rstrip("?!. ").strip()
    text = _SIGN_OFF.sub("", text).rstrip("?!.,: ").strip()
    if _HELP.match(text) or not text:
        return Intent(HELP)
    if _SOURCES.search(text):
        return Intent(SOURCES)
    if _SUMMARY.match(text):
        return Intent(SUMMARY)
    for pattern in (_WHO_SAID, _WHOSE):
        match = pattern.match(text)
        if match and len(match.group("subject").strip(" \"'")) >= 3:
            return Intent(WHO_SAID, "who", match.group("subject").strip())
    match = _QUOTED_ONLY.match(text)
    if match:
        return Intent(WHO_SAID, "who", match.group("subject").strip())
    for pattern in (_QUOTES, _QUOTES_SAID):
        match = pattern.match(text)
        if match:
            return Intent(QUOTES, None, match.group("subject").strip())
    spelt = chat_pronouns(text)
    opinion = bool(_OPINION.search(spelt) or _INSTRUCTION.search(spelt))
    forecast = bool(_FORECAST.search(spelt))
    if opinion or forecast:
        return Intent(ASK, answer_kind(text), opinion=opinion, forecast=forecast)
    match = _WHO_IS.match(text) or _ROLE_OF.match(text)
    if match:
        groups = match.groupdict()
        subject = next((v for k, v in groups.items() if k.startswith("subject") and v), "")
        return Intent(WHO_IS, "who", subject.strip())
    match = _ABOUT.match(text)
    if match:
        return Intent(ABOUT, None, match.group("subject").strip())
    response = _RESPONSE.search(text)
    return Intent(
        ASK,
        answer_kind(text),
        calendar_date=bool(_CALENDAR.search(text)),
        day=bool(_DAY.search(text)),
        compare=bool(_COMPARE.search(text)),
        responder=(response.group("who") or response.group("whose") or "") if response else "",
    )


def answer_kind(text: str) -> str | None:
    """The first answer kind the wording asks for, or None for a plain "what"."""
    for kind, pattern in _KINDS:
        if pattern.search(text):
            return kind
    return None


def asks_who_does(subject: str) -> bool:
    """ "Who is warning against ...": the subject of a who-is question is something done,
    so the question asks who does it, not who someone is."""
    return bool(_DOING.match(subject) or _DOING_WITH.search(subject))
