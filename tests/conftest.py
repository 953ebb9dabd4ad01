"""Shared test set-up: no test may see the developer's own credentials, proxies or CA settings."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

# Hypothesis fails an example that takes more than 200 ms by default: a timing assertion that a loaded CI machine can
# trip. Performance is measured by benchmarks/, so no property test has a per-example deadline.
settings.register_profile("claude-doctor", deadline=None)
settings.load_profile("claude-doctor")

# Variables that would make a test depend on the machine it runs on.
_STRIP_PREFIXES = ("ANTHROPIC_", "CLAUDE_", "AWS_", "GITHUB_", "GITLAB_")
_STRIP_NAMES = {
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "NO_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "no_proxy",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "REQUESTS_CA_BUNDLE",
    "CURL_CA_BUNDLE",
    "NODE_EXTRA_CA_CERTS",
    "CI",
    "NO_COLOR",
    "FORCE_COLOR",
    "API_TIMEOUT_MS",
    "CLOUD_ML_REGION",
    "VIRTUAL_ENV",
    "CONDA_PREFIX",
    "NODE_OPTIONS",
    "NODE_USE_SYSTEM_CA",
    "LANGUAGE",  # the language of the output (with LC_MESSAGES, and LC_ALL and LANG below): tests expect English
    "LC_MESSAGES",
}
# Where `check` reads Claude's status page: a closed port on loopback, so no test reaches the real page.
CLOSED_STATUS_URL = "http://127.0.0.1:9/api/v2/summary.json"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    for name in list(os.environ):
        if name in _STRIP_NAMES or name.startswith(_STRIP_PREFIXES):
            monkeypatch.delenv(name, raising=False)
    for name in ("LC_ALL", "LANG"):
        if os.environ.get(name, "").lower().startswith("zh"):
            monkeypatch.setenv(name, "C.UTF-8")  # a Chinese desktop: English output, the same character set
    # A throw-away home, so that nothing reads the developer's ~/.claude or ~/.config/anthropic.
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("CLAUDE_DOCTOR_STATUS_URL", CLOSED_STATUS_URL)
