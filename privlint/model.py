"""The policy model: typed, frozen objects built from schema-valid data.

Every object remembers its JSON Pointer into the merged policy, so a check can say
*where* without knowing about files. Optional facts are ``None`` (or empty) when the
declaration does not state them: absence is information the checks report on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any, Literal, NamedTuple

from privlint.pointers import child

Kind = Literal["processing_activity", "sharing"]


class Text(NamedTuple):
    """Human text by language code; legal text stays in the language it was written in."""

    by_language: Mapping[str, str]
    pointer: str

    def get(self, language: str) -> str | None:
        return self.by_language.get(language)

    @property
    def any(self) -> str:
        """The text in the first language given (the original, by convention)."""
        return next(iter(self.by_language.values()))


class Ref(NamedTuple):
    """A reference by id to something declared elsewhere, at the place it is written."""

    id: str
    pointer: str


class Address(NamedTuple):
    street: str | None
    postcode: str | None
    city: str | None
    country: str | None
    pointer: str


class Contact(NamedTuple):
    name: str | None
    role: str | None
    email: str | None
    phone: str | None
    address: Address | None
    pointer: str


class Dpo(NamedTuple):
    designated: bool
    name: str | None
    email: str | None
    pointer: str


class Controller(NamedTuple):
    name: str | None
    legal_form: str | None
    address: Address | None
    enterprise_number: str | None
    privacy_contact: Contact | None
    dpo: Dpo | None
    text: Text | None
    pointer: str


class Section(NamedTuple):
    id: str
    heading: Text | None
    text: Text | None
    pointer: str


class Notice(NamedTuple):
    title: Text | None
    language: str | None
    version: str | None
    date: str | None
    table_of_contents: tuple[Text, ...]  # entries as written, numbering included; empty: not stated
    sections: tuple[Section, ...]
    pointer: str


class DataSubject(NamedTuple):
    id: str
    name: Text | None
    pointer: str


class DataItem(NamedTuple):
    id: str
    name: Text | None
    subjects: tuple[Ref, ...]
    special_category: str | None
    criminal_offence_data: bool
    pointer: str

    def names(self) -> tuple[str, ...]:
        """The id and every name, for matching against keyword lists."""
        return (self.id, *(self.name.by_language.values() if self.name else ()))


class LegalReference(NamedTuple):
    law: str
    provision: str | None
    pointer: str


class Retention(NamedTuple):
    duration: str | None
    trigger: str | None
    extension: str | None
    legal_reference: LegalReference | None
    text: Text | None
    pointer: str


class ProvisionRequirement(NamedTuple):
    """GDPR 13(2)(e): must the data subject provide the data, why, and what if not."""

    requirement: str | None
    obliged: bool | None
    consequence: Text | None
    text: Text | None
    pointer: str


class DataSource(NamedTuple):
    """GDPR 14(2)(f): where data not obtained from the data subject come from."""

    obtained_from: str | None
    source: Text | None
    publicly_accessible: bool | None
    text: Text | None
    pointer: str


class Processing(NamedTuple):
    """A processing activity, or a sharing of data with recipients (``kind`` says which)."""

    kind: Kind
    id: str
    name: Text | None
    description: Text | None
    purposes: tuple[Text, ...]
    legal_basis: str | None
    legitimate_interest: Text | None
    legal_obligation: LegalReference | None
    special_category_condition: str | None
    criminal_data_basis: LegalReference | None
    provision_requirement: ProvisionRequirement | None
    data_source: DataSource | None
    data_subjects: tuple[Ref, ...]
    data_items: tuple[Ref, ...]
    data_item_names: Mapping[str, Text]
    retention: Retention | None
    locations: tuple[Ref, ...]
    recipients: tuple[Ref, ...]
    recipients_stated: bool
    text: Text | None
    pointer: str

    @property
    def label(self) -> str:
        return self.name.any if self.name else self.id

    @property
    def kind_name(self) -> str:
        """``processing activity`` or ``sharing``."""
        return self.kind.replace("_", " ")

    @property
    def owner(self) -> str:
        """How messages name this entry: ``processing activity 'cctv'``, ``sharing 'payroll'``."""
        return f"{self.kind_name} {self.id!r}"


class Recipient(NamedTuple):
    id: str
    name: str | None
    role: str | None
    country: str | None
    transfer_mechanism: str | None
    processor_agreement: Text | None
    joint_arrangement: Text | None
    text: Text | None
    pointer: str


class DefaultRecipientRole(NamedTuple):
    """A role the notice states for all recipients at once ("doorgaans verwerker")."""

    role: str
    hedged: bool
    text: Text | None
    pointer: str


class NamedRecipientCategory(NamedTuple):
    """A recipient category named in the prose, with the sharing entries that cover it."""

    name: Text
    sharing: tuple[Ref, ...]
    text: Text | None
    pointer: str


class Right(NamedTuple):
    right: str
    text: Text | None
    pointer: str


class AutomatedDecisionMaking(NamedTuple):
    used: bool
    logic: Text | None
    pointer: str


class SupervisoryAuthority(NamedTuple):
    name: str | None
    address: Address | None
    url: str | None
    email: str | None
    phone: str | None
    text: Text | None
    pointer: str


class ItemUse(NamedTuple):
    """A list of data-item references outside a processing (website cookies, server logs)."""

    data_items: tuple[Ref, ...]
    data_item_names: Mapping[str, Text]
    text: Text | None
    pointer: str


class Prose(NamedTuple):
    """A passage of the notice kept for rendering (security, external links, events, ...)."""

    text: Text | None
    pointer: str


class ProcessorRole(NamedTuple):
    """When the controller processes data on someone else's behalf (GDPR 28)."""

    applies: str | None
    text: Text | None
    pointer: str


