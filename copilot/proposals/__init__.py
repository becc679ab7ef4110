"""Proposals for the coming shifts, worked out from the plant's own history; a person decides, nothing is written."""
