"""Nothing lost, nobody told "saved" when nothing was: faults injected mid-session, as an ordinary
user, each session ended by finishing, by Ctrl-D and by the idle timeout. After the fault clears
(and `spiral restore` puts back what the kiosk held for staff), every answer is in the plan."""
import glob
import json
import os
import resource
import shutil

import pytest

from faults import Place, fault_user
from kiosk_driver import load_plan

NAME, CHILDREN = "Zafira-MARKA", "Kemal-MARKB 4"


def break_store(place, fault):
    if fault == "read-only store":
        os.chmod(place.store, 0o500)
    elif fault == "deleted store":
        shutil.rmtree(place.store)
    elif fault == "unreadable plan":
        for plan in glob.glob(os.path.join(place.store, "*.json")):
            os.chmod(plan, 0o000)
    elif fault == "full disk":
        place.fill_disk()


def mend_store(place, fault):
    if fault == "read-only store":
        os.chmod(place.store, 0o700)
    elif fault == "unreadable plan":
        for plan in glob.glob(os.path.join(place.store, "*.json")):
            os.chmod(plan, 0o600)
    elif fault == "full disk":
        place.free_disk()


FAULTS = ["read-only store", "deleted store", "unreadable plan", "full disk"]
ENDINGS = ["finish", "ctrl-d", "idle"]


@pytest.mark.parametrize("ending", ENDINGS)
@pytest.mark.parametrize("fault", FAULTS)
def test_a_fault_mid_session_loses_nothing_and_is_never_called_saved(fault, ending):
    user = fault_user()
    place = Place(user)
    try:
        limit = None
        if fault == "full disk" and not place.mount_small_disk():
            # No mounting here: a file-size limit makes the plan's writes fail the same way.
            limit = lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (3000, 3000))
            fault = "file-size limit"
        s = place.kiosk("--idle-timeout", "10", preexec=limit)
        s.start_family()
        s.answer("What would you like us to call you?", NAME)
        s.wait_for("What are your children's first names")
        code = load_plan(place.store)["code"]
        if fault != "file-size limit":
            break_store(place, fault)
            s.type(CHILDREN, "enter")
        else:
            s.type(CHILDREN + " " + "x" * 380, "enter")   # the plan outgrows the limit
        s.wait_for("anything you need help with right now")
        if fault != "deleted store":
            assert "could not be saved" in s.flat(), f"{fault}: the parent was not told"
        s.type("2", "enter")   # Food
        s.wait_for("safe")
        if ending == "finish":
            # Enter through every question, then every page of the summary, one screen at a time.
            for _ in range(80):
                s.pump(0.15)
                if "Check your answers" in s.flat():
                    break
                s.type("enter")
            for _ in range(10):
                before = s.flat()
                if "Thank you" in before:
                    break
                s.type("enter")
                for _ in range(60):
                    s.pump(0.1)
                    if s.flat() != before:
                        break
            screen = s.wait_for("Thank you")
        elif ending == "ctrl-d":
            s.type("ctrl-d")
            stop = s.wait_for("Stop here?")
            if fault != "deleted store":
                assert "not saved yet" in stop and "are saved" not in stop
            s.type("1", "enter")
            screen = s.wait_for("Thank you")
        else:
            # Nobody is there: after "Are you still there?" the session ends by itself.
            s.wait_for("Are you still there?", timeout=20)
            assert s.wait_exit(timeout=30) == 0
            screen = ""
        if fault != "deleted store":
            assert "are saved" not in screen and "Please give it to your support worker" not in screen, screen
        if ending != "idle":
            s.type("enter")
            s.wait_exit(timeout=40)

        mend_store(place, fault)
        restored = place.run("restore", "--store", place.store)
        assert restored.returncode == 0, restored.stdout + restored.stderr
        with open(os.path.join(place.store, code + ".json"), encoding="utf-8") as f:
            plan = json.load(f)
        assert plan["profile"]["name"] == NAME
        assert [c["name"] for c in plan["profile"]["children"]][:1] == ["Kemal-MARKB"]
        assert [n["need"] for n in plan["needs"]] == ["food"], f"{fault}/{ending}: {plan['needs']}"
        if ending == "finish":
            assert plan["status"] == "finished"
        log = place.log_text()
        assert "MARK" not in log, "the staff log holds a family's words"
        if fault != "deleted store":
            assert "could not save" in log
    finally:
        if fault in ("read-only store", "unreadable plan"):
            mend_store(place, fault)
        place.cleanup()
