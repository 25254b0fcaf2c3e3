"""The command registry: what each command does, decided once for every adapter.

`COMMANDS` (in `registry`) describes the commands; adapters build their slash commands
and help from it. `Answerer` carries them out against one knowledge base and returns an
`Answer`. Each command lives in its own module on the shared pipeline:

- `ask`: normalise, read the intent (routing "who said ...", "quotes by ...", "who is
  ..." to their command), find and score candidates, decide, build the Answer;
- `who_said`, `quotes`, `about`, `overview` (sources, help, the summary);
- `context`: the knowledge, index, ranker and parameters they share, and the parts of
  answers that look the same for every command (citations, declines, suggestions).
"""

from __future__ import annotations

from bot import messages
from bot.answers import Answer
from bot.commands.about import about
from bot.commands.ask import ask
from bot.commands.context import Context, Handler
from bot.commands.overview import help_text, sources
from bot.commands.quotes import quotes
from bot.commands.registry import COMMAND_NAMES, COMMANDS, EXAMPLE_QUESTIONS, Command, command
from bot.commands.who_said import who_said
from bot.knowledge import KnowledgeBase
from bot.matching.analyzer import Analyzer
from bot.matching.decision import Model
from bot.matching.documents import build_documents
from bot.matching.fitted import MODEL
from bot.matching.index import DocumentIndex, memory_index
from bot.matching.parameters import PARAMETERS, Parameters
from bot.matching.ranker import Ranker

__all__ = [
    "COMMANDS",
    "COMMAND_NAMES",
    "EXAMPLE_QUESTIONS",
    "Answerer",
    "Command",
    "command",
]

HANDLERS: dict[str, Handler] = {
    "ask": ask,
    "who-said": who_said,
    "quotes": quotes,
    "about": about,
    "sources": sources,
    "help": help_text,
}


class Answerer:
    """Carries out the commands against one knowledge base. Pure and deterministic."""

    def __init__(
        self,
        kb: KnowledgeBase,
        *,
        index: DocumentIndex | None = None,
        analyzer: Analyzer | None = None,
        params: Parameters = PARAMETERS,
        model: Model = MODEL,
    ) -> None:
        """Answer from `kb`; its facts and quotes come from `index` when one is given (a
        database index), else from an index built here in memory."""
        analyzer = analyzer or Analyzer(kb.synonyms, params)
        index = index or memory_index(kb, analyzer, build_documents(kb))
        ranker = Ranker(kb, index, analyzer, params)
        self.context = Context(kb, index, analyzer, ranker, params, model, HANDLERS)

    @property
    def kb(self) -> KnowledgeBase:
        return self.context.kb

    @property
    def index(self) -> DocumentIndex:
        return self.context.index

    @property
    def ranker(self) -> Ranker:
        return self.context.ranker

    @property
    def analyzer(self) -> Analyzer:
        return self.context.analyzer

    def answer(self, command_name: str, text: str) -> Answer:
        """Run `command_name` on `text`. Unknown commands get a short explanation."""
        if command_name not in HANDLERS:
            return Answer(
                answered=False,
                command=command_name,
                text=messages.UNKNOWN_COMMAND.format(
                    command=command_name[:40], commands=", ".join(COMMAND_NAMES)
                ),
            )
        return messages.reworded_for(self.context.run(command_name, text), len(self.kb.sources))

    def ask(self, text: str) -> Answer:
        return self.answer("ask", text)

    def who_said(self, text: str) -> Answer:
        return self.answer("who-said", text)

    def quotes(self, text: str) -> Answer:
        return self.answer("quotes", text)

    def about(self, text: str) -> Answer:
        return self.answer("about", text)

    def sources(self) -> Answer:
        return self.answer("sources", "")

    def help(self) -> Answer:
        return self.answer("help", "")
