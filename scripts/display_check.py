#!/usr/bin/env python3
"""The real-display check: every shipped language on the kiosk's real screen.

Starts the kiosk in a real terminal (foot with deploy/foot.ini, as the deployment guide
recommends) under a headless cage, as an ordinary user, for each language; types into the
kiosk's own terminal as a person would (TIOCSTI, so it must run as root: cage 0.1.4 has no
virtual keyboard); screenshots the welcome, the consent screen and a free-text question with a
short and a longer-than-a-line answer being typed (grim); reads each screenshot back with
Tesseract OCR and that script's language data; and reports the share of the screen's expected
text recovered. pyte, which the pty tests use, cannot shape Devanagari or fall back between
fonts, so only this sees what a family sees.

Expected text comes from a twin session of the same kiosk in a pseudo-terminal, with the same
keys, set to write right-to-left text in logical order: the words each screen should show.

Languages the named display cannot draw (the centre config's "display") are measured and shown,
but marked "not offered": the kiosk leaves them out there. Every offered language must reach
--threshold, or the check fails. Screenshots and the report are kept in --out for a person to
look at.

    sudo python3 scripts/display_check.py [--terminal foot|kitty] [--languages en,ar] [--out DIR]
"""
import argparse
import atexit
import difflib
import fcntl
import json
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import termios
import time
import unicodedata

import pexpect

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
# What the ordinary user running the kiosk reads: a copy in /tmp (main() makes it), since the
# repository may sit where only root can enter (/root, a 0700 home).
READABLE = ROOT
USER = "spiral-display"
SHIPPED = ["en", "ar", "zh-Hans", "zh-Hant", "ko", "el", "vi", "es", "hi", "ne"]
TESSERACT = {"en": "eng", "ar": "ara", "zh-Hans": "chi_sim", "zh-Hant": "chi_tra", "ko": "kor", "el": "ell",
             "vi": "vie", "es": "spa", "hi": "hin", "ne": "nep"}
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[=>()][0-9A-Za-z]?")
CLEAR = "\x1b[H\x1b[2J"
# Arabic short vowels, tanwin, shadda, sukun and tatweel: OCR reads marks unreliably in any
# font, so the share counts letters; the screenshots show the marks (look at them).
ARABIC_MARKS = re.compile("[\u064B-\u065F\u0670\u0640]")


def sample_answers(tag):
    """A short answer and one longer than a line, in the language's own script: its own words."""
    with open(os.path.join(ROOT, "Localizations", tag + ".json"), encoding="utf-8") as f:
        messages = json.load(f)["messages"]
    words = re.sub(r"\{[^{}]*\}", "", messages["ui.welcome.text"]).split()
    text = messages["ui.welcome.text"]
    short = " ".join(words[:3]) if len(words) >= 3 else text[:8]
    long_ = re.sub(r"\{[^{}]*\}", "", text + " " + messages["ui.welcome.code"])
    return short, " ".join(long_.split())


# What the family does, screen by screen: keys typed, then the screenshot's name (None: no
# screenshot). The answers are typed, not sent, so the screenshot shows them being typed.
def steps(short, long_):
    return [("", "welcome"), ("\r", "consent"), ("1\r", None), ("\r", None), (short, "answer-short"),
            ("\x15\r", None), (long_, "answer-long")]


def letters(text, tag):
    """Letters, marks and digits only, case folded, compatibility forms unfolded (Spiral draws
    Arabic as presentation forms; OCR reads the letters); no spaces, so a word OCR splits in two
    (the gaps of a monospace font) still counts."""
    text = unicodedata.normalize("NFKC", text).casefold()
    if tag == "ar":
        text = ARABIC_MARKS.sub("", text)
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LMN")


def recovered(expected, readings, tag):
    """The share of the expected text OCR read. Line by line: a letter counts as read when a
    reading (the script's language data, or English for the key names and staff lines) found it
    in order with its neighbours, so a line mixing two scripts is judged by both."""
    total = found = 0
    texts = [letters(r, tag) for r in readings]
    for line in expected.splitlines():
        want = letters(line, tag)
        if not want:
            continue
        total += len(want)
        read = set()    # positions of the line's letters some reading found, in order
        for t in texts:
            for b in difflib.SequenceMatcher(None, want, t, autojunk=False).get_matching_blocks():
                read.update(range(b.a, b.a + b.size))
        found += len(read)
    return found / total if total else 1.0


