"""The catalog's fixes fitted to the host in use keep their translation."""

from __future__ import annotations

import pickle

from claude_doctor.checks.resolve.fixes import host_fixes
from claude_doctor.i18n import N_, translate

FIX = "Ask your network team to allow api.anthropic.com in the DNS filter."


def test_the_host_in_use_replaces_the_api_host_in_english_and_in_chinese() -> None:
    (fitted,) = host_fixes((N_(FIX),), "relay.example.cn")
    assert fitted == "Ask your network team to allow relay.example.cn in the DNS filter."
    chinese = translate(fitted, "zh_CN")
    assert "relay.example.cn" in chinese
    assert "api.anthropic.com" not in chinese
    assert chinese != fitted  # translated, not left in English
    assert translate(pickle.loads(pickle.dumps(fitted)), "zh_CN") == chinese  # as scan workers send it


def test_the_running_command_is_not_advised_and_a_fix_without_the_host_is_kept_whole() -> None:
    other = N_("Retry with exponential backoff; the SDKs already retry this error (2 retries by default).")
    kept = host_fixes((N_("Run `claude-doctor check` to see which credential is used."), other), "relay.example.cn")
    assert kept == (other,)
    assert kept[0] is other
