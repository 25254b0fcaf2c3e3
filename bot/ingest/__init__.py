"""Turn a new article into a draft source in minutes, and review it.

`ingest_file` reads a plain-text article, attributes its quotations by news conventions,
finds its people (with their roles) and candidate facts (its sentences, with the dates,
places and numbers they give), and
writes `knowledge/sources/<slug>/` with every item `reviewed: false` and a confidence;
the draft is kept only if the knowledge loader accepts it. `unreviewed` lists what an
editor still has to check; `mark_reviewed` approves items in the files. Nothing here knows
a chat platform.
"""

from bot.ingest.attribution import Unattributed
from bot.ingest.errors import (
    DraftInvalidError,
    IngestError,
    SourceExistsError,
    UnknownItemsError,
)
from bot.ingest.messages import approved_line, report_lines, review_lines
from bot.ingest.review import ALL, Everything, ReviewItem, mark_reviewed, unreviewed
from bot.ingest.writer import IngestReport, ingest_file

__all__ = [
    "ALL",
    "DraftInvalidError",
    "Everything",
    "IngestError",
    "IngestReport",
    "ReviewItem",
    "SourceExistsError",
    "Unattributed",
    "UnknownItemsError",
    "approved_line",
    "ingest_file",
    "mark_reviewed",
    "report_lines",
    "review_lines",
    "unreviewed",
]
