"""The line reader in a real pseudo-terminal, driven through spiral-line-probe.

The probe reads lines with ReadlineReader (stdin and stdout are the pty) and prints each result
as RESULT:<kind>:<JSON string>. The environment has TERM=xterm and no LANG, or LANG=C: the
reader must force a UTF-8 locale itself for multibyte editing to work.

Run after `swift build --product spiral-line-probe`:
    SPIRAL_BUILD_DIR=.build/debug python3 -m pytest Tests/e2e/test_line_reader.py
"""
import json
import os
import re
import select
import signal
import subprocess
import time
from pathlib import Path

import pexpect
import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD_DIR = Path(os.environ.get("SPIRAL_BUILD_DIR", ROOT / ".build" / "debug"))
if not BUILD_DIR.is_absolute():
    BUILD_DIR = ROOT / BUILD_DIR
PROBE = BUILD_DIR / "spiral-line-probe"
RESULT = re.compile(r'RESULT:(\w+):("(?:[^"\\]|\\.)*")')
PROMPT = "> "

UP, DOWN, LEFT, HOME, END = "\x1b[A", "\x1b[B", "\x1b[D", "\x1b[H", "\x1b[F"
CTRL_A, CTRL_C, CTRL_D, CTRL_E, CTRL_G, CTRL_K = "\x01", "\x03", "\x04", "\x05", "\x07", "\x0b"
CTRL_S, CTRL_U, CTRL_Y, CTRL_Z, CTRL_BACKSLASH = "\x13", "\x15", "\x19", "\x1a", "\x1c"
BACKSPACE = "\x7f"
LANGUAGES = "English,Español,Tiếng Việt,日本語,Eesti"


def environment(**extra):
    """A small, predictable environment: no locale variables unless asked for."""
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "TERM": "xterm"}
    env.update(extra)
    return env


class Probe:
    """One running probe on a pty (optionally under bash, to run `stty -a` after it)."""

    def __init__(self, *args, env=None, cwd=None, then_stty=False):
        assert PROBE.exists(), f"build the probe first: {PROBE} is missing (set SPIRAL_BUILD_DIR)"
        env = env or environment()
        if then_stty:
            command = " ".join(["set -m;", pexpect_quote(str(PROBE)), *map(pexpect_quote, args), "; stty -a"])
            self.child = pexpect.spawn("bash", ["-c", command], env=env, cwd=cwd, encoding="utf-8",
                                       dimensions=(24, 80), timeout=5)
        else:
            self.child = pexpect.spawn(str(PROBE), list(args), env=env, cwd=cwd, encoding="utf-8",
                                       dimensions=(24, 80), timeout=5)
        self.child.expect_exact(PROMPT)

    def result(self):
        """Waits for the next RESULT line; after a result that keeps reading, for the next prompt too."""
        self.child.expect(RESULT)
        kind, text = self.child.match.group(1), json.loads(self.child.match.group(2))
        if kind not in ("endOfInput", "terminated"):
            self.child.expect_exact(PROMPT)
        return kind, text

    def line(self, keys):
        """Types `keys` (ending in Enter) and returns the line read."""
        self.child.send(keys)
        kind, text = self.result()
        assert kind == "line", (kind, text)
        return text

    def send_slowly(self, keys, pause=0.15):
        """One key at a time, so each is read separately (Escape sequences stay whole)."""
        for key in re.findall(r"\x1b\[.|.", keys, re.S):
            self.child.send(key)
            time.sleep(pause)

    def probe_pid(self):
        """The probe's pid when it runs under bash (its only child)."""
        children = Path(f"/proc/{self.child.pid}/task/{self.child.pid}/children").read_text().split()
        assert len(children) == 1, children
        return int(children[0])

    def stty_after_exit(self):
        self.child.expect(pexpect.EOF)
        return self.child.before

    def close(self):
        self.child.close(force=True)


def pexpect_quote(text):
    return "'" + text.replace("'", "'\\''") + "'"


@pytest.fixture
def probe():
    started = []

    def start(*args, **kwargs):
        started.append(Probe(*args, **kwargs))
        return started[-1]

    yield start
    for p in started:
        p.close()


def assert_terminal_restored(stty):
    settings = stty.split()
    for flag in ("echo", "icanon", "isig", "ixon"):
        assert flag in settings and "-" + flag not in settings, (flag, stty)


# --- Editing ---------------------------------------------------------------------------------

def test_typing_left_arrow_and_insert(probe):
    p = probe()
    assert p.line("abc" + LEFT + LEFT + "X\r") == "aXbc"


