"""PostgreSQL for the tests: the server named by ``BEIAN_TEST_PG_URL``, or a throw-away cluster started here.

* :func:`server_url` (session-wide): ``BEIAN_TEST_PG_URL`` when set (``.ci/run`` always sets it); otherwise, when
  Debian's PostgreSQL binaries are installed, a cluster created in a temporary folder for this test run; otherwise
  ``None`` and the PostgreSQL variants are skipped with the reason.
* :func:`isolated_url`: a fresh schema on that server for one test (selected through ``search_path`` in the URL), so
  tests never see each other's drafts; dropped afterwards.
* :class:`Cluster`: a private server that a test may stop and start again (outages). ``initdb`` refuses root, so as
  root every server command runs as the ``postgres`` user.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path
from urllib.parse import quote

PG_URL_ENV = "BEIAN_TEST_PG_URL"
PG_BIN_ENV = "BEIAN_TEST_PG_BIN"
NO_SERVER_REASON = (
    f"no PostgreSQL server: set {PG_URL_ENV} (e.g. postgresql://postgres@127.0.0.1:5432/postgres) "
    "or install Debian's postgresql package"
)


def bin_dir() -> Path | None:
    """Folder of ``initdb``/``pg_ctl`` (``BEIAN_TEST_PG_BIN``, Debian's ``/usr/lib/postgresql/N/bin``, or PATH)."""
    candidates = [os.environ.get(PG_BIN_ENV, "")]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    found = shutil.which("initdb")
    candidates.append(str(Path(found).parent) if found else "")
    for folder in candidates:
        if folder and (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A PostgreSQL cluster in a temporary folder, on a free local port, trust authentication for local TCP."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="beian-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.as_postgres = os.geteuid() == 0
        self.running = False
        self.database = "postgres"
        if self.as_postgres:
            shutil.chown(self.root, "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale")

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{self.database}"

    def new_database(self) -> None:
        name = "t_" + uuid.uuid4().hex[:12]
        _admin(f"postgresql://postgres@127.0.0.1:{self.port}/postgres", f'CREATE DATABASE "{name}"')
        self.database = name

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bindir / tool), *args]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd=self.root)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start")
        self.running = True

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")
        self.running = False

    def remove(self) -> None:
        try:
            self.stop("immediate")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.root, ignore_errors=True)


_session_cluster: Cluster | None = None


def server_url() -> str | None:
    """The PostgreSQL server of this test run (see the module docstring), or ``None``."""
    global _session_cluster
    url = os.environ.get(PG_URL_ENV)
    if url:
        return url
    if _session_cluster is None:
        bindir = bin_dir()
        if bindir is None:
            return None
        _session_cluster = Cluster(bindir)
        _session_cluster.start()
    return _session_cluster.url


def stop_session_cluster() -> None:
    global _session_cluster
    if _session_cluster is not None:
        _session_cluster.remove()
        _session_cluster = None


def _admin(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(statement)


def with_search_path(url: str, schema: str) -> str:
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options={quote(f'-csearch_path={schema}')}"


class IsolatedSchema:
    """A fresh schema on ``server``; ``url`` selects it; :meth:`drop` removes it with everything in it."""

    def __init__(self, server: str) -> None:
        self.server = server
        self.schema = "t_" + uuid.uuid4().hex[:12]
        _admin(server, f'CREATE SCHEMA "{self.schema}"')
        self.url = with_search_path(server, self.schema)

    def drop(self) -> None:
        _admin(self.server, f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE')
