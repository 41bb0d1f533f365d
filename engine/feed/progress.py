"""A progress line for a command that walks many articles on its own (not through
`batch.process`, which has its own), e.g. `rasti index`: on a terminal one self-overwriting
line at most 5 times a second; asked for on a pipe or file (--progress), a plain line every few
seconds, so a log shows the run is alive without a wall of carriage returns. Always the last
count when it closes."""
from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, on: bool, stream: TextIO | None = None, label: str = "articles") -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.on = bool(on)
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.label = label
        self.started = self.last = time.perf_counter()
        self.count = self.errors = 0
        self.shown = False

    def tick(self, error: bool = False) -> None:
        """One more article (an input error when ``error``)."""
        self.count += 1
        self.errors += bool(error)
        if not self.on:
            return
        now = time.perf_counter()
        if now - self.last >= (0.2 if self.tty else 5.0):
            self.last = now
            self._write()

    def line(self) -> str:
        secs = max(time.perf_counter() - self.started, 1e-9)
        return (f"{self.count} {self.label}, {self.errors} error{'' if self.errors == 1 else 's'}, "
                f"{self.count / secs:.1f} {self.label}/s")

    def _write(self) -> None:
        if self.tty:
            self.stream.write("\r\x1b[K" + self.line())
        else:
            self.stream.write(self.line() + "\n")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        """The final count (on a terminal, the overwritten line is replaced by it)."""
        if not self.on:
            return
        if self.tty:
            self.stream.write("\r\x1b[K")
        self.stream.write(self.line() + "\n")
        self.stream.flush()
