"""Autosave latency on the local SQLite file and on a shared PostgreSQL server, side by side in one run.

    python benchmarks/store.py [--pg URL] [--writers 8] [--autosaves 200] [--drafts 4] [--single 300]

Two figures per backend, measured in the same run on the same machine:

* **one station**: ``--single`` field autosaves by one process (what a user typing alone waits for);
* **office load**: ``--writers`` processes × ``--autosaves`` field autosaves into ``--drafts`` shared drafts at once,
  each writer in its own field, based on its own previous write (as the GUI's autosave does); every autosave's
  latency is recorded by the writer.

Prints p50 / p95 / max per backend and the PostgreSQL / SQLite ratio of the p95s. The server is ``--pg``, else
``BEIAN_TEST_PG_URL``, else a throw-away cluster started for the run (Debian's postgresql package, as in .ci/run).
Each backend gets a fresh database (SQLite: a temporary file; PostgreSQL: a new schema, dropped at the end).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # pg_support: the same server helpers as the tests

FIELDS = ["notes", "contact.email", "contact.phone", "subject.mailing_address", "principal.name", "principal.mobile",
          "principal.email", "subject.investor"]


def worker(url: str, writer: int, count: int, go: str, drafts: list[str]) -> None:
    from beian_desktop.store import open_store

    path = FIELDS[writer % len(FIELDS)]
    store = open_store(url, migrate=False, busy_timeout=60, station=f"bench-{writer}")
    bases = {d: store.drafts.version(d) for d in drafts}
    while not os.path.exists(go):
        time.sleep(0.005)
    latencies = []
    for i in range(count):
        draft_id = drafts[(i + writer) % len(drafts)]
        start = time.perf_counter()
        bases[draft_id] = store.drafts.save_field(draft_id, path, f"w{writer}-{i}", base_version=bases[draft_id])
        latencies.append((time.perf_counter() - start) * 1000)
    store.close()
    print(json.dumps(latencies))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def single(url: str, count: int) -> list[float]:
    from beian_desktop.store import open_store

    with open_store(url) as store:
        draft_id = store.drafts.create()
        base = store.drafts.version(draft_id)
        latencies = []
        for i in range(count):
            start = time.perf_counter()
            base = store.drafts.save_field(draft_id, "notes", f"typed {i}", base_version=base)
            latencies.append((time.perf_counter() - start) * 1000)
    return latencies


def office(url: str, writers: int, autosaves: int, n_drafts: int, tmp: Path) -> tuple[list[float], float]:
    from beian_desktop.store import open_store

    with open_store(url) as store:
        drafts = [store.drafts.create() for _ in range(n_drafts)]
    go = tmp / f"go-{time.monotonic_ns()}"
    procs = [
        subprocess.Popen([sys.executable, __file__, "--worker", url, str(w), str(autosaves), str(go), *drafts],
                         stdout=subprocess.PIPE, text=True)
        for w in range(writers)
    ]
    time.sleep(3)  # let every writer import and connect
    start = time.perf_counter()
    go.touch()
    latencies: list[float] = []
    for proc in procs:
        out, _ = proc.communicate(timeout=1800)
        if proc.returncode != 0:
            raise SystemExit(f"a writer failed on {url.split(':')[0]}")
        latencies += json.loads(out)
    return latencies, time.perf_counter() - start


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", metavar="URL", default=os.environ.get("BEIAN_TEST_PG_URL"))
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--autosaves", type=int, default=200)
    parser.add_argument("--drafts", type=int, default=4)
    parser.add_argument("--single", type=int, default=300)
    args = parser.parse_args()

    import pg_support

    cluster = None
    server = args.pg
    if not server:
        bindir = pg_support.bin_dir()
        if bindir is None:
            raise SystemExit(pg_support.NO_SERVER_REASON)
        cluster = pg_support.Cluster(bindir)
        cluster.start()
        server = cluster.url
    schema = pg_support.IsolatedSchema(server)
    rows = []
    try:
        with tempfile.TemporaryDirectory() as tmp_name:
            tmp = Path(tmp_name)
            os.environ["BEIAN_DESKTOP_HOME"] = str(tmp / "home")
            # throw-away databases, encrypted as always: a random passphrase for this run (the writer processes
            # inherit it), never the user's keyring (the null backend is refused, so the passphrase is used)
            os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
            os.environ.setdefault("BEIAN_DESKTOP_PASSPHRASE", secrets.token_urlsafe(24))
            backends = [("SQLite", f"sqlite:///{tmp / 'bench.sqlite3'}"), ("PostgreSQL", schema.url)]
            for name, url in backends:
                one = single(url, args.single)
                many, wall = office(url, args.writers, args.autosaves, args.drafts, tmp)
                rows.append((name, one, many, wall))
    finally:
        schema.drop()
        if cluster is not None:
            cluster.remove()

    total = args.writers * args.autosaves
    print(f"autosave latency, ms (one station: {args.single} autosaves; office load: {args.writers} processes x "
          f"{args.autosaves} autosaves on {args.drafts} shared drafts); CPUs: {os.cpu_count()}, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"{'backend':<11} {'one p50':>8} {'one p95':>8} {'load p50':>9} {'load p95':>9} {'load max':>9} {'autosaves/s':>12}")
    for name, one, many, wall in rows:
        print(f"{name:<11} {statistics.median(one):8.1f} {percentile(one, 0.95):8.1f} {statistics.median(many):9.1f} "
              f"{percentile(many, 0.95):9.1f} {max(many):9.1f} {total / wall:12.0f}")
    (_, one_s, many_s, _), (_, one_p, many_p, _) = rows
    print(f"PostgreSQL / SQLite p95: one station {percentile(one_p, 0.95) / percentile(one_s, 0.95):.2f}, "
          f"office load {percentile(many_p, 0.95) / percentile(many_s, 0.95):.2f}")


if __name__ == "__main__":
    main()