def run_as_user(user):
    def become():
        os.setgroups([])
        os.setgid(user.pw_gid)
        os.setuid(user.pw_uid)
        os.setsid()
    return become


class Twin:
    """The same kiosk in a pseudo-terminal, for each screen's words in logical order."""

    def __init__(self, spiral, args, env):
        self.child = pexpect.spawn(spiral, args, env=env, dimensions=(40, 100), encoding=None)
        self.raw = b""

    def pump(self, seconds=1.0):
        end = time.time() + seconds
        while time.time() < end:
            try:
                self.raw += self.child.read_nonblocking(65536, timeout=0.1)
            except pexpect.TIMEOUT:
                pass
            except pexpect.EOF:
                return

    def screen_text(self):
        """The last screen drawn, without escapes or the input line (typed text is added apart)."""
        text = self.raw.decode("utf-8", "replace").split(CLEAR)[-1]
        text = ANSI.sub("", text).replace("\r", "")
        lines = text.split("\n")
        # The input line starts with the prompt mark; everything after it is the answer.
        for i in range(len(lines) - 1, -1, -1):
            if lines[i].lstrip().startswith(("›", "‹")):
                lines = lines[:i]
                break
        return "\n".join(lines)

    def close(self):
        self.child.terminate(force=True)


def kiosk_tty(root_pid, timeout=20):
    """The pseudo-terminal the kiosk reads: the stdin of the `spiral` under cage's terminal."""
    end = time.time() + timeout
    while time.time() < end:
        for pid in children(root_pid):
            try:
                with open(f"/proc/{pid}/comm") as f:
                    if f.read().strip() != "spiral":
                        continue
                tty = os.readlink(f"/proc/{pid}/fd/0")
                if tty.startswith("/dev/pts/"):
                    return tty
            except OSError:
                continue
        time.sleep(0.1)
    raise RuntimeError("the kiosk did not start in the terminal (see the cage log in the output folder)")


def children(pid):
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/task/{p}/children") as f:
                kids = [int(k) for k in f.read().split()]
        except OSError:
            kids = []
        out += kids
        todo += kids
    return out


def type_keys(tty, keys):
    fd = os.open(tty, os.O_RDWR | os.O_NOCTTY)
    try:
        for byte in keys.encode("utf-8"):
            fcntl.ioctl(fd, termios.TIOCSTI, bytes([byte]))
    finally:
        os.close(fd)


def grab(env, path, user, scale=1):
    """The screen as a PNG at `path`, taken by grim as the display's user; returns its bytes."""
    data = subprocess.run(["grim", "-s", str(scale), "-"], env=env, check=True, capture_output=True,
                          preexec_fn=run_as_user(user), cwd="/").stdout
    with open(path, "wb") as f:
        f.write(data)
    return data


def screenshot(env, path, user, settle=0.4, timeout=8.0):
    """A screenshot once the screen has stopped changing (two grabs alike), so a half-drawn
    screen is never read."""
    previous = None
    end = time.time() + timeout
    while True:
        time.sleep(settle)
        data = grab(env, path, user)
        if data == previous or time.time() > end:
            return
        previous = data


def ocr(path, tag, env, user):
    """Tesseract on the screen: with the script's language data and with English (the key names,
    Enter and Tab, are in Latin letters on every screen), each on the screenshot as taken and
    on one grim takes at twice the scale (CJK reads better larger, Arabic as taken)."""
    large = path[:-4] + "-2x.png"
    grab(env, large, user, scale=2)
    readings = []
    for image in (path, large):
        for langs in dict.fromkeys([TESSERACT[tag], "eng"]):
            out = subprocess.run(["tesseract", image, "-", "-l", langs, "--psm", "4"], capture_output=True, text=True)
            readings.append(out.stdout)
    os.unlink(large)
    return readings


def terminal_command(terminal, spiral, args):
    if terminal == "foot":
        return ["foot", "--config", os.path.join(READABLE, "deploy", "foot.ini"), "--", spiral] + args
    if terminal == "kitty":
        return ["kitty", "--config", os.path.join(READABLE, "scripts", "display", "kitty.conf"), spiral] + args
    raise SystemExit(f"unknown terminal {terminal}: use foot or kitty")


