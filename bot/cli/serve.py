"""`medbot serve`: run the bot."""

from __future__ import annotations

import argparse
import errno
import socket
import sys
from typing import Any

from bot.config import Settings
from bot.knowledge_holder import KnowledgeUnavailable
from bot.service import UnsafeBinding, serve


class CannotListen(RuntimeError):
    """The address or port cannot be bound; the message says which and what to choose instead."""


def register(commands: Any) -> None:
    """Add the `serve` command."""
    parser = commands.add_parser("serve", help="run the bot (endpoint /api/messages)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=_port, default=3978)
    parser.set_defaults(run=run)


def _port(value: str) -> int:
    """A TCP port number, refused by argparse (one line, exit 2) when it is not one."""
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"{value!r} er ikke et portnummer (1-65535)")
    return int(value)


def cannot_listen(host: str, port: int, error: OSError) -> CannotListen:
    """What a failed bind means for the operator, in one line."""
    if error.errno == errno.EADDRINUSE:
        return CannotListen(
            f"Port {port} på {host} er allerede i brug (kører medbot allerede?); "
            "stop det andet program, eller vælg en anden port med --port (make run PORT=...)."
        )
    if error.errno == errno.EACCES:
        return CannotListen(f"Port {port} kræver særlige rettigheder; vælg en port over 1023 med --port.")
    if isinstance(error, socket.gaierror) or error.errno == errno.EADDRNOTAVAIL:
        return CannotListen(f"Adressen {host!r} findes ikke på denne maskine; vælg en anden med --host.")
    return CannotListen(f"Kan ikke lytte på {host}:{port} ({error.strerror}); vælg en anden --host eller --port.")


def check_can_listen(host: str, port: int) -> None:
    """Bind and release the address as aiohttp will, before migrations, knowledge and background workers start.

    A second instance on a busy port would otherwise run its dispatcher and scheduler until the bind fails.
    """
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise cannot_listen(host, port, exc) from None
    bound = False
    for family, kind, protocol, _name, address in addresses:
        with socket.socket(family, kind, protocol) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as asyncio's create_server
            if family == socket.AF_INET6:
                probe.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            try:
                probe.bind(address)
            except OSError as exc:
                if exc.errno == errno.EADDRNOTAVAIL:  # asyncio skips an address family the host has not enabled
                    continue
                raise cannot_listen(host, port, exc) from None
            bound = True
    if not bound:
        raise cannot_listen(host, port, OSError(errno.EADDRNOTAVAIL, "address not available"))


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Serve until interrupted; refuse an unsafe binding or an address that cannot be bound."""
    try:
        check_can_listen(args.host, args.port)
        serve(settings, args.host, args.port)
    except (UnsafeBinding, KnowledgeUnavailable, CannotListen) as exc:
        print(f"medbot: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        # Another process took the port between the check above and the real bind.
        print(f"medbot: {cannot_listen(args.host, args.port, exc)}", file=sys.stderr)
        return 2
    return 0
