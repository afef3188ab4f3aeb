"""The stages of a long linkage command, shown as they pass.

On a terminal, a progress bar advances stage by stage (tqdm) with the stage under way, the
time spent and, while a file is read, the lines read so far. Elsewhere (a log file, a pipe,
cron), one line per stage with the elapsed time, which reads well in a log."""

from __future__ import annotations

import time
from typing import TextIO

from tqdm import tqdm


class Stages:
    def __init__(self, labels: list[str], stream: TextIO) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.started = time.monotonic()
        self.current: str | None = None
        self.total = len(labels)
        self.bar = tqdm(
            total=len(labels),
            file=stream,
            disable=not self.tty,
            unit="stage",
            bar_format="{desc} |{bar}| stage {n_fmt}/{total_fmt} [{elapsed}]",
            dynamic_ncols=True,
        )

    def __call__(self, label: str) -> None:
        """A new stage begins (the one before it is done)."""
        if self.current is not None:
            self.bar.update(1)
        self.current = label
        if self.tty:
            self.bar.set_description_str(label)
        else:
            self.stream.write(f"[{time.monotonic() - self.started:7.1f} s] {label}\n")

    def rows(self, line: int) -> None:
        """Lines read so far, on a terminal only (a log needs no running count)."""
        if self.tty:
            self.bar.set_description_str(f"{self.current} ({line:,} lines)")

    def done(self) -> None:
        """All done: the bar ends full, whichever optional stages were skipped."""
        self.bar.update(self.total - self.bar.n)

    def __enter__(self) -> Stages:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.bar.close()

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started
