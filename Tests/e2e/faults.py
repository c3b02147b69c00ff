"""Running the kiosk as a person who is not root, with faults a centre meets: a store that turns
read-only, is deleted or fills the disk, a plan that cannot be read. As root, permissions prove
nothing, so the kiosk runs as an ordinary user made for the tests."""
import os
import pwd
import shutil
import subprocess
import tempfile

from kiosk_driver import SPIRAL, Screen

USER = "spiral-fault"
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
_installed = None


def installed_binary():
    """The binary with its prompts and languages beside it, in a folder every user can read: the
    checkout itself may sit where an ordinary user cannot go (under /root in CI)."""
    global _installed
    if _installed is None:
        folder = tempfile.mkdtemp(prefix="spiral-fault-bin-", dir="/tmp")
        os.chmod(folder, 0o755)
        shutil.copy2(SPIRAL, os.path.join(folder, "spiral"))
        for name in ("Prompts", "Localizations", "Config"):
            shutil.copytree(os.path.join(ROOT, name), os.path.join(folder, name))
        for base, dirs, files in os.walk(folder):
            for d in dirs:
                os.chmod(os.path.join(base, d), 0o755)
            for f in files:
                os.chmod(os.path.join(base, f), 0o755 if f == "spiral" else 0o644)
        _installed = os.path.join(folder, "spiral")
    return _installed


def fault_user():
    """(uid, gid) of an ordinary user: this one when not root, else one made for the tests."""
    if os.geteuid() != 0:
        return os.getuid(), os.getgid()
    try:
        entry = pwd.getpwnam(USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER], check=True)
        entry = pwd.getpwnam(USER)
    return entry.pw_uid, entry.pw_gid


class Place:
    """A folder the test user owns, with the store, the config and state folders inside."""

    def __init__(self, user):
        self.user = user
        self.root = tempfile.mkdtemp(prefix="spiral-fault-", dir="/tmp")
        os.chmod(self.root, 0o755)
        self.store = os.path.join(self.root, "store")
        self.config = os.path.join(self.root, "config")
        self.state = os.path.join(self.root, "state")
        for d in (self.store, self.config, self.state):
            os.makedirs(d, mode=0o700)
        self.own(self.root)
        self.mounted = None

    def own(self, path):
        if os.geteuid() == 0:
            for base, dirs, files in os.walk(path):
                os.chown(base, *self.user)
                for f in files:
                    os.chown(os.path.join(base, f), *self.user)

    @property
    def env(self):
        return {"HOME": self.root, "XDG_CONFIG_HOME": self.config, "XDG_STATE_HOME": self.state}

    def kiosk(self, *extra, preexec=None):
        return Screen(["kiosk", "--once", "--language", "en", "--store", self.store, *extra],
                      env=self.env, user=self.user if os.geteuid() == 0 else None, preexec=preexec,
                      binary=installed_binary())

    def run(self, *args):
        def become():
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(self.user[1])
                os.setuid(self.user[0])
        env = dict(os.environ)
        env.update(self.env)
        return subprocess.run([installed_binary(), *args], env=env, capture_output=True, text=True, timeout=120, preexec_fn=become)

    def mount_small_disk(self):
        """The store on a 64 KB tmpfs, when this machine lets us mount one."""
        if os.geteuid() != 0:
            return False
        result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", self.store],
                                capture_output=True)
        if result.returncode != 0:
            return False
        os.chown(self.store, *self.user)
        self.mounted = self.store
        return True

    def fill_disk(self):
        """Fills the small disk (as root: the test user's kiosk then meets ENOSPC)."""
        fd = os.open(os.path.join(self.store, "filler"), os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            while os.write(fd, b"\0" * 1024) > 0:
                pass
        except OSError:
            pass
        finally:
            os.close(fd)

    def free_disk(self):
        os.remove(os.path.join(self.store, "filler"))

    def log_text(self):
        text = ""
        for path in (os.path.join(self.store, ".kiosk.log"), os.path.join(self.state, "spiral", "kiosk.log")):
            if os.path.exists(path):
                with open(path, encoding="utf-8") as f:
                    text += f.read()
        return text

    def cleanup(self):
        if self.mounted:
            subprocess.run(["umount", self.mounted])
        shutil.rmtree(self.root, ignore_errors=True)
