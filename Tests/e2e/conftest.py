"""Every test gets its own configuration and state folders, so a staff passphrase, the held
answers and the fallback staff log of one test never reach another (or the real home folder)."""
import pytest


@pytest.fixture(autouse=True)
def private_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("SPIRAL_STAFF_PASSPHRASE", raising=False)
    monkeypatch.delenv("SPIRAL_CONFIG", raising=False)
    monkeypatch.delenv("SPIRAL_STORE", raising=False)
    return tmp_path


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "kiosk_alone: runs only `spiral kiosk`, so `make test` runs it again against the release "
        "spiral-kiosk that `make kiosk` builds (ICU and readline linked in statically)")
