"""RET — retention: how long personal data is kept (GDPR 5(1)(e), 13(2)(a)).

GDPR 5(1)(e) (storage limitation) allows personal data to be kept in a form that identifies
people no longer than the purposes need, and GDPR 13(2)(a) requires the notice to state the
period for which the data will be stored or, if that is not possible, the criteria used to
determine it. Every processing activity and every sharing therefore states a retention whose
period can be checked: a duration (ISO 8601, e.g. ``P4W``, ``P10Y``) and the event it runs
from (``trigger``). Where Belgian law sets a maximum (recorded camera images) or a minimum
(invoices and accounting records), the stated duration must respect it; the limits, their
sources and the keywords that recognise the data they apply to are dated data in
``privlint/data/retention_limits.toml``.

How periods are compared. A period counts in calendar years, months, weeks and days from its
start, the way ``isodate`` adds a duration to a date: months first (a month from 31 January
ends on the last day of February), then days. A stated period is longer than a statutory
maximum when, for at least one start day, it ends later than the maximum would; it is shorter
than a statutory minimum when, for at least one start day, it ends earlier. So ``P4W`` is
never longer than ``P1M`` (the shortest month has 28 days), ``P29D`` is (a recording made on
1 February 2023 would be kept until 2 March), and ``P1M`` equals ``P1M``. Periods with the
same number of months are compared by their days alone; otherwise every start day of four
consecutive years (2024-2027, one leap year) is tried, which covers every calendar situation
except the century years that are not leap years (the next is 2100).

A retention ``extension`` (e.g. ``incident_closed``: kept until an incident is dealt with) is
the exception the camera law makes for images that are evidence of an offence, damage or
nuisance: it is not part of the duration and does not count against the maximum.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, timedelta

from privlint import knowledge
from privlint.model import DataItem, Policy, Processing, Retention
from privlint.pointers import child
from privlint.rules import ERROR, INFO, WARNING, Hit, rule

# Start days tried when two periods differ in months: four consecutive years, one of them leap.
_FIRST_START = date(2024, 1, 1)
_START_DAYS = 4 * 365 + 1
# The Gregorian calendar repeats itself after 400 years, which hold 146,097 days.
_CYCLE_YEARS, _CYCLE_DAYS = 400, 146_097
_DIGITS_AT_ONCE = 4000  # below sys.get_int_max_str_digits() (4,300 by default)
# An ISO 8601 duration in whole numbers (``P1Y6M``, ``P4W``, ``PT24H``); \d would take other scripts' digits.
_DURATION = re.compile(
    r"P(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)W)?(?:([0-9]+)D)?(?:T(?=[0-9])(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+)S)?)?",
)


@rule(
    "RET001",
    "retention-missing",
    severity=ERROR,
    articles=("GDPR 5(1)(e)", "GDPR 13(2)(a)"),
    hint="add retention: {duration: P..., trigger: ...} (e.g. duration: P1Y, trigger: contract_end)",
)
def retention_missing(policy: Policy) -> Iterator[Hit]:
    """A processing activity or a sharing does not say how long the data is kept.

    The notice must tell people for how long their data will be stored, or at least the
    criteria that decide it, and data may be kept no longer than its purpose needs. A
    processing or a sharing without any retention leaves both unanswered: nobody can tell
    when the data is deleted.

    Fails::

        sharing:
          - id: it_support
            legal_basis: legitimate_interest

    Passes::

        sharing:
          - id: it_support
            legal_basis: legitimate_interest
            retention: {duration: P1Y, trigger: contract_end}
    """
    for processing in policy.processings:
        if processing.retention is None:
            yield Hit(processing.pointer, f"{processing.owner} states no retention period")


@rule(
    "RET002",
    "retention-not-machine-readable",
    severity=WARNING,
    articles=("GDPR 13(2)(a)", "GDPR 5(1)(e)"),
    hint="state the period as duration: P... (ISO 8601) and the event it runs from as trigger:",
)
def retention_not_machine_readable(policy: Policy) -> Iterator[Hit]:
    """A retention is given, but without a duration or without the event it runs from.

    A retention period is only verifiable when it says how long (a duration such as four
    weeks or ten years) and from when (the event that starts it, such as the end of the
    contract). Wording such as "the legal period" or "the limitation period" names neither:
    the reader cannot work out when the data is deleted, and nobody can check the period
    against the law. One exception: a duration within a statutory maximum whose start the
    law itself fixes ("at most four weeks" for camera images, which the camera law counts
    from the recording) is verifiable without a trigger, so it is not reported. Nor is a
    retention without a duration that is kept until a stated event ("until consent is
    withdrawn", ``extension: consent_withdrawal``): GDPR 13(2)(a) accepts "the criteria used
    to determine that period" where no period can be given, and the event is one. (privlint's
    reading of 13(2)(a), 2026-12-04; unconfirmed against guidance on open-ended keeping.)

    Fails::

        processing_activities:
          - id: client_file
            retention:
              trigger: contract_end
              text: {nl: Bewaring gedurende de wettelijke periode}

    Passes::

        processing_activities:
          - id: client_file
            retention:
              duration: P10Y
              trigger: contract_end
              text: {nl: Bewaring gedurende tien jaar na het einde van het contract}
    """
    items = _items_by_id(policy)
    for processing in policy.processings:
        retention = processing.retention
        if retention is None:
            continue
        missing = [
            name for name, value in (("duration", retention.duration), ("trigger", retention.trigger)) if not value
        ]
        if missing == ["trigger"] and _within_a_statutory_maximum(processing, items, retention.duration):
            continue
        if len(missing) == 2 and retention.extension:
            continue  # "until consent is withdrawn": the event that ends the keeping is the criterion
        if missing:
            yield Hit(
                retention.pointer,
                f"the retention of {processing.owner} has no {' and no '.join(missing)}: the period cannot be verified",
            )


@rule(
    "RET003",
    "retention-above-statutory-maximum",
    severity=ERROR,
    articles=("Wet van 21 maart 2007 (bewakingscamera's), art. 6, § 3", "GDPR 5(1)(e)"),
    hint="shorten the duration to the statutory maximum; state a legal exception as retention.extension",
)
def retention_above_statutory_maximum(policy: Policy) -> Iterator[Hit]:
    """A processing keeps data longer than Belgian law allows for that kind of data.

    Some data may by law be kept only for a limited time. Recorded images of surveillance
    cameras, for example, may under the Belgian camera law be kept for at most one month
    (three months at places a Royal Decree designates as a particular security risk), unless
    they can help to prove an offence, damage or nuisance or to identify a perpetrator, a
    disturber of public order, a witness or a victim. A processing whose name
    or data items show that such a limit applies (camera, CCTV, camera footage, ...) and whose
    stated duration is longer than the limit keeps the data unlawfully long. The evidence
    exception is stated separately as an extension (kept until the incident is dealt with)
    and is not counted in the duration.

    Fails::

        processing_activities:
          - id: cctv
            name: {nl: Veiligheidscamera}
            retention: {duration: P6W, trigger: recording}

    Passes::

        processing_activities:
          - id: cctv
            name: {nl: Veiligheidscamera}
            retention: {duration: P4W, trigger: recording, extension: incident_closed}
    """
    items = _items_by_id(policy)
    for processing, retention, duration in _durations(policy):
        names = _names(processing, items, with_items=True)
        for limit in _limits(names, "maximum"):
            if ends_later(duration, limit.duration):
                yield Hit(
                    child(retention.pointer, "duration"),
                    f"{processing.owner} keeps data for {duration}, longer than the statutory maximum of "
                    f"{limit.duration} ({limit.id}, applies because of {_matched_name(limit, names)!r})",
                    hint=f"keep at most {limit.duration} ({limit.starts}); a longer keeping under an exception of "
                    f"the law belongs in retention.extension. Source: {limit.source}",
                )


@rule(
    "RET004",
    "retention-trigger-needs-contract",
    severity=WARNING,
    articles=("GDPR 5(1)(e)", "GDPR 6(1)(b)"),
    hint="let the period run from an event that happens for everyone concerned (e.g. collection, last_contact)",
)
def retention_trigger_needs_contract(policy: Policy) -> Iterator[Hit]:
    """A retention period runs from the end of a contract, but the processing is not based on a contract.

    When the legal basis is a contract with the data subject, "until the end of the contract"
    is a real moment in time. When the basis is something else, the people concerned need not
    have a contract with the organisation (visitors of a website, for example, usually have
    none): for them the period never starts, so the data would be kept indefinitely, against
    storage limitation. The period should run from an event that happens for everyone
    concerned.

    Fails::

        processing_activities:
          - id: company_website
            legal_basis: legitimate_interest
            retention: {duration: P1Y, trigger: contract_end}

    Passes::

        processing_activities:
          - id: company_website
            legal_basis: legitimate_interest
            retention: {duration: P1Y, trigger: last_contact}
    """
    for processing in policy.processings:
        retention = processing.retention
        if retention is None or retention.trigger != "contract_end":
            continue
        if processing.legal_basis is not None and processing.legal_basis != "contract":
            yield Hit(
                child(retention.pointer, "trigger"),
                f"the retention of {processing.owner} runs from the end of a contract, but its legal basis is "
                f"{processing.legal_basis}, not contract",
            )


@rule(
    "RET005",
    "retention-below-statutory-minimum",
    severity=WARNING,
    articles=(
        "Belgian BTW-Wetboek, art. 60, § 4",
        "Belgian WIB 92, art. 315",
        "Belgian Wetboek van economisch recht, art. III.86 and III.88",
    ),
    hint="keep the records at least as long as the law requires (invoices and VAT records: ten years)",
)
def retention_below_statutory_minimum(policy: Policy) -> Iterator[Hit]:
    """A processing deletes records earlier than Belgian law requires them to be kept.

    Belgian tax and accounting law requires invoices, VAT records, accounting books and
    supporting documents to be kept for a minimum time (ten years for VAT and income tax
    records from 2023 on, seven years under the Code of Economic Law). A processing whose
    name shows that it keeps such records (invoicing, accounting, ...) and whose stated
    duration is shorter than the longest applicable minimum promises a deletion the law does
    not allow. A retention that states no duration at all for such records (only "the
    limitation period") cannot be shown to meet the minimum either, and is reported at the
    retention. Only the processing's own id and name are matched: a VAT number in a client
    file does not make the client file a VAT record.

    Fails::

        processing_activities:
          - id: invoicing
            name: {nl: Klanten facturatie}
            legal_basis: legal_obligation
            retention: {duration: P5Y, trigger: invoice_date}

    Passes::

        processing_activities:
          - id: invoicing
            name: {nl: Klanten facturatie}
            legal_basis: legal_obligation
            retention: {duration: P10Y, trigger: invoice_date}
    """
    for processing in policy.processings:
        retention = processing.retention
        if retention is None or retention.duration:
            continue
        minimums = _limits(_names(processing, {}, with_items=False), "minimum")
        if minimums:
            binding = _longest(list(minimums))
            yield Hit(
                retention.pointer,
                f"{processing.owner} must keep its records at least {binding.duration} "
                f"({', '.join(limit.id for limit in minimums)}), but its retention states no duration: "
                "it cannot be shown to meet the minimum",
                hint=f"state duration: {binding.duration} or longer ({binding.starts}). Source: {binding.source}",
            )
    for processing, retention, duration in _durations(policy):
        names = _names(processing, {}, with_items=False)
        broken = [limit for limit in _limits(names, "minimum") if ends_later(limit.duration, duration)]
        if broken:
            binding = _longest(broken)
            yield Hit(
                child(retention.pointer, "duration"),
                f"{processing.owner} keeps data for {duration}, shorter than the statutory minimum of "
                f"{binding.duration} ({', '.join(limit.id for limit in broken)}, applies because of "
                f"{_matched_name(binding, names)!r})",
                hint=f"keep at least {binding.duration} ({binding.starts}). Source: {binding.source}",
            )


# --- helpers -------------------------------------------------------------------------------------


def _within_a_statutory_maximum(processing: Processing, items: Mapping[str, DataItem], duration: str | None) -> bool:
    """Whether a statutory maximum applies to the processing and ``duration`` stays within it."""
    maximums = _limits(_names(processing, items, with_items=True), "maximum")
    return bool(duration) and bool(maximums) and not any(ends_later(str(duration), m.duration) for m in maximums)


def _durations(policy: Policy) -> Iterator[tuple[Processing, Retention, str]]:
    """Every processing that states a retention duration, with its retention and the duration."""
    for processing in policy.processings:
        retention = processing.retention
        if retention is not None and retention.duration:
            yield processing, retention, retention.duration


def _items_by_id(policy: Policy) -> Mapping[str, DataItem]:
    return {item.id: item for item in reversed(policy.data_items)}  # the first declaration wins


def _names(processing: Processing, items: Mapping[str, DataItem], *, with_items: bool) -> tuple[str, ...]:
    """The processing's id and names, and (``with_items``) the ids and names of its data items."""
    names = [processing.id, *(processing.name.by_language.values() if processing.name else ())]
    if with_items:
        for ref in processing.data_items:
            item = items.get(ref.id)
            names.extend(item.names() if item else (ref.id,))
            wording = processing.data_item_names.get(ref.id)
            names.extend(wording.by_language.values() if wording else ())
    return tuple(names)


def _limits(names: Iterable[str], kind: str) -> tuple[knowledge.RetentionLimit, ...]:
    """The limits of ``kind`` that apply to any of ``names``, in the order of the data file."""
    found = {limit.id for name in names for limit in _limits_of(name)}
    return tuple(limit for limit in knowledge.retention_limits().values() if limit.id in found and limit.kind == kind)


@functools.cache
def _limits_of(name: str) -> tuple[knowledge.RetentionLimit, ...]:
    # Per name, cached without a bound: the same data items recur in many processings of a
    # large policy, and a bounded cache smaller than its names evicts each before it recurs
    # (10,000 activities: 176,000 lookups, a quarter of the check, before this).
    return knowledge.applicable_retention_limits((name,))


def _matched_name(limit: knowledge.RetentionLimit, names: tuple[str, ...]) -> str:
    """The first of ``names`` that the limit applies to."""
    return next((name for name in names if limit in _limits_of(name)), names[0])


def _longest(limits: list[knowledge.RetentionLimit]) -> knowledge.RetentionLimit:
    """The limit no other limit outlasts (the binding one among several minimums)."""
    outlasted = (limit for limit in limits if not any(ends_later(other.duration, limit.duration) for other in limits))
    return next(outlasted, limits[0])


@functools.cache
def ends_later(period: str, other: str) -> bool:
    """Whether ``period`` ends later than ``other`` for at least one start day (see the module docstring)."""
    first, second = _span(period), _span(other)
    if first is None or second is None:
        return False
    (months, days), (other_months, other_days) = first, second
    if months == other_months:
        return days > other_days
    # More months and no fewer days always ends later (the later month comes first); fewer
    # months and no more days never does. Only a mix needs the calendar.
    if months > other_months and days >= other_days:
        return True
    if months < other_months and days <= other_days:
        return False
    starts = (_FIRST_START + timedelta(days=offset) for offset in range(_START_DAYS))
    return any(_end_day(start, months, days) > _end_day(start, other_months, other_days) for start in starts)


def _end(start: date, months: int, days: int) -> date:
    """The day a period of ``months`` and ``days`` from ``start`` ends, added as ``isodate`` adds it.

    Months first, the day of the month kept but clamped to the month's length (31 January
    plus one month is the last day of February), then the days.
    """
    return date.fromordinal(_end_day(start, months, days))


def _end_day(start: date, months: int, days: int) -> int:
    """The end of the period as :meth:`date.toordinal` counts it, for a period of any length.

    The Gregorian calendar repeats every 400 years (146,097 days), so whole cycles are added
    as a number of days: a period that would end after the year 9999, where ``date`` stops,
    is still compared day by day instead of overflowing.
    """
    month_index = start.month - 1 + months
    cycles, years = divmod(month_index // 12, _CYCLE_YEARS)
    year, month = start.year + years, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day).toordinal() + cycles * _CYCLE_DAYS + days


def _span(period: str) -> tuple[int, int] | None:
    """An ISO 8601 duration as (months, days); None unless it is whole months and whole days.

    Read here rather than by ``isodate``, whose ``timedelta`` refuses more than 999,999,999
    days, and ``int`` more than 4,300 digits: the numbers stay exact integers of any size.
    """
    match = _DURATION.fullmatch(period)
    if match is None or not any(match.groups()):
        return None
    years, months, weeks, days, hours, minutes, seconds = (_whole(part or "0") for part in match.groups())
    whole_days, rest = divmod(hours * 3600 + minutes * 60 + seconds, 86400)
    if rest:
        return None
    return years * 12 + months, weeks * 7 + days + whole_days


def _whole(digits: str) -> int:
    """The number ``digits`` (ASCII) spell, however many (``int`` alone refuses more than 4,300)."""
    value = 0
    for start in range(0, len(digits), _DIGITS_AT_ONCE):
        chunk = digits[start : start + _DIGITS_AT_ONCE]
        value = value * 10 ** len(chunk) + int(chunk)
    return value


@rule(
    "RET006",
    "retention-disproportionate",
    severity=INFO,
    articles=("GDPR 5(1)(c)", "GDPR 5(1)(e)", "GDPR 13(2)(a)"),
    hint="keep appointment, calendar and log data only as long as they serve their purpose "
    "(e.g. duration: P1Y after the appointment), not for the civil limitation period",
)
def retention_disproportionate(policy: Policy) -> Iterator[Hit]:
    """Operational data (appointments, calendars, logs) are kept for a civil limitation period.

    Data must be kept no longer than the purpose requires (GDPR 5(1)(e), recital 39). An
    appointment or a calendar entry, or a server log, has served its purpose once the
    appointment took place or the session ended; keeping it "for the limitation period"
    (ten years for personal claims under Belgian civil law) is disproportionate unless a
    claim is actually expected. The rule reports a processing whose id or name shows such
    data (the ``operational_data`` list of ``privlint/data/phrases.toml``) and whose retention
    runs for the limitation period (``limitation_period``) or states ten years or more. It is
    information for a person to weigh, as in the audit.

    Fails::

        processing_activities:
          - id: customer_appointments
            name: {nl: Klantenafspraken}
            retention:
              trigger: contract_end
              text: {nl: "Vanaf beëindiging contract, bewaring gedurende de verjaringstermijn"}

    Passes::

        processing_activities:
          - id: customer_appointments
            name: {nl: Klantenafspraken}
            retention:
              duration: P1Y
              trigger: last_contact
    """
    for processing in policy.processings:
        retention = processing.retention
        ids_last = _names(processing, {}, with_items=False)
        names = (*ids_last[1:], ids_last[0])  # quote the name the notice uses, not the id
        if retention is None or knowledge.match_keywords("operational_data", names) is None:
            continue
        texts = tuple(retention.text.by_language.values()) if retention.text else ()
        period = knowledge.match_keywords("limitation_period", texts)
        long = retention.duration is not None and not ends_later("P10Y", retention.duration)
        if period is not None or long:
            how = repr(period.keyword.text) if period is not None else retention.duration
            yield Hit(
                retention.pointer,
                f"{processing.owner} keeps operational data ({_matched_operational(names)!r}) for {how}, "
                "longer than their purpose needs",
            )


def _matched_operational(names: tuple[str, ...]) -> str:
    found = knowledge.match_keywords("operational_data", names)
    return found.name if found is not None else names[0]


@rule(
    "RET007",
    "retention-phrasing-inconsistent",
    severity=INFO,
    articles=("GDPR 12(1)", "GDPR 13(2)(a)"),
    hint="word the same retention rule the same way everywhere (or state it once and refer to it)",
)
def retention_phrasing_inconsistent(policy: Policy) -> Iterator[Hit]:
    """The same start of a retention period is worded differently in different places.

    A reader who finds "Vanaf beëindiging van het contract" in one place and "Vanaf
    beëindiging contract" in another must wonder whether two rules are meant (GDPR 12(1):
    clear and plain language). The rule groups the retentions by their trigger and compares
    the opening clause of their texts (up to the first comma, compared without case and
    punctuation); a retention whose opening is a variant of the wording most of its group
    uses (not the same words, but at least half of them shared) is reported, wherever it
    stands in the files. Openings that have
    nothing in common say different things, not the same thing differently.

    Fails::

        processing_activities:
          - id: client_file
            retention:
              trigger: contract_end
              text: {nl: "Vanaf beëindiging van het contract, bewaring gedurende tien jaar"}
          - id: appointments
            retention:
              trigger: contract_end
              text: {nl: "Vanaf beëindiging contract, bewaring gedurende tien jaar"}

    Passes::

        processing_activities:
          - id: client_file
            retention:
              trigger: contract_end
              text: {nl: "Vanaf beëindiging van het contract, bewaring gedurende tien jaar"}
          - id: appointments
            retention:
              trigger: contract_end
              text: {nl: "Vanaf beëindiging van het contract, bewaring gedurende één jaar"}
    """
    groups: dict[tuple[str, str], list[tuple[str, str, str, Processing]]] = {}  # (trigger, language) -> uses
    for processing in policy.processings:
        retention = processing.retention
        if retention is None or retention.trigger is None or retention.text is None:
            continue
        for language, text in retention.text.by_language.items():
            opening = text.split(",", 1)[0].strip()
            uses = groups.setdefault((retention.trigger, language), [])
            uses.append((knowledge.normalise(opening), opening, child(retention.text.pointer, language), processing))
    for uses in groups.values():
        reference = _reference_wording(uses)
        for normalised, opening, pointer, processing in uses:
            if _near_duplicates(reference[0], normalised):
                yield Hit(
                    pointer,
                    f"the retention of {processing.owner} words its start {opening!r}, where other "
                    f"retentions from the same event say {reference[1]!r}",
                )


def _reference_wording(uses: list[tuple[str, str, str, Processing]]) -> tuple[str, str]:
    """The wording most retentions of a group use (the first in alphabetical order on a tie)."""
    counts = Counter(normalised for normalised, *_ in uses)
    best = min(counts, key=lambda normalised: (-counts[normalised], normalised))
    return best, next(opening for normalised, opening, *_ in uses if normalised == best)


def _near_duplicates(first: str, other: str) -> bool:
    """Whether two normalised openings are variants of one wording (different, half their words shared)."""
    words, other_words = set(first.split()), set(other.split())
    if words == other_words:
        return False
    return 2 * len(words & other_words) >= len(words | other_words)
