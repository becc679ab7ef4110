"""Lessons and quizzes: the Lean knowledge base taught with the plant's own data."""
