"""Start-up benchmark: time to the first shown window of Beian Desktop vs. a bare PySide6 QMainWindow.

    python benchmarks/startup.py [--runs 7]

Each measurement is a fresh Python process (interleaved, so both see the same machine load); the figure is the
wall-clock time from spawning the process until the window is exposed. Prints the medians and their ratio
(target: <= 2). Uses the offscreen platform when there is no display, and a throw-away database and home.

The window is interactive when it is shown; the draft database (SQLAlchemy, Alembic) is imported in the thread pool
and opened right after, as in the real application, so it is not part of the measured figure.

Second figure, "window shown -> last draft interactive": the app is started with a sample draft saved as the one that
was open (on the data page); measured from the window being exposed until the wizard shows that draft, plus the
longest the event loop was blocked meanwhile (a 5 ms timer that cannot fire while the GUI thread works): what the
user sees as a freeze after the window appears. Baseline in the same run (interleaved): the same start with the draft
read and the wizard prepared on the GUI thread (``restore_last(background=False)``).

Third figure, the installer (issue 15): the frozen app's start "window shown" next to the source install's, both through
the same entry script (``packaging/entry.py`` with ``BEIAN_DESKTOP_STARTUP_PROBE=1``, which prints ``shown`` once the
main window is exposed and quits), interleaved, plus the bundle's size. Uses ``dist/beian-desktop/`` when it exists
(``python build_installer.py``), another one-folder build with ``--frozen DIR``, or builds it first with ``--build``
(``build_installer.py --skip-smoke``, about 2 min). ``--drop-caches`` (root only) empties the page cache before every
run: a true cold start from disk; without it every process is new but the files are in the page cache (warm start).

    python benchmarks/startup.py --runs 7                    # all three figures (frozen if dist/ has a build)
    python benchmarks/startup.py --frozen-only --runs 7      # only frozen vs source
    python benchmarks/startup.py --frozen-only --build --drop-caches
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FROZEN = ROOT / "dist" / "beian-desktop"
ENTRY = ROOT / "packaging" / "entry.py"

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
from PySide6.QtTest import QTest
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setWindowTitle("bare"); w.resize(1100, 760); w.show()
QTest.qWaitForWindowExposed(w)
print("shown", flush=True)
"""

APP = """
import sys
from PySide6.QtTest import QTest
from beian_desktop.gui.app import create_application, launch
qt_app = create_application(sys.argv[:1])
w = launch(None, "zh_CN")  # exactly what `beian-desktop` does before entering the event loop
QTest.qWaitForWindowExposed(w)
print("shown", flush=True)
heavy = sorted(m for m in ("cv2", "numpy", "PIL.Image") if m in sys.modules)
print("heavy modules loaded at start-up:", heavy or "none", file=sys.stderr)
"""


RESTORE = """
import os, sys, time
from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtTest import QTest
from beian_desktop.gui.app import create_application, launch
if os.environ.get("BENCH_OPEN_ON_GUI_THREAD"):  # the baseline: the draft read and the wizard prepared on the GUI thread
    from beian_desktop.gui.main_window import MainWindow
    _restore = MainWindow.restore_last
    MainWindow.restore_last = lambda self, background=False: _restore(self, background=False)
qt_app = create_application(sys.argv[:1])
w = launch(None, "zh_CN")
QTest.qWaitForWindowExposed(w)
clock = QElapsedTimer(); clock.start()
last = [0]; worst = [0]
def tick():
    now = clock.elapsed(); worst[0] = max(worst[0], now - last[0]); last[0] = now
timer = QTimer(); timer.setInterval(5); timer.timeout.connect(tick); timer.start()
def ready():
    wizard = getattr(w, "_wizard", None)
    return (wizard is not None and wizard.draft_id and w.ui.stack.currentWidget() is wizard
            and wizard.page("details").ui.subjectName.text())
while not ready() and clock.elapsed() < 60000:
    qt_app.processEvents(); time.sleep(0.001)
tick()
print("shown", clock.elapsed(), worst[0], flush=True)
"""

