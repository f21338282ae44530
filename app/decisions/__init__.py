"""Seed 002's 8-step decision workflow as pure functions over an HR knowledge graph.

The server fetches the graph's rows with SQL (``server/hr``) and passes them in as an
:class:`app.decisions.graph.HRGraph`; every step returns the seed's dataclasses
(``app.domain.decisions``). Nothing here reads a clock, a database or the network: time and the
Monte Carlo random generator are parameters.
"""
