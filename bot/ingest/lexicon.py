"""Word lists of English news prose that the ingest rules read.

Nothing here names a person, place or story: these are the conventions of news writing
(speech verbs, titles, honorifics, role nouns, time words) that every article shares.
"""

from __future__ import annotations

from typing import Final


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


SPEECH_VERBS: Final = _words(
    "say says said saying add adds added adding tell tells told telling asked asking "
    "noted noting write writes wrote writing argue argues argued arguing predict predicts "
    "predicted explain explains explained explaining insist insists insisted insisting warn "
    "warns warned warning stated recall recalls recalled declare declares declared replied "
    "answered suggest suggests suggested suggesting acknowledge acknowledges acknowledged "
    "cautioned concede concedes conceded observed remarked assert asserts asserted contend "
    "contends contended complain complains complained announce announces announced claimed "
    "admit admits admitted recount recounts recounted conclude concludes concluded pledged "
    "vowed urged stressed emphasize emphasizes emphasized emphasise emphasises emphasised "
    "testify testifies testified tweeted called calling describe describes described "
    "dismiss dismisses dismissed denounce denounces denounced praised criticize criticizes "
    "criticized criticise criticises criticised labeled labelled branded termed hailed "
    "promised responded responds respond commented comments comment notes stating chanted "
    "chant chants shouted shouts reads read reading stated states continued continues "
    "reiterated reiterates quipped wondered estimated added told tells condemn condemns "
    "condemned demand demands demanded accuse accuses accused blame blames blamed deny "
    "denies denied confirm confirms confirmed allege alleges alleged maintain maintains "
    "maintained recommend recommends recommended threaten threatens threatened express "
    "expresses expressed"
)
"""Verbs that introduce or report speech, in every form a news sentence uses."""

INVERTIBLE_VERBS: Final = _words(
    "say says said add adds added ask asks asked write writes wrote continue continues "
    "continued explain explains explained reply replies replied note notes noted recall "
    "recalls recalled insist insists insisted argue argues argued warn warns warned conclude "
    "concludes concluded declare declares declared predict predicts predicted states stated "
    "notes commented responded reads read"
)
"""Speech verbs that may come before their subject after a quotation: “…,” said X."""

AUXILIARIES: Final = _words(
    "has have had will would could may might should must did does do is was are were be been "
    "can shall"
)
ADVERBS: Final = _words(
    "also later recently then previously once again still often repeatedly already never "
    "not long earlier first finally simply just even only separately privately publicly "
    "bluntly flatly quickly further likewise too meanwhile since subsequently"
)
"""Words that may stand between a subject and its speech verb besides -ly adverbs."""

NAME_PARTICLES: Final = _words("de van von der den bin bint ibn al el da di du le la dos das del")
"""Lower-case words inside personal names: "Ludwig van Beethoven", "Mohammed bin Zayed"."""

HONORIFICS: Final = {
    "Mr.": "male",
    "Mr": "male",
    "Ms.": "female",
    "Ms": "female",
    "Mrs.": "female",
    "Mrs": "female",
    "Miss": "female",
    "Mx.": None,
    "Dr.": None,
}
"""Honorifics before a surname, with the gender they give (None: they give none)."""

TITLES: Final = tuple(
    sorted(
        (
            "Secretary of State",
            "Secretary of Defense",
            "Secretary of the Treasury",
            "Secretary General",
            "Secretary-General",
            "Prime Minister",
            "Deputy Prime Minister",
            "Foreign Minister",
            "Defense Minister",
            "Defence Minister",
            "Interior Minister",
            "Finance Minister",
            "Foreign Secretary",
            "Defense Secretary",
            "Home Secretary",
            "Vice President",
            "Chief Justice",
            "Attorney General",
            "Supreme Leader",
            "Crown Prince",
            "Lt. Gen.",
            "Maj. Gen.",
            "Brig. Gen.",
            "Lt. Col.",
            "Rear Adm.",
            "Vice Adm.",
            "President",
            "Premier",
            "Chancellor",
            "Minister",
            "Secretary",
            "Senator",
            "Sen.",
            "Representative",
            "Rep.",
            "Congressman",
            "Congresswoman",
            "Governor",
            "Gov.",
            "Mayor",
            "General",
            "Gen.",
            "Admiral",
            "Adm.",
            "Colonel",
            "Col.",
            "Lieutenant",
            "Lt.",
            "Major",
            "Maj.",
            "Captain",
            "Capt.",
            "Sergeant",
            "Sgt.",
            "Ambassador",
            "Judge",
            "Justice",
            "King",
            "Queen",
            "Prince",
            "Princess",
            "Pope",
            "Rabbi",
            "Imam",
            "Sheikh",
            "Speaker",
            "Commissioner",
            "Chairman",
            "Chairwoman",
            "Director",
            "Professor",
            "Prof.",
            "Detective",
            "Inspector",
            "Coach",
            "Bishop",
            "Archbishop",
            "Cardinal",
        ),
        key=lambda t: -len(t.split()),
    )
)
"""Titles written before a name, longest first."""

