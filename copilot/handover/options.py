"""The handover's choices, light enough for the command line's parser."""

WHICH = ("last", "current")  # the shift that ended last, or the running one
FORMATS = ("text", "md", "html")
