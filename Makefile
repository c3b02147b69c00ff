# Spiral: two commands do everything on a fresh Debian/Ubuntu machine with the Swift toolchain.
#   make kiosk   builds (installing libreadline-dev and libicu-dev if missing) and opens the kiosk
#   make test    runs every test: Swift unit tests and pseudo-terminal tests of the real binary

SWIFT    ?= swift
PYTHON   ?= python3
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# The kiosk's build links the Swift runtime statically: it starts several times faster
# (docs/benchmarks.md). Its own folder, so debug builds and tests never rebuild it. The kiosk as
# run and installed is in .build-static/kiosk/: its debug information split off beside it.
RELEASE  := .build-static/kiosk/spiral-kiosk
DEBUGBIN := .build/debug/spiral

.PHONY: kiosk kiosk-release test test-deps deps speech-deps pg-deps display-deps display-check build release check bench clean

deps:
	@if [ ! -f /usr/include/readline/readline.h ] || [ ! -f /usr/include/unicode/msgfmt.h ]; then \
		echo "Installing libreadline-dev and libicu-dev with apt-get…"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreadline-dev libicu-dev; \
	fi

# Reading aloud: espeak-ng (run as a program, never linked: it is GPL-3) and a player (aplay).
speech-deps:
	@if ! command -v espeak-ng >/dev/null || ! command -v aplay >/dev/null; then \
		echo "Installing espeak-ng and alsa-utils with apt-get (reading aloud)…"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq espeak-ng alsa-utils; \
	fi

# The shared store's tests start their own throwaway PostgreSQL cluster (as an ordinary user).
pg-deps:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		echo "Installing postgresql with apt-get (the shared store's tests start their own server)…"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; \
	fi

# The real-display check: the kiosk in foot under a headless cage, screenshots (grim) read back
# by Tesseract with each script's language data. cage needs Xwayland installed to start.
DISPLAY_PACKAGES := cage xwayland foot grim fonts-noto-core fonts-noto-cjk fonts-noto-mono fonts-dejavu-core \
	tesseract-ocr tesseract-ocr-ara tesseract-ocr-chi-sim tesseract-ocr-chi-tra tesseract-ocr-kor tesseract-ocr-ell \
	tesseract-ocr-vie tesseract-ocr-spa tesseract-ocr-hin tesseract-ocr-nep
display-deps:
	@if ! command -v cage >/dev/null || ! command -v foot >/dev/null || ! command -v grim >/dev/null \
	     || [ ! -f /usr/share/tesseract-ocr/5/tessdata/nep.traineddata ] || ! fc-list | grep -q "Noto Sans Mono"; then \
		echo "Installing cage, foot, grim, fonts and Tesseract with apt-get (the real-display check)…"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DISPLAY_PACKAGES); \
	fi
	@$(SUDO) $(PYTHON) -c "import pexpect" 2>/dev/null || $(SUDO) $(PYTHON) -m pip install --quiet pexpect \
		|| $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pexpect

# Root only for typing into the kiosk's terminal (TIOCSTI); cage, foot and the kiosk run as the
# ordinary user spiral-display. Screenshots and OCR text: .build/display-check/.
display-check: build display-deps
	$(SUDO) $(PYTHON) scripts/display_check.py --terminal foot

# Two programs: spiral-kiosk (the kiosk alone, what `make kiosk` and the deployed unit run) and
# spiral (every command, including the shared store's pusher the kiosk starts beside itself).
release: kiosk-release
	$(SWIFT) build -c release --static-swift-stdlib --disable-local-rpath --scratch-path .build-static --product spiral

kiosk-release: deps
	./scripts/static_archives.sh .build-static/system-archives
	$(SWIFT) build -c release --static-swift-stdlib --disable-local-rpath --scratch-path .build-static --product spiral-kiosk
	./scripts/split_debug.sh .build-static/release/spiral-kiosk .build-static/kiosk
	@ln -sf ../release/spiral .build-static/kiosk/spiral  # the pusher a shared store needs (make release)

build: deps
	$(SWIFT) build --product spiral

# SWIFT_BACKTRACE: no interactive crash handler at a kiosk (the kiosk also puts back the
# default action of the signals the handler catches, so it is off however it is started).
kiosk: kiosk-release speech-deps
	SWIFT_BACKTRACE=enable=no $(RELEASE) $(ARGS)

check: build
	$(DEBUGBIN) check

test-deps: deps speech-deps pg-deps
	@$(PYTHON) -c "import pexpect, pyte, pytest" 2>/dev/null || $(PYTHON) -m pip install --quiet pexpect pyte pytest

test: test-deps
	$(SWIFT) build
	$(SWIFT) test
	SPIRAL_BUILD_DIR=$(CURDIR)/.build/debug $(PYTHON) -m pytest -q Tests/e2e
	@# The kiosk as make kiosk builds it (ICU and readline linked in from the system's archives):
	@# every language's opening screens and whole sessions again, from a folder where it is `spiral`.
	$(MAKE) kiosk-release
	@mkdir -p .build-static/as-spiral && ln -sf ../kiosk/spiral-kiosk .build-static/as-spiral/spiral
	SPIRAL_BUILD_DIR=$(CURDIR)/.build-static/as-spiral \
		SPIRAL_ICU_LINKED_IN=$$([ -e .build-static/system-archives/libicuuc.a ] && echo 1) \
		$(PYTHON) -m pytest -q -m kiosk_alone Tests/e2e/test_languages.py

bench: deps
	./scripts/bench.sh

clean:
	rm -rf .build .build-static Benchmarks/.build
