# Appended to /home/kiosk/.profile for the console setup: the kiosk is the login shell's only
# job; when it ends, the session ends (and getty logs in again).
if [ "$(tty)" = "/dev/tty1" ]; then
    export XDG_DATA_HOME=/var/lib/spiral SPIRAL_CONFIG=/etc/spiral/centre.json LANG=C.UTF-8
    exec /opt/spiral/bin/spiral-kiosk
fi
