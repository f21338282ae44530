"""app/text/log_redaction.py: a log line never carries a full customer identifier."""

from __future__ import annotations

import io
import logging

from app.text import log_redaction


def test_installed_filter_redacts_messages_arguments_and_tracebacks() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    named = logging.getLogger("test.pii.named")
    named.propagate = False
    own = io.StringIO()
    own_handler = logging.StreamHandler(own)
    named.addHandler(own_handler)
    try:
        log_redaction.install("test.pii.named")
        log = logging.getLogger("test.pii")
        log.warning("case %s: account %s, phone %s", "C-1", "110-123-456789", "010-1234-5678")
        try:
            raise ValueError("resident 850101-1234567 rejected")
        except ValueError:
            log.exception("failed for 공일공 이팔사육 육이구공")
        named.warning("card 4920123456789014")
    finally:
        for h in [*root.handlers, logging.lastResort]:  # pytest's handlers got the filter too
            for f in [f for f in h.filters if isinstance(f, log_redaction.RedactingFilter)]:
                h.removeFilter(f)
        root.removeHandler(handler)
        named.removeHandler(own_handler)
        named.filters.clear()
    text = stream.getvalue()
    assert "C-1" in text and "[PII]" in text
    for full in ("110-123-456789", "010-1234-5678", "850101-1234567", "이팔사육"):
        assert full not in text
    assert "ValueError" in text  # the traceback is kept, only the identifier goes
    assert own.getvalue().strip() == "card [PII]"


def test_formatters_that_read_the_arguments_keep_working() -> None:
    """uvicorn's access formatter unpacks ``record.args``: arguments stay a tuple."""
    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5", "GET", "/v1/knowledge/search?q=010-2846-6290", "1.1", 200), None,
    )  # fmt: skip
    assert log_redaction.RedactingFilter().filter(record)
    assert isinstance(record.args, tuple) and record.args[4] == 200
    assert "010-2846-6290" not in record.getMessage() and "[PII]" in record.getMessage()
    card = 4920123456789014
    numeric = logging.LogRecord("x", logging.INFO, __file__, 1, "card %d", (card,), None)
    log_redaction.RedactingFilter().filter(numeric)
    assert numeric.getMessage() == "card [PII]"
