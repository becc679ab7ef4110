"""Shift handover: the ended (or running) shift of a line, its figures, losses, orders and notes."""
