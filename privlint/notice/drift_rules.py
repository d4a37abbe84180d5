"""DRF — drift: the published notice says what the policy model says (GDPR 5(2), 12(1), 13).

These rules are applied by ``privlint diff POLICY NOTICE.txt`` (``privlint.notice.drift``),
not by ``privlint check``: they compare the model with the text of the notice that data
subjects actually read. A notice that promises something the model does not record, or that
leaves out what the model records, misinforms the people it is written for, and the model is
no longer evidence of what the organisation tells them. Findings point at the line of the
NOTICE where the two disagree (for something only the model has: where the notice should
have said it); the pointer names the part of the model involved.

The examples below are policies (lint-clean); the notice they are compared with is written in
the comment lines that start with ``# notice|``.
"""

from __future__ import annotations

from privlint.rules import ERROR, WARNING, Stage, describe

_TRANSPARENCY = "GDPR 12(1)"
_ACCOUNTABILITY = "GDPR 5(2)"

notice_item_not_in_model = describe(
    "DRF001",
    "notice-data-item-not-in-model",
    stage=Stage.NOTICE,
    severity=ERROR,
    articles=(_TRANSPARENCY, _ACCOUNTABILITY, "GDPR 30(1)(c)"),
    hint="add the item to the model (data_items, or the processing's data_items), or take it out of the notice",
    doc="""The notice names a data item that the model does not have.

    Either the notice's data-item list names an item the model does not declare, or an
    entry's "Data items" line names an item the model's processing does not use. The
    published text and the record of processing no longer agree on which personal data is
    processed; one of them is wrong.

    Fails::

        # notice| - **Facturatie**
        # notice|
        # notice| Data items: Naam van de klant, Bankrekening
        data_items:
          - id: customer_name
            name: {nl: Naam van de klant}
        processing_activities:
          - id: invoicing
            name: {nl: Facturatie}
            data_items: [customer_name]

    Passes::

        # notice| - **Facturatie**
        # notice|
        # notice| Data items: Naam van de klant
        data_items:
          - id: customer_name
            name: {nl: Naam van de klant}
        processing_activities:
          - id: invoicing
            name: {nl: Facturatie}
            data_items: [customer_name]
    """,
)

model_item_not_in_notice = describe(
    "DRF002",
    "model-data-item-not-in-notice",
    stage=Stage.NOTICE,
    severity=ERROR,
    articles=(_TRANSPARENCY, _ACCOUNTABILITY, "GDPR 30(1)(c)"),
    hint="name the item in the notice (data-item list, or the entry's Data items line), or remove it from the model",
    doc="""The model has a data item that the notice does not name.

    Either a processing in the model uses an item that its entry in the notice does not
    list, or the model declares an item that the notice names nowhere. The data subject is
    not told about data the organisation records as processed.

    Fails::

        # notice| - **Facturatie**
        # notice|
        # notice| Data items: Naam van de klant
        data_items:
          - id: customer_name
            name: {nl: Naam van de klant}
          - id: bank_account
            name: {nl: Bankrekening}
        processing_activities:
          - id: invoicing
            name: {nl: Facturatie}
            data_items: [customer_name, bank_account]

    Passes::

        # notice| - **Facturatie**
        # notice|
        # notice| Data items: Naam van de klant, Bankrekening
        data_items:
          - id: customer_name
            name: {nl: Naam van de klant}
          - id: bank_account
            name: {nl: Bankrekening}
        processing_activities:
          - id: invoicing
            name: {nl: Facturatie}
            data_items: [customer_name, bank_account]
    """,
)

