"""What several pages share but no page owns: the wiring to the window's context and sync
bridge, and the supervisors' ops feed (its source and poller). No page lives here and nothing
here imports a page (the import-linter contracts in pyproject.toml)."""
