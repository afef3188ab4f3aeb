"""Batch linkage at scale: OpenNRM's configuration against a plain Splink configuration on the
same synthetic records with known duplicates, on the same machine, in the same run.

    python bench/linkage_bench.py --records 1000000 [--threshold 0.5] [--engine duckdb]
        [--compound-family 0.3] [--skip-plain]

Records: entities drawn from the name tables with Zipf frequencies (given names with their real
spelling variants and Arabic script and the sex they go with; family names with and without
their article, formed from given names as most are, a share of them compound), full dates of
birth, citizenship, a phone for half. One person in five is a migrant from West Africa (three
in five of them) or South Asia, with Latin names only, each written in any of its sourced
spellings (bench/linkage_migrants.py). Each entity is written one to three times, as agencies would:
another spelling, names swapped, Arabic script only, year of birth only or 1 January as a
placeholder, day and month swapped, the year typed one off, a typing slip, the phone left out.
Synthetic: no real person.

Prints how hard the file is (persons with a namesake born the same year, the best F1 any
method can reach), overall and per group, then wall time and pairwise precision, recall and F1
of both configurations, overall, by what the two records of a pair say of the date of birth
and by the group of their persons."""

from __future__ import annotations

import argparse
import csv
import functools
import itertools
import os
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from linkage_migrants import PATRONYMIC, Region, regions  # noqa: E402

from opennrm.demo import names as pools  # noqa: E402
from opennrm.demo.world import synthetic_mobile  # noqa: E402
from opennrm.matching.batch import COLUMNS, OPTIONAL_COLUMNS  # noqa: E402
from opennrm.matching.variants import maghreb_names  # noqa: E402

LETTERS = "abcdefghijklmnopqrstuvwxyz"


# Given names of the variant table borne by women (the table itself has no sex).
FEMININE_NAMES = (
    "فاطمة خديجة عائشة مريم زينب حفصة سكينة نادية سميرة ليلى إيمان أمينة سلمى هاجر وفاء سعاد "
    "نجاة كريمة حليمة رقية أسماء شيماء دعاء إكرام سهام يسرى هند رجاء لطيفة زهرة جميلة عزيزة "
    "نعيمة مليكة ربيعة بشرى هدى سناء إلهام صفاء غيثة غزلان ياسمين كوثر أميمة ابتسام منى مونية "
    "نسرين وئام ريم"
)
FEMININE = set(FEMININE_NAMES.split()) | {"فاطمة الزهراء"}
# Name frequencies follow Zipf's law: a few given names are borne by many people (the most
# common by about 7 %); family names are spread more evenly (the most common about 2.5 %).
GIVEN_ZIPF, FAMILY_ZIPF = 0.7, 0.5
# Persons from West Africa (three in five) or South Asia (bench/linkage_migrants.py).
MIGRANTS, WEST_AFRICAN = 0.2, 0.6
# Compound family names (Alaoui Ismaili, Bennani Smires, Tazi Mokha): common in Morocco, and
# what makes a million people's family names many thousands rather than a few hundred.
COMPOUND_FAMILY = 0.3
# Who registered each record and when (the file's optional columns; --without-registration
# leaves them out). A person's first record is registered by one of these organisations (Zipf
# frequencies), on a day between 2018 and mid-2023; each further record by another
# organisation (the same one for 20 %), within 45 days of the first for 70 % (a referral), else
# within three years (met again).
ORGANISATIONS = [
    "hotline-2029",
    "dgsn-casablanca",
    "gendarmerie-oujda",
    "iom-rabat",
    "ngo-tanger",
    "ngo-oujda",
    "ngo-rabat",
    "ngo-casablanca",
    "shelter-agadir",
    "shelter-laayoune",
    "health-oujda",
    "prosecutor-rabat",
]
SAME_ORGANISATION, REFERRED, REFERRAL_DAYS, MET_AGAIN_DAYS = 0.2, 0.7, 45, 3 * 365
FIRST_DAY, LAST_FIRST_DAY = date(2018, 1, 1).toordinal(), date(2023, 6, 30).toordinal()
# A record of a person with a compound family name gives its two halves in two columns
# (family_name, family_name_2) for 40 %: agencies' spreadsheets with two family-name columns.
SPLIT_COMPOUND = 0.4
FAMILY_FORMS = [
    ("Ben{}", "بن{}"),
    ("Bou{}", "بو{}"),
    ("Ait {}", "آيت {}"),
    ("Ould {}", "ولد {}"),
    ("El {}i", "ال{}ي"),
    ("{}i", "{}ي"),
]


