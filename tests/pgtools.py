"""A real PostgreSQL for the store and API tests.

1. ``OPENDATA_TEST_DATABASE_URL`` (CI: .ci/postgres.sh) — used as the admin connection;
2. otherwise a throw-away server started here from ``/usr/lib/postgresql/*/bin`` (``initdb``, then ``postgres``
   as a child process in a temporary directory, on a free port; as the ``postgres`` user when running as
   root; the kernel stops it if the test process dies);
3. otherwise the PostgreSQL tests skip with the reason.

Each test store gets a fresh database (``CREATE DATABASE``), or a fresh schema when the account may not
create databases.  One server per test process, stopped at exit.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

_state: dict[str, object] = {}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


try:
    import ctypes

    _libc: Any = ctypes.CDLL("libc.so.6", use_errno=True)
except OSError:                                       # not glibc: no parent-death signal
    _libc = None


def _die_with_parent() -> None:
    """preexec_fn (runs after the switch to the postgres user): the kernel sends SIGTERM to the server when
    the test process dies, however it dies (a killed run, an xdist worker's os._exit)."""
    if _libc is not None:
        _libc.prctl(1, signal.SIGTERM)                # PR_SET_PDEATHSIG


def _sweep_stale() -> None:
    """Remove the directories of servers whose test process was killed (their server died with it)."""
    for d in glob.glob(os.path.join(tempfile.gettempdir(), "opendata-pgtest-*")):
        pidfile = Path(d) / "data" / "postmaster.pid"
        try:
            if time.time() - os.stat(d).st_mtime < 120:
                continue
            if pidfile.is_file():
                os.kill(int(pidfile.read_text().split()[0]), 0)      # still running: leave it
                continue
        except (OSError, ValueError, IndexError):
            pass
        shutil.rmtree(d, ignore_errors=True)


def _start_server() -> tuple[str | None, str]:
    _sweep_stale()
    initdbs = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not initdbs:
        return None, "no PostgreSQL server binaries in /usr/lib/postgresql/*/bin and OPENDATA_TEST_DATABASE_URL is unset"
    bindir = Path(initdbs[-1]).parent
    tmp = Path(tempfile.mkdtemp(prefix="opendata-pgtest-"))
    uid = gid = None
    if os.getuid() == 0:
        try:
            pw = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(tmp, ignore_errors=True)
            return None, "running as root and there is no 'postgres' user to run the test server"
        uid, gid = pw.pw_uid, pw.pw_gid
        os.chown(tmp, uid, gid)
    as_user: dict[str, Any] = {"user": uid, "group": gid, "extra_groups": []} if uid is not None else {}
    port = _free_port()
    data = tmp / "data"
    proc: subprocess.Popen[bytes] | None = None
    try:
        subprocess.run([str(bindir / "initdb"), "-D", str(data), "-U", "opendata", "--auth=trust", "-E", "UTF8",
                        "--locale=C.UTF-8", "-N"], check=True, capture_output=True, timeout=120,
                       cwd=tmp, **as_user)
        log = open(tmp / "log", "wb")  # noqa: SIM115 - the server's log, open while it runs
        proc = subprocess.Popen([str(bindir / "postgres"), "-D", str(data), "-p", str(port), "-k", str(tmp),
                                 "-h", "127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
                                 "-c", "full_page_writes=off"], stdout=log, stderr=log, preexec_fn=_die_with_parent,
                                cwd=tmp, **as_user)
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((tmp / "log").read_text(errors="replace")[-300:]) from None
                time.sleep(0.1)
        url = f"postgresql+psycopg://opendata@127.0.0.1:{port}/postgres"
        deadline = time.monotonic() + 30
        while True:                                   # accepting TCP is not yet accepting queries
            try:
                eng = create_engine(url)
                with eng.connect():
                    pass
                eng.dispose()
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
    except (subprocess.SubprocessError, OSError, RuntimeError) as e:
        err = getattr(e, "stderr", b"") or b""
        if proc is not None:
            proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)
        return None, f"could not start a throw-away PostgreSQL ({e}; {err.decode(errors='replace')[-300:]})"

    def stop() -> None:
        proc.send_signal(signal.SIGQUIT)              # immediate shutdown: the data is thrown away
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)

    atexit.register(stop)
    return url, ""


def admin_url() -> tuple[str | None, str]:
    """The server to create test databases on, or (None, why not)."""
    if "url" not in _state:
        env = os.environ.get("OPENDATA_TEST_DATABASE_URL")
        if env:
            _state["url"], _state["reason"] = env, ""
        else:
            _state["url"], _state["reason"] = _start_server()
    return _state["url"], str(_state["reason"])  # type: ignore[return-value]


def new_database() -> tuple[str, object]:
    """A fresh, empty database (or schema) on the test server: (url, drop callback)."""
    url, why = admin_url()
    if url is None:
        raise RuntimeError(why)
    u = make_url(url)
    if u.drivername in ("postgres", "postgresql"):
        u = u.set(drivername="postgresql+psycopg")
    name = f"opendata_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(u, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\''))
        target = u.set(database=name)

        def drop() -> None:
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()

        return target.render_as_string(hide_password=False), drop
    except Exception:
        with admin.connect() as c:                 # no CREATEDB: a schema of its own in the given database
            c.execute(text(f'CREATE SCHEMA "{name}"'))
        target = u.set(query={**u.query, "options": f"-csearch_path={name}"})

        def drop_schema() -> None:
            with admin.connect() as c:
                c.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
            admin.dispose()

        return target.render_as_string(hide_password=False), drop_schema
