"""The audit chain anchored outside its rows, against a real server of the test's own on SQLite
and PostgreSQL: GET /audit/verify and ``dosctl audit verify`` detect an edited, an inserted and a
deleted row and a cut-off tail — also when the tamperer recomputes every sha256 link — and
verify incrementally from the last verified point."""

from __future__ import annotations

import io
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import BACKENDS
from own_server import own_server
from sqlalchemy import delete, insert, select, update

from server import tables as t
from server.audit_chain import _audit_hash, _audit_row
from server.audit_chainer import chain_pending
from sync.dosctl.cli import main

_FIELDS = ("seq", "at", "actor", "action", "entity", "entity_id", "data")


@pytest.fixture(scope="module", params=BACKENDS)
def own(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    pg = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    tmp = tmp_path_factory.mktemp("audit")
    with own_server(request.param, tmp, pg) as (server, clock, api):
        for _ in range(6):
            api.new_case()
        yield server, clock, api, tmp


@pytest.fixture
def dosctl(own, tmp_path, monkeypatch, capsys):
    """``dosctl`` as auditor1 against the server (its own store; keyring file under tmp)."""
    server = own[0]
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    base = ["--server", server.url, "--data-dir", str(tmp_path / "ws")]

    def run(*argv: str, stdin: str = "") -> tuple[int, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        capsys.readouterr()
        code = main([*base, *argv])
        out, err = capsys.readouterr()
        return code, out + err

    code, out = run("login", "--username", "auditor1", "--password-stdin", stdin="demo\n")
    assert code == 0, out
    return run


def _verify(api, full: bool = False) -> dict:
    r = api.get("/audit/verify", "auditor1", params={"full": "true"} if full else {})
    assert r.status_code == 200, r.text
    body = r.json()
    assert {"verified", "rows", "head_hash", "checked_from"} <= set(body)
    return body


def _rows(db) -> list[dict]:
    with db.read() as s:
        return [dict(r._mapping) for r in s.execute(select(t.audit).order_by(t.audit.c.seq))]


def _anchors(db) -> list[dict]:
    with db.read() as s:
        return [dict(r._mapping) for r in s.execute(select(t.audit_anchor))]


def _restore(db, rows: list[dict], anchors: list[dict] | None = None) -> None:
    with db.session() as s:
        s.execute(delete(t.audit))
        s.execute(insert(t.audit), rows)
        if anchors is not None:
            s.execute(delete(t.audit_anchor))
            s.execute(insert(t.audit_anchor), anchors)
        s.commit()


def _rechain(rows: list[dict]) -> list[dict]:
    """What a tamperer without the key can do: renumber and recompute every sha256 link."""
    out, prev = [], ""
    for seq, row in enumerate(rows, start=1):
        fixed = {**row, "seq": seq, "prev_hash": prev}
        ev = _audit_row(type("R", (), fixed))
        fixed["hash"] = prev = _audit_hash(prev, {k: ev[k] for k in _FIELDS})
        out.append(fixed)
    return out


def _refused(api, dosctl, *, full: bool = False) -> dict:
    body = _verify(api, full=full)
    assert body["verified"] is False and body["problem"], body
    code, out = dosctl("audit", "verify", *(["--full"] if full else []))
    assert code == 1 and "NOT VERIFIED" in out, out
    return body


@pytest.fixture
def chain(own) -> Iterator[tuple]:
    """The server, its api, the verified chain's rows and anchors, put back afterwards."""
    server, _clock, api, _tmp = own
    db = server.app.state.db
    assert _verify(api, full=True)["verified"]
    rows, anchors = _rows(db), _anchors(db)
    assert len(rows) >= 6
    yield db, api, rows, anchors
    _restore(db, rows, anchors)
    assert _verify(api, full=True)["verified"]


def test_incremental_from_the_last_verified_point(own, dosctl) -> None:
    server, _clock, api, tmp = own
    first = _verify(api, full=True)
    assert first["verified"] and first["checked_from"] == 1
    assert first["rows"] == len(_rows(server.app.state.db))
    api.new_case()
    later = _verify(api)
    assert later["verified"] and later["checked_from"] == first["rows"]  # not from 1 again
    assert later["rows"] > first["rows"] and later["head_hash"] != first["head_hash"]
    assert api.get("/audit", "auditor1").json()["chain_verified"] is True
    code, out = dosctl("audit", "verify")
    assert code == 0 and "audit chain: verified" in out, out
    assert stat.S_IMODE(Path(tmp / "audit.key").stat().st_mode) == 0o600
    assert api.get("/audit/verify", "reviewer1").status_code == 403


def test_edited_row_is_detected(chain, dosctl) -> None:
    db, api, rows, anchors = chain
    api.new_case()  # rows after the verified point
    chain_pending(db)  # PostgreSQL: chained now (else the chainer's thread does it soon)
    with db.session() as s:  # one of them edited, its hash left as it was
        s.execute(update(t.audit).where(t.audit.c.seq == rows[-1]["seq"] + 1).values(actor="x"))
        s.commit()
    _refused(api, dosctl)
    _restore(db, rows, anchors)
    # an old row, every link recomputed: the last verified row and the signed head disagree
    forged = [dict(r) for r in rows]
    forged[1]["data"] = {**forged[1]["data"], "amount": 1}
    _restore(db, _rechain(forged))
    _refused(api, dosctl)
    _restore(db, rows)
    # an old row edited without recomputing: re-hashing from the first row finds it, and so
    # does GET /audit when it shows that row
    with db.session() as s:
        s.execute(update(t.audit).where(t.audit.c.seq == 2).values(action="approve"))
        s.commit()
    _refused(api, dosctl, full=True)
    assert api.get("/audit", "auditor1").json()["chain_verified"] is False


def test_inserted_row_is_detected(chain, dosctl) -> None:
    db, api, rows, _anchors_before = chain
    extra = {**rows[2], "actor": "u_intruder", "data": {"note": "forged"}}
    _restore(db, _rechain([*rows[:3], extra, *rows[3:]]))  # in the middle, links recomputed
    _refused(api, dosctl)
    _restore(db, rows)
    _restore(db, _rechain([*rows, {**rows[-1], "data": {"note": "forged append"}}]))  # at the end
    _refused(api, dosctl)


def test_deleted_row_is_detected(chain, dosctl) -> None:
    db, api, rows, _anchors_before = chain
    with db.session() as s:
        s.execute(delete(t.audit).where(t.audit.c.seq == 3))
        s.commit()
    _refused(api, dosctl)
    _restore(db, rows)
    _restore(db, _rechain(rows[:2] + rows[3:]))  # deleted and the rest renumbered and relinked
    _refused(api, dosctl)


def test_truncated_tail_is_detected(chain, dosctl) -> None:
    db, api, rows, _anchors_before = chain
    with db.session() as s:
        s.execute(delete(t.audit).where(t.audit.c.seq > rows[-3]["seq"]))
        s.commit()
    _refused(api, dosctl)
    _restore(db, rows)
    # the last row rewritten with a recomputed hash (it still links to the one before)
    _restore(db, _rechain([*rows[:-1], {**rows[-1], "data": {"version": 99}}]))
    _refused(api, dosctl)


def test_a_head_signed_with_another_key_is_refused(chain, dosctl) -> None:
    from server.audit_anchor import mac

    db, api, rows, _anchors_before = chain
    forged = _rechain([*rows[:-1], {**rows[-1], "actor": "u_forger"}])
    _restore(db, forged)
    head = forged[-1]
    with db.session() as s:
        s.execute(
            update(t.audit_anchor)
            .where(t.audit_anchor.c.name == "head")
            .values(hash=head["hash"], mac=mac(b"guessed key", "head", head["seq"], head["hash"]))
        )
        s.commit()
    body = _refused(api, dosctl)
    assert "signature" in body["problem"]
