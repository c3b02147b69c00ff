#!/usr/bin/env python3
"""Writes scripts/kiosk-link-order.txt: the functions the kiosk runs from its start to a family's
first answers, in the order callgrind first met them, for the linker to place side by side
(lld's --symbol-ordering-file, Package.swift). The kiosk's binary is 22 MB and the kernel maps
it in 64 KB neighbourhoods around each page touched: with the functions a session uses spread
over the whole text, 11 MB of it was resident; packed together, about 9 (docs/benchmarks.md).

Run after changes that add or rename much of what the kiosk does at start (a name that no longer
exists is skipped by the linker; a new function missing from the list only lands where the
compiler put it):

    swift build -c release --static-swift-stdlib --scratch-path .build-static --product spiral-kiosk
    python3 scripts/link_order.py .build-static/release/spiral-kiosk

The binary must still have its symbols (the one in .build-static/release/, not the split copy in
.build-static/kiosk/). Needs valgrind. Not a test and not part of the build: its output is
committed.
"""
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

PROMPT = "› ".encode()
# The language screen, then the first questions in English: welcome, consent, no PIN, a name,
# children, needs, whether everyone is safe, what they need.
KEYS = ["en", "", "1", "", "Amira", "Mia 4, Sam 7", "2", "1", "need a bed"]


def session(binary, out_pattern, work):
    """The kiosk under callgrind in a pseudo-terminal, through KEYS, then SIGTERM."""
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8", SWIFT_BACKTRACE="enable=no",
               XDG_DATA_HOME=work, XDG_STATE_HOME=work, XDG_CACHE_HOME=work, XDG_CONFIG_HOME=work)
    argv = ["valgrind", "--tool=callgrind", "--demangle=no", f"--callgrind-out-file={out_pattern}", binary]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(argv[0], argv, env)
    seen = b""

    def wait_for(count, seconds=120):
        nonlocal seen
        end = time.time() + seconds
        while seen.count(PROMPT) < count and time.time() < end:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    return
                if not chunk:
                    return
                seen += chunk

    wait_for(1)
    for keys in KEYS:
        count = seen.count(PROMPT)
        os.write(fd, (keys + "\r").encode())
        wait_for(count + 1)
    prompts = seen.count(PROMPT)
    os.kill(pid, signal.SIGTERM)
    end = time.time() + 60
    while time.time() < end:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                if not os.read(fd, 65536):
                    break
            except OSError:
                break
    os.waitpid(pid, 0)
    return prompts


def functions_met(profiles):
    """Function names in the order the profiles name them (the kiosk's process, then each
    family's)."""
    order, seen = [], set()
    for path in profiles:
        names = {}
        with open(path, errors="replace") as f:
            for line in f:
                m = re.match(r"^c?fn=\((\d+)\)(?: (.*))?$", line.rstrip("\n"))
                if not m:
                    continue
                if m.group(2):
                    names[m.group(1)] = m.group(2)
                name = names.get(m.group(1))
                if name and name not in seen:
                    seen.add(name)
                    order.append(name)
    return order


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    binary = os.path.abspath(sys.argv[1])
    if not shutil.which("valgrind"):
        sys.exit("valgrind is needed: apt-get install valgrind")
    defined = subprocess.run(["nm", "--defined-only", binary], capture_output=True, text=True, check=True).stdout
    functions = {parts[2] for parts in (line.split() for line in defined.splitlines())
                 if len(parts) == 3 and parts[1] in "tTwW"}
    if not functions:
        sys.exit(f"{binary} has no symbols: use the one in .build-static/release/")
    with tempfile.TemporaryDirectory() as work:
        stripped = os.path.join(work, "spiral-kiosk")
        subprocess.run(["strip", "-g", "-o", stripped, binary], check=True)  # valgrind 3.19 cannot read its DWARF
        prompts = session(stripped, os.path.join(work, "callgrind.%p"), work)
        profiles = sorted((os.path.join(work, name) for name in os.listdir(work) if name.startswith("callgrind.")),
                          key=lambda p: int(p.rsplit(".", 1)[1]))
        if prompts < len(KEYS) or not profiles:
            sys.exit(f"the session did not get through ({prompts} prompts seen)")
        order = [name for name in functions_met(profiles) if name in functions]
    target = os.path.join(os.path.dirname(os.path.abspath(__file__)), "kiosk-link-order.txt")
    with open(target, "w") as f:
        f.write("\n".join(order) + "\n")
    print(f"{len(order)} functions written to {target}")


if __name__ == "__main__":
    main()
