"""Matching questions to the fact base: text analysis, intents, documents and ranking."""
