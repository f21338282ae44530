"""The windows and pages."""