def _variant_names() -> list[tuple[list[str], str, str]]:
    """(Latin spellings, Arabic, sex) of each Arabic-origin name of the variant table."""
    return [
        (name.spellings, name.arabic, "F" if name.arabic in FEMININE else "M")
        for name in maghreb_names()
    ]


def _given_pool() -> list[tuple[list[str], str, str]]:
    """(Latin spellings, Arabic, sex) of each given name."""
    pool = _variant_names()
    for attribute in dir(pools):
        if attribute.endswith(("_FEMALE", "_MALE")) and "GIVEN" in attribute:
            for latin, arabic in getattr(pools, attribute):
                pool.append(([latin], arabic, "F" if attribute.endswith("_FEMALE") else "M"))
    return pool


def _family_pool() -> list[tuple[str, str]]:
    """The demo's family names, then names formed from a father's or an ancestor's given
    name (Benomar / بنعمر, Ait Brahim, Ould Ahmed, El Hassani / الحسني), as most Moroccan and
    Sahelian family names are: a population of a million has many thousands of family names,
    not a few dozen."""
    pool: list[tuple[str, str]] = []
    for attribute in dir(pools):
        if "FAMILY" in attribute:
            pool.extend(getattr(pools, attribute))
    for spellings, arabic, sex in _variant_names():
        if sex == "M" and " " not in arabic and not arabic.startswith("ال"):
            for latin_form, arabic_form in FAMILY_FORMS:
                # Benomar, Omari: one word; Ait Omar, El Omari: two.
                latin = latin_form.format(
                    spellings[0].lower() if " " not in latin_form else spellings[0]
                )
                pool.append((latin[0].upper() + latin[1:], arabic_form.format(arabic)))
    return pool


def namesakes(rows: list[dict[str, str]]) -> float:
    """Share of persons with a namesake born the same year (another person, same given and
    family name): records of those can be told apart only by a full date, a phone or a
    citizenship, and a year of birth alone cannot. The higher it is, the harder the file."""
    name_year = {r["entity"]: r["person"].rsplit("|", 2)[0] for r in rows}
    groups = Counter(name_year.values())
    return sum(1 for key in name_year.values() if groups[key] > 1) / len(name_year)


def _weak(record: dict[str, str]) -> bool:
    return len(record["birth_date"]) < 10 or record["birth_date"].endswith("-01-01")


