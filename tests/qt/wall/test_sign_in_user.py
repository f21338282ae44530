"""``--user`` is honoured with ``--server``: it beats the remembered user (the supervisor's wall
signed in as supervisor1, not as whoever used the machine last)."""

from __future__ import annotations

from ui.options import parse, sign_in_as

URL = "http://127.0.0.1:8765"


def test_user_on_the_command_line_beats_the_remembered_one(qapp) -> None:
    opts = parse(["--server", URL, "--user", "supervisor1", "--page", "wall"])
    assert opts.user_given and opts.user == "supervisor1"
    assert sign_in_as(opts, URL, "reviewer2") == (URL, "supervisor1")


def test_without_user_the_remembered_one_for_the_same_server(qapp) -> None:
    opts = parse(["--server", URL + "/"])
    assert not opts.user_given and opts.user == "reviewer1"  # the demo default, unused here
    assert sign_in_as(opts, URL, "reviewer2") == (URL, "reviewer2")
    assert sign_in_as(opts, "http://127.0.0.1:9999", "reviewer2") == (URL, "")  # other server
    assert sign_in_as(parse([]), URL, "reviewer2") == (URL, "reviewer2")
