"""The medbot service: aiohttp app, Bot Framework adapter, routing handler, outbox dispatcher, scheduler, CLI."""
