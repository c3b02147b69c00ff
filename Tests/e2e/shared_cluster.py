"""A throwaway PostgreSQL cluster for the shared-store tests: initdb into a temporary folder as an
ordinary user (the server refuses root), on 127.0.0.1 and a private socket, password auth, and
removed afterwards. Nothing is set up by hand."""
import glob
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time

from faults import fault_user

ADMIN = "spiral_admin"


def pg_bin(name):
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    assert found, "PostgreSQL is not installed: make test installs it (make pg-deps)"
    return found[-1]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    def __init__(self):
        self.user = fault_user()
        self.root = tempfile.mkdtemp(prefix="spiral-pg-", dir="/tmp")
        os.chmod(self.root, 0o755)
        self.data = os.path.join(self.root, "data")
        self.password = "admin-" + os.urandom(6).hex()
        self.port = free_port()
        pwfile = os.path.join(self.root, "pw")
        with open(pwfile, "w") as f:
            f.write(self.password + "\n")
        self._own(self.root)
        self.as_user([pg_bin("initdb"), "-D", self.data, "-U", ADMIN, "--pwfile", pwfile, "-E", "UTF8",
                      "--auth-local=scram-sha-256", "--auth-host=scram-sha-256", "--no-sync"])
        self.start()
        self.psql("CREATE DATABASE spiral", database="postgres")

    def _own(self, path):
        if os.geteuid() == 0:
            for base, dirs, files in os.walk(path):
                os.chown(base, *self.user)
                for f in files:
                    os.chown(os.path.join(base, f), *self.user)

    def as_user(self, argv, check=True, **kw):
        def become():
            if os.geteuid() == 0:
                os.setgid(self.user[1])
                os.setuid(self.user[0])
        return subprocess.run(argv, preexec_fn=become, capture_output=True, text=True, check=check, **kw)

    def start(self):
        self.as_user([pg_bin("pg_ctl"), "-D", self.data, "-w", "-t", "30", "-l", os.path.join(self.root, "log"),
                      "-o", f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off", "start"])

    def stop(self, mode="fast"):
        self.as_user([pg_bin("pg_ctl"), "-D", self.data, "-m", mode, "-w", "stop"], check=False)

    def kill(self):
        """As a crash: the postmaster and its children killed at once."""
        pid = int(open(os.path.join(self.data, "postmaster.pid")).readline())
        os.kill(pid, 9)
        for _ in range(100):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        time.sleep(0.5)  # its children notice the postmaster is gone

    def url(self, user=ADMIN, password=None, database="spiral"):
        return f"postgresql://{user}:{password or self.password}@127.0.0.1:{self.port}/{database}?sslmode=disable"

    def psql(self, sql, user=ADMIN, password=None, database="spiral", check=True):
        env = {**os.environ, "PGPASSWORD": password or self.password}
        result = subprocess.run([pg_bin("psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", user, "-d", database,
                                 "-v", "ON_ERROR_STOP=1", "-At", "-c", sql], env=env, capture_output=True, text=True)
        if check:
            assert result.returncode == 0, result.stderr
        return result

    def remove(self):
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)

