"""Which rules built the stored blocking keys.

A person's keys are keyed hashes of readings of the name, so they depend on the reading rules
in names.py and records.py and on the deployment's hashing key. When either changes (an
upgrade, a key rotation), keys stored earlier no longer meet the keys of a name typed today and
"is this person already known?" silently misses persons. The fingerprint below is computed from
the keys the running code gives a fixed set of probe names (every spelling of both name variant
tables, in both scripts, with and without a date of birth and a phone), so it changes with any
rule that changes a probe's keys, without anyone having to remember to bump a version."""

from __future__ import annotations

import functools
import hashlib

from opennrm.core.keys import keyring
from opennrm.matching.records import NameParts, stored_keys
from opennrm.matching.variants import maghreb_names, migrant_names

# Dates of birth the probes take in turn: none, a year, 1 January (a placeholder), a full date.
PROBE_DATES = ("", "1990", "1984-01-01", "2001-07-23")


def probe_names() -> list[NameParts]:
    """Synthetic probes: each spelling as a given name beside a family name of the next line,
    each Arabic form beside the next line's Arabic form; a phone on every third."""
    names = [(n.arabic, n.spellings) for n in maghreb_names() + migrant_names()]
    probes: list[NameParts] = []
    for index, (arabic, spellings) in enumerate(names):
        other_arabic, other_spellings = names[(index + 1) % len(names)]
        for position, spelling in enumerate(spellings):
            count = len(probes)
            probes.append(
                NameParts(
                    given_latin=spelling,
                    family_latin=other_spellings[position % len(other_spellings)],
                    given_arabic=arabic if position == 0 else "",
                    family_arabic=other_arabic if position == 0 else "",
                    birth_date=PROBE_DATES[count % len(PROBE_DATES)],
                    phone=f"+2126{count:08d}" if count % 3 == 0 else "",
                )
            )
    return probes


def rules_fingerprint() -> str:
    """A digest of the keys the running code and hashing key give the probe names."""
    return _fingerprint(keyring().blind_index_key)


@functools.lru_cache(maxsize=4)
def _fingerprint(hashing_key: bytes) -> str:
    # Worked out once per hashing key (the rules cannot change while the process runs).
    digest = hashlib.sha256()
    for probe in probe_names():
        for key in sorted(stored_keys(probe)):
            digest.update(key.encode())
        digest.update(b"\n")
    return digest.hexdigest()
