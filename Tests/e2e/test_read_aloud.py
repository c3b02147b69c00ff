"""Reading aloud, with the real espeak-ng: every shipped language's welcome, consent and needs
screens make real speech; Mandarin is read as Mandarin; a centre's recording replaces synthesis
for its message only; and at the kiosk, in a pseudo-terminal, the key speaks without getting in
the way of typing, a new screen stops the speech, and a broken speech set-up is said calmly."""
import array
import json
import os
import stat
import subprocess
import time
import wave

import pytest

from faults import ROOT
from kiosk_driver import SPIRAL, Screen, load_plan, run_spiral

SHIPPED = sorted(f[:-5] for f in os.listdir(os.path.join(ROOT, "Localizations")) if f.endswith(".json"))
F1 = "\x1bOP"


def wav_facts(path):
    with wave.open(path, "rb") as w:
        assert w.getsampwidth() == 2 and w.getnchannels() == 1
        frames = w.readframes(w.getnframes())
        seconds = w.getnframes() / w.getframerate()
    samples = array.array("h", frames)
    rms = (sum(s * s for s in samples[::7]) / max(1, len(samples[::7]))) ** 0.5
    return seconds, rms


@pytest.mark.parametrize("tag", SHIPPED)
def test_every_language_reads_its_welcome_consent_and_needs_screens(tmp_path, tag):
    for screen in ("welcome", "consent", "needs"):
        out = str(tmp_path / f"{tag}-{screen}.wav")
        r = run_spiral("speak", "--language", tag, "--screen", screen, "--output", out)
        assert r.returncode == 0, r.stderr
        seconds, rms = wav_facts(out)
        assert seconds > 1.0, (tag, screen, seconds)
        assert rms > 300, (tag, screen, rms)   # not silence


def test_mandarin_is_read_as_mandarin_not_as_english_letters_and_numbers():
    with open(os.path.join(ROOT, "Localizations", "zh-Hans.json"), encoding="utf-8") as f:
        voice = json.load(f)["voice"]
    said = run_spiral("speak", "--language", "zh-Hans", "--screen", "needs", "--output", "/dev/null")
    text = "\n".join(line.split("] ", 1)[1] for line in said.stdout.splitlines() if line.startswith("["))
    assert "您现在需要什么" in text
    phonemes = subprocess.run(["espeak-ng", "-v", voice, "-x", "-q", text], capture_output=True, text=True).stdout
    assert "(en)" not in phonemes, phonemes
    # English number names and letters, as espeak-ng's default Mandarin voice says "ni three".
    for english in ("Tr'i:", "w'0n", "t'u:", "f'o@", "faIv", "eI55"):
        assert english not in phonemes, (english, phonemes)


