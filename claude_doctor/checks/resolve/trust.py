"""Which trust store the checks verify the API's certificate against. Pure: an environment mapping in, a path out.

SSL_CERT_FILE (read by httpx 0.28, so by the Python SDK), then REQUESTS_CA_BUNDLE (read by requests); with neither,
certifi's bundle. Claude Code's NODE_EXTRA_CA_CERTS is not consulted yet.
"""

from __future__ import annotations

from collections.abc import Mapping

CA_VARS = ("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE")


def python_ca_file(env: Mapping[str, str]) -> tuple[str | None, str | None]:
    """(CA file, the variable that named it); (None, None) means certifi's bundle."""
    for name in CA_VARS:
        if env.get(name):
            return env[name], name
    return None, None
