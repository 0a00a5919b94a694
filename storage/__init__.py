"""Persistence: sqlmodel tables with their repository functions, one module per capability, and migrations."""
