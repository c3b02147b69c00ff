"""Sealed plans, as a centre meets them: kiosk sessions in a pseudo-terminal leave nothing a
family said on the disk; the kiosk's user cannot read a plan back; the family reopens it with
code and PIN, the practitioner with the centre key; damaged, swapped and foreign plans are
refused with a sentence; sealing an existing store survives being killed at any moment."""
import base64
import json
import os
import random
import signal
import shutil
import subprocess
import time

from faults import ROOT, Place, fault_user, installed_binary
from kiosk_driver import SPIRAL, Screen

PASSPHRASE = "a long centre key passphrase"
# Three scripts, in a name, a child's name and free answers.
MARKERS = ["Marqueza Nguyễn", "ZyxaChild", "مرحباخاصة", "秘密标记住房"]


def make_key(folder, config):
    """`spiral keys init` as the practitioner (the test's own user), the passphrase typed twice on
    standard input. Returns the key file and a passphrase file for --key-passphrase-file."""
    key_file = os.path.join(folder, "practitioner", "centre-key")
    result = subprocess.run([SPIRAL, "keys", "init", "--config", config, "--key-file", key_file],
                            input=f"{PASSPHRASE}\n{PASSPHRASE}\n", capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Recovery code" in result.stdout and "lost for good" in result.stdout
    passphrase_file = os.path.join(folder, "practitioner", "passphrase")
    with open(passphrase_file, "w") as f:
        f.write(PASSPHRASE + "\n")
    os.chmod(passphrase_file, 0o600)
    return key_file, passphrase_file


def shared_config(place):
    config = os.path.join(place.root, "centre.json")
    shutil.copy(os.path.join(os.path.dirname(installed_binary()), "Config", "centre.json"), config)
    os.chmod(config, 0o644)
    return config


def markers_in(paths):
    """Every marker found in any byte of any file under `paths`: raw UTF-8, UTF-16 and base64."""
    found = []
    for root in paths:
        for base, _, files in os.walk(root):
            for name in files:
                try:
                    with open(os.path.join(base, name), "rb") as f:
                        data = f.read()
                except OSError:
                    continue
                for m in MARKERS:
                    raw = m.encode("utf-8")
                    forms = [raw, m.encode("utf-16-le"), m.encode("utf-16-be"), base64.b64encode(raw)[:-4]]
                    if any(form and form in data for form in forms):
                        found.append(f"{os.path.join(base, name)}: {m}")
    return found


def kiosk_session(place, config, tmpdir, name, child, know, help_with, pin):
    s = Screen(["kiosk", "--once", "--language", "en", "--store", place.store, "--config", config],
               env={**place.env, "TMPDIR": tmpdir}, user=place.user if os.geteuid() == 0 else None,
               binary=installed_binary())
    s.start_family(pin=pin)
    s.answer("What would you like us to call you?", name)
    s.answer("What are your children's first names and ages?", f"{child} 4")
    s.answer("Choose anything you need help with right now.", "1")
    s.answer("Are you and your children safe right now?", "1")
    s.answer("Is there anything you'd like us to know", know)
    s.answer("What would you like help with?", help_with)
    s.wait_for("What matters most to your family right now?")
    assert s.stop_and_leave() == 0


def test_a_stolen_disk_reveals_nothing_and_each_plan_opens_only_with_its_pin_or_the_centre_key(tmp_path):
    place = Place(fault_user())
    try:
        config = shared_config(place)
        key_file, passphrase_file = make_key(str(tmp_path), config)
        tmpdir = os.path.join(place.root, "tmp")
        os.makedirs(tmpdir)
        place.own(tmpdir)
        before = set(os.listdir(place.store))
        kiosk_session(place, config, tmpdir, MARKERS[0], MARKERS[1], MARKERS[2], MARKERS[3], pin="2580")
        first = [f for f in os.listdir(place.store) if f.endswith(".json") and f not in before]
        assert len(first) == 1
        code = first[0][:-5]
        kiosk_session(place, config, tmpdir, MARKERS[2], MARKERS[1], MARKERS[3], MARKERS[0], pin="7391")
        kiosk_session(place, config, tmpdir, MARKERS[3], MARKERS[1], MARKERS[0], MARKERS[2], pin=None)
        plans = [f for f in os.listdir(place.store) if f.endswith(".json")]
        assert len(plans) == 3

        # Every byte under the store, the kiosk's temporary folder and the staff logs.
        assert markers_in([place.store, tmpdir, place.state]) == []
        with open(os.path.join(place.store, plans[0]), "rb") as f:
            assert f.read().startswith(b'{"bodySize"')

        # The kiosk's own user, with the store and the config, cannot read a plan back.
        denied = place.run("export", code, "--store", place.store, "--config", config)
        assert denied.returncode != 0
        assert "key file" in denied.stderr and "Traceback" not in denied.stderr
        assert not any(m in denied.stdout + denied.stderr for m in MARKERS)

        # The family reopens theirs with code and PIN at the kiosk…
        s = Screen(["kiosk", "--once", "--language", "en", "--store", place.store, "--config", config],
                   env=place.env, user=place.user if os.geteuid() == 0 else None, binary=installed_binary())
        s.answer("If you have a family code from before", code)
        s.answer("Please type your PIN", "2580")
        s.wait_for("Welcome back, Marqueza Nguyễn")
        assert s.stop_and_leave() == 0
        # …and the practitioner opens every plan with the centre key, asked once.
        listed = subprocess.run([SPIRAL, "review", "--list", "--store", place.store, "--config", config,
                                 "--key-file", key_file, "--key-passphrase-file", passphrase_file],
                                capture_output=True, text=True, timeout=120)
        assert listed.returncode == 0, listed.stderr
        assert code in listed.stdout and MARKERS[0] in listed.stdout and MARKERS[2] in listed.stdout
        assert len(listed.stdout.strip().splitlines()) == 3
        # The listing cache it keeps is sealed too.
        assert markers_in([os.environ["XDG_CACHE_HOME"]]) == []
        exported = subprocess.run([SPIRAL, "export", code, "--format", "markdown", "--store", place.store, "--config", config,
                                   "--key-file", key_file, "--key-passphrase-file", passphrase_file],
                                  capture_output=True, text=True, timeout=120)
        assert exported.returncode == 0, exported.stderr
        assert MARKERS[0] in exported.stdout and MARKERS[3] in exported.stdout
    finally:
        place.cleanup()


def practitioner(store, config, key_file, passphrase_file, *args):
    return subprocess.run([SPIRAL, *args, "--store", store, "--config", config, "--key-file", key_file,
                           "--key-passphrase-file", passphrase_file], capture_output=True, text=True, timeout=120)


def sealed_store(tmp_path, count=2):
    """A store of `count` plans from a piped kiosk session each, sealed to a new centre key."""
    os.makedirs(tmp_path, exist_ok=True)
    store = str(tmp_path / "plans")
    config = str(tmp_path / "centre.json")
    shutil.copy(os.path.join(ROOT, "Config", "centre.json"), config)
    key_file, passphrase_file = make_key(str(tmp_path), config)
    for name in MARKERS[:count]:
        result = subprocess.run([SPIRAL, "kiosk", "--once", "--language", "en", "--store", store, "--config", config],
                                input=f"\n1\n\n{name}\n", capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
    return store, config, key_file, passphrase_file


def test_damaged_swapped_foreign_and_locked_plans_are_refused_with_a_sentence(tmp_path):
    store, config, key_file, passphrase_file = sealed_store(tmp_path)
    a, b = sorted(f for f in os.listdir(store) if f.endswith(".json"))
    code = a[:-5]
    path = os.path.join(store, a)
    with open(path, "rb") as f:
        original = f.read()

    def refused(expected_exit, words, *args):
        r = practitioner(store, config, key_file, passphrase_file, *(args or ("export", code, "--format", "text")))
        assert r.returncode == expected_exit, (r.returncode, r.stderr)
        assert words in r.stderr and "Traceback" not in r.stderr and "Fatal error" not in r.stderr
        assert not any(m in r.stdout for m in MARKERS)  # never a partial plan

    # A flipped byte in the sealed body.
    damaged = bytearray(original)
    damaged[-20] ^= 0x01
    with open(path, "wb") as f:
        f.write(damaged)
    refused(65, "does not verify")
    # Another plan's body under this plan's header.
    with open(os.path.join(store, b), "rb") as f:
        other = f.read()
    with open(path, "wb") as f:
        f.write(original.split(b"\n")[0] + b"\n" + other.split(b"\n")[1] + b"\n")
    refused(65, "does not verify")
    with open(path, "wb") as f:
        f.write(original)

    # A wrong passphrase; a key file others can read; a key file that is not there.
    wrong = str(tmp_path / "wrong")
    with open(wrong, "w") as f:
        f.write("not the passphrase\n")
    r = practitioner(store, config, key_file, wrong, "review", "--list")
    assert r.returncode == 77 and "does not open" in r.stderr
    os.chmod(key_file, 0o644)
    r = practitioner(store, config, key_file, passphrase_file, "review", "--list")
    assert r.returncode == 77 and f"chmod 600 {key_file}" in r.stderr
    os.chmod(key_file, 0o600)
    r = practitioner(store, config, key_file + "-missing", passphrase_file, "review", "--list")
    assert r.returncode == 66 and "spiral keys init" in r.stderr

    # A plan sealed to another centre's key (its store copied in).
    other_store, other_config, _, _ = sealed_store(tmp_path / "other", count=1)
    foreign = sorted(f for f in os.listdir(other_store) if f.endswith(".json"))[0]
    shutil.copy(os.path.join(other_store, foreign), os.path.join(store, foreign))
    r = practitioner(store, config, key_file, passphrase_file, "export", foreign[:-5], "--format", "text")
    assert r.returncode == 77 and "sealed to another centre key" in r.stderr
    # The list still shows the centre's own plans and names the foreign one.
    r = practitioner(store, config, key_file, passphrase_file, "review", "--list")
    assert r.returncode == 0 and len(r.stdout.strip().splitlines()) == 2
    assert "another centre key" in r.stderr


def test_sealing_an_existing_store_killed_at_random_moments_loses_nothing(tmp_path):
    store = str(tmp_path / "plans")
    generator = os.path.join(os.path.dirname(SPIRAL), "spiral-plan-generator")
    subprocess.run([generator, "--count", "300", "--store", store, "--quiet"], check=True, timeout=120)
    codes = sorted(f for f in os.listdir(store) if f.endswith(".json"))
    plain = subprocess.run([SPIRAL, "review", "--list", "--store", store], capture_output=True, text=True, timeout=120)
    before = sorted(plain.stdout.splitlines())
    assert len(before) == 300
    config = str(tmp_path / "centre.json")
    shutil.copy(os.path.join(ROOT, "Config", "centre.json"), config)
    key_file, passphrase_file = make_key(str(tmp_path), config)

    rng = random.Random(12)
    interrupted = 0  # kills that left some plans sealed and some not
    for _ in range(20):
        p = subprocess.Popen([SPIRAL, "keys", "init", "--seal-existing", "--config", config, "--key-file", key_file, "--store", store],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, 0.5))
        p.send_signal(signal.SIGKILL)
        p.wait()
        # Every plan whole: sealed, or still plain JSON.
        now = sorted(f for f in os.listdir(store) if f.endswith(".json"))
        assert now == codes
        kinds = set()
        for name in now:
            with open(os.path.join(store, name), "rb") as f:
                data = f.read()
            if data.startswith(b'{"bodySize"'):
                header, body = data.split(b"\n")[:2]
                assert json.loads(header)["code"] == name[:-5] and base64.b64decode(body)
                kinds.add("sealed")
            else:
                assert json.loads(data)["code"] == name[:-5]
                kinds.add("plain")
        interrupted += len(kinds) == 2
    print(f"seal-existing killed 20 times, {interrupted} in the middle")
    assert interrupted >= 1
    finished = subprocess.run([SPIRAL, "keys", "init", "--seal-existing", "--config", config, "--key-file", key_file, "--store", store],
                              capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert "could not be" in finished.stdout and ", 0 could not be." in finished.stdout
    for name in codes:
        with open(os.path.join(store, name), "rb") as f:
            assert f.read().startswith(b'{"bodySize"')
    assert not os.path.exists(os.path.join(store, ".index.tsv"))
    after = practitioner(store, config, key_file, passphrase_file, "review", "--list")
    assert after.returncode == 0, after.stderr
    assert sorted(after.stdout.splitlines()) == before


def test_a_rotation_killed_at_random_moments_loses_no_plan_and_finishes_when_run_again(tmp_path):
    store = str(tmp_path / "plans")
    generator = os.path.join(os.path.dirname(SPIRAL), "spiral-plan-generator")
    subprocess.run([generator, "--count", "200", "--store", store, "--quiet"], check=True, timeout=120)
    codes = sorted(f for f in os.listdir(store) if f.endswith(".json"))
    config = str(tmp_path / "centre.json")
    shutil.copy(os.path.join(ROOT, "Config", "centre.json"), config)
    key_file, passphrase_file = make_key(str(tmp_path), config)
    sealed = subprocess.run([SPIRAL, "keys", "init", "--seal-existing", "--config", config, "--key-file", key_file, "--store", store],
                            capture_output=True, text=True, timeout=300)
    assert sealed.returncode == 0, sealed.stderr
    before = sorted(practitioner(store, config, key_file, passphrase_file, "review", "--list").stdout.splitlines())
    assert len(before) == 200
    # The new passphrase is the same, so whichever step a kill stops at, the next run can go on.
    rotate = [SPIRAL, "keys", "rotate", "--config", config, "--key-file", key_file, "--key-passphrase-file", passphrase_file,
              "--new-passphrase-file", passphrase_file, "--store", store]
    rng = random.Random(7)
    for _ in range(8):
        p = subprocess.Popen(rotate, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 6.0))
        p.send_signal(signal.SIGKILL)
        p.wait()
        # A key file is always in place, and every plan is whole and sealed.
        assert os.path.exists(key_file)
        assert sorted(f for f in os.listdir(store) if f.endswith(".json")) == codes
        for name in codes:
            with open(os.path.join(store, name), "rb") as f:
                assert json.loads(f.read().split(b"\n")[0])["code"] == name[:-5]
    finished = subprocess.run(rotate, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert "Rotation finished" in finished.stdout
    after = practitioner(store, config, key_file, passphrase_file, "review", "--list")
    assert after.returncode == 0, after.stderr
    assert sorted(after.stdout.splitlines()) == before
    # Every plan is on the key the config now names (its id: the first 8 bytes of its SHA-256).
    import hashlib
    with open(config, encoding="utf-8") as f:
        configured = hashlib.sha256(base64.b64decode(json.load(f)["centreKey"])).hexdigest()[:16]
    keys = set()
    for name in codes:
        with open(os.path.join(store, name), "rb") as f:
            keys.add(json.loads(f.read().split(b"\n")[0])["centreKeyID"])
    assert keys == {configured}