notice_processing_not_in_model = describe(
    "DRF003",
    "notice-processing-not-in-model",
    stage=Stage.NOTICE,
    severity=ERROR,
    articles=(_TRANSPARENCY, "GDPR 13(1)(c)", "GDPR 30(1)(b)"),
    hint="add the processing or sharing to the model with the notice's name, or take the entry out of the notice",
    doc="""The notice describes a processing or a sharing that the model does not have.

    Entries are matched by name (the bullet that starts the entry). An entry whose name
    matches no processing activity and no sharing in the model is a purpose the notice
    announces but the record of processing does not contain (or an entry renamed on one
    side only).

    Fails::

        # notice| - **Nieuwsbrief**
        # notice|
        # notice| Doel: Klanten informeren
        processing_activities:
          - id: invoicing
            name: {nl: Facturatie}

    Passes::

        # notice| - **Facturatie**
        # notice|
        # notice| Doel: Zorgen voor correcte betaling
        processing_activities:
          - id: invoicing
            name: {nl: Facturatie}
            purposes: [{nl: Zorgen voor correcte betaling}]
    """,
)

model_processing_not_in_notice = describe(
    "DRF004",
    "model-processing-not-in-notice",
    stage=Stage.NOTICE,
    severity=ERROR,
    articles=(_TRANSPARENCY, "GDPR 13(1)(c)", "GDPR 30(1)(b)"),
    hint="describe the processing in the notice (an entry with the model's name), or remove it from the model",
    doc="""The model has a processing or a sharing that the notice does not describe.

    Every processing activity and every sharing the model records must reach the data
    subject: GDPR 13(1)(c) requires the purposes and the legal basis of each processing to be
    given. A model entry without a name is matched by its id. The finding points at the
    heading of the section where the notice should describe it.

    Fails::

        # notice| - **Facturatie**
        # notice|
        # notice| Doel: Zorgen voor correcte betaling
        processing_activities:
          - id: invoicing
            name: {nl: Facturatie}
            purposes: [{nl: Zorgen voor correcte betaling}]
          - id: cctv
            name: {nl: Veiligheidscamera}

    Passes::

        # notice| - **Facturatie**
        # notice|
        # notice| Doel: Zorgen voor correcte betaling
        processing_activities:
          - id: invoicing
            name: {nl: Facturatie}
            purposes: [{nl: Zorgen voor correcte betaling}]
    """,
)

legal_basis_differs = describe(
    "DRF005",
    "legal-basis-differs",
    stage=Stage.NOTICE,
    severity=ERROR,
    articles=("GDPR 6(1)", "GDPR 13(1)(c)"),
    hint="make the entry's Rechtsgrond and the model's legal_basis the same",
    doc="""A processing's legal basis in the notice is not the model's.

    The Rechtsgrond label of an entry ("Contract", "Gerechtvaardigd Belang", ...) is read
    without case or accents and compared with the model's legal_basis. A label that names
    no legal basis privlint knows is reported too: it cannot be shown to agree.

    Fails::

        # notice| - **Facturatie**
        # notice|
        # notice| Rechtsgrond: Gerechtvaardigd Belang
        processing_activities:
          - id: invoicing
            name: {nl: Facturatie}
            legal_basis: contract

    Passes::

        # notice| - **Facturatie**
        # notice|
        # notice| Rechtsgrond: Contract
        processing_activities:
          - id: invoicing
            name: {nl: Facturatie}
            legal_basis: contract
    """,
)

retention_differs = describe(
    "DRF006",
    "retention-differs",
    stage=Stage.NOTICE,
    severity=ERROR,
    articles=("GDPR 5(1)(e)", "GDPR 13(2)(a)"),
    hint="make the entry's Bewaringstermijn and the model's retention say the same",
    doc="""A processing's retention period in the notice is not the model's.

    The Bewaringstermijn text is compared with the model's retention text (white space
    aside), and the facts it states ("Maximaal 4 weken" = P4W, "vanaf beëindiging van het
    contract" = contract_end) with the model's duration, trigger and extension where both
    state them. A retention on one side only is drift too.

    Fails::

        # notice| - **Veiligheidscamera**
        # notice|
        # notice| Bewaringstermijn: Maximaal 6 weken
        processing_activities:
          - id: cctv
            name: {nl: Veiligheidscamera}
            retention:
              duration: P4W
              text: {nl: Maximaal 4 weken}

    Passes::

        # notice| - **Veiligheidscamera**
        # notice|
        # notice| Bewaringstermijn: Maximaal 4 weken
        processing_activities:
          - id: cctv
            name: {nl: Veiligheidscamera}
            retention:
              duration: P4W
              text: {nl: Maximaal 4 weken}
    """,
)

