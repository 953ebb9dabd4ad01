"""claude-doctor: diagnose Claude API errors, credentials and network paths.

The library face: `explain(exc)` in an `except` block, `explain(text)` for a pasted error, `explain_all(log_text)`
for every error in a text, `lookup("529")` for a status, error type, error code or network term. Each answers with
a `Diagnosis` (see docs/library.md). Importing the package is cheap: the decoder loads on the first call.
"""

from __future__ import annotations

# Not `from typing import TYPE_CHECKING`: importing `typing` alone would double the cost of `import claude_doctor`.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from claude_doctor.model.diagnosis import Diagnosis

__version__ = "0.1.0"

__all__ = ["Diagnosis", "__version__", "explain", "explain_all", "lookup"]


def explain(value: str | bytes | BaseException | object) -> Diagnosis:
    """What an error means and whether to retry it.

    `value` is the error text (a JSON envelope, a traceback, Claude Code output, `curl -i`, SSE; `str` or `bytes`), or
    the live exception: the official SDKs' (`anthropic.APIStatusError`, `APIConnectionError`, `APITimeoutError`),
    httpx's, requests', or any object with `status_code`, `response` or `body`. A live exception gives what its
    traceback would, plus what only it knows: the response headers (`retry-after`, `x-should-retry`, `request-id`)
    and the classes of its causes. Any credential in the text it returns (a relay that echoes the key) is masked, as
    the command line masks it. Never raises for odd content; raises `TypeError` for anything else (an `int`: use
    `lookup`).
    """
    from claude_doctor import decode
    from claude_doctor.decode.exception import is_error_like
    from claude_doctor.secrets import redact_all

    if isinstance(value, bytes | bytearray):
        value = _text_of(bytes(value))
    if isinstance(value, str):
        diagnosis = decode.explain_text(value)
    elif is_error_like(value):
        diagnosis = decode.explain_exception(value)
    else:
        hint = ""
        if isinstance(value, int):
            hint = "; for a status or error code use claude_doctor.lookup()"
        elif isinstance(value, dict | list):
            hint = "; for a parsed JSON body pass json.dumps(body)"
        raise TypeError(
            "claude_doctor.explain() takes error text (str or bytes) or an exception (or an object with "
            f"status_code, response or body), not {type(value).__name__}{hint}"
        )
    return redact_all(diagnosis)


def explain_all(text: str | bytes) -> list[Diagnosis]:
    """Every distinct error in a text (a log, a CI output), in order: one per line, JSON object, traceback, HTTP
    response or SSE error event. Lines that are not errors are skipped."""
    from claude_doctor import decode
    from claude_doctor.secrets import redact_all

    if isinstance(text, bytes | bytearray):
        text = _text_of(bytes(text))
    if not isinstance(text, str):
        raise TypeError(f"claude_doctor.explain_all() takes text (str or bytes), not {type(text).__name__}")
    return redact_all(decode.find_all(text))


def lookup(term: str | int) -> Diagnosis | None:
    """What a status (`529`), error type (`overloaded_error`), error code (`enforced_spend_limit_reached`) or network
    term (`ECONNREFUSED`) means; None when the term is not one the catalog knows."""
    from claude_doctor.catalog import lookup_term

    if isinstance(term, int) and not isinstance(term, bool):
        term = str(term)
    if not isinstance(term, str):
        raise TypeError(f"claude_doctor.lookup() takes a str or an int, not {type(term).__name__}")
    return lookup_term(term)


def _text_of(data: bytes) -> str:
    return data.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace")


def __getattr__(name: str) -> Any:
    if name == "Diagnosis":  # loaded on first use, like the decoder
        from claude_doctor.model.diagnosis import Diagnosis

        return Diagnosis
    raise AttributeError(f"module 'claude_doctor' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
