"""No full customer identifier in a log line, on the server or the workstation.

:class:`RedactingFilter` rewrites each record's message (arguments merged in) and its formatted
exception with ``app.rules.pii.redact``: resident, account, card and phone numbers, written or
read out in Korean digit words, become ``[PII]``. :func:`install` puts it on every handler of the
root logger (call it after ``logging.basicConfig``), so a record from any library that
propagates passes it too, and on the loggers named.
"""

from __future__ import annotations

import logging

from app.rules.pii import redact


def scrub(text: str) -> str:
    return redact(text)[0] if text else text


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: leave it to the handler's own error path
            return True
        clean = scrub(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True


def install(*logger_names: str) -> RedactingFilter:
    """Add the filter to every handler of the root logger and to the loggers named (those that
    log straight to their own handlers, e.g. ``uvicorn.access``); returns it."""
    flt = RedactingFilter()
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(flt)
    for name in logger_names:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactingFilter) for f in logger.filters):
            logger.addFilter(flt)
    return flt
