"""From figures to improvement: questions against a norm, improvement briefs and what-if scenarios."""
