"""HTTP routes of the reference server, one module per area of shared/API.md."""
