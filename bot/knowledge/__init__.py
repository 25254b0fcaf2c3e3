"""The curated fact base: its schema (`model`) and its validating loader (`loader`)."""

from bot.knowledge.loader import DEFAULT_KNOWLEDGE_DIR, knowledge_hash, load_knowledge
from bot.knowledge.model import (
    ANSWER_KINDS,
    Contributor,
    Entity,
    Fact,
    KnowledgeBase,
    Quote,
    Role,
    Source,
    SourceRole,
    Topic,
)

__all__ = [
    "ANSWER_KINDS",
    "DEFAULT_KNOWLEDGE_DIR",
    "Contributor",
    "Entity",
    "Fact",
    "KnowledgeBase",
    "Quote",
    "Role",
    "Source",
    "SourceRole",
    "Topic",
    "knowledge_hash",
    "load_knowledge",
]
