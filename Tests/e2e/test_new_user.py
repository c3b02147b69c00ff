"""What a parent and a practitioner tripped over, tried again as they would: an idle kiosk, a huge
paste, Ctrl-D, a refused answer, Tab, a long Arabic answer being edited, Ctrl-D in other scripts."""
import json
import os
import subprocess
import threading
import time

from kiosk_driver import SPIRAL, Screen, load_plan


def set_passphrase(phrase="correct horse"):
    p = subprocess.run([SPIRAL, "passphrase"], input=f"{phrase}\n{phrase}\n", capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr


def test_an_idle_kiosk_only_ever_returns_to_a_clean_start_screen(tmp_path):
    """Untouched for a minute at --idle-timeout 10, with and without a staff passphrase."""
    plain = Screen(["kiosk", "--store", str(tmp_path / "a"), "--idle-timeout", "10"])
    plain.wait_for("Tiếng Việt")
    assert "no passphrase is set" in plain.flat()      # staff find out before a child does
    plain.type("xyz")                                   # half-typed, then left
    config = tmp_path / "locked"
    env = {"XDG_CONFIG_HOME": str(config)}
    subprocess.run([SPIRAL, "passphrase"], input="correct horse\ncorrect horse\n", text=True, capture_output=True,
                   env={**os.environ, **env}, timeout=60, check=True)
    locked = Screen(["kiosk", "--store", str(tmp_path / "b"), "--idle-timeout", "10"], env=env)
    locked.wait_for("Tiếng Việt")
    assert "no passphrase is set" not in locked.flat()
    end = time.time() + 60
    while time.time() < end:
        plain.pump(0.5)
        locked.pump(0.5)
    for s in (plain, locked):
        assert s.child.isalive(), "the idle kiosk closed itself"
        screen = s.flat()
        assert "Tiếng Việt" in screen and "Staff only" not in screen and "still there" not in screen
        assert "xyz" not in screen
    for s in (plain, locked):
        s.child.terminate(force=True)


def test_a_one_megabyte_paste_is_refused_as_it_arrives_and_the_next_key_answers_at_once(tmp_path):
    s = Screen(["kiosk", "--once", "--store", str(tmp_path), "--language", "en"])
    s.start_family()
    s.wait_for("What would you like us to call you?")
    paste = ("Amira " * 200_000)[:1_000_000].encode()
    done = threading.Event()

    def write_paste():
        # As a terminal emulator pastes: in chunks, while the output is read.
        for i in range(0, len(paste), 4096):
            s.child.send(paste[i:i + 4096])
        done.set()

    writer = threading.Thread(target=write_paste)
    started = time.time()
    writer.start()
    while not done.is_set():
        s.pump(0.05)
    writer.join()
    pasted = time.time() - started
    s.wait_for("longer than this question can keep", timeout=30)
    mark = time.time()
    s.type("Z")
    for _ in range(200):
        s.pump(0.05)
        if s.cursor_line().rstrip().endswith("Z"):
            break
    echoed = time.time() - mark
    print(f"1 MB paste: {pasted:.1f} s to paste, next key echoed {echoed * 1000:.0f} ms after")
    assert s.cursor_line().rstrip().endswith("Z"), s.text()
    assert s.child.isalive()
    # What was kept is the answer up to its limit, plus the key typed after; Ctrl-U clears it all.
    s.pump(0.3)
    s.type("ctrl-u")
    for _ in range(100):
        s.pump(0.05)
        if s.cursor_line().strip() in ("›", ""):
            break
    assert s.cursor_line().strip() in ("›", ""), s.text()
    s.type("Amira", "enter")
    s.wait_for("What are your children's first names")


def test_a_refused_choice_is_not_left_in_the_line_and_tab_completes_later_items(tmp_path):
    store = str(tmp_path / "plans")
    s = Screen(["kiosk", "--once", "--store", store, "--language", "en"])
    s.start_family()
    s.answer("What would you like us to call you?", "Amira")
    s.answer("What are your children's first names", "")
    s.wait_for("anything you need help with right now")
    s.type("14", "enter")
    s.wait_for("“14” is not one of the choices")
    assert s.cursor_line().strip() == "›", s.cursor_line()
    s.type("Fo", "tab")
    s.pump(0.3)
    assert s.cursor_line().strip() == "› Food"
    s.type(", Sa", "tab")
    s.pump(0.3)
    assert s.cursor_line().strip() == "› Food, Safety"
    s.type("enter")
    s.wait_for("safe right now")
    s.stop_and_leave()
    assert [n["need"] for n in load_plan(store)["needs"]] == ["food", "safety"]


def test_tab_on_the_language_screen_completes_what_is_then_accepted(tmp_path):
    s = Screen(["kiosk", "--once", "--store", str(tmp_path)])
    s.wait_for("Tiếng Việt")
    s.type("Esp", "tab")
    s.pump(0.3)
    assert "Español" in s.cursor_line()
    s.type("enter")
    s.wait_for("bienvenida")
    s.type("ctrl-d")
    s.wait_for("Tiếng Việt")
    s.type("ctrl-d")
    s.wait_exit()


def arabic_rows(s):
    """Screen rows at and below the prompt that hold Arabic (shaped presentation forms or letters)."""
    rows = s.screen.display
    top = max(i for i, line in enumerate(rows) if "‹" in line)
    return [line for line in rows[top:] if any(0x0600 <= ord(c) <= 0x06FF or 0xFB50 <= ord(c) <= 0xFEFF for c in line)]


def test_a_long_arabic_answer_wraps_edits_and_redraws_as_one_block(tmp_path):
    store = str(tmp_path / "plans")
    s = Screen(["kiosk", "--once", "--store", store, "--language", "ar"], columns=60)
    s.pump(1)
    s.type("enter")          # welcome
    s.pump(0.5)
    s.type("1", "enter")     # consent
    s.pump(0.5)
    s.type("enter")          # no PIN
    s.pump(0.5)
    s.type("سارة", "enter")  # name
    s.pump(0.5)
    words = "أحمد عمره خمس سنوات ويحب الرسم كثيرا "
    text = (words * 10)[:150]
    for i in range(0, len(text), 10):
        s.type(text[i:i + 10])
    s.pump(0.5)
    before = arabic_rows(s)
    for _ in range(8):
        s.type("backspace")
    s.pump(0.5)
    after = arabic_rows(s)
    # One block of rows, not a new copy per Backspace; 142 letters over 60 columns: 3 or 4 rows.
    assert 2 <= len(after) <= 4, "\n".join(after)
    assert len(after) <= len(before)
    # The cursor is on a row of the block, where the next letter goes: left of the text on it.
    cursor_row = s.screen.display[s.screen.cursor.y]
    assert any(0xFB50 <= ord(c) <= 0xFEFF or 0x0600 <= ord(c) <= 0x06FF for c in cursor_row)
    assert s.screen.cursor.x <= len(cursor_row) - len(cursor_row.lstrip()) + 2
    s.type("enter")
    s.pump(0.5)
    s.type("ctrl-d")
    s.pump(0.5)
    s.type("1", "enter")
    s.pump(1)
    s.type("enter")
    s.wait_exit()
    children = load_plan(store)["answers"]
    given = [a["answer"] for a in children if a["key"] == "children"][0]
    assert given == text[:-8].strip()


def test_ctrl_d_asks_first_in_the_familys_own_language(tmp_path):
    for tag, title in (("zh-Hans", "要在这里停下吗？"), ("es", "¿Terminar aquí?"), ("el", "Να σταματήσουμε εδώ;")):
        store = str(tmp_path / tag)
        s = Screen(["kiosk", "--once", "--store", store, "--language", tag])
        s.pump(1)
        s.type("enter")
        s.pump(0.5)
        s.type("1", "enter")
        s.pump(0.5)
        s.type("enter")
        s.pump(0.5)
        s.type("ctrl-d")
        s.wait_for(title)
        s.type("enter")                  # carry on
        s.pump(0.5)
        assert s.child.isalive() and title not in s.flat()
        s.stop_session(title)
        s.pump(1)
        s.type("enter")
        s.wait_exit()


def test_after_a_refused_paste_the_next_answer_starting_with_an_accent_is_stored_whole(tmp_path):
    """Stopping a paste inside a character once glued half of it to the next key: U+FFFD in the plan."""
    store = str(tmp_path / "plans")
    s = Screen(["kiosk", "--once", "--store", store, "--language", "en"])
    s.start_family()
    s.wait_for("What would you like us to call you?")
    s.type("é" * 102)
    s.wait_for("longer than this question can keep")
    assert "yours has 102" in s.flat()
    s.type("ctrl-u", "Élodie", "enter")
    s.wait_for("What are your children's first names")
    s.stop_and_leave()
    plan = load_plan(store)
    assert plan["profile"]["name"] == "Élodie"
    assert "\ufffd" not in json.dumps(plan, ensure_ascii=False)
