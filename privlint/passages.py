"""The prose of a policy: every passage of notice text the model keeps, with its place.

Rules that read what the notice *says* (implied consent, "read this regularly", an objection
answered by ending the service) look at these passages. Each passage is one language of
one text, with the JSON Pointer of that string, so a finding sits on the text it quotes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from privlint.model import Policy, Text
from privlint.pointers import child


class Passage(NamedTuple):
    owner: str  # what the text belongs to, for messages ("section 'who_we_are'")
    language: str
    text: str
    pointer: str  # the string itself


def passages(policy: Policy) -> Iterator[Passage]:
    """Every passage of prose in ``policy``, in the order of the model."""
    for owner, text in _texts(policy):
        if text is None:
            continue
        for language, value in text.by_language.items():
            yield Passage(owner, language, value, child(text.pointer, language))


def _texts(policy: Policy) -> Iterator[tuple[str, Text | None]]:
    if policy.notice is not None:
        for section in policy.notice.sections:
            yield f"section {section.id!r}", section.text
    if policy.controller is not None:
        yield "the controller's text", policy.controller.text
    for processing in policy.processings:
        owner = processing.owner
        yield owner, processing.description
        yield owner, processing.text
    if policy.processor_role is not None:
        yield "the processor role", policy.processor_role.text
    if policy.security is not None:
        yield "the security text", policy.security.text
    yield from _website_texts(policy)
    for right in policy.rights:
        yield f"right {right.right!r}", right.text
    if policy.supervisory_authority is not None:
        yield "the supervisory authority", policy.supervisory_authority.text


def _website_texts(policy: Policy) -> Iterator[tuple[str, Text | None]]:
    website = policy.website
    if website is not None:
        yield "the website's cookies", website.cookies.text if website.cookies else None
        yield "the website's server logs", website.server_logs.text if website.server_logs else None
        yield "the website's external links", website.external_links.text if website.external_links else None
    social = policy.social_media
    if social is not None:
        yield "social media", social.text
        yield "social media events", social.events.text if social.events else None
