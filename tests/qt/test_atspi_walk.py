"""Issue 22: the inbox walked through AT-SPI, the interface Orca and other Linux screen readers
use, in a real X window (an Xvfb this test starts) on a private session bus: Tab is pressed
with xdotool and the focused object read from the accessibility tree after each press.

Needs Debian's at-spi2-core and python3-pyatspi, Xvfb, xdotool and dbus (scripts/bootstrap.sh
installs them as root); without them the test says which is missing and skips."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_PYTHON = "/usr/bin/python3"
PRESSES = 40


def _missing() -> str:
    for tool in ("Xvfb", "xdotool", "dbus-run-session"):
        if shutil.which(tool) is None:
            return tool
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True)
    return "" if probe.returncode == 0 else "python3-pyatspi"


@pytest.fixture
def display():
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()  # Xvfb writes the display it chose once it is ready
    yield f":{number}"
    xvfb.terminate()
    xvfb.wait(timeout=20)


def test_a_screen_reader_tabs_through_the_inbox(tmp_path, display):
    missing = _missing()
    if missing:
        pytest.skip(f"{missing} is not installed (scripts/bootstrap.sh installs it as root)")
    script = f"""
log={tmp_path}/app.log
QT_ACCESSIBILITY=1 QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 QT_QPA_PLATFORM=xcb PYTHONPATH={ROOT} \\
  {sys.executable} -m tests.qt.atspi.app {tmp_path} inbox >"$log" 2>&1 &
app=$!
for _ in $(seq 400); do grep -q READY "$log" && break; kill -0 $app || break; sleep 0.05; done
{SYSTEM_PYTHON} {ROOT}/tests/qt/atspi/walker.py {PRESSES}
rc=$?
kill $app
exit $rc
"""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM",)}
    env["DISPLAY"] = display
    done = subprocess.run(
        ["dbus-run-session", "--", "bash", "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:] + (tmp_path / "app.log").read_text()[-2000:]
    steps = [tuple(step) for step in json.loads(done.stdout.strip().splitlines()[-1])]
    back = steps.index(steps[0], 1)  # Tab came back to where it started: no trap
    walk = steps[:back]
    assert back <= PRESSES
    assert all((label or name).strip() for _role, label, name in walk), walk  # all named
    assert len(set(walk)) == len(walk), walk  # each control once, told apart by what is read
    combos = [(label, name) for role, label, name in walk if role == "combo box"]
    assert combos and all(label for label, _value in combos), combos  # "Priority: Any"
    roles = [role for role, _label, _name in walk]
    assert "table" in roles  # the case table is reached, and left
    assert walk.index(next(s for s in walk if s[0] == "table")) < len(walk) - 2
    assert walk[-1][0] == "push button" and "sync problems: 0" in walk[-1][2].lower()  # last
    assert any(role == "list" and name == "Pages" for role, _label, name in walk)
