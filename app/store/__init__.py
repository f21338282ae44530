"""The local store: SQLAlchemy 2.0 models over SQLite (WAL), the Store and its sessions,
change-feed application, inbox and lookup queries, the knowledge full-text index, the outbox.

Modules: ``store`` (Store, default paths), ``schema`` (versions, upgrades), ``models`` /
``local_models`` (tables), ``extract`` (typed columns from wire data), ``apply`` (change feed),
``inbox`` / ``lookups`` / ``knowledge`` / ``segments`` / ``views`` (queries), ``outbox``,
``sync_state``, ``types`` (time storage). Masking of identifiers is a rule (``app.rules.pii``).
"""
