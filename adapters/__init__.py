"""Doors into Envoy: each adapter turns a platform's messages into `bot.answers.Question`
values, calls `bot.service.Envoy.handle`, and renders the `Answer` it gets back.

`console` is the local terminal; `slack` and `discord` are the chat platforms.
"""
