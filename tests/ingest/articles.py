# ruff: noqa: E501  (the articles keep one paragraph per line, as article files do)
"""Fictional articles for the ingest tests. Every person, town, country and body in them
is invented; they imitate the conventions of news writing, not any real story."""

HARBOR = """\
Harbor Bridge Dispute Divides Port Elna, City Officials Say

Mayor Ilsa M. Korven of Port Elna said on Monday that the old harbor bridge would close in May for repairs. “We will rebuild it stronger than before,” she told reporters at a news conference.

“This is a fantasy,” said Tomas Brandle, the leader of the opposition on the city council. “The money is simply not there.”

Ms. Korven dismissed the criticism. “Every engineer who has looked at the bridge agrees with us,” she said, “and the council will see the numbers next week.”

Dorrit Vale, the director of the Elna Harbor Authority, said that while Ms. Korven was “moving faster than the engineers,” the authority would “stand by the schedule.” The repairs would take 14 months and cost 30 million crowns, she said.

“Nobody wants a closed bridge,” Mr. Brandle said. “I just want an honest plan,” she added.

The project, nicknamed “the iron ribbon,” was first proposed in 2019.

Leave a Comment
"""

TREATY = """\
Border Treaty Signed as Ostmark and Valdoria End Decades of Feuding

President Anton Reesk of Ostmark met Prime Minister Lia Sandor of Valdoria in Kestrel on Friday, and the two governments said their new border treaty was “final and complete.”

Mr. Reesk called the signing “a day our grandchildren will remember.” He said the treaty would reopen 12 border crossings by the spring.

Ms. Sandor was more cautious: “A treaty is paper until the guards go home.”

“We have waited forty years for this,” said Gen. Piet Harrow, the commander of the Ostmark border guard. “My father served on that line, and so did his father. We are tired.

“Now we can go home,” he said.

“The fence cut my orchard in half,” said Mara Quist, who has farmed near Kestrel for 30 years. “Mr. Reesk promised to move it, and he kept his word,” she said.

“The treaty is a betrayal,” nationalist lawmakers in Ostmark said in a statement.

“Peace is not the absence of soldiers,” according to Ms. Sandor.
"""

RIVER = """\
Floodwaters Rise Along the Tamsel River

“The river is rising faster than our models predicted,” said Ms. Oona Pell, the county hydrologist, on Sunday.

“We are ready,” said Mr. Dov Arkin, the fire chief of Lunby. “Our crews have trained all winter,” she added.

Mr. Arkin spoke after the briefing. “Ask Mr. Eskil Brandt about the levees,” he said.

Representative Hanne Voss of Lunby, the senior member of the regional water committee, said the levees had been “neglected for a decade.”

Critics called the evacuation plan “a map without roads,” while Ms. Voss described it as “the best we could do in a week.”

Nobody has explained why the sirens stayed silent. “It was a failure,” she said.

Residents of Lunby said they were “tired of waiting.”
"""

ORCHESTRA = """\
Merrow City Orchestra Strike Enters Its Third Week

The musicians of the Merrow City Orchestra walked out on March 3, and on Thursday the Merrow Musicians Union said talks with the board had “collapsed without a date to resume.”

“We play for this city, and we would like to keep playing,” said Agnes Lindqvist, the orchestra’s principal cellist and a union steward. “But not for wages set in 2009.”

The board’s chairman, Rupert Saltonstall, told the Merrow Ledger that the orchestra had lost 2.4 million crowns last season. “The money does not exist,” he said. “I wish it did.”

Ms. Lindqvist rejected that. “They found money for a new concert hall,” she said, “and they can find it for the people who fill it.”

Mayor Osk Benedek of Merrow, who has offered to mediate, said both sides were “closer than they think.”

Dr. Helena Marsh, a labor economist at Merrow University, said strikes of this length usually ended in compromise. She added that the board risked “a season of empty seats.”

Some subscribers have asked for refunds. “I bought tickets in August,” said Jonas Pell, a retired teacher. “Nobody has told me anything.”

Mr. Saltonstall said the board would meet again on Monday.

“We are not going anywhere,” Ms. Lindqvist said. “The strike goes on until there is a fair contract.

“And the audience knows it.”

The union and the board said in a joint statement on Friday that they would return to “serious talks” next week.
"""

ORCHESTRA_SPEAKERS: dict[str, set[str] | str | None] = {
    "collapsed without a date": {"Merrow Musicians Union"},
    "We play for this city": {"Agnes Lindqvist"},
    "But not for wages": {"Agnes Lindqvist"},
    "The money does not exist": {"Rupert Saltonstall"},
    "I wish it did": {"Rupert Saltonstall"},
    "They found money": {"Agnes Lindqvist"},
    "and they can find it": {"Agnes Lindqvist"},
    "closer than they think": {"Osk Benedek"},
    "a season of empty seats": {"Helena Marsh"},
    "I bought tickets in August": {"Jonas Pell"},
    "Nobody has told me anything": {"Jonas Pell"},
    "We are not going anywhere": {"Agnes Lindqvist"},
    "The strike goes on": {"Agnes Lindqvist"},
    "And the audience knows it": {"Agnes Lindqvist"},
    "serious talks": {"Merrow Musicians Union", "Board"},
}
"""Each quotation of ORCHESTRA and who said it, by name (the board is never named, so it
is an organisation called "Board")."""

AMBIGUOUS = "ambiguous"
"""A label for the traps whose speaker no reader can be sure of: not scored."""

