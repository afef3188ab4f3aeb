"""Spark, for a deployment that outgrows one machine's DuckDB. Here it runs in local mode (one
JVM beside Python, as many cores as the machine has); a cluster is configured through
SPARK_MASTER and the usual Spark settings."""

from __future__ import annotations

import os
import tempfile
from typing import Any

RECORD_SCHEMA = [
    ("unique_id", "string"),
    ("name_keys", "array<string>"),
    ("slip_keys", "array<string>"),
    ("given_tf", "string"),
    ("family_tf", "string"),
    ("birth_day", "string"),
    ("given_keys", "array<string>"),
    ("family_keys", "array<string>"),
    ("given_shape", "string"),
    ("family_shape", "string"),
    ("birth_date", "string"),
    ("birth_year", "int"),
    ("sex", "string"),
    ("citizenship", "string"),
    ("phone", "string"),
    ("family2_keys", "array<string>"),
    ("organisation", "string"),
    ("registered_day", "int"),
]


def spark_frame(api: Any, records: list[dict[str, Any]]) -> Any:
    """Records as a Spark DataFrame with an explicit schema (Spark cannot infer one from
    dictionaries holding lists and missing values)."""
    schema = ", ".join(f"{name} {kind}" for name, kind in RECORD_SCHEMA)
    rows = [tuple(record.get(name) for name, _kind in RECORD_SCHEMA) for record in records]
    return api.spark.createDataFrame(rows, schema=schema)


def local_spark_api() -> Any:
    from pyspark.sql import SparkSession
    from splink import SparkAPI
    from splink.internals.spark.jar_location import similarity_jar_location

    checkpoints = tempfile.mkdtemp(prefix="opennrm-spark-")
    session = (
        SparkSession.builder.master(os.environ.get("SPARK_MASTER", "local[*]"))
        .appName("opennrm-link")
        .config("spark.ui.enabled", "false")
        # Splink's string-similarity functions (Jaro-Winkler) for Spark SQL.
        .config("spark.jars", similarity_jar_location())
        .config("spark.sql.shuffle.partitions", os.environ.get("SPARK_SHUFFLE_PARTITIONS", "8"))
        .config("spark.driver.memory", os.environ.get("SPARK_DRIVER_MEMORY", "4g"))
        .getOrCreate()
    )
    session.sparkContext.setCheckpointDir(checkpoints)
    session.sparkContext.setLogLevel("ERROR")
    return SparkAPI(spark_session=session, num_partitions_on_repartition=8)  # type: ignore[no-untyped-call]
