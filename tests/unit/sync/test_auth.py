"""Token storage in the keyring (keyrings.alt PlaintextKeyring in a temporary directory)."""

from __future__ import annotations

import keyring
import pytest

from sync import auth
from sync.problems import NotLoggedIn


@pytest.fixture(autouse=True)
def keyring_file(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    return tmp_path / "python_keyring" / "keyring_pass.cfg"


def test_token_lives_in_the_keyring_under_service_and_server_user(keyring_file) -> None:
    assert type(keyring.get_keyring()).__name__ == "PlaintextKeyring"
    auth.save_token("http://127.0.0.1:8765/", "reviewer1", "tok-1")
    assert auth.keyring_username("http://127.0.0.1:8765/", "reviewer1") == (
        "http://127.0.0.1:8765|reviewer1"
    )
    assert keyring.get_password("reviewer-workstation", "http://127.0.0.1:8765|reviewer1") == (
        "tok-1"
    )
    assert keyring_file.exists()
    assert auth.load_token("http://127.0.0.1:8765", "reviewer2") is None
    assert auth.delete_token("http://127.0.0.1:8765", "reviewer1") is True
    assert auth.load_token("http://127.0.0.1:8765", "reviewer1") is None
    assert auth.delete_token("http://127.0.0.1:8765", "reviewer1") is False


def test_session_without_token_is_not_logged_in() -> None:
    with pytest.raises(NotLoggedIn):
        auth.Session("http://127.0.0.1:8765", "nobody").token()
