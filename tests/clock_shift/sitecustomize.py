"""Moves this Python process's clock, and so every Python process a test starts, for the future-dated CI run.

`.ci/run` puts this folder on PYTHONPATH, so Python imports it at start-up in the test process and in every
`medbot` subprocess the tests start. Either variable turns it on:
- MEDBOT_CLOCK_SHIFT_DAYS=400: the real time plus that many days (every process shifts by the same amount);
- MEDBOT_CLOCK_AT=2028-02-29T09:30:00+01:00: that moment at start-up, ticking on from there.
Unset, it does nothing. It needs the dev dependency `time-machine`.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta


def _start() -> None:
    shift = os.environ.get("MEDBOT_CLOCK_SHIFT_DAYS", "").strip()
    at = os.environ.get("MEDBOT_CLOCK_AT", "").strip()
    if not shift and not at:
        return
    import time_machine

    destination = datetime.fromisoformat(at) if at else datetime.now().astimezone() + timedelta(days=int(shift))
    time_machine.travel(destination, tick=True).start()


_start()
