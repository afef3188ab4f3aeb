"""The Splink model: its comparisons, training (unsupervised), and scoring of candidate pairs.

OpenNRM never computes Fellegi-Sunter weights itself: Splink estimates the parameters and
Splink (on DuckDB, in process) scores the pairs. The trained model is stored in MatchModel;
before any training, the untrained settings give Splink's default parameters."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import splink.comparison_level_library as cll
import splink.comparison_library as cl
from django.utils import timezone
from splink import DuckDBAPI, Linker, SettingsCreator, block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.realtime import compare_records

from opennrm.matching.models import MatchModel

logger = logging.getLogger(__name__)

# Comparisons, in the order shown to users.
COMPARED = ["given_name", "family_name", "birth", "sex", "citizenship", "phone"]
# Comparisons a batch adds where its file gives their columns (settings_creator's `extra`).
SECOND_FAMILY, ORGANISATION, REGISTERED = "family_name_2", "organisation", "registered"
COMPARED_IN_BATCH = [SECOND_FAMILY, ORGANISATION, REGISTERED]
# How far apart two registrations of one person are: (days at most, m, u) of each level, then
# m of the rest. Starting values only: training on the file learns m (among records born the
# same day) and u (random pairs). [P] priors: one person's records written by two
# organisations a few weeks apart (a referral), a namesake's at any time.
REGISTERED_LEVELS = [(30, 0.4, 0.02), (365, 0.3, 0.15)]
REGISTERED_ELSE_M = 0.3

# How dates of birth recorded for one person compare (m: among true matches), fixed rather
# than learnt: unsupervised training on a population with many namesakes would otherwise learn
# that a different date is common among matches. Two full dates that differ are strong
# evidence against, unless only the day differs (a slip), day and month are swapped, or the
# year is one off with the same day and month (a slip of one digit); a year alone (or
# 1 January, read as a year) agrees or nearly agrees with a full date. [P] priors,
# to be checked on real data.
BIRTH_LEVELS = [
    ("date", "birth_date_l = birth_date_r", 0.55, 0.0002),
    (
        "day",
        "birth_date_l IS NOT NULL AND birth_date_r IS NOT NULL "
        "AND substr(birth_date_l, 1, 7) = substr(birth_date_r, 1, 7)",
        0.02,
        0.003,
    ),
    (
        # Day and month written the other way round (03/07 and 07/03: French and English
        # habits meet in one file).
        "swapped",
        "birth_date_l IS NOT NULL AND birth_date_r IS NOT NULL "
        "AND substr(birth_date_l, 1, 4) = substr(birth_date_r, 1, 4) "
        "AND substr(birth_date_l, 6, 2) = substr(birth_date_r, 9, 2) "
        "AND substr(birth_date_l, 9, 2) = substr(birth_date_r, 6, 2)",
        0.02,
        0.0002,
    ),
    (
        # The same day and month, the year one off (1994-03-07 and 1995-03-07): a slip of one
        # digit. [P] m and u: a guess at how often it happens, refined by training.
        "year_slip",
        "birth_date_l IS NOT NULL AND birth_date_r IS NOT NULL "
        "AND substr(birth_date_l, 6, 5) = substr(birth_date_r, 6, 5) "
        "AND abs(birth_year_l - birth_year_r) = 1",
        0.02,
        0.0002,
    ),
    (
        "year",
        "(birth_date_l IS NULL OR birth_date_r IS NULL) AND birth_year_l = birth_year_r",
        0.3,
        0.02,
    ),
    (
        "near",
        "(birth_date_l IS NULL OR birth_date_r IS NULL) AND abs(birth_year_l - birth_year_r) <= 2",
        0.06,
        0.06,
    ),
]
BIRTH_ELSE_M = 0.04


# Starting values (m, u) of the levels, before training refines them: close spelling, same
# Arabic-aware key, loosely similar, different. Family names tell people apart better.
NAME_PRIORS = {
    "given": [(0.6, 0.01), (0.2, 0.02), (0.1, 0.001), (0.08, 0.05), (0.02, 0.92)],
    "family": [(0.6, 0.005), (0.2, 0.01), (0.1, 0.001), (0.08, 0.03), (0.02, 0.955)],
}
# Given and family names written the other way round (Idrissi Mohamed): the given name of one
# record shares a key with the family name of the other. Written in Spark SQL; Splink
# translates it for DuckDB.
SWAPPED = {
    "given": "size(array_intersect(given_keys_l, family_keys_r)) >= 1",
    "family": "size(array_intersect(family_keys_l, given_keys_r)) >= 1",
}


def _name(column: str, label: str, *, term_frequencies: bool = False) -> cl.CustomComparison:
    """One comparison per name (not keys and spelling separately, which would count the
    same evidence twice): close spelling, then same Arabic-aware key, then loosely similar.

    With term frequencies (a batch, where the whole file is at hand), a common name agreeing
    counts for less and a rare one for more: "Mohamed" agreeing says little, "Zerouali" a lot.
    The frequency is that of the name's main key, so every spelling and script of a name adds
    to one count."""
    shape, keys = f"{column}_shape", f"{column}_keys"
    levels = [
        cll.JaroWinklerLevel(shape, 0.95),
        cll.ArrayIntersectLevel(keys, 1),
        cll.CustomLevel(SWAPPED[column], "written the other way round", base_dialect_str="spark"),
        cll.JaroWinklerLevel(shape, 0.85),
        cll.ElseLevel(),
    ]
    configured = [
        level.configure(m_probability=m, u_probability=u)
        for level, (m, u) in zip(levels, NAME_PRIORS[column], strict=True)
    ]
    if term_frequencies:
        for index in (0, 1):
            configured[index] = configured[index].configure(
                tf_adjustment_column=f"{column}_tf",
                tf_adjustment_weight=1.0,
                disable_tf_exact_match_detection=True,
            )
    # Names that share nothing are rare among true matches; learnt freely, the swapped and
    # script-only records of a population inflate it.
    configured[-1] = levels[-1].configure(fix_m_probability=True)
    return cl.CustomComparison(
        output_column_name=f"{column}_name",
        comparison_levels=[
            cll.And(cll.NullLevel(shape), cll.NullLevel(keys)),
            *configured,
        ],
        comparison_description=label,
    )


def _birth() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name="birth",
        comparison_levels=[
            cll.Or(cll.NullLevel("birth_year"), cll.NullLevel("birth_year")),
            *[
                cll.CustomLevel(condition, label_for_charts=label).configure(
                    m_probability=m, u_probability=u, fix_m_probability=True
                )
                for label, condition, m, u in BIRTH_LEVELS
            ],
            cll.ElseLevel().configure(m_probability=BIRTH_ELSE_M, fix_m_probability=True),
        ],
        comparison_description="Date or year of birth",
    )


def _second_family() -> cl.CustomComparison:
    """Both records give a second family name: the same (any reading) or not."""
    return cl.CustomComparison(
        output_column_name=SECOND_FAMILY,
        comparison_levels=[
            cll.NullLevel("family2_keys"),
            cll.ArrayIntersectLevel("family2_keys", 1).configure(
                m_probability=0.9, u_probability=0.05
            ),
            cll.ElseLevel().configure(m_probability=0.1, u_probability=0.95),
        ],
        comparison_description="Second family name",
    )


def _registered() -> cl.CustomComparison:
    return cl.CustomComparison(
        output_column_name=REGISTERED,
        comparison_levels=[
            cll.NullLevel("registered_day"),
            *[
                cll.CustomLevel(
                    f"abs(registered_day_l - registered_day_r) <= {days}",
                    label_for_charts=f"registered within {days} days",
                ).configure(m_probability=m, u_probability=u)
                for days, m, u in REGISTERED_LEVELS
            ],
            cll.ElseLevel().configure(m_probability=REGISTERED_ELSE_M, u_probability=0.83),
        ],
        comparison_description="Date of registration",
    )


_BATCH_COMPARISONS = {
    SECOND_FAMILY: _second_family,
    ORGANISATION: lambda: cl.ExactMatch("organisation").configure(
        m_probabilities=[0.3, 0.7], u_probabilities=[0.2, 0.8]
    ),
    REGISTERED: _registered,
}


INTAKE_BLOCKING: list[BlockingRuleCreator | dict[str, Any]] = [
    block_on("birth_year"),
    block_on("family_shape"),
    block_on("phone"),
]


def settings_creator(
    *,
    blocking: list[BlockingRuleCreator | dict[str, Any]] | None = None,
    term_frequencies: bool = False,
    extra: Sequence[str] = (),
) -> SettingsCreator:
    """The model's settings: intake blocking unless a batch gives its own, term-frequency
    adjustments where the whole file is at hand, and the batch comparisons (COMPARED_IN_BATCH)
    its file gives."""
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=[
            _name("given", "Given name", term_frequencies=term_frequencies),
            _name("family", "Family name", term_frequencies=term_frequencies),
            _birth(),
            cl.ExactMatch("sex").configure(
                m_probabilities=[0.95, 0.05], u_probabilities=[0.5, 0.5]
            ),
            cl.ExactMatch("citizenship").configure(
                m_probabilities=[0.9, 0.1], u_probabilities=[0.4, 0.6]
            ),
            cl.ExactMatch("phone").configure(
                m_probabilities=[0.5, 0.5], u_probabilities=[0.0001, 0.9999]
            ),
            *(_BATCH_COMPARISONS[name]() for name in COMPARED_IN_BATCH if name in extra),
        ],
        probability_two_random_records_match=0.001,
        blocking_rules_to_generate_predictions=blocking or INTAKE_BLOCKING,
        retain_intermediate_calculation_columns=True,
    )


_local = threading.local()


def _db_api() -> DuckDBAPI:
    """One in-process DuckDB per thread (a connection is not shared between threads)."""
    api = getattr(_local, "api", None)
    if api is None:
        api = _local.api = DuckDBAPI()
    return api


def scratch_tables() -> list[tuple[str, str]]:
    """(kind, name) of what compare_records left behind in the in-process database."""
    connection = _db_api().duckdb_con
    rows = connection.execute(
        "select 'table', table_name from duckdb_tables() "
        "where table_name like '%compare_records%' "
        "union all select 'view', view_name from duckdb_views() "
        "where view_name like '%compare_records%'"
    ).fetchall()
    return [(str(kind), str(name)) for kind, name in rows]


# Intake scoring runs Splink's SQL for the active model on two inputs registered under fixed
# names: Splink writes the SQL once per model (compare_records), and each lookup then costs one
# query, without the tables Splink's own cache would create, check and drop on every call.
_LEFT, _RIGHT = "__opennrm_score_left", "__opennrm_score_right"
_scoring_sqls: dict[str, str] = {}
_SCORED_COLUMNS = pa.schema(
    [
        ("unique_id", pa.string()),
        ("given_keys", pa.list_(pa.string())),
        ("family_keys", pa.list_(pa.string())),
        ("given_shape", pa.string()),
        ("family_shape", pa.string()),
        ("birth_date", pa.string()),
        ("birth_year", pa.int64()),
        ("sex", pa.string()),
        ("citizenship", pa.string()),
        ("phone", pa.string()),
    ]
)


def _score_with_active_model(
    record: dict[str, Any], candidates: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    cache_key, active = active_model()
    connection = _db_api().duckdb_con
    sql = _scoring_sqls.get(cache_key)
    if sql is None:
        frame = compare_records([record], candidates, active, _db_api())
        try:
            rows: list[dict[str, Any]] = frame.as_record_list()
        finally:
            _drop_scratch_tables()
        sql = frame.sql_used_to_create
        for side, name in (("left", _LEFT), ("right", _RIGHT)):
            sql = re.sub(rf"__splink__compare_records_{side}_\w+", name, sql)
        if _LEFT not in sql or _RIGHT not in sql:  # pragma: no cover - a Splink upgrade
            raise RuntimeError("Splink's comparison SQL no longer names its two inputs")
        _scoring_sqls[cache_key] = sql
        return rows
    connection.register(_LEFT, pa.Table.from_pylist([record], schema=_SCORED_COLUMNS))
    connection.register(_RIGHT, pa.Table.from_pylist(candidates, schema=_SCORED_COLUMNS))
    try:
        cursor = connection.execute(sql)
        columns = [column[0] for column in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    finally:
        connection.unregister(_LEFT)
        connection.unregister(_RIGHT)


def _drop_scratch_tables() -> None:
    """Drop them: a long-running server would otherwise keep every record it ever compared."""
    connection = _db_api().duckdb_con
    for kind, name in scratch_tables():
        connection.execute(f'drop {kind} if exists "{name}"')


_models_by_id: dict[Any, dict[str, Any]] = {}


def active_model() -> tuple[str, dict[str, Any] | SettingsCreator]:
    """(cache key, settings) of the newest trained model, or the untrained settings. Only the
    id is read on each call; a model's settings are read once per process (a stored model
    never changes: retraining stores a new one)."""
    model_id = (
        MatchModel.objects.filter(is_active=True)
        .order_by("-trained_at")
        .values_list("pk", flat=True)
        .first()
    )
    if model_id is None:
        return "untrained", settings_creator()
    if model_id not in _models_by_id:
        _models_by_id[model_id] = MatchModel.objects.get(pk=model_id).settings
    return f"model-{model_id}", _models_by_id[model_id]


@dataclass(frozen=True)
class PairScore:
    candidate_id: str
    probability: float
    agreeing: list[str]
    disagreeing: list[str]
    # Each comparison's match weight (log2 of m/u): how much it moved the score, and which way.
    weights: dict[str, float] | None = None
    # Comparisons one of the two records leaves empty (no date of birth, no phone...).
    not_compared: list[str] = field(default_factory=list)


def score(
    record: dict[str, Any],
    candidates: list[dict[str, Any]],
    settings: dict[str, Any] | SettingsCreator | None = None,
) -> list[PairScore]:
    """Splink's match probability of the record with each candidate, best first, with the
    comparisons that agree (highest level) and disagree (lowest level)."""
    if not candidates:
        return []
    if settings is None:
        rows = _score_with_active_model(record, candidates)
    else:
        frame = compare_records([record], candidates, settings, _db_api())
        try:
            rows = frame.as_record_list()
        finally:
            _drop_scratch_tables()
    scores = []
    for row in rows:
        agreeing, disagreeing = agreement(row)
        scores.append(
            PairScore(
                candidate_id=str(row["unique_id_r"]),
                probability=float(row["match_probability"]),
                agreeing=agreeing,
                disagreeing=disagreeing,
                not_compared=[c for c in COMPARED if row.get(f"gamma_{c}") in (None, -1)],
                weights={
                    c: float(row[f"mw_{c}"]) for c in COMPARED if row.get(f"mw_{c}") is not None
                },
            )
        )
    return sorted(scores, key=lambda s: -s.probability)


def train(records: list[dict[str, Any]], *, max_pairs: float = 1e6) -> dict[str, Any]:
    """Estimate the model's parameters without labels (random sampling for u,
    expectation-maximisation for m) and return Splink's model as a dictionary."""
    api = DuckDBAPI()
    frame = api.register(records)
    linker = Linker(frame, settings_creator(), log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_shape", "family_shape", "birth_year")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=max_pairs)
    # Names, sex, citizenship and phone are learnt among pairs with the same full date of
    # birth: mostly true matches even where namesakes abound (the birth comparison has fixed
    # priors, so blocking on it loses nothing).
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("birth_date"))
    model: dict[str, Any] = linker.misc.save_model_to_json()
    return model


def model_store(settings: dict[str, Any], records: int, notes: str = "") -> MatchModel:
    MatchModel.objects.filter(is_active=True).update(is_active=False)
    return MatchModel.objects.create(
        trained_at=timezone.now(), records=records, settings=settings, notes=notes
    )


def agreement(row: dict[str, Any]) -> tuple[list[str], list[str]]:
    agreeing: list[str] = []
    disagreeing: list[str] = []
    for column in [*COMPARED, *COMPARED_IN_BATCH]:
        gamma = row.get(f"gamma_{column}")
        if gamma is None or gamma == -1:
            continue
        (agreeing if gamma >= 1 else disagreeing).append(column)
    return agreeing, disagreeing
