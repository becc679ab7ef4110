"""A throw-away PostgreSQL cluster on a free localhost port: initdb in a temporary folder, pg_ctl start, stop.

initdb refuses to run as root; then the cluster belongs to the unprivileged user `nobody` and each
server command runs through `runuser` (as on a CI machine, which runs as root).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def pg_bin(program: str) -> str:
    """The path of a PostgreSQL server program: on PATH, else Debian's newest /usr/lib/postgresql/N/bin."""
    found = shutil.which(program)
    if found:
        return found
    versions = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{program}"), key=lambda p: int(p.split("/")[4]))
    if not versions:
        raise RuntimeError(f"{program} not found: install Debian's postgresql package (make system)")
    return versions[-1]


def free_port() -> int:
    """A TCP port on localhost that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ThrowawayPostgres:
    """One cluster in a temporary folder; `dsn` reaches its database `plant` as the superuser `copilot`."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="copilot-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.as_root = os.geteuid() == 0

    @property
    def dsn(self) -> str:
        """Connection string over TCP on localhost."""
        return f"postgresql://copilot@127.0.0.1:{self.port}/plant"

    def start(self) -> ThrowawayPostgres:
        """initdb, start the server, create the database."""
        if self.as_root:
            self.root.chmod(0o755)
            shutil.chown(self.root, "nobody", "nogroup")
        self._run(pg_bin("initdb"), "-D", str(self.data), "-U", "copilot", "--auth=trust", "--locale=C",
                  "--encoding=UTF8", "--no-sync")  # fmt: skip
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            pg_bin("pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start"
        )
        self._run(pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "copilot", "plant")
        return self

    def stop(self) -> None:
        """Stop the server and remove the folder."""
        try:
            self._run(pg_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def _run(self, *command: str) -> None:
        """A server command, as nobody when we are root."""
        prefix = ["runuser", "-u", "nobody", "--"] if self.as_root else []
        subprocess.run([*prefix, *command], check=True, capture_output=True, cwd=self.root)
