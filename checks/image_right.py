"""BE — the Belgian image right: publishing recognisable images of people needs their consent.

Art. XI.174 of the Wetboek van economisch recht (portrait right) forbids reproducing or
communicating a portrait to the public without the consent of the person portrayed. The
Belgian supervisory authority (GBA) distinguishes targeted images, where a person is
singled out or posing, from atmosphere shots: for targeted images it expects the person's
consent, preferably in writing. Legitimate interests alone do not make the publication of
identifiable photos on social media lawful.

(This module holds the BE family's image-right rule; the lead may merge it into
``checks/belgium.py``, which another branch edits in this round.)
"""

from __future__ import annotations

from collections.abc import Iterator

from privlint import knowledge
from privlint.item_uses import ItemKeywords
from privlint.model import Policy, Processing
from privlint.pointers import child
from privlint.rules import WARNING, Hit, rule


@rule(
    "BE003",
    "images-published-without-consent",
    severity=WARNING,
    articles=("BE Wetboek van economisch recht, art. XI.174", "GDPR 6(1)(a)", "GDPR 7"),
    hint="ask the consent of the people recognisable on targeted images before publishing them "
    "(legal_basis: consent, with withdrawal), and model the event photos as such a processing",
)
def images_published_without_consent(policy: Policy) -> Iterator[Hit]:
    """Images of people are published (promotion, social media) without their consent.

    The rule reports a processing or sharing that uses images of people (photos, videos:
    the ``image_items`` list of ``privlint/data/phrases.toml``) for publication (promotion,
    marketing, social media, the website: ``publication_purposes``) on a basis other than
    consent; and a description of events where photos or videos are taken
    (``social_media.events``) that no processing with consent covers.

    Fails::

        data_items:
          - id: photos
            name: {nl: "Foto's / beelden"}
        sharing:
          - id: social_media
            purposes:
              - nl: Promotie van het bedrijf en diensten
            legal_basis: legitimate_interest
            data_items: [photos]

    Passes::

        data_items:
          - id: photos
            name: {nl: "Foto's / beelden"}
        sharing:
          - id: social_media
            purposes:
              - nl: Promotie van het bedrijf en diensten
            legal_basis: consent
            data_items: [photos]
    """
    images = ItemKeywords("image_items", policy)
    for processing in policy.processings:
        if processing.legal_basis == "consent":
            continue
        publication = _publication(processing)  # first: few processings publish, each has many items
        image = _image_item(processing, images) if publication is not None else None
        if image is not None and publication is not None:
            yield Hit(
                child(processing.pointer, "legal_basis") if processing.legal_basis else processing.pointer,
                f"{processing.owner} uses {image!r} for {publication!r}, but its basis is "
                f"{processing.legal_basis or 'not stated'}, not the consent of the people on the images",
            )
    events = policy.social_media.events if policy.social_media else None
    if events is None or events.text is None:
        return
    found = knowledge.match_keywords("event_images", tuple(events.text.by_language.values()))
    if found is None:
        return
    covered = next((p for p in policy.processings if events.processing and p.id == events.processing.id), None)
    if covered is None or covered.legal_basis != "consent":
        why = "no processing covers them" if covered is None else f"processing {covered.id!r} does not rely on consent"
        yield Hit(
            events.pointer,
            f"photos or videos taken at events ({found.keyword.text!r}) are published, but {why}",
        )


def _image_item(processing: Processing, images: ItemKeywords) -> str | None:
    for ref in processing.data_items:
        found = images.match(processing, ref)
        if found is not None:
            return found.name
    return None


def _publication(processing: Processing) -> str | None:
    texts = [*processing.purposes, *(t for t in (processing.name, processing.description) if t is not None)]
    for text in texts:
        found = knowledge.match_keywords("publication_purposes", tuple(text.by_language.values()))
        if found is not None:
            return found.name
    return None