SEED = """
from beian_desktop.gui.settings import GuiSettings
from beian_desktop.sample import create_sample
from beian_desktop.store import open_store
with open_store(None) as store:
    draft_id = create_sample(store, "hangzhou")
GuiSettings(last_draft_id=draft_id, last_page="details").save()
"""


def run_restore(env: dict[str, str], on_gui_thread: bool = False) -> tuple[float, float]:
    """(ms from window exposed to the last draft interactive, longest event-loop block in ms) of one process;
    ``on_gui_thread``: the baseline that reads and prepares the draft on the GUI thread."""
    if on_gui_thread:
        env = dict(env, BENCH_OPEN_ON_GUI_THREAD="1")
    proc = subprocess.run([sys.executable, "-c", RESTORE], env=env, capture_output=True, text=True, timeout=120)
    line = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    if not line.startswith("shown") or proc.returncode != 0:
        raise RuntimeError(proc.stderr)
    _, ready_ms, block_ms = line.split()
    return float(ready_ms), float(block_ms)


def run_once(code: str, env: dict[str, str]) -> float:
    """Seconds from spawning the process until it reports its window shown (the process then finishes normally)."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    _, err = proc.communicate(timeout=120)
    if not line.startswith("shown") or proc.returncode != 0:
        raise RuntimeError(err)
    return elapsed


CPU_SECONDS: dict[str, list[float]] = {}  # command -> CPU seconds (user + system) of each whole run, start to exit


def _children_cpu() -> float:
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_command(command: list[str], env: dict[str, str], drop_caches: bool = False) -> float:
    """Seconds from spawning ``command`` until it prints ``shown`` (the start-up probe of packaging/entry.py).
    Also records the run's CPU time in :data:`CPU_SECONDS` (less sensitive to other jobs on the machine)."""
    if drop_caches:
        subprocess.run(["sync"], check=True)
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    cpu = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    _, err = proc.communicate(timeout=120)
    if not line.startswith("shown") or proc.returncode != 0:
        raise RuntimeError(f"{command[0]}: exit {proc.returncode}, printed {line!r}\n{err[-2000:]}")
    CPU_SECONDS.setdefault(command[-1], []).append(_children_cpu() - cpu)
    return elapsed


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def frozen_vs_source(frozen_dir: Path, env: dict[str, str], runs: int, drop_caches: bool) -> None:
    """The installer's figure: frozen "window shown" vs the source install's, same entry script, interleaved."""
    exe = frozen_dir / ("beian-desktop-cli.exe" if os.name == "nt" else "beian-desktop")
    if not exe.exists():
        raise SystemExit(f"no frozen app at {exe}: run `python build_installer.py` or pass --build / --frozen DIR")
    env = dict(env, BEIAN_DESKTOP_STARTUP_PROBE="1")
    source_cmd, frozen_cmd = [sys.executable, str(ENTRY)], [str(exe)]
    run_command(source_cmd, env)  # creates and migrates the database; not counted
    first_frozen = run_command(frozen_cmd, env, drop_caches)  # the first start of the frozen app after the build
    source, frozen = [], []
    for _ in range(runs):
        source.append(run_command(source_cmd, env, drop_caches))
        frozen.append(run_command(frozen_cmd, env, drop_caches))
    s, f = statistics.median(source), statistics.median(frozen)
    kind = "cold (page cache dropped before each run)" if drop_caches else "new process, files in the page cache"
    print(f"installer start-up, window shown ({kind}):")
    print(f"  source install (python packaging/entry.py): median {s * 1000:7.1f} ms  "
          f"(runs: {', '.join(f'{x * 1000:.0f}' for x in source)})")
    print(f"  frozen app ({exe.relative_to(ROOT) if exe.is_relative_to(ROOT) else exe}): median {f * 1000:7.1f} ms  "
          f"(runs: {', '.join(f'{x * 1000:.0f}' for x in frozen)}; first start {first_frozen * 1000:.0f} ms)")
    print(f"  ratio frozen / source: {f / s:.2f} (goal <= 1.5)")
    cpu_s, cpu_f = (statistics.median(CPU_SECONDS[cmd[-1]][-runs:]) for cmd in (source_cmd, frozen_cmd))
    if cpu_s:
        print(f"  CPU time of a whole run (start, window, quit; user + system): source {cpu_s * 1000:.0f} ms, "
              f"frozen {cpu_f * 1000:.0f} ms, ratio {cpu_f / cpu_s:.2f}")
    print(f"  load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg()) if hasattr(os, 'getloadavg') else '?'}"
          f" on {os.cpu_count()} CPUs")
    print(f"  bundle: {folder_size(frozen_dir) / 1e6:.0f} MB unpacked (goal <= 350 MB)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--frozen", type=Path, default=None,
                        help=f"one-folder build to time (default: {DEFAULT_FROZEN.relative_to(ROOT)} when present)")
    parser.add_argument("--build", action="store_true", help="build it first: build_installer.py --skip-smoke")
    parser.add_argument("--frozen-only", action="store_true", help="only the frozen vs source figure")
    parser.add_argument("--drop-caches", action="store_true", help="empty the page cache before each frozen/source run "
                        "(root only): a true cold start")
    args = parser.parse_args(argv)
    if args.build:
        subprocess.run([sys.executable, str(ROOT / "build_installer.py"), "--skip-smoke"], cwd=ROOT, check=True)
    frozen_dir = args.frozen or (DEFAULT_FROZEN if DEFAULT_FROZEN.is_dir() else None)
    if args.frozen_only and frozen_dir is None:
        parser.error("no frozen build in dist/: run `python build_installer.py`, or pass --build or --frozen DIR")
    with tempfile.TemporaryDirectory(prefix="beian-bench-") as home:
        env = dict(os.environ, BEIAN_DESKTOP_HOME=home)
        env.pop("BEIAN_DESKTOP_DB", None)
        # the draft database is encrypted: a throw-away passphrase for this run, never the user's keyring (the null
        # backend is refused, so the passphrase path is what is timed: one scrypt derivation when the store opens)
        env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
        env.setdefault("BEIAN_DESKTOP_PASSPHRASE", secrets.token_urlsafe(24))
        if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
            env["QT_QPA_PLATFORM"] = "offscreen"
        env.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
        if frozen_dir is not None:
            frozen_vs_source(frozen_dir, env, args.runs, args.drop_caches)
        else:
            print("no frozen build in dist/ (python build_installer.py, or --build): installer figure skipped")
        if args.frozen_only:
            return 0
        run_once(APP, env)  # first run creates and migrates the database; not counted
        bare, app = [], []
        for _ in range(args.runs):
            bare.append(run_once(BARE, env))
            app.append(run_once(APP, env))
        probe = subprocess.run([sys.executable, "-c", APP], env=env, capture_output=True, text=True, check=True)
        subprocess.run([sys.executable, "-c", SEED], env=env, check=True)
        restore, baseline = [], []
        for _ in range(args.runs):  # interleaved: both see the same machine load
            restore.append(run_restore(env))
            baseline.append(run_restore(env, on_gui_thread=True))
    b, a = statistics.median(bare), statistics.median(app)
    print(f"bare PySide6 QMainWindow : median {b * 1000:7.1f} ms  (runs: {', '.join(f'{x * 1000:.0f}' for x in bare)})")
    print(f"Beian Desktop main window: median {a * 1000:7.1f} ms  (runs: {', '.join(f'{x * 1000:.0f}' for x in app)})")
    print(f"ratio: {a / b:.2f} (target <= 2)")
    print(probe.stderr.strip().splitlines()[-1] if probe.stderr.strip() else "")
    for name, runs in (("app (draft prepared in the thread pool)", restore),
                       ("baseline (draft prepared on the GUI thread)", baseline)):
        ready = statistics.median(r for r, _ in runs)
        block = statistics.median(b for _, b in runs)
        print(f"window shown -> last draft interactive, {name}: median {ready:.0f} ms, longest event-loop block "
              f"median {block:.0f} ms (runs: {', '.join(f'{r:.0f}/{b:.0f}' for r, b in runs)})")
    block_ratio = statistics.median(b for _, b in restore) / max(1.0, statistics.median(b for _, b in baseline))
    print(f"longest GUI-thread stall while the last draft opens: {block_ratio:.2f} of the baseline's")
    return 0


if __name__ == "__main__":
    sys.exit(main())
