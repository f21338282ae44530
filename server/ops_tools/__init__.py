"""ChatOps diagnostics of the reference server (seed 003): the server's half of the ten
read-only tools (fetch.py), their routes with role checks and audit (routes.py)."""
