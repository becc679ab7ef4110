"""Lean artefacts: the cause library, countermeasures and 5-Why trees."""
