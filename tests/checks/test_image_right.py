"""BE003 on the bundled policy: the social-media promotion with photos, and the event photos."""

from __future__ import annotations

from privlint.config import Config
from privlint.engine import lint

from support import POLICY


def test_bundled_policy_publishes_images_without_consent() -> None:
    findings = lint([POLICY], Config().with_options(select=("BE003",))).findings
    located = [(f.file.rsplit("/", 1)[-1], f.line, f.column) for f in findings]
    # social_media_meta and social_media_linkedin at their legal_basis, the events at social_media.events.
    assert located == [("sharing.yaml", 128, 18), ("sharing.yaml", 149, 18), ("website.yaml", 68, 5)]
    assert "no processing covers them" in findings[2].message
