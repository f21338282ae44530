"""The HR knowledge graph in the server's database (seed 002 §4): tables, the CSV / JSON loader
(``reviewer-server load-hr DIR``, docs/HR_GRAPH.md) and the SQL that fetches the rows a
decision needs."""
