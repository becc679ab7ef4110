"""Shopfloor Copilot: questions about a plant's MES and energy data, answered with read-only SQL."""

__version__ = "0.1.0"
