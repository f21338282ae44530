"""sync.feed_json: the /changes body decoded once, with each change's ``data`` text."""

from __future__ import annotations

import json

import pytest

from app.store.types import dumps
from sync.feed_json import parse_changes_body

PAGE = {
    "changes": [
        {"seq": 1, "entity": "case", "id": "c1", "op": "upsert", "version": 2,
         "data": {"id": "c1", "version": 2, "customer": {"name": "김하늘"}, "data": {"x": [1]}}},
        {"seq": 2, "entity": "case", "id": "c2", "op": "delete", "version": 3, "data": None},
        {"seq": 3, "entity": "task", "id": "t1", "op": "upsert", "version": 1},
    ],
    "cursor": "abc",
    "has_more": False,
    "server_time": "2026-11-21T09:30:00Z",
    "reset": False,
}  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        dumps(PAGE),
        json.dumps(PAGE),
        json.dumps(PAGE, indent=2),
        " \n" + json.dumps(PAGE, separators=(" , ", " : ")) + "\n",
    ],
)
def test_same_as_json_loads_and_data_texts(text: str) -> None:
    body, texts = parse_changes_body(text)
    assert body == json.loads(text)
    assert texts is not None and len(texts) == 3
    assert json.loads(texts[0]) == PAGE["changes"][0]["data"]
    assert texts[1] == "null"
    assert texts[2] is None


def test_compact_text_is_the_stored_form() -> None:
    _body, texts = parse_changes_body(dumps(PAGE))
    assert texts is not None and texts[0] == dumps(PAGE["changes"][0]["data"])


@pytest.mark.parametrize("text", ['{"changes":[1]}', "[1, 2]", '{"changes": null}', "{}"])
def test_unexpected_shapes_fall_back(text: str) -> None:
    body, texts = parse_changes_body(text)
    assert body == json.loads(text)
    assert texts is None or texts == []


@pytest.mark.parametrize("text", ["", '{"changes":[]', '{"changes":[]} x', '{"a":1,}'])
def test_invalid_json_raises_as_json_loads(text: str) -> None:
    with pytest.raises(json.JSONDecodeError):
        parse_changes_body(text)


def test_bytes_body_and_members_the_feed_does_not_define() -> None:
    page = {**PAGE, "extra": 1}
    body, texts = parse_changes_body(dumps(page).encode())
    assert body == PAGE  # the feed's members, decoded as json.loads does; others are dropped
    assert texts is not None and texts[0] == dumps(PAGE["changes"][0]["data"])
