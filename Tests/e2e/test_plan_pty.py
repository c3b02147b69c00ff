"""A practitioner and a parent co-planning in session with `spiral plan`, in a pseudo-terminal."""
import csv
import io
import json

from kiosk_driver import Screen, load_plan, run_spiral


def kiosk_plan_with_a_goal(store, language="en", extra=(), env=None):
    """A parent at the kiosk: consents, gives a name, skips to the goals and proposes one. With
    `extra` (a shared store's kiosk), the code is read back by the caller."""
    s = Screen(["kiosk", "--once", "--store", store, "--language", language, *extra], env=env)
    s.start_family(pin="4826")
    s.answer("What would you like us to call you?", "Amira")
    for _ in range(40):
        s.pump(0.15)
        if "What is something you would like to change" in s.flat():
            break
        s.type("enter")
    s.answer("What is something you would like to change", "calmer mornings")
    s.answer("Why does this matter", "less shouting before school")
    s.wait_for("When would you like")
    s.stop_session()
    s.wait_for("Your answers so far are saved")
    s.type("enter")
    s.wait_exit()
    return None if extra else load_plan(store)["code"]


def choose(s, screen_text, number):
    s.answer(screen_text, str(number))


def test_practitioner_agrees_rates_praises_and_records_contact(tmp_path):
    store = str(tmp_path / "plans")
    code = kiosk_plan_with_a_goal(store)

    s = Screen(["plan", code, "--store", store, "--practitioner", "Jo Smith"])
    screen = s.wait_for("Planning together")
    assert "Goals (1 goal)" in screen
    # Goals → the kiosk goal → agree it.
    choose(s, "Goals (1 goal)", 1)
    s.wait_for("calmer mornings")
    s.answer("to add one", "1")
    s.answer("Agree this goal together", "1")
    s.wait_for("[Agreed]")
    # A date that doesn't parse is refused with what is expected, then a good one.
    # Agreed: "Agree this goal together" is no longer offered, so the review date is 7.
    screen = s.wait_for("Set the review date")
    assert "Agree this goal together" not in screen
    s.answer("Set the review date", "7")
    s.answer("Review date", "31/02/2026")
    s.wait_for("That is not a date")
    s.type("ctrl-u", "5/12/2026", "enter")
    s.wait_for("review 2026-12-05")
    # Rate: 11 is refused, then 4 and 6.
    s.answer("Rate progress", "8")
    s.answer("The parent’s own rating", "11")
    s.wait_for("whole number from 0 to 10")
    s.type("4", "enter")
    s.answer("The practitioner’s rating", "6")
    s.answer("Date of this review", "2026-11-20")
    s.wait_for("Parent 4 · Practitioner 6")
    s.answer("What would you like to do?")  # Enter: back to the goals
    s.answer("to add one")                 # Enter: back to the menu
    # Labelled praise: a vague one is questioned, then a specific one kept.
    choose(s, "Planning together", 2)
    s.answer("What did the parent do?", "great")
    s.answer("Why does it matter?", "good job")
    s.wait_for("Here is the praise")
    s.type("ctrl-u", "good job", "enter")
    s.wait_for("doesn’t yet name what the parent did")
    s.type("ctrl-u", "You read to Mia every night this week — that gives her a calm end to the day", "enter")
    s.wait_for("Saved.")
    # Partnership step: a quick win.
    choose(s, "Planning together", 3)
    s.answer("What kind of step?", "1")
    s.answer("What happened?", "food vouchers the same day")
    # Contact: a missed appointment, then outreach.
    choose(s, "Planning together", 4)
    s.answer("What would you like to record?", "2")
    s.answer("Date (Enter for today)", "2026-11-18")
    s.answer("A short note", "unwell")
    s.wait_for("Keep reaching out")
    choose(s, "Planning together", 4)
    s.answer("What would you like to record?", "3")
    s.answer("Date (Enter for today)", "2026-11-19")
    s.answer("A short note", "phoned to check in")
    # History shows who did what.
    choose(s, "Planning together", 6)
    screen = s.wait_for("History of changes")
    assert "Jo Smith: goal “calmer mornings” status" in screen
    s.answer("Press Enter to go back.")
    s.answer("Planning together")  # Enter: finish
    assert s.wait_exit() == 0

    plan = load_plan(store)
    goal = plan["goals"][0]
    assert goal["status"] == "agreed"
    assert goal["reviewDate"] == "2026-12-05"
    assert goal["ratings"] == [{"date": "2026-11-20", "parent": 4, "practitioner": 6, "by": "Jo Smith"}]
    assert any(p["source"] == {"by": "practitioner", "name": "Jo Smith"} and "read to Mia" in p["text"] for p in plan["praise"])
    assert [c["kind"] for c in plan["contacts"]] == ["appointment-missed", "outreach"]
    assert plan["partnershipSteps"][0]["kind"] == "quick-win"
    assert plan["partnershipSteps"][0]["stage"] == "acceptance"
    history = [(h["who"], h["what"], h.get("old"), h.get("new")) for h in plan["history"]]
    assert ("Jo Smith", "goal “calmer mornings” status", "proposed", "agreed") in history
    assert all(h["who"] == "Jo Smith" for h in plan["history"])

    # A kiosk save after the session keeps the practitioner's work.
    s = Screen(["kiosk", "--once", "--store", store, "--language", "en"])
    s.answer("If you have a family code from before", code)
    s.answer("Please type your PIN", "4826")
    s.wait_for("When would you like")
    s.type("this term", "enter")
    s.pump(0.3)
    s.stop_session()
    s.wait_for("Your answers so far are saved")
    s.type("enter")
    s.wait_exit()
    plan = load_plan(store)
    assert plan["goals"][0]["status"] == "agreed"
    assert len(plan["contacts"]) == 2

    # Every export carries the session's work.
    out = run_spiral("export", code, "--format", "json", "--store", store)
    assert json.loads(out.stdout)["goals"][0]["ratings"][0]["practitioner"] == 6
    md = run_spiral("export", code, "--format", "markdown", "--store", store).stdout
    assert "calmer mornings" in md and "read to Mia" in md


def test_an_unknown_code_gets_a_clear_error_with_the_closest_match(tmp_path):
    store = str(tmp_path / "plans")
    code = kiosk_plan_with_a_goal(store)
    wrong = code[:-1] + ("A" if code[-1] != "A" else "C")
    out = run_spiral("plan", wrong, "--store", store)
    assert out.returncode != 0
    assert f"No plan has the code {wrong}" in out.stderr
    assert code in out.stderr
