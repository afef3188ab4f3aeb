# OpenNRM developer commands. `make demo` and `make test` are the two a newcomer needs.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
export DJANGO_SETTINGS_MODULE := config.settings

.PHONY: audit demo test install lint types migrations-check pytest pytest-sqlite pytest-postgres serve messages bench clean reliability

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip setuptools
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

# Demo on SQLite: keys in var/, demo data, MFA relaxed (demo only), served on 127.0.0.1:8000
# without DEBUG (the application's own error pages; static files collected and served by
# WhiteNoise) and over plain HTTP on the loopback.
demo: export DJANGO_DEBUG := false
demo: export OPENNRM_HTTPS := false
demo: export OPENNRM_REQUIRE_MFA := false
demo: install
	@bash scripts/system_packages.sh
	$(PY) manage.py generate_keys --if-missing
	$(PY) manage.py generate_backup_key --if-missing
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py migrate --noinput
	$(PY) manage.py match_keys_rebuild --if-outdated
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py train_match_model --if-missing
	@$(PY) manage.py seed_demo --print-logins
	@# The scheduler (daily deadline e-mail, printed on the console in the demo) runs beside the server.
	$(PY) manage.py run_huey --workers 1 --worker-type thread & HUEY_PID=$$!; \
		trap 'kill $$HUEY_PID 2>/dev/null' EXIT INT TERM; \
		$(PY) manage.py runserver 127.0.0.1:8000

test: install lint types migrations-check audit pytest reliability

# The reliability battery (issue 14), on SQLite and on PostgreSQL when DATABASE_URL names one:
# the backup drill (back up the demo, restore it into a fresh database, verify every table and
# the audit chain), the crash drill (gunicorn killed with SIGKILL 20 times while clients
# write through the API: every acknowledged write must be there, whole), the API fuzzing
# of every role (schemathesis: no server error, no answer off the schema; on PostgreSQL when
# there is one, else SQLite) and a 20-second load smoke test (locust against gunicorn: 0
# errors; the measured load bench is bench/load_bench.py, figures in docs/benchmarks.md).
reliability: install
	PY=$(PY) bash scripts/backup_drill.sh
	$(PY) scripts/crash_drill.py --rounds 20
	$(PY) -m pytest -q -m fuzz
	$(PY) bench/load_bench.py --smoke

# Known vulnerabilities in the installed packages: the live PyPI service, else the offline
# snapshot of the PyPA Advisory Database (security/advisories-pypi.json, its age printed).
# Fails on a vulnerability not accepted in security/audit-ignore.txt, and when it cannot run.
audit: install
	$(PY) scripts/dependency_audit.py

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

types: install
	$(VENV)/bin/mypy .

migrations-check: install
	$(PY) manage.py makemigrations --check --dry-run

# The suite runs on SQLite, then again on PostgreSQL when DATABASE_URL points at one.
pytest: install
	env -u DATABASE_URL $(PY) -m pytest -q -m "not fuzz"
	@if [ -n "$$DATABASE_URL" ]; then \
		echo "--- again on PostgreSQL ($$DATABASE_URL)"; \
		$(PY) -m pytest -q -m "not fuzz"; \
	else echo "DATABASE_URL not set: PostgreSQL run skipped"; fi

# Extract strings, fill French and Arabic from opennrm/locale/translations_*.tsv, write .mo files.
messages: install
	cd opennrm && ../$(PY) ../manage.py makemessages -l fr -l ar --no-obsolete --ignore 'static/*'
	$(PY) opennrm/locale/fill_translations.py

bench: install
	$(PY) bench/case_list_bench.py

clean:
	rm -rf var/opennrm.sqlite3* var/static