NATIONAL_TITLES: Final = frozenset(
    {
        "President",
        "Vice President",
        "Prime Minister",
        "Deputy Prime Minister",
        "Foreign Minister",
        "Defense Minister",
        "Defence Minister",
        "Interior Minister",
        "Finance Minister",
        "Foreign Secretary",
        "Defense Secretary",
        "Chancellor",
        "Premier",
        "King",
        "Queen",
        "Supreme Leader",
        "Crown Prince",
    }
)
"""Titles whose "of X" names a country: "President Ana Roe of Valdoria"."""

TITLE_GENDER: Final = {
    "Congressman": "male",
    "Congresswoman": "female",
    "King": "male",
    "Queen": "female",
    "Prince": "male",
    "Princess": "female",
    "Chairman": None,
    "Chairwoman": "female",
}
KIN_GENDER: Final = {
    **dict.fromkeys(
        "husband son father brother uncle nephew grandson grandfather widower boyfriend".split(),
        "male",
    ),
    **dict.fromkeys(
        "wife daughter mother sister aunt niece granddaughter grandmother widow girlfriend".split(),
        "female",
    ),
}
"""Words for a relative that tell a person's sex ("her husband, Néstor Kirchner")."""
TITLE_MODIFIERS: Final = _words("former Former acting Acting deputy Deputy then-")
NATIONALITY_ENDINGS: Final = ("an", "ese", "ish", "ch", "i", "ic")
"""Endings of the nationality adjective in "Valdorian President Ana Roe"."""

ROLE_NOUNS: Final = _words(
    "secretary minister director president leader adviser advisor chairman chairwoman chair "
    "official spokesman spokeswoman spokesperson ambassador envoy lawmaker senator "
    "representative democrat republican member chief head commander general analyst professor "
    "expert economist researcher fellow editor reporter correspondent founder executive ceo "
    "manager governor mayor diplomat negotiator deputy aide counsel attorney lawyer judge "
    "scholar historian author owner farmer teacher resident worker officer sergeant captain "
    "colonel admiral strategist coordinator administrator commissioner candidate front-runner "
    "nominee king queen premier chancellor partner prosecutor investigator scientist doctor "
    "nurse mother father son daughter wife husband brother sister student coach spokeswoman "
    "organizer organiser activist priest pastor imam rabbi bishop monk veteran soldier pilot "
    "engineer architect designer curator librarian principal dean rector provost speaker "
    "inspector detective sheriff constable superintendent treasurer clerk interviewer "
    "graduate poster participant witness survivor victim politician paramedic guide "
    "instructor major"
)
"""Nouns that make a phrase a role: "the mayor of X", "a senior adviser"."""

GROUP_NOUNS: Final = _words(
    "officials diplomats leaders governments lawmakers analysts experts residents officers "
    "protesters critics supporters aides advisers advisors authorities investigators "
    "prosecutors spokespeople scientists researchers economists activists witnesses "
    "villagers citizens voters members workers ministers negotiators police strategists "
    "politicians legislators senators representatives commanders generals soldiers troops "
    "organizers organisers farmers teachers doctors nurses students parents executives "
    "observers historians scholars delegates envoys allies partners countries nations "
    "sides men women people marchers demonstrators judges authors participants spokesmen "
    "spokeswomen relatives families survivors victims"
)
"""Plural nouns that head a group speaking together: "senior officials said"."""

COLLECTIVE_NOUNS: Final = _words(
    "union board council committee ministry government company party agency court police "
    "army administration commission parliament cabinet campaign coalition alliance team "
    "firm bank embassy department office authority federation association league group "
    "organization organisation movement network institute foundation charity society club"
)
"""Singular nouns of a body speaking as one: "the council said"."""

