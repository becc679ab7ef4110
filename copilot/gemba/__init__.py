"""Gemba walks: observations from the shop floor, linked to the data around them, and walk reports."""
