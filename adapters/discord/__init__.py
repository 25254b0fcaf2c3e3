"""The Discord adapter: slash commands, @mentions and DMs answered by Envoy's core.

`serve(settings, http=False)` runs it (``python -m bot serve discord``) until SIGTERM;
`sync(settings, guild_id=None, clear=False)` uploads (or clears) the slash commands once.

Modules: `settings` (environment), `render` (answers as embeds and buttons, within Discord's
limits; pure), `commands` (slash commands from `bot.commands.COMMANDS`, persistent buttons),
`cooldown`, `client` (payload -> question -> core -> render -> send), `run` (the process).
"""

from adapters.discord.run import serve, sync

__all__ = ["serve", "sync"]
