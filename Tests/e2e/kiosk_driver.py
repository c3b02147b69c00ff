"""Drives the real `spiral` binary in a pseudo-terminal, as a person at the keyboard would, and
reads the screen through a terminal emulator (pyte), so tests assert on what a parent sees."""
import json
import os
import subprocess
import time

import pexpect
import pyte

BUILD = os.environ.get("SPIRAL_BUILD_DIR") or os.path.join(
    os.path.dirname(__file__), "..", "..", ".build", "debug")
SPIRAL = os.path.abspath(os.path.join(BUILD, "spiral"))

KEYS = {
    "enter": "\r", "tab": "\t", "backspace": "\x7f", "left": "\x1b[D", "right": "\x1b[C",
    "home": "\x1b[H", "end": "\x1b[F", "up": "\x1b[A", "ctrl-c": "\x03", "ctrl-d": "\x04",
    "ctrl-u": "\x15", "ctrl-z": "\x1a",
}


class Screen:
    """A person in front of a terminal running one command."""

    def __init__(self, args, columns=90, rows=40, env=None, user=None, preexec=None, binary=None):
        full_env = dict(os.environ)
        full_env.update({"TERM": "xterm-256color", "LANG": "C.UTF-8"})
        full_env.pop("NO_COLOR", None)
        if env:
            full_env.update(env)
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        def become():
            if preexec:
                preexec()
            if user:
                os.setgroups([])
                os.setgid(user[1])
                os.setuid(user[0])
        self.child = pexpect.spawn(binary or SPIRAL, args, env=full_env, dimensions=(rows, columns), encoding=None,
                                   preexec_fn=become if (user or preexec) else None)
        self.raw = b""

    def pump(self, seconds=0.05):
        end = time.time() + seconds
        while True:
            try:
                chunk = self.child.read_nonblocking(65536, timeout=max(0.01, end - time.time()))
                self.raw += chunk
                self.stream.feed(chunk)
            except pexpect.TIMEOUT:
                pass
            except pexpect.EOF:
                return
            if time.time() >= end:
                return

    def text(self):
        return "\n".join(line.rstrip() for line in self.screen.display)

    def flat(self):
        """The screen's words as one line, so a sentence wrapped over two lines still matches."""
        return " ".join(" ".join(line.split()) for line in self.screen.display if line.strip())

    def dense(self):
        """The screen without any whitespace: Chinese and Japanese wrap between characters with
        no space, so a wrapped sentence matches only with the line ends taken out."""
        return "".join("".join(line.split()) for line in self.screen.display)

    def output(self):
        """Everything the program wrote, as text. pyte cannot lay out Devanagari (it drops a
        cluster's spacing vowel signs), so Hindi and Nepali are looked for here."""
        raw = self.raw if isinstance(self.raw, str) else self.raw.decode("utf-8", "replace")
        return raw

    def _sees(self, needle):
        return needle in self.text() or needle in self.flat() or "".join(needle.split()) in self.dense()

    def wait_for(self, needle, timeout=10):
        end = time.time() + timeout
        while time.time() < end:
            self.pump(0.05)
            if self._sees(needle):
                return self.flat()
            if not self.child.isalive():
                self.pump(0.1)
                if self._sees(needle):
                    return self.flat()
                break
        raise AssertionError(f"never saw {needle!r} on screen; screen was:\n{self.text()}")

    def type(self, *parts):
        for part in parts:
            self.child.send(KEYS.get(part, part) if isinstance(part, str) else part)
            self.pump(0.05)

    def start_family(self, pin=None):
        """Through the English welcome, consent and PIN screens: with `pin`, chosen and typed
        again; without, skipped. The name question comes next."""
        self.answer("If you have a family code from before")
        self.answer("Is it OK to go on?", "1")
        if pin is None:
            self.answer("Choose a PIN")
        else:
            self.answer("Choose a PIN", pin)
            self.answer("Please type the same PIN again", pin)

    def stop_session(self, title="Stop here?"):
        """Ctrl-D in the middle of a family's session asks first; 1 and Enter stops."""
        self.type("ctrl-d")
        self.wait_for(title)
        self.type("1", "enter")

    def stop_and_leave(self, title="Stop here?", goodbye="Thank you"):
        """Stops mid-session, confirms, and leaves the goodbye screen; returns the exit status."""
        self.stop_session(title)
        self.answer(goodbye)
        return self.wait_exit()

    def answer(self, question, *keys):
        """Waits until the question is on screen, then types the keys and Enter."""
        self.wait_for(question)
        self.type(*keys, "enter")

    def cursor_line(self):
        return self.screen.display[self.screen.cursor.y].rstrip()

    def wait_exit(self, timeout=10):
        end = time.time() + timeout
        while self.child.isalive() and time.time() < end:
            self.pump(0.05)
        self.pump(0.05)
        assert not self.child.isalive(), "spiral did not exit"
        self.child.close()
        return self.child.exitstatus


def plan_files(store):
    return sorted(f for f in os.listdir(store) if f.endswith(".json"))


def load_plan(store):
    files = plan_files(store)
    assert len(files) == 1, f"expected one plan file, found {files}"
    with open(os.path.join(store, files[0]), encoding="utf-8") as f:
        return json.load(f)


def run_spiral(*args, input_text=None):
    return subprocess.run([SPIRAL, *args], input=input_text, capture_output=True, text=True, timeout=60)
