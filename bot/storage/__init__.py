"""Storage: the schema (`models`), its migrations, and the `Store` the service uses."""

from bot.storage.store import LoggedQuestion, Store

__all__ = ["LoggedQuestion", "Store"]
