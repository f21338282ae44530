"""Sync problems page: refused actions with their input; retry, draft or discard."""