def check_language(tag, terminal, spiral, user, out_dir):
    work = tempfile.mkdtemp(prefix=f"spiral-display-{tag}-")
    os.chmod(work, 0o755)
    home = os.path.join(work, "home")
    runtime = os.path.join(work, "run")
    for d in (home, runtime):
        os.makedirs(d)
        os.chown(d, user.pw_uid, user.pw_gid)
    os.chmod(runtime, 0o700)
    config = os.path.join(work, "centre.json")
    with open(os.path.join(ROOT, "Config", "centre.json"), encoding="utf-8") as f:
        settings = json.load(f)
    settings["display"] = "other"    # measure every language, offered here or not
    with open(config, "w", encoding="utf-8") as f:
        json.dump(settings, f)
    os.chmod(config, 0o644)
    args = ["kiosk", "--once", "--language", tag, "--config", config,
            "--prompts", os.path.join(READABLE, "Prompts"), "--localizations", os.path.join(READABLE, "Localizations"),
            "--store", os.path.join(home, "plans")]
    env = {"HOME": home, "XDG_RUNTIME_DIR": runtime, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
           "WLR_BACKENDS": "headless", "WLR_RENDERER": "pixman", "WLR_LIBINPUT_NO_DEVICES": "1",
           "LIBGL_ALWAYS_SOFTWARE": "1", "SWIFT_BACKTRACE": "enable=no"}
    log = open(os.path.join(out_dir, f"{terminal}-{tag}-cage.log"), "w")
    cage = subprocess.Popen(["cage", "-s", "--"] + terminal_command(terminal, spiral, args), env=env, stdout=log,
                            stderr=subprocess.STDOUT, preexec_fn=run_as_user(user), cwd=home)
    short, long_ = sample_answers(tag)
    twin_settings = dict(settings, reorderRightToLeft=False)
    twin_config = os.path.join(work, "twin.json")
    with open(twin_config, "w", encoding="utf-8") as f:
        json.dump(twin_settings, f)
    twin_args = [a if a != config else twin_config for a in args]
    twin_args[twin_args.index("--store") + 1] = os.path.join(work, "twin-plans")
    twin = Twin(spiral, twin_args, {"HOME": work, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "xterm-256color"})
    results = []
    try:
        tty = kiosk_tty(cage.pid)
        wayland = {"XDG_RUNTIME_DIR": runtime, "WAYLAND_DISPLAY": "wayland-0", "PATH": "/usr/bin:/bin"}
        time.sleep(1.0)
        for keys, name in steps(short, long_):
            if keys:
                type_keys(tty, keys)
                twin.child.send(keys.encode("utf-8"))
            twin.pump(1.0)
            if name is None:
                time.sleep(0.5)
                continue
            shot = os.path.join(out_dir, f"{terminal}-{tag}-{name}.png")
            screenshot(wayland, shot, user)
            typed = {"answer-short": short, "answer-long": long_}.get(name, "")
            expected = twin.screen_text() + "\n" + typed
            seen = ocr(shot, tag, wayland, user)
            with open(os.path.join(out_dir, f"{terminal}-{tag}-{name}.txt"), "w", encoding="utf-8") as f:
                f.write("EXPECTED\n" + expected + "\n\nOCR\n" + "\n\nOCR (another reading)\n".join(seen))
            results.append((name, recovered(expected, seen, tag)))
    finally:
        twin.close()
        cage.send_signal(signal.SIGTERM)
        try:
            cage.wait(5)
        except subprocess.TimeoutExpired:
            cage.kill()
        log.close()
        shutil.rmtree(work, ignore_errors=True)
    return results