class Cookie(NamedTuple):
    """One cookie on the website (ePrivacy 5(3), WVG art. 10/2)."""

    name: str
    category: str | None
    party: str | None
    provider: str | None
    duration: str | None
    session: bool | None
    purpose: Text | None
    text: Text | None
    pointer: str


class SocialPlugin(NamedTuple):
    """A social media plugin ("like" button) on the website (CJEU C-40/17 Fashion ID)."""

    platform: str | None
    recipient: Ref | None
    processing: Ref | None
    loaded_before_consent: bool | None
    hedged: bool
    text: Text | None
    pointer: str


class Website(NamedTuple):
    cookies_consent_requested: bool | None
    cookies: ItemUse | None
    cookie_list: tuple[Cookie, ...]
    cookie_list_stated: bool
    server_logs: ItemUse | None
    social_plugins: tuple[SocialPlugin, ...]
    external_links: Prose | None
    pointer: str


class Events(NamedTuple):
    """Events where photos or videos are taken, as the notice describes them."""

    data_subjects: tuple[Ref, ...]
    processing: Ref | None
    text: Text | None
    pointer: str


class SocialMedia(NamedTuple):
    joint_controllers: tuple[Ref, ...]
    events: Events | None
    text: Text | None
    pointer: str


class Settings(NamedTuple):
    """Choices of the organisation that some checks depend on (from the configuration)."""

    eu_only: bool = True
    audience: tuple[str, ...] = ()
    today: dt.date | None = None  # the date of the run, handed in by the engine (checks never read a clock)


class Policy(NamedTuple):
    notice: Notice | None
    controller: Controller | None
    audience: tuple[Ref, ...]
    audience_stated: bool
    data_subjects: tuple[DataSubject, ...]
    data_items: tuple[DataItem, ...]
    processing_activities: tuple[Processing, ...]
    recipient_categories: tuple[Text, ...]
    named_recipient_categories: tuple[NamedRecipientCategory, ...]
    recipients: tuple[Recipient, ...]
    default_recipient_role: DefaultRecipientRole | None
    sharing: tuple[Processing, ...]
    processor_role: ProcessorRole | None
    security: Prose | None
    website: Website | None
    social_media: SocialMedia | None
    rights: tuple[Right, ...]
    automated_decision_making: AutomatedDecisionMaking | None
    supervisory_authority: SupervisoryAuthority | None
    settings: Settings = Settings()
    pointer: str = ""

    @property
    def processings(self) -> tuple[Processing, ...]:
        """Every processing activity and every sharing, in that order."""
        return (*self.processing_activities, *self.sharing)

    def data_item_references(self) -> Iterator[tuple[str, Ref]]:
        """Every place a data item is referenced by id, with a description of who uses it."""
        for processing in self.processings:
            for ref in processing.data_items:
                yield processing.owner, ref
        if self.website is not None:
            for owner, use in (
                ("website cookies", self.website.cookies),
                ("website server logs", self.website.server_logs),
            ):
                for ref in use.data_items if use is not None else ():
                    yield owner, ref


