"""Appeals page: submit, the senior-review queue, resolve side by side."""
