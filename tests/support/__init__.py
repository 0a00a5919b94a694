"""Test support: a loopback fake Bot Connector, Teams-shaped activity builders, a running medbot."""