# --- building the model from schema-valid data -------------------------------------------


def build(data: Mapping[str, Any], settings: Settings | None = None) -> Policy:
    """The model of schema-valid policy ``data`` (see ``schemas/policy.schema.json``)."""
    return Policy(
        settings=settings or Settings(),
        notice=_opt(data, "", "notice", _notice),
        controller=_opt(data, "", "controller", _controller),
        audience=_refs(data, "", "audience"),
        audience_stated="audience" in data,
        data_subjects=_list(data, "", "data_subjects", _data_subject),
        data_items=_list(data, "", "data_items", _data_item),
        processing_activities=_list(data, "", "processing_activities", _activity),
        recipient_categories=_list(data, "", "recipient_categories", _text),
        named_recipient_categories=_list(data, "", "named_recipient_categories", _named_category),
        recipients=_list(data, "", "recipients", _recipient),
        default_recipient_role=_opt(data, "", "default_recipient_role", _default_role),
        sharing=_list(data, "", "sharing", _sharing),
        processor_role=_opt(data, "", "processor_role", _processor_role),
        security=_opt(data, "", "security", _prose),
        website=_opt(data, "", "website", _website),
        social_media=_opt(data, "", "social_media", _social_media),
        rights=_list(data, "", "rights", _right),
        automated_decision_making=_opt(data, "", "automated_decision_making", _automated),
        supervisory_authority=_opt(data, "", "supervisory_authority", _authority),
    )


def _opt(data: Mapping[str, Any], pointer: str, key: str, make: Any) -> Any:
    value = data.get(key)
    return None if value is None else make(value, child(pointer, key))


def _list(data: Mapping[str, Any], pointer: str, key: str, make: Any) -> tuple[Any, ...]:
    here = child(pointer, key)
    return tuple(make(value, child(here, index)) for index, value in enumerate(data.get(key) or ()))


def _refs(data: Mapping[str, Any], pointer: str, key: str) -> tuple[Ref, ...]:
    here = child(pointer, key)
    return tuple(Ref(value, child(here, index)) for index, value in enumerate(data.get(key) or ()))


def _names(value: Mapping[str, Any], pointer: str) -> dict[str, Text]:
    here = child(pointer, "data_item_names")
    return {item: _text(text, child(here, item)) for item, text in (value.get("data_item_names") or {}).items()}


def _text(value: Mapping[str, str], pointer: str) -> Text:
    return Text(dict(value), pointer)


def _address(value: Mapping[str, Any], pointer: str) -> Address:
    return Address(value.get("street"), value.get("postcode"), value.get("city"), value.get("country"), pointer)


def _notice(value: Mapping[str, Any], pointer: str) -> Notice:
    return Notice(
        title=_opt(value, pointer, "title", _text),
        language=value.get("language"),
        version=value.get("version"),
        date=value.get("date"),
        table_of_contents=_list(value, pointer, "table_of_contents", _text),
        sections=_list(value, pointer, "sections", _section),
        pointer=pointer,
    )


def _section(value: Mapping[str, Any], pointer: str) -> Section:
    return Section(value["id"], _opt(value, pointer, "heading", _text), _opt(value, pointer, "text", _text), pointer)


def _contact(value: Mapping[str, Any], pointer: str) -> Contact:
    return Contact(
        name=value.get("name"),
        role=value.get("role"),
        email=value.get("email"),
        phone=value.get("phone"),
        address=_opt(value, pointer, "address", _address),
        pointer=pointer,
    )


def _dpo(value: Mapping[str, Any], pointer: str) -> Dpo:
    return Dpo(value["designated"], value.get("name"), value.get("email"), pointer)