def ensure_user():
    try:
        return pwd.getpwnam(USER)
    except KeyError:
        subprocess.run(["useradd", "--create-home", "--shell", "/bin/sh", USER], check=True)
        return pwd.getpwnam(USER)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--terminal", default="foot", choices=["foot", "kitty"])
    parser.add_argument("--display", default=None, help="the centre config's display name to judge by (default: the terminal)")
    parser.add_argument("--languages", default=",".join(SHIPPED))
    parser.add_argument("--out", default=os.path.join(ROOT, ".build", "display-check"))
    parser.add_argument("--threshold", type=float, default=95.0)
    parser.add_argument("--spiral", default=os.path.join(ROOT, ".build", "debug", "spiral"))
    options = parser.parse_args()
    if os.geteuid() != 0:
        raise SystemExit("display_check.py types into the kiosk's terminal with TIOCSTI, which needs root: run it with sudo "
                         "(cage, the terminal and the kiosk still run as the ordinary user spiral-display).")
    for program in ("cage", options.terminal, "grim", "tesseract"):
        if not shutil.which(program):
            raise SystemExit(f"{program} is missing: run `make display-deps` (Debian packages) first.")
    # TIOCSTI works for root (CAP_SYS_ADMIN) even where dev.tty.legacy_tiocsti is 0 (Linux 6.2+).
    # Xwayland refuses a socket folder it does not trust.
    os.makedirs("/tmp/.X11-unix", exist_ok=True)
    os.chown("/tmp/.X11-unix", 0, 0)
    os.chmod("/tmp/.X11-unix", 0o1777)
    user = ensure_user()
    os.makedirs(options.out, exist_ok=True)
    spiral = stage(os.path.abspath(options.spiral))
    display = options.display or options.terminal
    offered = offered_on(spiral, display)
    rows, failed = [], []
    for tag in options.languages.split(","):
        results = check_language(tag, options.terminal, spiral, user, options.out)
        worst = min(share for _, share in results) if results else 0.0
        is_offered = tag in offered
        if is_offered and worst * 100 < options.threshold:
            failed.append(tag)
        rows.append((tag, results, is_offered))
    give_back(options.out)
    report = render(rows, options)
    with open(os.path.join(options.out, f"report-{options.terminal}.md"), "w", encoding="utf-8") as f:
        f.write(report)
    print(report)
    if failed:
        print(f"FAILED: below {options.threshold:.0f}% on {options.terminal}: {', '.join(failed)} "
              f"(screenshots and OCR text in {options.out})")
        sys.exit(1)


def stage(spiral):
    """Copies the binary and the files the kiosk reads into a folder anyone may read; returns
    the copied binary. The folder is removed when the check ends."""
    global READABLE
    READABLE = tempfile.mkdtemp(prefix="spiral-display-share-")
    for folder in ("Prompts", "Localizations"):
        shutil.copytree(os.path.join(ROOT, folder), os.path.join(READABLE, folder))
    for path in (os.path.join("deploy", "foot.ini"), os.path.join("scripts", "display", "kitty.conf")):
        os.makedirs(os.path.join(READABLE, os.path.dirname(path)), exist_ok=True)
        shutil.copy(os.path.join(ROOT, path), os.path.join(READABLE, path))
    os.makedirs(os.path.join(READABLE, "bin"))
    copy = os.path.join(READABLE, "bin", "spiral")
    shutil.copy(spiral, copy)
    for base, dirs, files in os.walk(READABLE):
        os.chmod(base, 0o755)
        for name in files:
            os.chmod(os.path.join(base, name), 0o755 if name == "spiral" else 0o644)
    atexit.register(shutil.rmtree, READABLE, True)
    return copy


def offered_on(spiral, display):
    """The languages the kiosk offers on this display, asked of `spiral check` itself."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        with open(os.path.join(ROOT, "Config", "centre.json"), encoding="utf-8") as base:
            settings = json.load(base)
        settings["display"] = display if display in ("foot", "linux-console") else "other"
        json.dump(settings, f)
    out = subprocess.run([spiral, "check", "--config", f.name, "--prompts", os.path.join(ROOT, "Prompts"),
                          "--localizations", os.path.join(ROOT, "Localizations")], capture_output=True, text=True).stdout
    os.unlink(f.name)
    line = next((l for l in out.splitlines() if l.startswith("Display:")), "")
    match = re.search(r"languages offered: ([^;]*)", line)
    if not match:
        raise SystemExit(f"spiral check did not say which languages the display offers:\n{out}")
    return set(t.strip() for t in match.group(1).split(","))


def give_back(folder):
    """The screenshots belong to whoever ran `sudo make display-check`, not to root."""
    uid, gid = os.environ.get("SUDO_UID"), os.environ.get("SUDO_GID")
    if uid and gid:
        for base, dirs, files in os.walk(folder):
            for name in [base] + [os.path.join(base, n) for n in dirs + files]:
                os.chown(name, int(uid), int(gid))


def render(rows, options):
    names = [name for _, results, _ in rows[:1] for name, _ in results]
    lines = [f"Real display: {options.terminal} under headless cage, deploy config; OCR share of each screen's expected text "
             f"(threshold {options.threshold:.0f}% for offered languages)", "",
             "| language | " + " | ".join(names) + " | offered |", "|---" * (len(names) + 2) + "|"]
    for tag, results, offered in rows:
        cells = [f"{share * 100:.0f}%" for _, share in results]
        lines.append(f"| {tag} | " + " | ".join(cells) + f" | {'yes' if offered else 'no: the display cannot draw it'} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
