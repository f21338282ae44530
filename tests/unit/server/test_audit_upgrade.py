"""A database whose audit chain was written before heads were signed: the server anchors it at
start when its links hold (trust on first use), and leaves a broken one unanchored."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, update

from server import tables as t
from server.app import create_app
from server.audit_chain import append_audit, verify_chain
from server.config import ServerConfig
from server.storage import ServerDB

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _old_chain(url: str, *, broken: bool = False) -> None:
    db = ServerDB(url)
    with db.session() as s:
        for n in range(5):
            append_audit(s, "u_admin1", "comment", "case", f"c{n}", {"n": n}, NOW)
        s.execute(delete(t.audit_anchor))  # as an older server left it
        if broken:
            s.execute(update(t.audit).where(t.audit.c.seq == 2).values(actor="u_x"))
        s.commit()
    with db.read() as s:
        assert verify_chain(s)["verified"] is False  # rows, but no signed head
    db.dispose()


def _check(url: str, tmp_path) -> dict:
    app = create_app(ServerConfig(db_url=url, audit_key_file=str(tmp_path / "k")))
    try:
        with app.state.db.read() as s:
            return verify_chain(s, full=True)
    finally:
        app.state.db.dispose()


def test_an_intact_unanchored_chain_is_anchored_at_start(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    _old_chain(url)
    result = _check(url, tmp_path)
    assert result["verified"] and result["rows"] == 5


def test_a_broken_unanchored_chain_stays_unverified(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'broken.db'}"
    _old_chain(url, broken=True)
    result = _check(url, tmp_path)
    assert result["verified"] is False and "not anchored" in result["problem"]