def ceiling(rows: list[dict[str, str]]) -> float:
    """The best pairwise F1 any method can reach on the file, roughly: a record with a year
    of birth only and no phone in common with its person's other records cannot be told from
    the records of a namesake born the same year (of the same sex and citizenship, where the
    record gives them), unless its
    registration is nearer one of its own person's records than any namesake's (by the
    model's levels: 30 days, a year). The best it can do is join one of them at random, or
    join none; the better of the two is counted."""
    members: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        members.setdefault(r["entity"], []).append(r)
    # Persons alike by name and year, and by sex and citizenship where a record gives them.
    alike = Counter(
        _alike_key(group[0]["person"], sex, citizenship)
        for group in members.values()
        for sex in (True, False)
        for citizenship in (True, False)
    )
    registered: dict[str, list[tuple[str, int]]] = {}
    for r in rows:
        if r.get("registered_on"):
            day = date.fromisoformat(r["registered_on"]).toordinal()
            for sex, citizenship in itertools.product((True, False), repeat=2):
                variant = _alike_key(r["person"], sex, citizenship)
                registered.setdefault(variant, []).append((r["entity"], day))
    true_pairs = sum(len(g) * (len(g) - 1) // 2 for g in members.values())
    lost_guess = false_guess = lost_alone = 0.0
    for group in members.values():
        if len(group) < 2:
            continue
        phones = Counter(r["phone"] for r in group if r["phone"])
        for record in group:
            key = _alike_key(record["person"], bool(record["sex"]), bool(record["citizenship"]))
            others = alike[key] - 1
            if (
                others
                and _weak(record)
                and not (record["phone"] and phones[record["phone"]] > 1)
                and not _told_by_registration(record, registered.get(key, []))
            ):
                wrong = others / (others + 1)
                lost_guess += wrong * (len(group) - 1)
                false_guess += wrong * len(group)  # a namesake's records, about as many
                lost_alone += len(group) - 1
    best = 0.0
    for lost, false in ((lost_guess, false_guess), (lost_alone, 0.0)):
        found = true_pairs - lost
        best = max(best, 2 * found / (2 * found + false + lost))
    return best


def _alike_key(person: str, sex: bool, citizenship: bool) -> str:
    """The person's name and year, with the sex and citizenship when the record gives them."""
    given, family, year, person_sex, person_citizenship = person.split("|")
    return "|".join(
        (given, family, year, person_sex if sex else "", person_citizenship if citizenship else "")
    )


def _registration_level(days: int) -> int:
    return 0 if days <= 30 else 1 if days <= 365 else 2


def _told_by_registration(record: dict[str, str], namesakes: list[tuple[str, int]]) -> bool:
    """Whether the record's registration is nearer (by level) one of its own person's other
    records than any record of a namesake (`namesakes`: entity and day of every record of
    persons of that name, year, sex and citizenship)."""
    if not record.get("registered_on"):
        return False
    day = date.fromisoformat(record["registered_on"]).toordinal()
    own = [d for e, d in namesakes if e == record["entity"]]
    others = [d for e, d in namesakes if e != record["entity"]]
    own.remove(day)
    if not own:
        return False
    nearest_own = min(_registration_level(abs(d - day)) for d in own)
    nearest_other = min((_registration_level(abs(d - day)) for d in others), default=3)
    return nearest_own < nearest_other


@functools.cache
def _zipf_cumulative(size: int, exponent: float) -> list[float]:
    return list(itertools.accumulate(1 / (rank + 1) ** exponent for rank in range(size)))


def _slip(rng: random.Random, word: str) -> str:
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.random()
    if kind < 0.4:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind < 0.7:
        return word[:i] + word[i + 1 :]
    return word[:i] + rng.choice(LETTERS) + word[i + 1 :]


def generate(
    count: int, seed: int, compound: float = COMPOUND_FAMILY, *, registration: bool = True
) -> list[dict[str, str]]:
    rng = random.Random(seed)
    organisation_weights = _zipf_cumulative(len(ORGANISATIONS), 1.0)
    given = _given_pool()
    family = _family_pool()
    migrants = regions()
    # Which names are the common ones is itself drawn (the tables are in no frequency order).
    rng.shuffle(given)
    rng.shuffle(family)
    for region in migrants:
        rng.shuffle(region.given)
        rng.shuffle(region.family)
    rows: list[dict[str, str]] = []
    entity = 0
    while len(rows) < count:
        entity += 1
        if rng.random() < MIGRANTS:
            region = migrants[0 if rng.random() < WEST_AFRICAN else 1]
            person = _migrant(rng, region)
        else:
            person = _maghrebi(rng, given, family, compound)
        group, spellings, families, given_ar, family_ar, sex, citizenship, halves = person
        born = f"{rng.randint(1950, 2010)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        phone = synthetic_mobile(rng) if rng.random() < 0.5 else ""
        copies = rng.choices([1, 2, 3], weights=[70, 22, 8])[0]
        first_organisation = rng.choices(ORGANISATIONS, cum_weights=organisation_weights)[0]
        first_day = rng.randint(FIRST_DAY, LAST_FIRST_DAY)
        # Who the person is, never written to the file: for the figures below.
        who = (
            f"{given_ar or spellings[0]}|{family_ar or families[0]}|{born[:4]}|{sex}|{citizenship}"
        )
        for copy in range(copies):
            if len(rows) >= count:
                break
            g, f, g_ar, f_ar = rng.choice(spellings), families[0], given_ar, family_ar
            b, p, f2 = born, phone, ""
            organisation, day = first_organisation, first_day
            swapped = False
            s, c = sex, citizenship
            if copy:
                organisation, day = _registered_again(rng, organisation, day)
                (g, f, g_ar, f_ar), swapped = _rewritten(rng, g, families, given_ar, family_ar)
                b = _written_date(rng, born)
                if rng.random() < 0.5:
                    p = ""
                s, c = _sex_and_citizenship(rng, sex, citizenship)
            if halves and rng.random() < SPLIT_COMPOUND and not swapped:
                # The two halves in two columns, in the script the record is written in.
                first, second, first_ar, second_ar = halves
                if f:
                    f, f2, f_ar = first, second, first_ar
                else:
                    f_ar, f2 = first_ar, second_ar
            rows.append(
                {
                    "id": f"r{len(rows)}",
                    "entity": str(entity),
                    "person": who,
                    "group": group,
                    "given_name": g,
                    "family_name": f,
                    "given_name_ar": g_ar if rng.random() < 0.6 or not g else "",
                    "family_name_ar": f_ar if rng.random() < 0.6 or not f else "",
                    "birth_date": b,
                    "sex": s,
                    "citizenship": c,
                    "phone": p,
                    "family_name_2": f2,
                    "organisation": organisation if registration else "",
                    "registered_on": date.fromordinal(day).isoformat() if registration else "",
                }
            )
    return rows


def _rewritten(
    rng: random.Random, given: str, families: list[str], given_ar: str, family_ar: str
) -> tuple[tuple[str, str, str, str], bool]:
    """How another agency wrote a person's names (given, family, both in Arabic), and whether
    it swapped them: another spelling, names swapped (12 %), the Arabic script only (15 %), a
    typing slip in the given name (15 %), the article dropped (half of El ...)."""
    g, f, g_ar, f_ar = given, rng.choice(families), given_ar, family_ar
    roll = rng.random()
    swapped = roll < 0.12
    if swapped:
        g, f = f, g
        g_ar, f_ar = f_ar, g_ar
    elif roll < 0.27 and g_ar and f_ar:
        g = f = ""  # the Arabic script only
    if rng.random() < 0.15 and g:
        g = _slip(rng, g)
    if f.lower().startswith("el ") and rng.random() < 0.5:
        f = f[3:]
    return (g, f, g_ar, f_ar), swapped


# Another agency's record of a person leaves out the sex (5 %) or the citizenship (10 %), or
# writes another citizenship (3 %: a country of transit, a slip in the list).
NO_SEX, NO_CITIZENSHIP, OTHER_CITIZENSHIP = 0.05, 0.10, 0.03
CITIZENSHIPS = ["MA", "DZ", "SN", "ML", "GN", "CI", "NG", "CM", "BD", "PK"]


def _sex_and_citizenship(rng: random.Random, sex: str, citizenship: str) -> tuple[str, str]:
    written_sex = "" if rng.random() < NO_SEX else sex
    roll = rng.random()
    if roll < NO_CITIZENSHIP:
        return written_sex, ""
    if roll < NO_CITIZENSHIP + OTHER_CITIZENSHIP:
        return written_sex, rng.choice([x for x in CITIZENSHIPS if x != citizenship])
    return written_sex, citizenship


def _registered_again(rng: random.Random, organisation: str, day: int) -> tuple[str, int]:
    """Who registered another record of a person first registered by `organisation` on `day`
    (an ordinal), and when."""
    if rng.random() >= SAME_ORGANISATION:
        organisation = rng.choice([o for o in ORGANISATIONS if o != organisation])
    within = REFERRAL_DAYS if rng.random() < REFERRED else MET_AGAIN_DAYS
    return organisation, day + rng.randint(0, within)


# (group, given spellings, family spellings, given and family in Arabic, sex, citizenship,
# the two halves of a compound family name in Latin and Arabic, or None).
Person = tuple[str, list[str], list[str], str, str, str, str, tuple[str, str, str, str] | None]


def _maghrebi(
    rng: random.Random,
    given: list[tuple[list[str], str, str]],
    family: list[tuple[str, str]],
    compound: float,
) -> Person:
    """A person with an Arabic-origin name (Person)."""
    given_weights = _zipf_cumulative(len(given), GIVEN_ZIPF)
    family_weights = _zipf_cumulative(len(family), FAMILY_ZIPF)
    spellings, given_ar, sex = rng.choices(given, cum_weights=given_weights)[0]
    family_latin, family_ar = rng.choices(family, cum_weights=family_weights)[0]
    halves = None
    if rng.random() < compound:
        second_latin, second_ar = rng.choices(family, cum_weights=family_weights)[0]
        if second_latin != family_latin:
            halves = (family_latin, second_latin, family_ar, second_ar)
            family_latin, family_ar = f"{family_latin} {second_latin}", f"{family_ar} {second_ar}"
    citizenship = rng.choice(["MA"] * 6 + ["DZ", "TN", "MR", "SY", "YE", "EG"])
    return "maghreb", spellings, [family_latin], given_ar, family_ar, sex, citizenship, halves


def _migrant(rng: random.Random, region: Region) -> Person:
    """A person from West Africa or South Asia: names in Latin script only, each in any of
    its sourced spellings; a West African family name is often a father's given name."""
    given_weights = _zipf_cumulative(len(region.given), GIVEN_ZIPF)
    name = rng.choices(region.given, cum_weights=given_weights)[0]
    if region.name == "west_africa" and rng.random() < PATRONYMIC:
        fathers = [n for n in region.given if n.sex == "M"]
        families = rng.choices(fathers, cum_weights=_zipf_cumulative(len(fathers), GIVEN_ZIPF))[
            0
        ].spellings
    else:
        weights = _zipf_cumulative(len(region.family), FAMILY_ZIPF)
        families = rng.choices(region.family, cum_weights=weights)[0]
    citizenship = rng.choice(region.countries)
    return region.name, name.spellings, families, "", "", name.sex, citizenship, None


def _written_date(rng: random.Random, born: str) -> str:
    """How another agency wrote a date of birth: the year only (20 %), 1 January as a
    placeholder (10 %), day and month swapped (3 %, when the day could be a month), the year
    typed one off (3 %), else as it is."""
    roll = rng.random()
    year, month, day = born[:4], born[5:7], born[8:10]
    if roll < 0.2:
        return year
    if roll < 0.3:
        return f"{year}-01-01"
    if roll < 0.33 and int(day) <= 12 and day != month:
        return f"{year}-{day}-{month}"
    if roll < 0.36:
        return f"{int(year) + rng.choice([-1, 1])}-{month}-{day}"
    return born


def pairwise_scores(truth: dict[str, str], clusters: dict[str, str]) -> tuple[float, float, float]:
    def pairs(counter: Counter[object]) -> int:
        return sum(n * (n - 1) // 2 for n in counter.values())

    true_pairs = pairs(Counter(truth.values()))
    predicted = pairs(Counter(clusters.values()))
    both = pairs(Counter((clusters[k], truth[k]) for k in truth))
    precision = both / predicted if predicted else 1.0
    recall = both / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _date_kind(written: str) -> str:
    if len(written) < 10:
        return "year"
    return "1 January" if written.endswith("-01-01") else "full"


def pair_kind(a: dict[str, str], b: dict[str, str]) -> str:
    """What the two records of a pair say of the date of birth."""
    kinds = sorted((_date_kind(a["birth_date"]), _date_kind(b["birth_date"])))
    if kinds == ["full", "full"]:
        return "both full, same" if a["birth_date"] == b["birth_date"] else "both full, differ"
    if "full" in kinds:
        return "one full, one year or 1 January"
    return "both year or 1 January"


def pair_group(a: dict[str, str], b: dict[str, str]) -> str:
    """Where the two records' persons come from (Maghreb, West Africa, South Asia)."""
    return a["group"] if a["group"] == b["group"] else "across groups"


def scores_by_kind(
    rows: list[dict[str, str]],
    truth: dict[str, str],
    clusters: dict[str, str],
    kind_of: Callable[[dict[str, str], dict[str, str]], str] = pair_kind,
) -> dict[str, tuple[int, float, float, float]]:
    """Pairwise (true pairs, precision, recall, F1) for each kind of pair (pair_kind, or
    pair_group): every pair of records that are one person or were put in one cluster,
    counted by what their dates say or where their persons come from."""
    by_id = {r["id"]: r for r in rows}

    def pairs_of(groups: dict[str, str]) -> set[tuple[str, str]]:
        members: dict[str, list[str]] = {}
        for record, group in groups.items():
            members.setdefault(group, []).append(record)
        return {
            (x, y) if x < y else (y, x)
            for ids in members.values()
            for x, y in itertools.combinations(ids, 2)
        }

    true_pairs, found = pairs_of(truth), pairs_of(clusters)
    counts: dict[str, Counter[str]] = {}
    for pair in true_pairs | found:
        kind = kind_of(by_id[pair[0]], by_id[pair[1]])
        outcome = (
            "tp" if pair in true_pairs and pair in found else "fn" if pair in true_pairs else "fp"
        )
        counts.setdefault(kind, Counter())[outcome] += 1
    result = {}
    for kind, c in sorted(counts.items()):
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[kind] = (c["tp"] + c["fn"], precision, recall, f1)
    return result


def print_by_kind(
    label: str, rows: list[dict[str, str]], truth: dict[str, str], found: dict[str, str]
) -> None:
    for title, kind_of in (("what the pair's dates say", pair_kind), ("group", pair_group)):
        print(f"  {label}, by {title} (true pairs, P / R / F1):")
        scores = scores_by_kind(rows, truth, found, kind_of)
        for kind, (count, precision, recall, f1) in scores.items():
            print(f"    {kind:<34}{count:>9,}  {precision:.3f} / {recall:.3f} / {f1:.3f}")


def plain_splink(rows: list[dict[str, str]], threshold: float) -> dict[str, str]:
    """The configuration a Splink tutorial would suggest, on the Latin names as written."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    records = [
        {
            "unique_id": r["id"],
            "given_name": r["given_name"].lower() or None,
            # A second family name given in a column of its own is part of the family name.
            "family_name": " ".join((r["family_name"], r["family_name_2"])).strip().lower() or None,
            "birth_date": r["birth_date"] or None,
            "sex": r["sex"] or None,
            "citizenship": r["citizenship"] or None,
            "phone": r["phone"] or None,
        }
        for r in rows
    ]
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.JaroWinklerAtThresholds("given_name", [0.92, 0.8]),
            cl.JaroWinklerAtThresholds("family_name", [0.92, 0.8]),
            cl.ExactMatch("birth_date"),
            cl.ExactMatch("sex"),
            cl.ExactMatch("citizenship"),
            cl.ExactMatch("phone"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("given_name", "family_name"),
            block_on("birth_date"),
            block_on("phone"),
        ],
    )
    api = DuckDBAPI()
    linker = Linker(api.register(records), settings, log_level=40)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_name", "family_name", "birth_date")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=min(1e7, len(records) * 20))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("birth_date"))
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("given_name", "family_name")
    )
    predictions = linker.inference.predict(threshold_match_probability=threshold)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=threshold
    )
    return {str(r["unique_id"]): str(r["cluster_id"]) for r in clusters.as_record_list()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--threshold", type=float, default=0.9)
    parser.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb")
    parser.add_argument("--skip-plain", action="store_true")
    parser.add_argument(
        "--compound-family",
        type=float,
        default=COMPOUND_FAMILY,
        help="share of compound family names: more makes namesakes rarer",
    )
    parser.add_argument(
        "--without-registration",
        dest="registration",
        action="store_false",
        help="leave out who registered each record and when",
    )
    args = parser.parse_args()

    rows = generate(args.records, args.seed, args.compound_family, registration=args.registration)
    truth = {r["id"]: r["entity"] for r in rows}
    print(
        f"{len(rows):,} records, {len(set(truth.values())):,} persons, seed {args.seed}, "
        f"{namesakes(rows):.1%} of persons with a namesake born the same year, "
        f"best reachable F1 about {ceiling(rows):.3f}"
    )
    for group in sorted({r["group"] for r in rows}):
        of_group = [r for r in rows if r["group"] == group]
        print(
            f"  {group}: {len(of_group):,} records, {namesakes(of_group):.1%} with a namesake, "
            f"best reachable F1 about {ceiling(of_group):.3f}"
        )
    with tempfile.TemporaryDirectory() as folder:
        source, output = Path(folder) / "in.csv", Path(folder) / "out.csv"
        with source.open("w", encoding="utf-8", newline="") as handle:
            columns = COLUMNS + (OPTIONAL_COLUMNS if args.registration else ["family_name_2"])
            writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
        from django.core.management import call_command

        started = time.monotonic()
        call_command(
            "link_records",
            str(source),
            "--output",
            str(output),
            "--engine",
            args.engine,
            "--threshold",
            str(args.threshold),
        )
        ours_seconds = time.monotonic() - started
        with output.open(encoding="utf-8") as handle:
            ours = {r["id"]: r["cluster_id"] for r in csv.DictReader(handle)}
    p, r, f1 = pairwise_scores(truth, ours)
    print(
        f"OpenNRM link_records ({args.engine}): {ours_seconds:7.1f} s  P {p:.4f} R {r:.4f} F1 {f1:.4f}"
    )
    print_by_kind("OpenNRM", rows, truth, ours)
    if not args.skip_plain:
        started = time.monotonic()
        plain = plain_splink(rows, args.threshold)
        plain_seconds = time.monotonic() - started
        p, r, f1 = pairwise_scores(truth, plain)
        print(
            f"plain Splink (duckdb):      {plain_seconds:7.1f} s  P {p:.4f} R {r:.4f} F1 {f1:.4f}"
        )
        print_by_kind("plain Splink", rows, truth, plain)


if __name__ == "__main__":
    main()