HARBOR_SPEAKERS: dict[str, set[str] | str | None] = {
    "We will rebuild it": {"Ilsa M. Korven"},
    "This is a fantasy": {"Tomas Brandle"},
    "The money is simply not there": {"Tomas Brandle"},
    "Every engineer": {"Ilsa M. Korven"},
    "and the council will see": {"Ilsa M. Korven"},
    "moving faster than the engineers": {"Dorrit Vale"},
    "stand by the schedule": {"Dorrit Vale"},
    "Nobody wants a closed bridge": {"Tomas Brandle"},
    "I just want an honest plan": AMBIGUOUS,
    "the iron ribbon": None,
}
TREATY_SPEAKERS: dict[str, set[str] | str | None] = {
    "final and complete": {"Ostmark", "Valdoria"},
    "a day our grandchildren": {"Anton Reesk"},
    "A treaty is paper": {"Lia Sandor"},
    "We have waited forty years": {"Piet Harrow"},
    "My father served": {"Piet Harrow"},
    "Now we can go home": {"Piet Harrow"},
    "The fence cut my orchard": {"Mara Quist"},
    "Mr. Reesk promised": {"Mara Quist"},
    "The treaty is a betrayal": {"Nationalist lawmakers in Ostmark"},
    "Peace is not the absence": {"Lia Sandor"},
}
RIVER_SPEAKERS: dict[str, set[str] | str | None] = {
    "The river is rising": {"Oona Pell"},
    "We are ready": {"Dov Arkin"},
    "Our crews have trained": AMBIGUOUS,
    "Ask Mr. Eskil Brandt": {"Dov Arkin"},
    "neglected for a decade": {"Hanne Voss"},
    "a map without roads": {"Critics"},
    "the best we could do": {"Hanne Voss"},
    "It was a failure": {"Hanne Voss"},
    "tired of waiting": {"Residents of Lunby"},
}

LIGHTHOUSE = """\
Town Votes to Keep Its Lighthouse Lit

GRAYPORT — Residents of Grayport voted 412 to 388 on Tuesday to keep the town's lighthouse lit through 2030.

"It is the heart of this town," said Wendell Okafor, 71, a retired ferry captain. "Turn it off and you turn us off."

Selectwoman Priya Nandakumar, who led the campaign, said the vote showed "what a small place can do." Nandakumar said the town would pay for new bulbs from its reserve fund.

The opposing group, Grayport Taxpayers First, said in a statement that the $40,000 yearly cost was "a luxury we cannot afford."

"We respect the result," the group's chairman, Lyle Bertrand, told The Grayport Courier. He added, "But we will be back next year."

Okafor was not surprised. "They underestimate this town every time," he said.
"""
"""A wire-style article: straight quotation marks, surnames without honorifics."""

LIGHTHOUSE_SPEAKERS: dict[str, set[str] | str | None] = {
    "It is the heart of this town": {"Wendell Okafor"},
    "Turn it off": {"Wendell Okafor"},
    "what a small place can do": {"Priya Nandakumar"},
    "a luxury we cannot afford": {"Grayport Taxpayers First"},
    "We respect the result": {"Lyle Bertrand"},
    "But we will be back": {"Lyle Bertrand"},
    "They underestimate this town": {"Wendell Okafor"},
}

WIRE = """\
Valdoria and Ostmark Trade Blame Over Closed Ferry Line

Lena Dorr and Piet Vance are the two captains who kept the Kestrel ferry running until the line closed in March.

"We sailed through two winters without a single missed crossing," Dorr told reporters on Monday. "Nobody asked us before they shut it down."

"It was a political decision," Piet Vance, the senior captain of the line, told the Kestrel Courier. "The boats are fine."

Valdorian transport minister Hanne Okker defended the closure. She said the line had lost money for six years. She also said that the ministry would "look again at the numbers" in June.

"No decision is final," she added.

“The ferry was part of our lives," said Jörg Müller, who runs a café at the Kestrel pier. "Now the pier is empty."

"The closure violates the treaty of 1998," the Ostmark government said in a statement. The statement added that Ostmark would "raise the matter at the next summit."

"We regret the inconvenience," said a spokesman for the ferry company, Rolf Ander.

Tom Hale, a deckhand, and his son, Ben Hale, both lost their jobs. "I worked on that boat for thirty years," the elder Hale said. "I had worked there for two," the younger Hale said.

The Ostmark Service of the Kestrel Courier and the social platform X. carried the story first.
"""
"""A wire story: people named without a title, told and wrote, roles before names, a
pronoun chain, mixed quotation marks, a body and a document speaking, relatives."""

WIRE_SPEAKERS: dict[str, set[str] | str | None] = {
    "We sailed through two winters": {"Lena Dorr"},
    "Nobody asked us": {"Lena Dorr"},
    "It was a political decision": {"Piet Vance"},
    "The boats are fine": {"Piet Vance"},
    "look again at the numbers": {"Hanne Okker"},
    "No decision is final": {"Hanne Okker"},
    "The ferry was part of our lives": {"Jörg Müller"},
    "Now the pier is empty": {"Jörg Müller"},
    "The closure violates the treaty": {"Ostmark government"},
    "raise the matter at the next summit": {"Statement"},
    "We regret the inconvenience": {"Rolf Ander"},
    "I worked on that boat": {"Tom Hale"},
    "I had worked there for two": {"Ben Hale"},
}
