"""gunicorn settings for OpenNRM (`gunicorn -c config/gunicorn_conf.py config.wsgi`).

Each worker, once it has loaded the application, moves everything loaded so far (Django,
the templates, the translations: hundreds of thousands of objects that live as long as the
process) out of the garbage collector's reach, and collects the youngest objects less often.
A page allocates tens of thousands of short-lived objects; with the default threshold (700)
the collector runs dozens of times per page and walks the whole heap on its oldest
generation. Measured in bench/load_bench.py (docs/benchmarks.md)."""

from __future__ import annotations

import gc
import os
from typing import Any

# Allocations between two collections of the youngest generation (Python's default: 700).
GC_THRESHOLD = int(os.environ.get("OPENNRM_GC_THRESHOLD", "50000"))


def post_worker_init(worker: Any) -> None:
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, 20, 20)
