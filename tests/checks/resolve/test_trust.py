"""Which CA file the checks verify with, from plain environments."""

from __future__ import annotations

import pytest

from claude_doctor.checks.resolve.trust import python_ca_file


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, (None, None)),
        ({"SSL_CERT_FILE": "/etc/corp.pem"}, ("/etc/corp.pem", "SSL_CERT_FILE")),
        ({"REQUESTS_CA_BUNDLE": "/etc/req.pem"}, ("/etc/req.pem", "REQUESTS_CA_BUNDLE")),
        ({"SSL_CERT_FILE": "/a.pem", "REQUESTS_CA_BUNDLE": "/b.pem"}, ("/a.pem", "SSL_CERT_FILE")),
        ({"SSL_CERT_FILE": "", "REQUESTS_CA_BUNDLE": "/b.pem"}, ("/b.pem", "REQUESTS_CA_BUNDLE")),
        ({"NODE_EXTRA_CA_CERTS": "/n.pem"}, (None, None)),
    ],
)
def test_python_ca_file(env: dict[str, str], expected: tuple[str | None, str | None]) -> None:
    assert python_ca_file(env) == expected
