"""Envoy: cited answers about the diplomacy around the war in Ukraine.

The package is the platform-free core: the fact base (`bot.knowledge`), storage
(`bot.storage`), matching (`bot.matching`), the command registry (`bot.commands`) and
the service every adapter calls (`bot.service.Envoy`). It never imports a chat platform.
"""

__version__ = "0.1.0"
