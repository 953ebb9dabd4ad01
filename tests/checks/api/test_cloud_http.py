"""The cloud probes' stand-in addresses: a Google secret goes to Google or to this machine, never elsewhere."""

from __future__ import annotations

from claude_doctor.checks.api.cloud_http import google_url


def test_a_stand_in_for_google_must_be_google_or_this_machine() -> None:
    default = "https://oauth2.googleapis.com/tokeninfo"
    assert google_url({"V": "http://127.0.0.1:9/tokeninfo"}, "V", default) == "http://127.0.0.1:9/tokeninfo"
    assert google_url({"V": "https://collector.example/t"}, "V", default) == default
    assert google_url({}, "V", default) == default
