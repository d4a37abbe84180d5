"""Who the notice says the controller, its contacts and the supervisory authority are (DRF011)."""

from __future__ import annotations

from collections.abc import Iterator

from privlint import pointers
from privlint.model import Address
from privlint.notice import parser
from privlint.notice.drift.comparison import Comparison, Drift, digits
from privlint.notice.parser import At
from privlint.notice.template import spaces


def identity(c: Comparison) -> Iterator[Drift]:
    yield from controller(c)
    yield from contacts(c)
    yield from authority(c)


def controller(c: Comparison) -> Iterator[Drift]:
    controller = c.policy.controller
    said = c.notice.controller
    if said is None:
        if controller is not None and controller.name:
            yield Drift(
                "DRF011",
                c.heading_of("controller"),
                controller.pointer,
                f"the notice has no sentence naming the controller ({controller.name})",
            )
        return
    if controller is None:
        yield Drift("DRF011", said.at, "/controller", "the notice names a controller; the model has none")
        return
    pointer = controller.pointer
    if spaces(said.name.text) != (controller.name or ""):
        yield Drift(
            "DRF011",
            said.name,
            pointer,
            f"the notice names the controller {said.name.text!r}, the model {controller.name!r}",
        )
    number = said.enterprise_number.text if said.enterprise_number else None
    if digits(number) != digits(controller.enterprise_number):
        yield Drift(
            "DRF011",
            said.enterprise_number or said.at,
            pointers.child(pointer, "enterprise_number"),
            f"the notice gives the enterprise number {number or 'none'}, "
            f"the model {controller.enterprise_number or 'none'}",
        )
    yield from _address_drift(
        said.address, controller.address, said.at, pointers.child(pointer, "address"), "controller"
    )


def contacts(c: Comparison) -> Iterator[Drift]:
    controller = c.policy.controller
    contact = controller.privacy_contact if controller else None
    if contact is None:
        for mention in c.notice.contacts:
            yield Drift(
                "DRF011",
                mention.at,
                "/controller",
                f"the notice names the contact {mention.name or mention.email}; the model has none",
            )
        return
    if not c.notice.contacts and contact.email:
        yield Drift(
            "DRF011",
            c.heading_of("controller"),
            contact.pointer,
            f"the notice never names the privacy contact ({contact.name or contact.email})",
        )
    for mention in c.notice.contacts:
        said = (mention.name, mention.role, mention.email)
        model = (contact.name, contact.role, contact.email)
        differing = [
            f"{what}: the notice says {n or 'none'}, the model {m or 'none'}"
            for what, n, m in zip(("name", "role", "email"), said, model, strict=True)
            if n != m
        ]
        if differing:
            yield Drift("DRF011", mention.at, contact.pointer, "the privacy contact differs: " + "; ".join(differing))


def authority(c: Comparison) -> Iterator[Drift]:
    authority = c.policy.supervisory_authority
    said = c.notice.authority
    if said is None:
        if authority is not None:
            yield Drift(
                "DRF011",
                c.heading_of("supervisory_authority"),
                authority.pointer,
                "the model names a supervisory authority; the notice does not",
            )
        return
    where = said.name or said.address_line or said.url or said.email or c.heading_of("supervisory_authority")
    if authority is None:
        yield Drift(
            "DRF011",
            where,
            "/supervisory_authority",
            "the notice names a supervisory authority; the model has none",
        )
        return
    for what, stated, recorded, at in (
        ("name", said.name, authority.name, said.name),
        ("website", said.url, authority.url, said.url or said.address_line),
        ("email", said.email, authority.email, said.email),
    ):
        text = stated.text if stated else None
        if text != recorded:
            yield Drift(
                "DRF011",
                at or where,
                authority.pointer,
                f"the supervisory authority's {what} differs: "
                f"the notice says {text or 'nothing'}, the model {recorded or 'nothing'}",
            )
    yield from _address_drift(
        said.address,
        authority.address,
        said.address_line or where,
        pointers.child(authority.pointer, "address"),
        "supervisory authority",
    )


def _address_drift(
    said: parser.Address | None, model: Address | None, at: At, pointer: str, whose: str
) -> Iterator[Drift]:
    stated = (said.street, said.postcode, said.city, said.country) if said else (None,) * 4
    recorded = (model.street, model.postcode, model.city, model.country) if model else (None,) * 4
    differing = [
        f"{what}: the notice says {s or 'nothing'}, the model {r or 'nothing'}"
        for what, s, r in zip(("street", "postcode", "city", "country"), stated, recorded, strict=True)
        if s != r
    ]
    if differing:
        yield Drift("DRF011", at, pointer, f"the {whose}'s address differs: " + "; ".join(differing))
