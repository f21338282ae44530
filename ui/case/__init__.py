"""Case detail page: header, sections, timeline and the runbook action forms."""
