"""The ChatOps page (seed 003): operators ask in Korean or English, the server routes the
question to a read-only diagnostic tool (audited there) and the answer shows as a table and, where
it has a series, a small chart."""
