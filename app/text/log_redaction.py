"""No full customer identifier in a log line, on the server or the workstation.

:class:`RedactingFilter` rewrites each record's message (arguments merged in) and its formatted
exception with ``app.rules.pii.redact``: resident, account, card and phone numbers, written or
read out in Korean digit words, become ``[PII]``. :func:`install` puts it on every handler of the
root logger (call it after ``logging.basicConfig``), so a record from any library that
propagates passes it too, and on the loggers named.
"""

from __future__ import annotations

import logging

from app.rules.pii_redaction import redact  # the text rule alone (no call domain)


def scrub(text: str) -> str:
    return redact(text)[0] if text else text


def _clean(value: object) -> object:
    return scrub(value) if isinstance(value, str) else value


class RedactingFilter(logging.Filter):
    """Scrubs the format string and each string argument (formatters that read ``args``
    themselves, like uvicorn's access log, keep working); if the merged message still holds
    an identifier (one made of a non-string argument), the record becomes that message,
    scrubbed, without arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = scrub(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_clean(a) for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: _clean(v) for k, v in record.args.items()}
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: leave it to the handler's own error path
            message = None
        if message is not None and scrub(message) != message:
            record.msg, record.args = scrub(message), None
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
    handlers = list(logging.getLogger().handlers)
    if logging.lastResort is not None:  # what prints when nothing is configured (dosctl)
        handlers.append(logging.lastResort)
    for handler in handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(flt)
    for name in logger_names:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactingFilter) for f in logger.filters):
            logger.addFilter(flt)
    return flt
