"""`python -m copilot` runs the command line."""

from .cli import run

run()
