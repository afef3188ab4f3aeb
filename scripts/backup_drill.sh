#!/usr/bin/env bash
# The backup drill (issue 14): the demo is seeded into a fresh database, backed up while the
# application's data are in it, restored into another fresh database and verified there
# (every table's row count and digest against the backup's manifest, the audit chain), on
# SQLite and, when DATABASE_URL names a PostgreSQL server, on PostgreSQL. Exit 1 on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
work=$(mktemp -d)
pg_url="${DATABASE_URL:-}"
export PGOPTIONS="--client-min-messages=warning"
cleanup() {
  rm -rf "$work"
  if [[ "$pg_url" == postgres* ]]; then
    for db in opennrm_drill_source opennrm_drill_restored; do
      psql "${pg_url%/*}/postgres" -qc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
    done
  fi
}
trap cleanup EXIT
export OPENNRM_KEY_FILE="$work/keys.json" OPENNRM_BACKUP_KEY_FILE="$work/backup-key.json"
export OPENNRM_TASK_QUEUE_FILE="$work/tasks.sqlite3"
export OPENNRM_SUBJECT_KEY_ESCROW="$work/subject-keys.escrow"
unset OPENNRM_KEYS_JSON OPENNRM_BACKUP_KEY
$PY manage.py generate_keys >/dev/null
$PY manage.py generate_backup_key >/dev/null

drill() {
  local name=$1 source=$2 restored=$3
  echo "--- backup drill on $name"
  DATABASE_URL="$source" $PY manage.py migrate --noinput -v0
  DATABASE_URL="$source" $PY manage.py seed_demo --persons 120 >/dev/null
  DATABASE_URL="$source" $PY manage.py backup --output "$work/$name.onrm"
  DATABASE_URL="$restored" $PY manage.py restore "$work/$name.onrm"
  DATABASE_URL="$restored" $PY manage.py audit_verify
}

drill sqlite "sqlite:///$work/source.sqlite3" "sqlite:///$work/restored.sqlite3"
if [[ "$pg_url" == postgres* ]]; then
  server="${pg_url%/*}"
  for db in opennrm_drill_source opennrm_drill_restored; do
    psql "$server/postgres" -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
  done
  drill postgresql "$server/opennrm_drill_source" "$server/opennrm_drill_restored"
else
  echo "DATABASE_URL not set to PostgreSQL: the PostgreSQL drill skipped"
fi
