"""A3 reports: built from the analysis, editable as drafts, rendered to Markdown, HTML and one A3 PDF page."""
