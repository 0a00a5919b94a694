"""The Bot Framework's own echo bot, built the SDK's standard way: the yardstick for medbot's turn speed.

CloudAdapter + ConfigurationBotFrameworkAuthentication + an ActivityHandler, served by aiohttp, exactly as the
BotBuilder-Samples echo bot (emulator mode: no app id). Run: `python benchmarks/echo_bot.py PORT`.
"""

from __future__ import annotations

import sys
from types import SimpleNamespace

from aiohttp import web
from botbuilder.core import ActivityHandler, MessageFactory, TurnContext
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication


class EchoBot(ActivityHandler):
    """Says back what it was told."""

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        """Echo the text."""
        text = f"Echo: {turn_context.activity.text}"
        await turn_context.send_activity(MessageFactory.text(text, text))


def create_app() -> web.Application:
    """The sample's app: POST /api/messages handed to the adapter."""
    config = SimpleNamespace(APP_ID="", APP_PASSWORD="", APP_TYPE="MultiTenant", APP_TENANTID="")
    adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(config))
    bot = EchoBot()

    async def messages(request: web.Request) -> web.Response:
        return await adapter.process(request, bot)

    app = web.Application()
    app.router.add_post("/api/messages", messages)
    return app


def main() -> None:
    """Serve on 127.0.0.1:PORT."""
    web.run_app(create_app(), host="127.0.0.1", port=int(sys.argv[1]), print=None, access_log=None)


if __name__ == "__main__":
    main()
