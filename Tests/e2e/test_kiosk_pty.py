"""A parent's whole session at the kiosk, in a pseudo-terminal, with the real binary."""
import json
import os
import stat

from kiosk_driver import Screen, load_plan, run_spiral


def test_a_parent_goes_through_the_whole_tool_in_english(tmp_path):
    store = str(tmp_path / "plans")
    s = Screen(["kiosk", "--once", "--store", store, "--language", "en"])

    # Welcome: no code, just start.
    s.answer("If you have a family code from before")
    # Consent, answered with a Tab-completed word.
    s.wait_for("Is it OK to go on?")
    s.type("yes", "tab")
    s.wait_for("› Yes, let's start")
    s.type("enter")
    # A PIN, typed twice; it never shows on screen.
    s.wait_for("Choose a PIN of 4 to 6 numbers")
    s.type("1234", "enter")
    s.wait_for("not in a simple row like 1234")
    s.type("2580", "enter")
    s.wait_for("Please type the same PIN again")
    s.type("2580", "enter")
    s.wait_for("Your PIN is set")
    assert "2580" not in s.raw.decode("utf-8", "replace")
    # Backspace over a multi-byte character deletes the whole character.
    s.wait_for("What would you like us to call you?")
    s.type("Zoë", "backspace", "e", "enter")
    # Left arrow and insert in the middle of the line.
    s.wait_for("What are your children's first names and ages?")
    s.type("Mia 4, Sam", "left", "left", "left", "left", "left", " ", "right", "right", "right", "right", "right", " 7", "enter")
    # Needs: a Tab-completed word and a number; safety shows crisis contacts at once.
    s.wait_for("Choose anything you need help with right now.")
    s.type("hou", "tab")
    s.wait_for("› Housing")
    s.type(", 4", "enter")
    s.answer("Are you and your children safe right now?", "1")
    screen = s.wait_for("1800RESPECT")
    assert "Lifeline" in screen and "13 11 14" in screen and "000" in screen
    s.answer("You don't have to handle this alone")
    # A skip.
    s.answer("Is there anything you'd like us to know")
    s.answer("What would you like help with?", "a bed for Sam")
    # A step back: the earlier answer is in the edit line, ready to change.
    s.answer("What matters most to your family right now?", "<")
    s.wait_for("What would you like help with?")
    assert "a bed for Sam" in s.cursor_line()
    s.type("ctrl-u", "a bed for Sam, and food vouchers", "enter")
    s.answer("What matters most to your family right now?", "the kids feeling settled")
    # A choice that is not one of the choices is gently re-asked, the words kept.
    s.answer("What would a good week look like", "school every day")
    s.answer("Tell us one thing you did for your child recently", "read her a story every night")
    s.answer("What does that show about you?", "12")
    s.wait_for("is not one of the choices")
    s.type("ctrl-u", "3", "enter")
    screen = s.wait_for("You told us:")
    assert "read her a story every night" in screen and "Routines help children feel calm" in screen
    s.answer("Press Enter to go on")
    s.answer("Tell us one thing your child did recently that you loved", "put his toys away")
    s.answer("What did that show about your child?", "2")
    s.wait_for("Here is something you could say to your child")
    # The parent's own words are never spliced into a sentence: the suggestion names the quality,
    # and the parent adds what the child did.
    assert "I noticed — that was really helpful" in s.cursor_line()
    assert "put his toys away" not in s.cursor_line()
    s.type("home", "Sam, you put your toys away. ", "enter")
    for question in ["What do you do to look after yourself?", "When things are hard, what helps you?",
                     "what do you think Mia feels?", "would say makes a really good day?"]:
        s.answer(question)
    s.answer("What is something you would like to change or work on?", "calmer mornings")
    s.answer("Why does this matter", "less shouting before school")
    s.answer("When would you like this to happen?", "this term")
    s.answer("What could be a first small step?", "lay out clothes the night before")
    s.answer("Who could help or do this with you?", "my sister")
    s.answer("You have 1 goal. Would you like to add another?", "2")
    for question in ["Where would you like to meet?", "How often would you like to meet?",
                     "What days or times suit you best?"]:
        s.answer(question)
    s.wait_for("What language would you like to speak with us?")
    assert "English" in s.cursor_line()
    s.type("enter")
    for question in ["Would you like an interpreter?", "your culture, faith or family background",
                     "Aboriginal or Torres Strait Islander origin?", "is it OK for us to keep in touch?"]:
        s.answer(question)
    # Check and change: the name is changed from the summary.
    screen = s.wait_for("Check your answers")
    assert "Zoe" in screen
    s.type("1", "enter")
    s.wait_for("What would you like us to call you?")
    s.type("ctrl-u", "Zoë", "enter")
    # The summary is split into pages that fit the screen: Enter shows more, then finishes.
    s.wait_for("Check your answers")
    for _ in range(5):
        if "press Enter to finish" in s.flat():
            break
        s.type("enter")
        s.pump(0.3)
    s.type("enter")
    screen = s.wait_for("Your family code is")
    assert "read her a story every night" in screen
    assert "a staff member will be told first" in screen
    code = screen.split("Your family code is ")[1][:7]
    s.type("enter")
    assert s.wait_exit() == 0

    plan = load_plan(store)
    assert plan["code"] == code
    assert plan["status"] == "finished"
    assert plan["urgent"] is True
    assert plan["profile"]["name"] == "Zoë"
    assert plan["profile"]["children"] == [{"name": "Mia", "age": 4}, {"name": "Sam", "age": 7}]
    assert [n["need"] for n in plan["needs"]] == ["housing", "safety"]
    answers = {a["key"]: a for a in plan["answers"]}
    assert answers["help_with"]["answer"] == "a bed for Sam, and food vouchers"
    assert answers["help_with"]["stage"] == "acceptance"
    assert answers["needs_detail"]["skipped"] is True
    assert answers["did_for_child"]["stage"] == "valuing"
    assert answers["child_feels"]["stage"] == "subtle"
    assert answers["goal_what#1"]["stage"] == "obvious"
    praise = {p["kind"]: p["text"] for p in plan["praise"]}
    assert "read her a story every night" in praise["to-parent"]
    assert praise["for-child"] == "Sam, you put your toys away. I noticed — that was really helpful. Thank you!"
    goal = plan["goals"][0]
    assert (goal["what"], goal["why"], goal["when"], goal["how"], goal["whoWith"], goal["status"]) == (
        "calmer mornings", "less shouting before school", "this term", "lay out clothes the night before",
        "my sister", "proposed")

    # The file is private, and the JSON export carries the fields the issue names.
    path = os.path.join(store, code + ".json")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    out = run_spiral("export", code, "--format", "json", "--store", store)
    assert out.returncode == 0, out.stderr
    exported = json.loads(out.stdout)
    for key in ["code", "language", "urgent", "answers", "needs", "praise", "goals"]:
        assert key in exported
    assert {"promptId", "stage", "question", "answer"} <= set(exported["answers"][0])
    md = run_spiral("export", code, "--format", "markdown", "--store", store)
    assert "calmer mornings" in md.stdout and "Urgent" in md.stdout


