"""Whose host a name is: names only, nothing resolved (so "localhost.example.com" is no loopback)."""

from __future__ import annotations

import pytest

from claude_doctor.hosts import host_kind, is_loopback


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("api.localhost", True),
        ("0.0.0.0", False),  # every interface: reachable from other machines
        ("192.168.1.5", False),
        ("localhost.example.com", False),
        ("mylocalhost", False),
        ("", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.mark.parametrize(
    ("host", "kind"),
    [
        ("api.anthropic.com", "anthropic"),
        ("API.Anthropic.COM.", "anthropic"),
        ("anthropic.com", "anthropic"),
        ("notanthropic.com", "relay"),
        ("anthropic.com.evil.example", "relay"),
        ("127.0.0.1", "loopback"),
        ("bedrock-runtime.us-east-1.amazonaws.com", "bedrock"),
        ("s3.amazonaws.com", "relay"),
        ("us-east5-aiplatform.googleapis.com", "vertex"),
        ("myres.services.ai.azure.com", "foundry"),
        ("gateway.corp.example", "relay"),
    ],
)
def test_host_kind(host: str, kind: str) -> None:
    assert host_kind(host) == kind
