#!/usr/bin/env python3
"""Whole-process start-up and peak memory of `spiral kiosk`, measured as a parent would see it.

Each command runs in a fresh pseudo-terminal (80x24, TERM=xterm-256color, LANG=C.UTF-8). The clock
starts just before fork and stops when the first screen is complete on the terminal:

  spiral kiosk   the prompt mark "› " has been written (after the language screen, or with
                 --language en the welcome screen). Run as `make kiosk` runs it: supervised, each
                 family's session in a process of its own; `--once` (one family, in the kiosk's
                 own process) is its own row.
  dialog         the inputbox's outer frame is closed: its bottom-right corner, written after the
                 buttons row ("ACS" `qj`, or Unicode `─┘` when ncurses draws in UTF-8)
  /bin/true      the process has exited (its end of the terminal closed): the floor, fork + exec

Commands run interleaved in a shuffled order each round, after a few unmeasured warm-up runs, so
a burst of load on the machine hits every command alike. Results go to stdout and, with --json,
to a file that scripts/bench_report.py turns into docs/benchmarks.md.

Peak memory: one kiosk session answers the first questions (consent, name, children, needs, is
everyone safe, what they need, what they want help with), leaves with Ctrl-D and presses Enter on
the goodbye screen. The session runs under GNU time (`/usr/bin/time -v`) so the figure is spiral's
own maximum resident set size, not this Python process's (a forked child inherits its parent's
resident pages until exec).

This is a benchmark, never a test: it prints numbers and exits 0 unless something could not run.
"""
import argparse
import fcntl
import json
import math
import os
import random
import re
import select
import shutil
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time

PROMPT = "› ".encode()
ROWS, COLS = 24, 80


