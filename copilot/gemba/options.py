"""The Gemba report's formats, light enough for the command line's parser."""

FORMATS = ("md", "html", "pdf")
