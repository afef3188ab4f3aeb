"""Batch linkage of a whole file or of the database: blocking on plain keys, training on the
file itself (unsupervised), Splink's scores of every pair that shares a key, then clusters.

DuckDB in process on one machine; Spark (local mode here) when a deployment outgrows it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from splink import DuckDBAPI, Linker, block_on
from splink.blocking_rule_library import CustomRule
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.exceptions import SplinkException

from opennrm.matching.clusters import cluster_pairs, cluster_records
from opennrm.matching.model import (
    ORGANISATION,
    REGISTERED,
    SECOND_FAMILY,
    PairScore,
    agreement,
    settings_creator,
)
from opennrm.matching.records import frequency_keys_fill

logger = logging.getLogger(__name__)

# A batch linkage explodes arrays of plain keys so that two records meet on any shared key:
# the whole name (either order, either script) with the year of birth; the same with one part
# allowed a typing slip; the whole name with the day and month of birth (a year typed one off);
# the phone. Keys carry the year or the day, so that blocks stay small even for the commonest
# names.
_BLOCKING: list[BlockingRuleCreator | dict[str, Any]] = [
    block_on("name_keys", "birth_year", arrays_to_explode=["name_keys"]),
    block_on("slip_keys", "birth_year", arrays_to_explode=["slip_keys"]),
    block_on("name_keys", "birth_day", arrays_to_explode=["name_keys"]),
    block_on("phone"),
]
# Records without a year of birth meet the others on the whole name alone. Only added when a
# file has such records: the join walks every block of namesakes.
UNDATED_BLOCKING = CustomRule(
    "l.name_keys = r.name_keys AND (l.birth_year IS NULL OR r.birth_year IS NULL)",
    arrays_to_explode=["name_keys"],
)


def batch_blocking(*, undated: bool) -> list[BlockingRuleCreator | dict[str, Any]]:
    return [*_BLOCKING, *([UNDATED_BLOCKING] if undated else [])]


Stage = Callable[[str], None]
# Below this many records, the file is scored with the starting values: too few pairs to learn.
MIN_RECORDS_TO_TRAIN = 1000


def _predictions(
    records: list[dict[str, Any]], *, threshold: float, engine: str, stage: Stage | None
) -> tuple[Linker, Any]:
    report = stage or (lambda _label: None)
    frequency_keys_fill(records)
    api = _engine_api(engine)
    if engine == "spark":
        from opennrm.matching.spark import spark_frame

        frame = api.register(spark_frame(api, records))
    else:
        frame = api.register(records)
    undated = any(r["birth_year"] is None for r in records)
    # Frequencies of names mean something in a file of some size only (in a file of seven
    # records, every name is common).
    trained = len(records) >= MIN_RECORDS_TO_TRAIN
    linker = Linker(
        frame,
        settings_creator(
            blocking=batch_blocking(undated=undated),
            term_frequencies=trained,
            extra=batch_comparisons(records, trained=trained),
        ),
        log_level=logging.WARNING,
    )
    if trained:
        _train(linker, records, report)
    report("scoring the pairs that share a key")
    return linker, linker.inference.predict(threshold_match_probability=threshold)


def batch_comparisons(records: list[dict[str, Any]], *, trained: bool) -> list[str]:
    """The batch comparisons a file gives the columns of: a second family name always (the
    same or another says as much in a small file as in a large one); who registered a record
    and when only where the model learns from the file how far apart one person's
    registrations are (in another country's files, or another year's, it may differ)."""
    columns = {
        SECOND_FAMILY: "family2_keys",
        ORGANISATION: "organisation",
        REGISTERED: "registered_day",
    }
    return [
        name
        for name, column in columns.items()
        if any(r.get(column) is not None for r in records) and (name == SECOND_FAMILY or trained)
    ]


def _filled(records: list[dict[str, Any]], column: str) -> bool:
    return sum(1 for r in records if r[column] is not None) >= len(records) / 2


def _train(linker: Linker, records: list[dict[str, Any]], report: Stage) -> None:
    """Train on the file itself. A file too uniform to learn from (no two records sharing a
    whole name and a date, no two born the same day) keeps the starting values: a warning,
    not a failure."""
    report("training: how often two records are one person")
    model = linker._settings_obj
    prior = model._probability_two_random_records_match
    try:
        linker.training.estimate_probability_two_random_records_match(
            [block_on("name_keys", "birth_date", arrays_to_explode=["name_keys"])],
            recall=settings.OPENNRM_MATCH_SAME_NAME_AND_DATE_RECALL,
        )
    except (SplinkException, ValueError) as exc:
        logger.warning("starting prior kept: %s", exc)
    if not 0 < model._probability_two_random_records_match < 1:
        # No two records share a whole name and a date: nothing to estimate from.
        model._probability_two_random_records_match = prior
    report("training: u by random sampling")
    linker.training.estimate_u_using_random_sampling(max_pairs=min(1e7, len(records) * 20))
    report("training: m by expectation-maximisation")
    # Among pairs born the same day (and of one sex and one citizenship where the file gives
    # them): mostly true matches, and a few million pairs at most even in a million records.
    columns = ["birth_date", *(c for c in ("sex", "citizenship") if _filled(records, c))]
    prior = model._probability_two_random_records_match
    try:
        linker.training.estimate_parameters_using_expectation_maximisation(block_on(*columns))
    except (SplinkException, ValueError) as exc:
        # Splink may have touched the prior before finding no pairs: put it back.
        model._probability_two_random_records_match = prior
        logger.warning("starting m values kept: %s", exc)
    if len(columns) > 1:
        # Sex and citizenship were blocked on above, so not learnt: learn them among pairs
        # with the same names as written and the same date (mostly one person, whatever their
        # sex and citizenship say), so that a file where one person's records never differ in
        # citizenship counts a difference for more than one where they often do.
        # Splink warns of each level no pair shows (a file where one person's sex never
        # differs): that level keeps its starting value, which is what is wanted.
        splink_logger = logging.getLogger("splink")
        level = splink_logger.level
        splink_logger.setLevel(logging.ERROR)
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                block_on("given_shape", "family_shape", "birth_date")
            )
        except (SplinkException, ValueError) as exc:
            model._probability_two_random_records_match = prior
            logger.warning("starting m values of sex and citizenship kept: %s", exc)
        finally:
            splink_logger.setLevel(level)


def compared_pairs(records: list[dict[str, Any]]) -> set[tuple[str, str]]:
    """The pairs of records a batch linkage compares at all (its blocking), whatever their
    score: a pair that is never compared can never be found."""
    undated = any(r["birth_year"] is None for r in records)
    frequency_keys_fill(records)
    linker = Linker(
        DuckDBAPI().register(records),
        settings_creator(blocking=batch_blocking(undated=undated)),
        log_level=logging.WARNING,
    )
    rows = linker.inference.predict().as_record_list()
    return {tuple(sorted((str(r["unique_id_l"]), str(r["unique_id_r"])))) for r in rows}  # type: ignore[misc]


def predict_pairs(
    records: list[dict[str, Any]],
    *,
    threshold: float,
    engine: str = "duckdb",
    stage: Stage | None = None,
) -> list[tuple[str, str, PairScore]]:
    """Pairs of records (left id, right id, score) at or above the threshold."""
    _linker, predictions = _predictions(records, threshold=threshold, engine=engine, stage=stage)
    pairs = []
    for row in predictions.as_record_list():
        agreeing, disagreeing = agreement(row)
        pairs.append(
            (
                str(row["unique_id_l"]),
                str(row["unique_id_r"]),
                PairScore(
                    candidate_id=str(row["unique_id_r"]),
                    probability=float(row["match_probability"]),
                    agreeing=agreeing,
                    disagreeing=disagreeing,
                ),
            )
        )
    return pairs


def review_pairs(
    records: list[dict[str, Any]],
    *,
    threshold: float,
    engine: str = "duckdb",
    stage: Stage | None = None,
) -> list[tuple[str, str, PairScore]]:
    """Pairs for a reviewer: those at or above the threshold, and for each record with a year
    of birth only that none of those holds, its strongest pair to the one person it may be
    (the sole candidate of clusters.py, from the sole-candidate threshold up). Nothing is merged
    here: a person decides."""
    sole = min(threshold, settings.OPENNRM_MATCH_SOLE_CANDIDATE_THRESHOLD)
    scored = predict_pairs(records, threshold=sole, engine=engine, stage=stage)
    strong = [pair for pair in scored if pair[2].probability >= threshold]
    births = {str(r["unique_id"]): r["birth_date"] for r in records}
    clusters = cluster_pairs(
        list(births),
        births,
        ((left, right, pair.probability) for left, right, pair in scored),
        threshold=threshold,
    )
    held = {node for left, right, _score in strong for node in (left, right)}
    sole_pairs: dict[str, tuple[str, str, PairScore]] = {}
    for left, right, pair in scored:
        if pair.probability >= threshold or clusters[left][0] != clusters[right][0]:
            continue
        for undated in (left, right):
            if births[undated] is None and undated not in held:
                known = sole_pairs.get(undated)
                if known is None or pair.probability > known[2].probability:
                    sole_pairs[undated] = (left, right, pair)
    unique = {(left, right): (left, right, pair) for left, right, pair in sole_pairs.values()}
    return strong + sorted(unique.values(), key=lambda item: -item[2].probability)


@dataclass
class Linked:
    """A file deduplicated: (id, cluster id, highest match probability with another record of
    its cluster, or None for a record alone) for every record, and the records left alone
    because they are about as likely to be two people (record -> [(cluster id, probability)])."""

    rows: list[tuple[str, str, float | None]]
    undecided: dict[str, list[tuple[str, float]]]


def link_dataset(
    records: list[dict[str, Any]],
    *,
    threshold: float,
    engine: str = "duckdb",
    stage: Stage | None = None,
) -> Linked:
    """Deduplicate records. Pairs from the sole-candidate threshold up are scored too: they
    lead a record with a year of birth only to its one possible person."""
    report = stage or (lambda _label: None)
    sole = min(threshold, settings.OPENNRM_MATCH_SOLE_CANDIDATE_THRESHOLD)
    linker, predictions = _predictions(records, threshold=sole, engine=engine, stage=stage)
    report("clustering")
    scored = linker.misc.query_sql(  # type: ignore[no-untyped-call]
        f"select unique_id_l, unique_id_r, match_probability from {predictions.physical_name}"  # noqa: S608
    )
    found = cluster_records(
        [str(r["unique_id"]) for r in records],
        {str(r["unique_id"]): r["birth_date"] for r in records},
        (
            (str(p["unique_id_l"]), str(p["unique_id_r"]), float(p["match_probability"]))
            for p in scored.as_record_list()
        ),
        threshold=threshold,
    )
    return Linked(
        rows=sorted((identifier, *found.members[identifier]) for identifier in found.members),
        undecided=found.undecided,
    )


def _engine_api(engine: str) -> Any:
    if engine == "duckdb":
        return DuckDBAPI()
    if engine == "spark":
        try:
            from opennrm.matching.spark import local_spark_api
        except ImportError as exc:  # pragma: no cover - depends on the installation
            raise ValueError("the Spark engine needs pyspark and Java 17+") from exc
        return local_spark_api()
    raise ValueError(f"unknown engine {engine!r}")