DOCUMENT_NOUNS: Final = _words(
    "statement statements report letter document documents cable cables questionnaire banner "
    "banners flag sign signs placard placards poster posters assessment memo memorandum email "
    "note notice warrant indictment ruling verdict judgment judgement filing release "
    "communique communiqué declaration resolution study survey leaflet leaflets message "
    "website slogan slogans headline announcement"
)
"""Nouns of a text that says something: "the statement said", "banners reading"."""

SINGULAR_GROUP_NOUNS: Final = _words("official diplomat spokesman spokeswoman spokesperson aide")
"""Singular nouns of an unnamed speaker: "a senior official said"."""

ORGANISATION_WORDS: Final = _words(
    "Ministry Committee House Council Department Agency Office Commission Parliament Senate "
    "Congress Court Bank Company Corporation Inc. Group Union Party Institute University "
    "Center Centre Foundation Association Organization Organisation Fund Service Army Navy "
    "Forces Force Police Bureau Administration Government Cabinet Embassy Fleet Assembly "
    "Authority Board Network Times Post News Press Agency Club League Alliance Federation "
    "Academy School College Hospital Museum Library Chiefs Staff Command Guard"
)
"""Capitalised words that make a name an organisation's: "the Harbour Council"."""

PLACE_PREPOSITIONS: Final = _words("in at near from outside inside across to toward towards")
COUNTRY_CUES: Final = _words(
    "government leader president prime foreign military army navy troops capital border "
    "people parliament economy embassy ambassador territory forces"
)
"""Words after "X’s" that mark X as a country: "Valdoria’s leader"."""

NEUTER: Final = "neuter"

PRONOUNS: Final = {"he": "male", "she": "female", "they": None, "it": NEUTER}
"""Subject pronouns a speaker is referred to by, with the gender they carry ("it" stands
for a body or a document, never a person)."""

POSSESSIVE_PRONOUNS: Final = {"his": "male", "her": "female", "him": "male"}

SENTENCE_STARTERS: Final = _words(
    "The A An And But Or Nor So Yet Still Like Unlike As In On At For From With Without After "
    "Before Among During Despite Though Although If When While Since Because It Its There "
    "This That These Those Some Many Most Several Other Another He She They We I You His Her "
    "Their Our My Your Even Also Only Just Not No Yes Both Each Every All Any Few Much More "
    "Less Now Then Today Yesterday Tomorrow Last Next Later Earlier Meanwhile However Instead "
    "Indeed Already Perhaps Maybe One Two Three Four Five Six Seven Eight Nine Ten Whatever "
    "Whether What Who Why How Where Which Asked Asking Speaking Such Until Under Over Through "
    "Against Between By To Of Once Here Neither Either Nevertheless Nonetheless Moreover "
    "Besides Otherwise Thus Hence Overall Finally First Second Third Next Last According Its"
)
"""Capitalised words that open sentences and are never names."""

MONTHS: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SEASONS: Final = ("spring", "summer", "autumn", "fall", "winter")

NUMBER_WORDS: Final = _words(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred hundreds thousand thousands million millions billion billions dozen "
    "dozens twice thrice"
)
TIME_UNITS: Final = _words(
    "second seconds minute minutes hour hours day days week weeks month months year years "
    "decade decades century centuries"
)

ABBREVIATIONS: Final = frozenset(
    {
        *HONORIFICS,
        *(t for t in TITLES if t.endswith(".") and " " not in t),
        "Lt.",
        "Gen.",
        "Col.",
        "Maj.",
        "Brig.",
        "Adm.",
        "Capt.",
        "Sgt.",
        "St.",
        "Jr.",
        "Sr.",
        "Inc.",
        "Co.",
        "Corp.",
        "Ltd.",
        "Jan.",
        "Feb.",
        "Aug.",
        "Sept.",
        "Oct.",
        "Nov.",
        "Dec.",
        "No.",
        "vs.",
        "etc.",
        "Mt.",
        "Ft.",
        "Gov.",
        "Sen.",
        "Rep.",
        "Prof.",
        "Dr.",
    }
)
"""Words whose full stop does not end a sentence."""

FURNITURE: Final = frozenset(
    {
        "leave a comment",
        "advertisement",
        "share",
        "share this article",
        "share full article",
        "supported by",
        "continue reading the main story",
        "skip to content",
        "read more",
        "comments",
        "print",
        "listen to this article",
        "see more on:",
        "related articles",
    }
)
"""Lines of web-page furniture (compared case-insensitively) that are not article text."""
