"""Load: locust (headless, bounded in time, 127.0.0.1 only) against gunicorn, with mixed traffic
of case managers (list, case page, note, referrals), hotline operators (contact form) and
coordinators (dashboards). Target: >= 50 requests/s at p95 <= 300 ms with 0 errors on 2 cores.

    python bench/load_bench.py [--cases 100000] [--users 60] [--seconds 120] [--reuse]
    python bench/load_bench.py --smoke      # CI: 20 s against the demo on SQLite, 0 errors

The full run loads the cases into PostgreSQL (LOAD_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/opennrm_load) with bench/stats_bench.py's loader (16
organisations, decisions, contacts, referrals); the case manager works in the first of them. Prints the figures for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
LOAD_URL = os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/opennrm_load")
DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - the synthetic demo accounts


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(env: dict[str, str], *args: str) -> None:
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)


def prepare_full(env: dict[str, str], cases: int, reuse: bool) -> dict[str, list[str]]:
    """PostgreSQL with `cases` cases (bulk loaded) and the three accounts."""
    setup = f"""
import sys
sys.path.insert(0, "bench")
from stats_bench import load
from opennrm.accounts.models import Organisation, User
from opennrm.accounts.services import membership_grant, user_create
from opennrm.cases.models import Case
if not Case.objects.exists():
    load({cases})
if not User.objects.filter(username="load.operator").exists():
    home = Organisation.objects.get(name="Bench organisation 0")
    operator = user_create(username="load.operator", password="{DEMO_PASSWORD}")
    membership_grant(user=operator, organisation=home, role="hotline_operator")
print(Case.objects.count())
"""
    if not reuse:
        import psycopg

        name = LOAD_URL.rsplit("/", 1)[1]
        with psycopg.connect(LOAD_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}"')
            c.execute(f'CREATE DATABASE "{name}"')
    run(env, "migrate", "--noinput")
    started = time.monotonic()
    done = subprocess.run(
        [PY, "manage.py", "shell", "-c", setup],
        cwd=ROOT,
        env=env,
        check=False,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"loading failed:\n{done.stderr[-3000:]}")
    out = done.stdout.strip().splitlines()[-1]
    print(f"{int(out):,} cases in the database ({time.monotonic() - started:.0f} s to load)")
    return {
        "case_manager": ["bench.sender", "bench-password-2026"],
        "hotline_operator": ["load.operator", DEMO_PASSWORD],
        "coordinator": ["bench.coordinator", "bench-password-2026"],
    }


def prepare_smoke(env: dict[str, str]) -> dict[str, list[str]]:
    run(env, "migrate", "--noinput")
    run(env, "seed_demo", "--persons", "150")
    return {
        "case_manager": ["manager", DEMO_PASSWORD],
        "hotline_operator": ["operator", DEMO_PASSWORD],
        "coordinator": ["coordinator", DEMO_PASSWORD],
    }


def wait_ready(port: int) -> None:
    for _ in range(600):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=5):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def aggregated(prefix: Path) -> dict[str, str]:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {
        "rows": json.dumps(rows),
        **next(r for r in rows if r["Name"] == "Aggregated"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=60)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="opennrm-load-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "OPENNRM_REQUIRE_MFA": "false",
        "OPENNRM_HTTPS": "false",
        "DJANGO_DEBUG": "false",
        "OPENNRM_STATIC_ROOT": str(work / "static"),
        "OPENNRM_TASK_QUEUE_FILE": str(work / "tasks.sqlite3"),
        "OPENNRM_SUBJECT_KEY_ESCROW": str(work / "escrow"),
        # Many sign-ins from one address in a few seconds: the bench is not an attack.
        "OPENNRM_LOGIN_FAILURE_LIMIT": "1000",
    }
    if args.smoke:
        env.update(
            DATABASE_URL=f"sqlite:///{work / 'load.sqlite3'}",
            OPENNRM_KEY_FILE=str(work / "keys.json"),
        )
        env.pop("OPENNRM_KEYS_JSON", None)
        run(env, "generate_keys")
        accounts = prepare_smoke(env)
        args.seconds, args.users = 20, 10
    else:
        key_file = ROOT / "var" / "load-keys.json"
        env.update(DATABASE_URL=LOAD_URL, OPENNRM_KEY_FILE=str(key_file))
        # As in production (docs/operations.md): one cache shared by the workers.
        env.setdefault("OPENNRM_CACHE_URL", "redis://127.0.0.1:6379/3")
        env.pop("OPENNRM_KEYS_JSON", None)
        if not (args.reuse and key_file.exists()):
            key_file.unlink(missing_ok=True)
            run(env, "generate_keys")
        # The loader encrypts under the key in OPENNRM_KEYS_JSON (as case_list_bench does).
        env["OPENNRM_KEYS_JSON"] = key_file.read_text()
        accounts = prepare_full(env, args.cases, args.reuse)
    run(env, "collectstatic", "--noinput")
    port = free_port()
    server = subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "-c",
            "config/gunicorn_conf.py",
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_ready(port)
        prefix = work / "load"
        subprocess.run(
            [
                PY,
                "-m",
                "locust",
                "-f",
                str(ROOT / "bench" / "load" / "locustfile.py"),
                "--headless",
                "--host",
                f"http://127.0.0.1:{port}",
                "-u",
                str(args.users),
                "-r",
                str(args.spawn_rate),
                "-t",
                f"{args.seconds}s",
                "--csv",
                str(prefix),
                # Figures of the steady state: the ramp-up is left out, and the locustfile
                # starts them again once every user has signed in.
                "--reset-stats",
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={**env, "LOAD_ACCOUNTS": json.dumps(accounts)},
            check=False,
            stdout=subprocess.DEVNULL,
        )
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
    total = aggregated(prefix)
    rps = float(total["Requests/s"])
    p95 = float(total["95%"])
    errors = int(total["Failure Count"])
    print(
        f"Machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"{args.users} users for {args.seconds} s, gunicorn {args.workers} workers")
    print(f"{'request':<32}{'count':>8}{'fail':>6}{'p50':>7}{'p95':>7}{'max':>7}")
    for row in json.loads(total["rows"]):
        print(
            f"{row['Name'][:31]:<32}{row['Request Count']:>8}{row['Failure Count']:>6}"
            f"{row['50%']:>7}{row['95%']:>7}{float(row['Max Response Time']):>7.0f}"
        )
    verdict = rps >= 50 and p95 <= 300 and errors == 0
    print(
        f"\n{rps:.1f} requests/s, p95 {p95:.0f} ms, {errors} errors: "
        f"{'target met' if verdict else 'target NOT met'} (>= 50/s, p95 <= 300 ms, 0 errors)"
    )
    if args.smoke:
        return 0 if errors == 0 and int(total["Request Count"]) > 0 else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