location_differs = describe(
    "DRF007",
    "location-differs",
    stage=Stage.NOTICE,
    severity=ERROR,
    articles=("GDPR 13(1)(f)", "GDPR 44"),
    hint="make the entry's 'Data wordt verwerkt ...' lines and the model's locations the same",
    doc="""Where a processing takes place differs between the notice and the model.

    "Data wordt verwerkt binnen de EU" is EU, "binnen de EER" EEA, a named country its ISO
    code, "buiten de EU" without a country ZZ (an unnamed place outside the EU). A sentence
    that names no location privlint can read ("op onze eigen servers") cannot be shown to
    agree and is reported as well.

    Fails::

        # notice| - **Facturatie**
        # notice|
        # notice| Data wordt verwerkt in de Verenigde Staten
        processing_activities:
          - id: invoicing
            name: {nl: Facturatie}
            locations: [EU]

    Passes::

        # notice| - **Facturatie**
        # notice|
        # notice| Data wordt verwerkt binnen de EU
        processing_activities:
          - id: invoicing
            name: {nl: Facturatie}
            locations: [EU]
    """,
)

recipient_differs = describe(
    "DRF008",
    "recipient-differs",
    stage=Stage.NOTICE,
    severity=ERROR,
    articles=("GDPR 13(1)(e)",),
    hint="make the entry's 'X ontvangt de data' lines and the model's recipients the same",
    doc="""The recipients of a processing or sharing differ between the notice and the model.

    Each "X ontvangt de data" line names a recipient; it is compared with the names of the
    recipients the model's entry refers to. A recipient on one side only is drift.

    Fails::

        # notice| - Loonadministratie
        # notice|
        # notice| Doel: Verloning
        # notice|
        # notice| Acerta ontvangt de data
        recipients:
          - id: sd_worx
            name: SD WORX Sociaal Secretariaat
        sharing:
          - id: payroll
            name: {nl: Loonadministratie}
            purposes: [{nl: Verloning}]
            recipients: [sd_worx]

    Passes::

        # notice| - Loonadministratie
        # notice|
        # notice| Doel: Verloning
        # notice|
        # notice| SD WORX Sociaal Secretariaat ontvangt de data
        recipients:
          - id: sd_worx
            name: SD WORX Sociaal Secretariaat
        sharing:
          - id: payroll
            name: {nl: Loonadministratie}
            purposes: [{nl: Verloning}]
            recipients: [sd_worx]
    """,
)

purpose_differs = describe(
    "DRF009",
    "purpose-differs",
    stage=Stage.NOTICE,
    severity=ERROR,
    articles=("GDPR 5(1)(b)", "GDPR 13(1)(c)"),
    hint="make the entry's Doel and Beschrijving lines and the model's purposes and description the same",
    doc="""A processing's purposes or description in the notice are not the model's.

    Each "Doel" line is compared with the model's purposes and the "Beschrijving" line with
    its description (white space aside): the purpose is what the data subject agrees to be
    processed for, so its wording matters.

    Fails::

        # notice| - **Facturatie**
        # notice|
        # notice| Doel: Zorgen voor correcte betaling en marketing
        processing_activities:
          - id: invoicing
            name: {nl: Facturatie}
            purposes: [{nl: Zorgen voor correcte betaling}]

    Passes::

        # notice| - **Facturatie**
        # notice|
        # notice| Doel: Zorgen voor correcte betaling
        processing_activities:
          - id: invoicing
            name: {nl: Facturatie}
            purposes: [{nl: Zorgen voor correcte betaling}]
    """,
)