def test_end_of_input_saves_what_was_entered_and_says_goodbye(tmp_path):
    store = str(tmp_path / "plans")
    s = Screen(["kiosk", "--once", "--store", store, "--language", "en"])
    s.start_family(pin="4826")
    s.answer("What would you like us to call you?", "Amira")
    s.wait_for("What are your children's first names")
    s.stop_session()
    screen = s.wait_for("Your answers so far are saved")
    s.type("enter")
    assert s.wait_exit() == 0
    plan = load_plan(store)
    assert plan["profile"]["name"] == "Amira"
    assert plan["status"] == "in-progress"
    assert plan["code"] in screen


def test_saying_no_to_consent_saves_nothing(tmp_path):
    store = str(tmp_path / "plans")
    s = Screen(["kiosk", "--once", "--store", store, "--language", "en"])
    s.answer("If you have a family code from before")
    s.answer("Is it OK to go on?", "2")
    s.wait_for("Nothing has been saved")
    s.type("enter")
    assert s.wait_exit() == 0
    assert [f for f in os.listdir(store) if f.endswith(".json")] == []


def test_a_returning_family_continues_with_their_code_and_is_asked_how_we_are_going(tmp_path):
    store = str(tmp_path / "plans")
    s = Screen(["kiosk", "--once", "--store", store, "--language", "en"])
    s.start_family(pin="4826")
    s.answer("What would you like us to call you?", "Amira")
    s.wait_for("What are your children's first names")
    s.stop_session()
    s.wait_for("Your answers so far are saved")
    s.type("enter")
    s.wait_exit()
    code = load_plan(store)["code"]

    s = Screen(["kiosk", "--once", "--store", store, "--language", "en"])
    # A wrong code and a right code with a wrong PIN get the same answer.
    s.answer("If you have a family code from before", "KKK-KKK")
    s.answer("Please type your PIN", "4826")
    s.wait_for("That code and PIN don’t match a plan")
    s.answer("If you have a family code from before", "ctrl-u", code)
    s.answer("Please type your PIN", "1111")
    s.wait_for("That code and PIN don’t match a plan")
    s.answer("If you have a family code from before", "ctrl-u", code.lower().replace("-", ""))
    s.answer("Please type your PIN", "4826")
    s.wait_for("What are your children's first names")
    s.stop_session()
    s.wait_for("Your answers so far are saved")
    s.type("enter")
    s.wait_exit()
    plan = load_plan(store)
    assert len(plan["visits"]) == 2 and plan["visits"][1]["returning"] is True


