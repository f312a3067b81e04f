"""Run a command with this process's clock moved forward: ``shifted_clock.py SECONDS CMD…``.

The topology test uses it to run the recovery steps "later" (past the time after which a task
left running by a killed worker is presumed dead) without waiting for that time. Only this
process's clock moves (time-machine); the databases and every other process keep real time.
"""

import runpy
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import time_machine

seconds, script, *arguments = sys.argv[1:]
time_machine.travel(datetime.now(UTC) + timedelta(seconds=float(seconds)), tick=True).start()
sys.argv = [script, *arguments]
sys.path[0] = str(Path(script).resolve().parent)  # as if the script had been run directly
runpy.run_path(script, run_name="__main__")