def _controller(value: Mapping[str, Any], pointer: str) -> Controller:
    return Controller(
        name=value.get("name"),
        legal_form=value.get("legal_form"),
        address=_opt(value, pointer, "address", _address),
        enterprise_number=value.get("enterprise_number"),
        privacy_contact=_opt(value, pointer, "privacy_contact", _contact),
        dpo=_opt(value, pointer, "dpo", _dpo),
        text=_opt(value, pointer, "text", _text),
        pointer=pointer,
    )


def _data_subject(value: Mapping[str, Any], pointer: str) -> DataSubject:
    return DataSubject(value["id"], _opt(value, pointer, "name", _text), pointer)


def _data_item(value: Mapping[str, Any], pointer: str) -> DataItem:
    return DataItem(
        id=value["id"],
        name=_opt(value, pointer, "name", _text),
        subjects=_refs(value, pointer, "subjects"),
        special_category=value.get("special_category"),
        criminal_offence_data=bool(value.get("criminal_offence_data", False)),
        pointer=pointer,
    )


def _legal_reference(value: Mapping[str, Any], pointer: str) -> LegalReference:
    return LegalReference(value["law"], value.get("provision"), pointer)


def _retention(value: Mapping[str, Any], pointer: str) -> Retention:
    return Retention(
        duration=value.get("duration"),
        trigger=value.get("trigger"),
        extension=value.get("extension"),
        legal_reference=_opt(value, pointer, "legal_reference", _legal_reference),
        text=_opt(value, pointer, "text", _text),
        pointer=pointer,
    )


def _provision_requirement(value: Mapping[str, Any], pointer: str) -> ProvisionRequirement:
    return ProvisionRequirement(
        requirement=value.get("requirement"),
        obliged=value.get("obliged"),
        consequence=_opt(value, pointer, "consequence", _text),
        text=_opt(value, pointer, "text", _text),
        pointer=pointer,
    )


def _data_source(value: Mapping[str, Any], pointer: str) -> DataSource:
    return DataSource(
        obtained_from=value.get("obtained_from"),
        source=_opt(value, pointer, "source", _text),
        publicly_accessible=value.get("publicly_accessible"),
        text=_opt(value, pointer, "text", _text),
        pointer=pointer,
    )


def _processing(kind: Kind, value: Mapping[str, Any], pointer: str) -> Processing:
    return Processing(
        kind=kind,
        id=value["id"],
        name=_opt(value, pointer, "name", _text),
        description=_opt(value, pointer, "description", _text),
        purposes=_list(value, pointer, "purposes", _text),
        legal_basis=value.get("legal_basis"),
        legitimate_interest=_opt(value, pointer, "legitimate_interest", _text),
        legal_obligation=_opt(value, pointer, "legal_obligation", _legal_reference),
        special_category_condition=value.get("special_category_condition"),
        criminal_data_basis=_opt(value, pointer, "criminal_data_basis", _legal_reference),
        provision_requirement=_opt(value, pointer, "provision_requirement", _provision_requirement),
        data_source=_opt(value, pointer, "data_source", _data_source),
        data_subjects=_refs(value, pointer, "data_subjects"),
        data_items=_refs(value, pointer, "data_items"),
        data_item_names=_names(value, pointer),
        retention=_opt(value, pointer, "retention", _retention),
        locations=_refs(value, pointer, "locations"),
        recipients=_refs(value, pointer, "recipients"),
        recipients_stated="recipients" in value,
        text=_opt(value, pointer, "text", _text),
        pointer=pointer,
    )


def _activity(value: Mapping[str, Any], pointer: str) -> Processing:
    return _processing("processing_activity", value, pointer)


def _sharing(value: Mapping[str, Any], pointer: str) -> Processing:
    return _processing("sharing", value, pointer)


def _recipient(value: Mapping[str, Any], pointer: str) -> Recipient:
    return Recipient(
        id=value["id"],
        name=value.get("name"),
        role=value.get("role"),
        country=value.get("country"),
        transfer_mechanism=value.get("transfer_mechanism"),
        processor_agreement=_opt(value, pointer, "processor_agreement", _text),
        joint_arrangement=_opt(value, pointer, "joint_arrangement", _text),
        text=_opt(value, pointer, "text", _text),
        pointer=pointer,
    )