def test_the_screen_is_rewrapped_when_the_terminal_is_resized(tmp_path):
    s = Screen(["kiosk", "--once", "--store", str(tmp_path), "--language", "en"], columns=100)
    s.answer("If you have a family code from before")
    s.wait_for("Is it OK to go on?")
    assert any(len(l.rstrip()) > 60 for l in s.screen.display)
    s.type("Ye")
    s.screen.resize(40, 50)
    s.child.setwinsize(40, 50)
    s.pump(0.5)
    screen = s.wait_for("Is it OK to go on?")
    assert all(len(l.rstrip()) <= 50 for l in s.screen.display)
    assert "› Ye" in s.cursor_line()  # what was typed is still there
    s.type("ctrl-u", "ctrl-d")        # on the consent screen: back to a clean start, not closed
    s.wait_for("If you have a family code from before")
    s.type("ctrl-d")
    s.wait_exit()


KIOSK_ALONE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".build", "debug", "spiral-kiosk")
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def test_spiral_kiosk_alone_runs_the_same_session_and_saves_the_plan(tmp_path):
    """spiral-kiosk, the binary make kiosk and the deployed unit run, is the kiosk itself."""
    binary = os.environ.get("SPIRAL_BUILD_DIR") and os.path.join(os.environ["SPIRAL_BUILD_DIR"], "spiral-kiosk") or KIOSK_ALONE
    store = str(tmp_path / "plans")
    s = Screen(["--once", "--store", store, "--language", "en"], binary=binary)
    s.start_family()
    s.answer("What would you like us to call you?", "Amira")
    s.wait_for("What are your children's first names")
    assert s.stop_and_leave(goodbye="Your answers so far are saved") == 0
    assert load_plan(store)["profile"]["name"] == "Amira"
    # Alone in a folder, with a shared store named, it says what is missing instead of failing
    # later: the pusher comes from the `spiral` installed beside it.
    alone = tmp_path / "bin"
    alone.mkdir()
    copy = alone / "spiral-kiosk"
    with open(binary, "rb") as src, open(copy, "wb") as dst:
        dst.write(src.read())
    os.chmod(copy, 0o755)
    s2 = Screen(["--once", "--store", "postgresql://kiosk:secret@127.0.0.1:1/spiral", "--outbox", str(tmp_path / "outbox"),
                 "--prompts", os.path.join(ROOT, "Prompts"), "--localizations", os.path.join(ROOT, "Localizations")],
                binary=str(copy))
    s2.wait_for("there is no `spiral` program beside spiral-kiosk")
    assert "secret" not in s2.text()
    assert s2.wait_exit() == 78
