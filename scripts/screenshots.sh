#!/usr/bin/env bash
# Photograph the operator's window as a panel shows it: a real X window under Xvfb (no
# window manager, like a kiosk panel) at 1280 × 800, in English and Indonesian, with the
# demo running: the main window (batch dosing, an equipment alarm), the PLC link down, the
# alarm list, a batch of 15 materials, a fetch preview with refused orders, the keyboard,
# and every other dialog. Writes docs/screens/{en,id}/*.png and docs/screenshot.png.
#   scripts/screenshots.sh [WxH]        (default 1280x800)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-1280x800}
command -v Xvfb >/dev/null || { echo "screenshots: Xvfb missing: scripts/bootstrap.sh installs it" >&2; exit 1; }

display=""
for n in $(seq 90 120); do
    if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then display=":$n"; break; fi
done
[ -n "$display" ] || { echo "screenshots: no free X display number" >&2; exit 1; }
Xvfb "$display" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done

export DISPLAY="$display" QT_QPA_PLATFORM=xcb HMI_LOG_DIR="${TMPDIR:-/tmp}/hmi-screenshots-log"
rm -rf docs/screens
.venv/bin/hmi --demo --log-level WARNING --tour docs/screens --size "$size"
.venv/bin/hmi --demo --log-level WARNING --screenshot docs/screenshot.png --size "$size" --after 6
echo "screenshots: $(find docs/screens -name '*.png' | wc -l) screens in docs/screens, docs/screenshot.png"
