"""``privlint diff``: where the published notice and the policy model disagree (rules DRF001-DRF012).

The notice is read with the importer's reader (``privlint.notice.parser``), so "what the notice
says" means the same thing for ``import`` and ``diff``. Both directions are checked: what the
notice says that the model does not (located at the notice's line and column), and what the
model says that the notice does not (located where the notice should have said it: the entry,
the list, or the heading of the section that holds it). Prose is compared sentence by sentence
with every text the policy files keep (read from the merged source data, so texts the typed
model does not carry are compared too).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import click

from privlint import files
from privlint.loading import display_name
from privlint.model import Policy
from privlint.notice import parser
from privlint.notice.drift import entries, identity, items, prose, rights
from privlint.notice.drift.comparison import Comparison, Drift
from privlint.notice.parser import ParsedNotice

__all__ = ["Drift", "NoticeReadError", "differences", "read_notice"]


class NoticeReadError(click.ClickException):
    """The notice file cannot be read as UTF-8 text."""


def read_notice(notice: Path) -> ParsedNotice:
    """The published notice at ``notice``, read as ``privlint import`` reads it."""
    try:
        text = files.read_regular(notice).decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise NoticeReadError(f"cannot read {display_name(notice)}: {error}") from error
    return parser.parse(text)


def differences(policy: Policy, data: Mapping[str, Any], notice: ParsedNotice) -> Iterator[Drift]:
    """Every disagreement between the model (``policy``, its raw ``data``) and the read ``notice``.

    The entries come first: matching them tells the later comparisons where each processing
    is described in the notice.
    """
    comparison = Comparison(policy, data, notice)
    yield from entries.processings(comparison)
    yield from items.declared_items(comparison)
    yield from rights.rights(comparison)
    yield from identity.identity(comparison)
    yield from prose.prose(comparison)