right_differs = describe(
    "DRF010",
    "right-differs",
    stage=Stage.NOTICE,
    severity=ERROR,
    articles=("GDPR 13(2)(b)", "GDPR 13(2)(c)", "GDPR 13(2)(d)"),
    hint="make the notice's rights list (and complaint sentence) and the model's rights the same",
    doc="""The data-subject rights the notice states are not the model's.

    Each bullet of the rights list is read as the right it describes (access, erasure,
    objection, ...) and the complaint sentence as the right to lodge a complaint. A right on
    one side only, a bullet that names no right privlint knows, or a right whose wording
    differs from the model's text is drift.

    Fails::

        # notice| Je hebt het recht om :
        # notice|
        # notice| - Toegang te vragen tot jouw persoonsgegevens.
        rights:
          - right: access
            text: {nl: Toegang te vragen tot jouw persoonsgegevens.}
          - right: erasure
            text: {nl: De wissing van je persoonsgegevens te vragen.}

    Passes::

        # notice| Je hebt het recht om :
        # notice|
        # notice| - Toegang te vragen tot jouw persoonsgegevens.
        # notice| - De wissing van je persoonsgegevens te vragen.
        rights:
          - right: access
            text: {nl: Toegang te vragen tot jouw persoonsgegevens.}
          - right: erasure
            text: {nl: De wissing van je persoonsgegevens te vragen.}
    """,
)

contact_details_differ = describe(
    "DRF011",
    "contact-details-differ",
    stage=Stage.NOTICE,
    severity=ERROR,
    articles=("GDPR 13(1)(a)", "GDPR 13(2)(d)"),
    hint="make the notice's controller, contact and authority details and the model's the same",
    doc="""Who the controller is, how to reach it, or which authority hears complaints differs.

    The controller sentence ("Wij zijn ... met adres ... en met ondernemingsnummer ..."),
    every sentence naming the privacy contact and the supervisory authority's name, address
    and website are compared with the model's controller, privacy_contact and
    supervisory_authority (enterprise numbers by their digits).

    Fails::

        # notice| 1. WIE WE ZIJN
        # notice|
        # notice| Wij zijn Smet-Jet NV met ondernemingsnummer BE0414.321.346.
        controller:
          name: Smet-Jet NV
          enterprise_number: BE0414.321.345

    Passes::

        # notice| 1. WIE WE ZIJN
        # notice|
        # notice| Wij zijn Smet-Jet NV met ondernemingsnummer BE0414.321.345.
        controller:
          name: Smet-Jet NV
          enterprise_number: BE0414.321.345
    """,
)

prose_differs = describe(
    "DRF012",
    "prose-differs",
    stage=Stage.NOTICE,
    severity=WARNING,
    articles=(_TRANSPARENCY,),
    hint="copy the changed wording into the model (the section's text), or restore the published text",
    doc="""The notice's prose differs from the text the model keeps for it.

    Every sentence of the notice's prose (title, headings, paragraphs) should be found in a
    text of the model, and every sentence of the model's texts in the notice. The structured
    rules above cover facts; this one catches the reworded promise in a paragraph ("we never
    share your data" added on the website, but not in the model).

    Fails::

        # notice| 1. WIE WE ZIJN
        # notice|
        # notice| Wij verkopen jouw gegevens nooit.
        notice:
          sections:
            - id: who_we_are
              heading: {nl: WIE WE ZIJN}
              text: {nl: Wij hechten belang aan jouw privacy.}

    Passes::

        # notice| 1. WIE WE ZIJN
        # notice|
        # notice| Wij hechten belang aan jouw privacy.
        notice:
          sections:
            - id: who_we_are
              heading: {nl: WIE WE ZIJN}
              text: {nl: Wij hechten belang aan jouw privacy.}
    """,
)
