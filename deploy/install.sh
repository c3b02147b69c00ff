#!/usr/bin/env bash
# Installs a built Spiral as a kiosk on this Debian machine. Run as root from the repository:
#   make release && sudo deploy/install.sh [--console]
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-wayland}
id kiosk >/dev/null 2>&1 || useradd --create-home --shell /bin/bash kiosk
install -d -m 0755 /opt/spiral/bin /opt/spiral/share/spiral /etc/spiral
install -m 0755 .build-static/release/spiral /opt/spiral/bin/spiral  # make release: Swift runtime linked in
install -m 0755 .build-static/kiosk/spiral-kiosk /opt/spiral/bin/spiral-kiosk  # the kiosk alone: smaller, starts sooner
install -m 0644 .build-static/kiosk/spiral-kiosk.debug /opt/spiral/bin/spiral-kiosk.debug  # for crash reports
rm -rf /opt/spiral/share/spiral/Prompts /opt/spiral/share/spiral/Localizations
cp -r Prompts Localizations /opt/spiral/share/spiral/
# The config names the display, so the kiosk leaves out languages it cannot draw (foot: Hindi
# and Nepali; the console: all but Latin-letter languages). See docs/deploying-a-kiosk.md.
display=foot; [ "$mode" = "--console" ] && display=linux-console
if [ ! -f /etc/spiral/centre.json ]; then
    sed "0,/{/s//{\n  \"display\": \"$display\",/" Config/centre.json > /etc/spiral/centre.json
    chmod 0644 /etc/spiral/centre.json
elif ! grep -q '"display"' /etc/spiral/centre.json; then
    echo "Note: /etc/spiral/centre.json names no display: add \"display\": \"$display\" so languages it cannot draw are not offered."
fi
install -m 0644 deploy/foot.ini /etc/spiral/foot.ini
# Reading aloud: espeak-ng (run as a program) and aplay.
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq espeak-ng alsa-utils
cp -r Audio /opt/spiral/share/spiral/ 2>/dev/null || true   # a centre's recordings, if any
install -d -o kiosk -g kiosk -m 0700 /var/lib/spiral /var/lib/spiral/spiral /var/lib/spiral/spiral/plans
if [ "$mode" = "--console" ]; then
    install -d /etc/systemd/system/getty@tty1.service.d
    install -m 0644 deploy/getty-autologin.conf /etc/systemd/system/getty@tty1.service.d/spiral-kiosk.conf
    grep -q "/opt/spiral/bin/spiral" /home/kiosk/.profile 2>/dev/null || cat deploy/kiosk-profile.sh >> /home/kiosk/.profile
else
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq cage xwayland foot fonts-noto-core fonts-noto-cjk fonts-noto-mono fonts-dejavu-core
    install -m 0644 deploy/spiral-kiosk.service /etc/systemd/system/spiral-kiosk.service
    command -v systemctl >/dev/null && systemctl daemon-reload && systemctl enable spiral-kiosk.service || true
fi
chown kiosk /etc/spiral/centre.json  # spiral keys init writes the centre's public key into it
echo "Installed. Now: check /etc/spiral/centre.json (crisis contacts, languages), then set the staff passphrase:"
echo "  sudo -u kiosk env SPIRAL_CONFIG=/etc/spiral/centre.json XDG_DATA_HOME=/var/lib/spiral /opt/spiral/bin/spiral passphrase"
if ! grep -q '"centreKey"' /etc/spiral/centre.json; then
    echo "and seal the plans (a stolen kiosk or back-up then reveals nothing a family said; docs/sealing.md):"
    echo "  sudo -u kiosk env SPIRAL_CONFIG=/etc/spiral/centre.json XDG_DATA_HOME=/var/lib/spiral /opt/spiral/bin/spiral keys init --config /etc/spiral/centre.json --seal-existing"
    echo "  (write down the recovery code it prints: without it and the passphrase, sealed plans cannot be opened)"
fi
