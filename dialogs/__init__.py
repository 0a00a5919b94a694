"""Conversation logic, one module per capability; botbuilder stays out of here (see docs/architecture.md)."""