def test_home_and_end(probe):
    p = probe()
    assert p.line("middle" + HOME + "[" + END + "]\r") == "[middle]"
    assert p.line("emacs" + CTRL_A + "<" + CTRL_E + ">\r") == "<emacs>"


@pytest.mark.parametrize("locale", [{}, {"LANG": "C"}, {"LC_ALL": "POSIX", "LANG": "C.UTF-8"}],
                         ids=["no-LANG", "LANG=C", "LC_ALL=POSIX"])
def test_backspace_deletes_whole_characters(probe, locale):
    p = probe(env=environment(**locale))
    assert p.line("aö" + BACKSPACE + "b\r") == "ab"
    assert p.line("日本" + BACKSPACE + "x\r") == "日x"
    assert p.line("Tiế" + BACKSPACE + "eng" + LEFT + LEFT + LEFT + BACKSPACE + "I\r") == "TIeng"


def test_prefill_can_be_edited(probe):
    p = probe("--prefill", "Mia, 4")
    assert p.line(BACKSPACE + "5\r") == "Mia, 5"
    assert p.line(HOME + "Sam and \r") == "Sam and Mia, 4"


# --- Completion ------------------------------------------------------------------------------

def test_tab_completes_a_unique_prefix_ignoring_case(probe):
    p = probe("--complete", LANGUAGES)
    assert p.line("eng\t\r") == "English"
    assert p.line("ESP\t\r") == "Español"


def test_tab_completes_non_ascii_answers(probe):
    p = probe("--complete", LANGUAGES, env=environment(LANG="C"))
    assert p.line("日\t\r") == "日本語"
    assert p.line("ti\t\r") == "Tiếng Việt"            # the whole answer, space included
    assert p.line("TIẾ\t\r") == "Tiếng Việt"           # case folding beyond ASCII


def test_ambiguous_tab_lists_the_choices(probe):
    p = probe("--complete", LANGUAGES)
    p.child.send("E\t")
    p.child.expect_exact("English")
    p.child.expect_exact(PROMPT)
    assert p.line("st\r") == "Est"


def test_tab_never_completes_file_names(probe, tmp_path):
    (tmp_path / "private-notes.txt").write_text("not for the kiosk")
    p = probe(cwd=tmp_path)
    assert p.line("priv\t\r") == "priv"
    p = probe("--complete", "yes,no", cwd=tmp_path)
    assert p.line("priv\t\r") == "priv"


# --- History between lines and between families ----------------------------------------------

def test_up_arrow_brings_back_the_previous_line(probe):
    p = probe()
    p.line("first answer\r")
    p.line("second\r")
    assert p.line(UP + UP + "!\r") == "first answer!"


def test_forget_session_clears_history_and_kill_ring(probe):
    p = probe("--forget-after", "2")
    assert p.line("private" + CTRL_U + CTRL_Y + "\r") == "private"   # Ctrl-Y works at all
    p.send_slowly("half" + UP + CTRL_C)                               # readline keeps "half" aside for ↓
    assert p.result() == ("interrupted", "")
    p.line("secret" + CTRL_U + "\r")
    assert "FORGOT" in p.child.before                                  # printed before this prompt
    assert p.line(UP + "\r") == ""
    assert p.line(CTRL_Y + "\x1by\x1by\r") == ""                       # yank, yank-pop: nothing
    p.line("next family\r")
    p.send_slowly("x" + UP + DOWN)                                     # ↓ gives back "x", nothing older
    assert p.line("\r") == "x"


# --- Interrupts, timeouts, signals -------------------------------------------------------------

def test_ctrl_c_discards_the_line_and_the_next_line_works(probe):
    p = probe()
    p.child.send("half typed" + CTRL_C)
    assert p.result() == ("interrupted", "")
    assert p.line("next\r") == "next"
    p.send_slowly("x" + CTRL_S + "y")                                 # inside an incremental search
    p.child.send(CTRL_C)
    assert p.result() == ("interrupted", "")
    assert p.line("again\r") == "again"


def test_idle_timeout_fires_and_discards_the_partial_line(probe):
    p = probe("--timeout", "1")
    p.child.send("partial")
    started = time.monotonic()
    assert p.result() == ("timedOut", "")
    elapsed = time.monotonic() - started
    assert 0.8 <= elapsed < 2.0, elapsed
    assert p.line("fresh\r") == "fresh"


def test_idle_timeout_restarts_on_every_key(probe):
    p = probe("--timeout", "1")
    started = time.monotonic()
    for key in "slowly":
        time.sleep(0.6)
        p.child.send(key)
    assert time.monotonic() - started > 3
    assert p.line("\r") == "slowly"