def environment():
    env = dict(os.environ)
    env.update({"TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})
    env.pop("NO_COLOR", None)
    return env


def spawn(argv, env):
    """Starts argv on a new pseudo-terminal. Returns (t0, pid, master fd)."""
    t0 = time.perf_counter()
    pid, fd = os.forkpty()
    if pid == 0:  # child: set the window size, then exec (nothing else runs before exec)
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    return t0, pid, fd


def kiosk_ready(buf):
    return PROMPT in buf


def dialog_ready(buf):
    i = buf.find(b"ancel")
    if i < 0:
        return False
    rest = buf[i:]
    return b"qj" in rest or "─┘".encode() in rest


def reap(pid, fd):
    """Ends the command and everything it started: forkpty made it a session and process group
    leader, and a supervised kiosk's family process would outlive it into the next run."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    os.close(fd)


def time_to(argv, env, ready, timeout=10.0):
    """Milliseconds from fork to `ready(output)`, or to the process's exit when ready is None."""
    t0, pid, fd = spawn(argv, env)
    buf = b""
    deadline = t0 + timeout
    try:
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise RuntimeError(f"{argv[0]}: nothing ready after {timeout:.0f} s; output was {buf[-300:]!r}")
            r, _, _ = select.select([fd], [], [], left)
            if not r:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: every slave fd closed, the process has gone
                chunk = b""
            now = time.perf_counter()
            if not chunk:
                if ready is None:
                    return (now - t0) * 1000
                raise RuntimeError(f"{argv[0]} exited before its first screen; output was {buf[-300:]!r}")
            buf += chunk
            if ready is not None and ready(buf):
                return (now - t0) * 1000
    finally:
        reap(pid, fd)


def percentile(values, p):
    """Nearest-rank percentile."""
    s = sorted(values)
    return s[max(0, math.ceil(p / 100 * len(s)) - 1)]


def summary(values):
    return {
        "runs": len(values),
        "median_ms": statistics.median(values),
        "p90_ms": percentile(values, 90),
        "min_ms": min(values),
        "max_ms": max(values),
        "mean_ms": statistics.fmean(values),
    }


def startup(commands, runs, warmup, seed=1):
    """`commands`: (name, make, ready), where make() gives the argv and environment of one run."""
    times = {name: [] for name, _, _ in commands}
    rng = random.Random(seed)
    for i in range(warmup + runs):
        order = list(commands)
        rng.shuffle(order)
        for name, make, ready in order:
            argv, env = make()
            ms = time_to(argv, env, ready)
            if i >= warmup:
                times[name].append(ms)
    return {name: dict(summary(v), samples_ms=v) for name, v in times.items()}


# ---------------------------------------------------------------- peak memory of a short session

SESSION = [  # (what is on screen, keys typed): the first questions of the kiosk, in English
    ("welcome", "\r"),
    ("consent", "1\r"),
    ("PIN (skipped)", "\r"),
    ("name", "Amira\r"),
    ("children", "Mia 4, Sam 7\r"),
    ("needs", "2\r"),
    ("safe now", "1\r"),
    ("need detail", "Food vouchers until payday\r"),
    ("help with", "Getting Mia to sleep without a fight\r"),
    ("leave", "\x04"),        # Ctrl-D: "Stop here?"
    ("stop here", "1\r"),     # yes: saved, goodbye screen with the family code
    ("goodbye", "\r"),        # any key: the kiosk clears the screen and, with --once, exits
]

SESSION_WITH_PIN = SESSION[:2] + [("PIN", "2580\r"), ("PIN again", "2580\r")] + SESSION[3:]


def read_until(fd, buf, test, timeout=10.0):
    end = time.perf_counter() + timeout
    while not test(buf):
        left = end - time.perf_counter()
        if left <= 0:
            raise RuntimeError(f"timed out; screen ended {buf[-400:]!r}")
        r, _, _ = select.select([fd], [], [], left)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                return buf, False
            buf += chunk
    return buf, True


def new_screen_with_prompt(start):
    """A screen drawn after offset `start` (clear-screen, then the prompt mark)."""
    def test(buf):
        i = buf.find(b"\x1b[2J", start)
        return i >= 0 and buf.find(PROMPT, i) >= 0
    return test


def peak_memory(spiral, time_bin, steps):
    store = tempfile.mkdtemp(prefix="spiral-bench-mem-")
    report = os.path.join(tempfile.mkdtemp(prefix="spiral-bench-time-"), "time.txt")
    argv = [time_bin, "-v", "-o", report, spiral, "kiosk", "--once", "--language", "en", "--store", store]
    _, pid, fd = spawn(argv, environment())
    buf = b""
    try:
        buf, _ = read_until(fd, buf, lambda b: PROMPT in b)
        for label, keys in steps:
            start = len(buf)
            os.write(fd, keys.encode())
            if label == "goodbye":
                break
            buf, alive = read_until(fd, buf, new_screen_with_prompt(start))
            if not alive:
                raise RuntimeError(f"spiral exited at {label}")
        # Wait for the process to end by itself.
        end = time.perf_counter() + 15
        while time.perf_counter() < end:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            r, _, _ = select.select([fd], [], [], 0.05)
            if r:
                try:
                    os.read(fd, 65536)
                except OSError:
                    pass
        else:
            raise RuntimeError("the kiosk did not exit after the goodbye screen")
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(fd)
    with open(report, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    plans = [p for p in os.listdir(store) if p.endswith(".json")]
    saved_name = None
    if plans:
        with open(os.path.join(store, plans[0]), encoding="utf-8") as f:
            saved_name = json.load(f).get("profile", {}).get("name")
    shutil.rmtree(store, ignore_errors=True)
    shutil.rmtree(os.path.dirname(report), ignore_errors=True)
    if saved_name != "Amira":
        raise RuntimeError(f"the session did not save its answers (plans: {plans}, name: {saved_name!r})")
    return {"max_rss_kb": int(m.group(1)), "max_rss_mb": int(m.group(1)) / 1024,
            "steps": [label for label, _ in steps]}


# ---------------------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--spiral", action="append", required=True, metavar="NAME=PATH",
                    help="a spiral binary to time, e.g. static=.build-bench-static/release/spiral (repeatable)")
    ap.add_argument("--dialog", default=shutil.which("dialog"), help="dialog binary (default: on PATH)")
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--memory", metavar="NAME", help="which --spiral to measure peak memory for (default: the first)")
    ap.add_argument("--json", help="write the results here")
    args = ap.parse_args()

    spirals = []
    for item in args.spiral:
        name, _, path = item.partition("=")
        spirals.append((name, os.path.abspath(path)))
    stores = tempfile.mkdtemp(prefix="spiral-bench-stores-")
    counter = [0]

    def kiosk(path, extra=(), notes="kept", once=False):
        """Each command keeps its own cache folder (the language-header notes and the record of
        content found sound), as a kiosk machine running one program does: the notes name the
        program that wrote them, so builds sharing one folder would each find the other's and
        check everything again at every run. `notes="none"`: an empty folder at every run, as at
        the first start after installing or upgrading."""
        caches = os.path.join(stores, f"cache-{len(commands)}")

        def make():
            counter[0] += 1  # a fresh, not yet existing store each run, as on a new kiosk
            env = environment()
            env["XDG_CACHE_HOME"] = caches if notes == "kept" else os.path.join(stores, f"cache-cold-{counter[0]}")
            mode = ["--once"] if once else []
            return [path, "kiosk", *mode, *extra, "--store", os.path.join(stores, str(counter[0]))], env
        return make

    # As a centre runs it (the language screen first), and for each build; straight to the
    # welcome screen in English, which skips reading the other languages' words; and the first
    # start on a machine, before anything is noted.
    commands = []
    for name, path in spirals:
        commands.append((f"spiral kiosk ({name})", kiosk(path), kiosk_ready))
    first_name, first_path = spirals[0]
    commands.append((f"spiral kiosk --once ({first_name})", kiosk(first_path, once=True), kiosk_ready))
    commands.append((f"spiral kiosk --language en ({first_name})", kiosk(first_path, ["--language", "en"]), kiosk_ready))
    commands.append((f"spiral kiosk, first start ({first_name})", kiosk(first_path, notes="none"), kiosk_ready))
    if args.dialog:
        commands.append(("dialog --inputbox", lambda: ([args.dialog, "--inputbox", "x", "8", "40"], environment()), dialog_ready))
    else:
        print("dialog is not installed: its comparison is left out", file=sys.stderr)
    commands.append(("/bin/true", lambda: (["/bin/true"], environment()), None))

    print(f"start-up: {args.runs} runs each after {args.warmup} warm-up runs, interleaved…", file=sys.stderr)
    results = {"startup": startup(commands, args.runs, args.warmup)}
    shutil.rmtree(stores, ignore_errors=True)

    print(f"{'command':34} {'median':>8} {'p90':>8} {'min':>8} {'max':>8}  (ms)")
    for name, r in results["startup"].items():
        print(f"{name:34} {r['median_ms']:8.2f} {r['p90_ms']:8.2f} {r['min_ms']:8.2f} {r['max_ms']:8.2f}")

    time_bin = shutil.which("time", path="/usr/bin")
    mem_name = args.memory or spirals[0][0]
    mem_path = dict(spirals)[mem_name]
    if time_bin:
        results["memory"] = {
            "binary": mem_name,
            "session": peak_memory(mem_path, time_bin, SESSION),
            "session_with_pin": peak_memory(mem_path, time_bin, SESSION_WITH_PIN),
        }
        for key in ("session", "session_with_pin"):
            print(f"peak memory, {key.replace('_', ' ')} ({mem_name}): {results['memory'][key]['max_rss_mb']:.1f} MB")
    else:
        print("GNU time (/usr/bin/time) is not installed: peak memory not measured", file=sys.stderr)

    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