def _default_role(value: Mapping[str, Any], pointer: str) -> DefaultRecipientRole:
    return DefaultRecipientRole(
        value["role"], bool(value.get("hedged", False)), _opt(value, pointer, "text", _text), pointer
    )


def _named_category(value: Mapping[str, Any], pointer: str) -> NamedRecipientCategory:
    return NamedRecipientCategory(
        _text(value["name"], child(pointer, "name")),
        _refs(value, pointer, "sharing"),
        _opt(value, pointer, "text", _text),
        pointer,
    )


def _ref(value: str, pointer: str) -> Ref:
    return Ref(value, pointer)


def _cookie(value: Mapping[str, Any], pointer: str) -> Cookie:
    return Cookie(
        name=value["name"],
        category=value.get("category"),
        party=value.get("party"),
        provider=value.get("provider"),
        duration=value.get("duration"),
        session=value.get("session"),
        purpose=_opt(value, pointer, "purpose", _text),
        text=_opt(value, pointer, "text", _text),
        pointer=pointer,
    )


def _social_plugin(value: Mapping[str, Any], pointer: str) -> SocialPlugin:
    return SocialPlugin(
        platform=value.get("platform"),
        recipient=_opt(value, pointer, "recipient", _ref),
        processing=_opt(value, pointer, "processing", _ref),
        loaded_before_consent=value.get("loaded_before_consent"),
        hedged=bool(value.get("hedged", False)),
        text=_opt(value, pointer, "text", _text),
        pointer=pointer,
    )


def _events(value: Mapping[str, Any], pointer: str) -> Events:
    return Events(
        data_subjects=_refs(value, pointer, "data_subjects"),
        processing=_opt(value, pointer, "processing", _ref),
        text=_opt(value, pointer, "text", _text),
        pointer=pointer,
    )


def _item_use(value: Mapping[str, Any], pointer: str) -> ItemUse:
    return ItemUse(
        _refs(value, pointer, "data_items"), _names(value, pointer), _opt(value, pointer, "text", _text), pointer
    )


def _prose(value: Mapping[str, Any], pointer: str) -> Prose:
    return Prose(_opt(value, pointer, "text", _text), pointer)


def _processor_role(value: Mapping[str, Any], pointer: str) -> ProcessorRole:
    return ProcessorRole(value.get("applies"), _opt(value, pointer, "text", _text), pointer)


def _website(value: Mapping[str, Any], pointer: str) -> Website:
    cookies = value.get("cookies") or {}
    return Website(
        cookies_consent_requested=cookies.get("consent_requested"),
        cookies=_opt(value, pointer, "cookies", _item_use),
        cookie_list=_list(cookies, child(pointer, "cookies"), "cookie_list", _cookie),
        cookie_list_stated="cookie_list" in cookies,
        server_logs=_opt(value, pointer, "server_logs", _item_use),
        social_plugins=_list(value, pointer, "social_plugins", _social_plugin),
        external_links=_opt(value, pointer, "external_links", _prose),
        pointer=pointer,
    )


def _social_media(value: Mapping[str, Any], pointer: str) -> SocialMedia:
    return SocialMedia(
        joint_controllers=_refs(value, pointer, "joint_controllers"),
        events=_opt(value, pointer, "events", _events),
        text=_opt(value, pointer, "text", _text),
        pointer=pointer,
    )


def _right(value: Mapping[str, Any], pointer: str) -> Right:
    return Right(value["right"], _opt(value, pointer, "text", _text), pointer)


def _automated(value: Mapping[str, Any], pointer: str) -> AutomatedDecisionMaking:
    return AutomatedDecisionMaking(value["used"], _opt(value, pointer, "logic", _text), pointer)


def _authority(value: Mapping[str, Any], pointer: str) -> SupervisoryAuthority:
    return SupervisoryAuthority(
        name=value.get("name"),
        address=_opt(value, pointer, "address", _address),
        url=value.get("url"),
        email=value.get("email"),
        phone=value.get("phone"),
        text=_opt(value, pointer, "text", _text),
        pointer=pointer,
    )