def test_ctrl_s_does_not_freeze_the_screen(probe):
    p = probe()
    p.send_slowly("a" + CTRL_S + CTRL_G + "b")
    assert p.line("\r") == "ab"


def test_ctrl_z_and_ctrl_backslash_neither_suspend_nor_quit(probe):
    # Under `set -m` the probe has a job-control parent, so an unignored Ctrl-Z would stop it
    # (checked with cat below), and bash would go on to `stty -a`.
    control = pexpect.spawn("bash", ["-c", "set -m; cat; echo CAT-STOPPED"], env=environment(),
                            encoding="utf-8", timeout=5)
    time.sleep(0.3)
    control.sendcontrol("z")
    control.expect_exact("CAT-STOPPED")
    control.close(force=True)

    p = probe(then_stty=True)
    p.send_slowly("a" + CTRL_Z + "b" + CTRL_BACKSLASH + "c", pause=0.3)
    assert p.line("\r") == "abc"


def test_ctrl_d_ends_input_and_the_terminal_is_restored(probe):
    p = probe(then_stty=True)
    p.child.send("typed" + CTRL_A + CTRL_K)
    p.child.send(CTRL_D)
    assert p.result() == ("endOfInput", "")
    assert_terminal_restored(p.stty_after_exit())


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_termination_signals_end_the_read_and_the_terminal_is_restored(probe, signum):
    p = probe(then_stty=True)
    p.child.send("half an answ")
    time.sleep(0.3)
    os.kill(p.probe_pid(), signum)
    assert p.result() == ("terminated", "")
    if signum == signal.SIGTERM:   # after SIGHUP bash's own stty output is not guaranteed
        assert_terminal_restored(p.stty_after_exit())


def test_resize_calls_back_and_the_prompt_line_is_kept(probe):
    p = probe()
    p.child.send("wide")
    time.sleep(0.2)
    p.child.setwinsize(30, 100)
    p.child.expect_exact("RESIZE:100x30")
    assert p.line("r\r") == "wider"


def test_a_very_long_pasted_line(probe):
    p = probe()
    text = ("abcdefghij" * 10_000 + "日本").encode() + b"\r"
    fd, output, sent = p.child.child_fd, bytearray(), 0
    started = time.monotonic()
    # Write and drain at once: the probe echoes everything, and a pty holds only a few KB.
    while time.monotonic() - started < 20:
        readable, writable, _ = select.select([fd], [fd] if sent < len(text) else [], [], 1)
        if readable:
            output += os.read(fd, 65536)
        if writable:
            sent += os.write(fd, text[sent:sent + 4096])
        match = re.search(rb'RESULT:line:("(?:[^"\\]|\\.)*")\r\n', output)
        if match:
            break
    assert match, f"no result after {time.monotonic() - started:.1f}s, {sent} of {len(text)} bytes sent"
    assert json.loads(match.group(1).decode()) == "abcdefghij" * 10_000 + "日本"


# --- Not a terminal ---------------------------------------------------------------------------

def test_piped_input_uses_the_plain_reader():
    assert PROBE.exists(), f"build the probe first: {PROBE} is missing"
    run = subprocess.run([str(PROBE), "--prompt", "Name? "], input="héllo\n日本\r\nlast".encode(),
                         capture_output=True, env=environment(), timeout=10)
    out = run.stdout.decode()
    assert run.returncode == 0
    assert [json.loads(t) for _, t in RESULT.findall(out)] == ["héllo", "日本", "last", ""]
    assert RESULT.findall(out)[-1][0] == "endOfInput"
    assert "\x1b" not in out.split("RESULT:endOfInput")[0]         # no escape codes on a pipe
    assert out.startswith("Name? \nRESULT:line:")


def test_piped_input_times_out_ignores_resizes_and_sigterm_terminates():
    child = subprocess.Popen([str(PROBE), "--timeout", "0.5"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             env=environment())
    try:
        assert child.stdout.readline() == b"> \n"                      # the prompt, its line ended
        assert child.stdout.readline() == b'RESULT:timedOut:""\n'
        child.send_signal(signal.SIGWINCH)
        child.stdin.write("still here\n".encode())
        child.stdin.flush()
        assert child.stdout.readline() == b"> \n"
        assert child.stdout.readline() == b'RESULT:line:"still here"\n'
        child.send_signal(signal.SIGTERM)
        out = child.communicate(timeout=5)[0].decode()
        assert 'RESULT:terminated:""' in out
        assert child.returncode == 0
    finally:
        child.kill()
