"""The audit chain anchored outside its rows: an HMAC key that is not in the database, and signed
points of the chain kept apart from the rows (table ``audit_anchor``).

- The key: ``RWS_AUDIT_KEY`` (hex) in the environment — what several instances share — else a key
  file: ``config.audit_key_file``, else ``audit.key`` beside the SQLite database, else in the
  server's data directory. A missing file is created with mode 0600 (32 random bytes, hex).
- ``head``: the last chained row's (seq, hash), signed in the same transaction as the append
  (SQLite) or as the chaining of a batch of pending rows (PostgreSQL; server/audit_chain.py).
  Whoever edits, inserts or deletes rows and recomputes the sha256 links
  cannot sign the new head without the key; cutting the tail leaves the head pointing past it.
- ``verified``: how far ``verify`` has checked, signed too, so the next call re-hashes only the rows
  after it (plus that row itself). ``full=True`` re-hashes from seq 1.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

import platformdirs
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from server import tables as t
from server.files import secure_dir, sqlite_path
from server.hot_sql import Hot
from server.storage import _naive

KEY_ENV = "RWS_AUDIT_KEY"
KEY_FILE = "audit.key"
_A = t.audit_anchor.c
_UPDATE_HEAD = Hot(update(t.audit_anchor).where(_A.name == "head"))
_INSERT = Hot(insert(t.audit_anchor))
_keys: dict[str, bytes] = {}
_keys_lock = threading.Lock()


def default_key_path(db_url: str) -> Path:
    path = sqlite_path(db_url)
    if path is not None:
        return path.resolve().parent / KEY_FILE
    return Path(platformdirs.user_data_dir("reviewer-workstation", appauthor=False)) / KEY_FILE


def read_or_create_key(path: Path) -> bytes:
    """The key in ``path``; created (0600, directory 0700 when made here) when missing. A new key
    is written to a private temporary file and linked into place, so a concurrent starter never
    reads a half-written key (the first link wins)."""
    if not path.parent.exists():
        secure_dir(path.parent)
    if not path.exists():
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32) + "\n")
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process created it first: use theirs
        finally:
            tmp.unlink()
    if path.stat().st_mode & 0o077:
        path.chmod(0o600)
    return bytes.fromhex(path.read_text().strip())


def configure(db_url: str, key_file: str | None = None) -> bytes:
    """Load (or create) the key of the database at ``db_url``; later appends and checks use it."""
    env = os.environ.get(KEY_ENV, "").strip()
    key = (
        bytes.fromhex(env)
        if env
        else read_or_create_key(Path(key_file) if key_file else default_key_path(db_url))
    )
    with _keys_lock:
        _keys[db_url] = key
    return key


def key_for(session: Session) -> bytes:
    url = session.get_bind().url.render_as_string(hide_password=False)
    key = _keys.get(url)
    return key if key is not None else configure(url)


def mac(key: bytes, name: str, seq: int, digest: str) -> str:
    return hmac.new(key, f"{name}|{seq}|{digest}".encode(), hashlib.sha256).hexdigest()


class Point(NamedTuple):
    seq: int
    hash: str
    signed: bool  # the MAC checks out with the key


def read_point(session: Session, name: str, key: bytes) -> Point | None:
    row = session.execute(select(t.audit_anchor).where(_A.name == name)).first()
    if row is None:
        return None
    good = hmac.compare_digest(row.mac, mac(key, name, int(row.seq), row.hash))
    return Point(int(row.seq), row.hash, good)


def head_values(session: Session, seq: int, digest: str, now: datetime) -> dict:
    """The ``head`` row's values for (seq, digest), signed with the database's key."""
    return {"seq": seq, "hash": digest, "mac": mac(key_for(session), "head", seq, digest),
            "at": _naive(now)}  # fmt: skip


def sign_head(session: Session, seq: int, digest: str, now: datetime) -> None:
    """Inside the appending or chaining transaction (the chain's lock is held: no concurrent
    head update)."""
    values = head_values(session, seq, digest, now)
    if not _UPDATE_HEAD.run(session, values):
        _INSERT.run(session, {"name": "head", **values})


def save_point(session: Session, name: str, seq: int, digest: str, now: datetime) -> None:
    """Upsert a signed point (the ``verified`` mark; concurrent verifiers write the same)."""
    values = {"seq": seq, "hash": digest, "mac": mac(key_for(session), name, seq, digest),
              "at": _naive(now)}  # fmt: skip
    if session.info.get("pg"):
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        stmt = pg_insert(t.audit_anchor).values(name=name, **values)
        session.execute(stmt.on_conflict_do_update(index_elements=["name"], set_=values))
        return
    found = session.execute(update(t.audit_anchor).where(_A.name == name).values(**values))
    if not found.rowcount:
        session.execute(insert(t.audit_anchor).values(name=name, **values))
