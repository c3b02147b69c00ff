#!/usr/bin/env python3
"""Time from the read-aloud key (F1) to the player starting, at the kiosk as `make kiosk` runs it.

The kiosk runs in an 80x24 pseudo-terminal on its welcome screen, with a stand-in player that
notes when it starts (so the figure is Spiral's own work: synthesising the first stretch with
espeak-ng and starting the player, not a sound card's latency). F1 is pressed, the start is
awaited, F1 again stops it; repeated. A benchmark, never a test: it prints numbers and exits 0.
"""
import argparse
import json
import os
import pty
import select
import statistics
import subprocess
import tempfile
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--spiral", required=True)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--json")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="spiral-bench-speech-")
    log = os.path.join(work, "player.log")
    player = os.path.join(work, "player.sh")
    with open(player, "w") as f:
        f.write(f"#!/bin/sh\necho \"$(date +%s.%N)\" >> {log}\ntrap 'exit 0' TERM\nsleep 10 & wait $!\n")
    os.chmod(player, 0o755)
    config = os.path.join(work, "centre.json")
    with open(config, "w") as f:
        json.dump({"crisisContacts": [{"name": "Emergency", "phone": "000"}], "languages": [], "speech": {"player": [player]}}, f)
    open(log, "w").close()
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", XDG_RUNTIME_DIR=work, SWIFT_BACKTRACE="enable=no",
               COLUMNS="80", LINES="24")
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(args.spiral, [args.spiral, "kiosk", "--once", "--language", "en", "--store", os.path.join(work, "plans"),
                                "--config", config], env)

    def drain(seconds):
        end = time.time() + seconds
        while time.time() < end:
            r, _, _ = select.select([fd], [], [], 0.01)
            if r:
                try:
                    os.read(fd, 65536)
                except OSError:
                    return

    drain(1.5)
    samples = []
    for _ in range(args.runs):
        before = len(open(log).read().splitlines())
        t0 = time.time()
        os.write(fd, b"\x1bOP")
        while len(open(log).read().splitlines()) == before and time.time() - t0 < 5:
            drain(0.002)
        lines = open(log).read().splitlines()
        if len(lines) > before:
            samples.append((float(lines[-1]) - t0) * 1000)
            if os.environ.get("BENCH_DEBUG"): print("press", len(samples), f"{samples[-1]:.0f} ms")
        elif os.environ.get("BENCH_DEBUG"): print("no start")
        os.write(fd, b"\x1bOP")   # stop
        drain(0.3)
    os.write(fd, b"\x04")
    drain(0.5)
    try:
        os.kill(pid, 9)
    except OSError:
        pass
    result = {"key_to_player_ms": {"median_ms": statistics.median(samples), "min_ms": min(samples), "max_ms": max(samples),
                                   "runs": len(samples)}}
    print(f"read-aloud key to player start: median {result['key_to_player_ms']['median_ms']:.0f} ms "
          f"(min {min(samples):.0f}, max {max(samples):.0f}, {len(samples)} runs)")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
