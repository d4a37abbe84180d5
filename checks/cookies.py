"""COO — cookies and social plugins on the website (ePrivacy 5(3), Belgian WVG art. 10/2, GDPR 26).

Storing or reading information on a visitor's device needs prior consent, except what is
strictly necessary to transmit a communication or to provide a service the visitor asked
for (Directive 2002/58/EC art. 5(3), in Belgium art. 10/2 of the Wet van 30 juli 2018
since the Act of 21 December 2021). The notice must therefore agree with itself: a consent
banner for cookies that are all essential, or non-essential cookies without consent, is an
inconsistency a reader cannot resolve. A social plugin ("like" button) transmits visitor
data to the platform as the page loads; for that stage the website operator is a joint
controller with the platform (CJEU C-40/17 Fashion ID) and needs the visitor's consent.
"""

from __future__ import annotations

from collections.abc import Iterator

from privlint.model import Policy
from privlint.pointers import child
from privlint.rules import WARNING, Hit, rule

# Cookie categories that need the visitor's prior consent (all but "essential").
_NEEDS_CONSENT = frozenset({"functional", "analytics", "marketing"})


@rule(
    "COO001",
    "cookie-consent-inconsistent",
    severity=WARNING,
    articles=("BE Wet van 30 juli 2018, art. 10/2", "GDPR 4(11)", "GDPR 6(1)(a)", "GDPR 12(1)"),
    hint="list the cookies under website.cookies.cookie_list (name, category, party, provider, duration); "
    "ask consent exactly for the non-essential ones",
)
def cookie_consent_inconsistent(policy: Policy) -> Iterator[Hit]:
    """The notice asks consent for cookies without declaring any that need it, or the reverse.

    Essential cookies need no consent; every other cookie (functional, analytics,
    marketing) needs prior consent. A notice that says visitors are asked for consent, but
    lists no cookie that needs it (or lists no cookies at all), either hides non-essential
    cookies or describes a consent that is not needed: in both cases the reader cannot know
    what is stored on their device. A non-essential cookie on a website whose notice does
    not say consent is asked is reported too.

    Fails::

        website:
          cookies:
            consent_requested: true

    Passes::

        website:
          cookies:
            consent_requested: true
            cookie_list:
              - name: _ga
                category: analytics
                party: third
                provider: Google Ireland Limited
                duration: P13M
    """
    website = policy.website
    if website is None or website.cookies is None:
        return
    needing = [cookie for cookie in website.cookie_list if cookie.category in _NEEDS_CONSENT]
    cookies_pointer = website.cookies.pointer
    if website.cookies_consent_requested is True and not needing:
        what = "declares only essential cookies" if website.cookie_list_stated else "lists no cookies"
        yield Hit(
            child(cookies_pointer, "consent_requested"),
            f"the website asks consent for cookies but {what}: either cookies that need consent are not "
            "declared, or the consent asked for is not needed",
        )
    elif website.cookies_consent_requested is not True:
        for cookie in needing:
            yield Hit(
                cookie.pointer,
                f"cookie {cookie.name!r} ({cookie.category}) needs the visitor's prior consent, but the notice "
                "does not say consent is asked",
            )


@rule(
    "COO002",
    "social-plugin-not-modelled",
    severity=WARNING,
    articles=("GDPR 26", "GDPR 13(1)(c)", "GDPR 6(1)(a)", "BE Wet van 30 juli 2018, art. 10/2"),
    hint="model the plugin: the platform as a recipient with role: joint_controller, a processing with "
    "legal_basis: consent for the collection and transmission (processing:), and loaded_before_consent: false",
)
def social_plugin_not_modelled(policy: Policy) -> Iterator[Hit]:
    """A social plugin on the website has no processing, no joint controller, or loads before consent.

    A "like" or "share" button of a social network sends the visitor's data to the platform
    as soon as the page loads. For that collection and transmission the website operator is
    a joint controller with the platform (CJEU C-40/17 Fashion ID, 29 July 2019): the notice
    must describe that stage as a processing, with its basis (consent, since the plugin
    reads or stores information on the device), name the platform as joint controller, and
    the plugin may only load once the visitor has consented. The rule reports each plugin
    in ``website.social_plugins`` that lacks any of these, saying which.

    Fails::

        website:
          social_plugins:
            - platform: Facebook

    Passes::

        recipients:
          - id: meta
            name: Meta Platforms Ireland Limited
            role: joint_controller
            joint_arrangement: {en: Meta Controller Addendum}
        processing_activities:
          - id: like_button
            legal_basis: consent
            recipients: [meta]
        website:
          social_plugins:
            - platform: Facebook
              recipient: meta
              processing: like_button
              loaded_before_consent: false
    """
    website = policy.website
    if website is None:
        return
    recipients = {recipient.id: recipient for recipient in policy.recipients}
    processings = {processing.id: processing for processing in policy.processings}
    for plugin in website.social_plugins:
        name = repr(plugin.platform) if plugin.platform else "without a named platform"
        missing: list[str] = []
        processing = processings.get(plugin.processing.id) if plugin.processing else None
        if processing is None:
            missing.append("no processing describes its collection and transmission")
        elif processing.legal_basis != "consent":
            missing.append(f"its processing {processing.id!r} does not rely on consent")
        recipient = recipients.get(plugin.recipient.id) if plugin.recipient else None
        if recipient is None:
            missing.append("the platform is not a declared recipient")
        elif recipient.role != "joint_controller":
            missing.append(f"recipient {recipient.id!r} is not a joint controller")
        if plugin.loaded_before_consent is not False:
            missing.append(
                "it loads before consent" if plugin.loaded_before_consent else "it is not said to wait for consent"
            )
        if missing:
            yield Hit(plugin.pointer, f"social plugin {name} on the website: {'; '.join(missing)}")