def tone(path, seconds=1.0, rate=22050):
    """A recording a community member might make (here a tone), as 16-bit mono WAV."""
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        n = int(seconds * rate)
        w.writeframes(array.array("h", [8000 if (i // 50) % 2 else -8000 for i in range(n)]).tobytes())


def test_a_recording_replaces_synthesis_for_its_message_only(tmp_path):
    audio = tmp_path / "Audio" / "en"
    audio.mkdir(parents=True)
    tone(str(audio / "ui.welcome.title.wav"))
    config = tmp_path / "centre.json"
    config.write_text(json.dumps({"crisisContacts": [{"name": "Emergency", "phone": "000"}], "languages": [],
                                  "speech": {"recordings": str(tmp_path / "Audio")}}))
    out = str(tmp_path / "welcome.wav")
    r = run_spiral("speak", "--language", "en", "--screen", "welcome", "--output", out, "--config", str(config))
    assert r.returncode == 0, r.stderr
    lines = [l for l in r.stdout.splitlines() if l.startswith("[")]
    assert "(recording" in lines[0] and "ui.welcome.title.wav" in lines[0]
    assert not any("(recording" in l for l in lines[1:])
    with wave.open(out, "rb") as w, wave.open(str(audio / "ui.welcome.title.wav"), "rb") as rec:
        assert w.readframes(rec.getnframes()) == rec.readframes(rec.getnframes())   # the recording first, as recorded
        assert w.getnframes() > rec.getnframes() + 22050                            # then the synthesised rest
    # The languages list counts it.
    listed = run_spiral("languages", "--config", str(config))
    assert "en: voice en, ready; 4 spoken variant(s); 1 of" in listed.stdout


FAKE_PLAYER = """#!/bin/sh
# A fake player: what it was asked to play, when it started, and how it ended.
echo "start $(date +%s.%N) $(stat -c %s "$1")" >> {log}
trap 'echo "stopped $(date +%s.%N)" >> {log}; exit 143' TERM
{body}
echo "done $(date +%s.%N)" >> {log}
"""


def kiosk_with_player(tmp_path, body="sleep 4 & wait $!", extra_env=None, speech=None):
    log = tmp_path / "player.log"
    log.write_text("")
    player = tmp_path / "player.sh"
    player.write_text(FAKE_PLAYER.format(log=log, body=body))
    player.chmod(0o755)
    config = tmp_path / "centre.json"
    config.write_text(json.dumps({"crisisContacts": [{"name": "Emergency", "phone": "000"}], "languages": [],
                                  "speech": speech or {"player": [str(player)]}}))
    runtime = tmp_path / "run"
    runtime.mkdir()
    env = {"XDG_RUNTIME_DIR": str(runtime)}
    env.update(extra_env or {})
    store = str(tmp_path / "plans")
    s = Screen(["kiosk", "--once", "--language", "en", "--store", store, "--config", str(config)], env=env)
    return s, log, store


def wait_until(s, done, seconds):
    """Pumps the screen until `done()` or `seconds` pass (the assertions that follow say what failed)."""
    deadline = time.time() + seconds
    while not done() and time.time() < deadline:
        s.pump(0.02)


def events(log):
    return [line.split() for line in log.read_text().splitlines()]


def said_unavailable_and_logged(s, store, reason):
    """After "Am" and F1: the calm sentence, what was typed kept, the session goes on, and the
    staff log has the reason."""
    s.wait_for("Reading aloud is not available here")
    s.type("x")
    assert "Amx" in s.cursor_line()               # what was typed is kept
    s.type("ctrl-u")
    s.start_family()
    s.wait_for("What would you like us to call you?")
    assert s.stop_and_leave() == 0
    with open(os.path.join(store, ".kiosk.log"), encoding="utf-8") as f:
        assert reason in f.read()


def test_the_key_speaks_typing_goes_on_and_a_new_screen_stops_the_speech(tmp_path):
    s, log, store = kiosk_with_player(tmp_path)
    s.wait_for("F1: read aloud")
    s.start_family()
    s.wait_for("What would you like us to call you?")
    pressed = time.time()
    s.type(F1)
    # Typing while it speaks: every key lands in the line.
    s.type("Am", "i", "ra")
    wait_until(s, lambda: events(log), 5)
    started = events(log)
    assert started and started[0][0] == "start", started
    print(f"read-aloud key to player start: {(float(started[0][1]) - pressed) * 1000:.0f} ms")
    s.pump(0.3)
    assert "Amira" in s.cursor_line()
    s.type("enter")   # a new screen
    s.wait_for("What are your children's first names and ages?")
    wait_until(s, lambda: not (not any(e[0] == "stopped" for e in events(log))), 3)
    kinds = [e[0] for e in events(log)]
    assert "stopped" in kinds and "done" not in kinds, kinds
    assert s.stop_and_leave() == 0
    assert load_plan(store)["profile"]["name"] == "Amira"
    # The speech files are gone with the session.
    assert not any(f.endswith(".wav") for _, _, files in os.walk(tmp_path / "run") for f in files)


def test_pressing_again_stops_and_every_question_can_be_read(tmp_path):
    s, log, _ = kiosk_with_player(tmp_path)
    s.wait_for("F1: read aloud")
    s.type(F1)
    wait_until(s, lambda: events(log), 5)
    s.type(F1)
    wait_until(s, lambda: not (not any(e[0] == "stopped" for e in events(log))), 3)
    assert [e[0] for e in events(log)] == ["start", "stopped"]
    # "!" reads every new screen from now on.
    s.answer("If you have a family code from before", "!")
    s.wait_for("Every question will now be read aloud")
    before = len(events(log))
    s.type("enter")
    s.wait_for("Is it OK to go on?")
    wait_until(s, lambda: not (len(events(log)) == before), 5)
    assert len(events(log)) > before
    s.type("1", "enter")
    s.wait_for("Choose a PIN")
    assert s.stop_and_leave() == 0


def test_no_espeak_a_failing_player_and_a_hanging_player_are_said_calmly_and_logged(tmp_path):
    # espeak-ng missing: PATH without it (the player is given by its full path).
    bare = tmp_path / "bin"
    bare.mkdir()
    for tool in ("sh", "date", "stat", "sleep", "cat"):
        os.symlink(subprocess.run(["which", tool], capture_output=True, text=True).stdout.strip(), bare / tool)
    s, log, store = kiosk_with_player(tmp_path, extra_env={"PATH": str(bare)})
    s.wait_for("If you have a family code from before")
    assert "F1: read aloud" not in s.flat()      # not offered where it cannot work
    s.type("Am")
    s.type(F1)
    said_unavailable_and_logged(s, store, "espeak-ng is not installed")


def test_a_player_that_ignores_being_stopped_is_killed_not_waited_on(tmp_path):
    s, log, _ = kiosk_with_player(tmp_path, body="trap '' TERM; sleep 30")
    s.wait_for("F1: read aloud")
    s.type(F1)
    wait_until(s, lambda: events(log), 5)
    pid_line = subprocess.run(["pgrep", "-f", str(tmp_path / "player.sh")], capture_output=True, text=True).stdout.split()
    assert pid_line
    s.type("enter")
    s.wait_for("Is it OK to go on?")
    wait_until(s, lambda: not (subprocess.run(["pgrep", "-f", str(tmp_path / "player.sh")], capture_output=True).returncode == 0), 3)
    assert subprocess.run(["pgrep", "-f", str(tmp_path / "player.sh")], capture_output=True).returncode != 0
    s.type("1", "enter")   # the session goes on
    s.wait_for("Choose a PIN")
    assert s.stop_and_leave() == 0


def test_a_player_that_fails_no_sound_device_is_said_at_the_next_press(tmp_path):
    s, log, store = kiosk_with_player(tmp_path, body="exit 1")
    s.wait_for("F1: read aloud")
    s.type(F1)
    wait_until(s, lambda: events(log), 5)
    s.pump(0.5)
    s.type("Am", F1)
    said_unavailable_and_logged(s, store, "exited with status 1")


def dead_pid():
    """A process id no process has now (one that just exited)."""
    p = subprocess.Popen(["true"])
    p.wait()
    return p.pid


@pytest.mark.parametrize("once", [True, False], ids=["once", "supervised"])
def test_speech_left_by_a_session_that_crashed_is_removed_soon_after_the_kiosk_starts(tmp_path, once):
    # A crashed session's spoken screens (which can hold a family's words) must not stay on disk;
    # a live session's folder stays. Tidied beside the first screen, not before it.
    runtime = tmp_path / "run"
    runtime.mkdir()
    stale = runtime / f"spiral-speech-{dead_pid()}"
    stale.mkdir()
    (stale / "part-1.wav").write_bytes(b"RIFF")
    live = runtime / f"spiral-speech-{os.getpid()}"
    live.mkdir()
    store = str(tmp_path / "plans")
    args = ["kiosk", "--language", "en", "--store", store] + (["--once"] if once else [])
    s = Screen(args, env={"XDG_RUNTIME_DIR": str(runtime)})
    s.wait_for("Welcome")
    wait_until(s, lambda: not stale.exists(), 5)
    assert not stale.exists()
    assert live.exists()
    s.child.kill(9)
