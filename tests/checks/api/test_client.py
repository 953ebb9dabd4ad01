"""The API client's failures reach the decoder with their root cause."""

from __future__ import annotations

import httpx


def test_exception_chain_puts_the_root_cause_in_view() -> None:
    import ssl

    from claude_doctor.checks.api.client import exception_text
    from claude_doctor.decode import diagnose_exception_text

    try:
        try:
            raise ssl.SSLCertVerificationError(1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed")
        except ssl.SSLError as inner:
            raise httpx.ConnectError("wrapped") from inner
    except httpx.ConnectError as outer:
        text = exception_text(outer)
    assert diagnose_exception_text(text).category == "tls"
