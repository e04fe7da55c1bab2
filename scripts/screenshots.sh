#!/usr/bin/env bash
# Photograph the operator's window as a panel shows it: a real X window under Xvfb (no
# window manager, like a kiosk panel) at 1280 × 800, in English and Indonesian, with the
# demo running: the main window (a batch dosing, an equipment alarm, the line stopped by an
# implausible value), the PLC FAULTED and down, the alarm list, the decision and the
# scale-ticket keypad, a PLC slot's words, refused orders, the PLC probe, a strict-BoM batch,
# a batch of 15 materials, a fetch preview with refused orders, the keyboard, and every
# other dialog.
#   scripts/screenshots.sh [WxH] [DIR]   (default 1280x800; DIR: keep every screen there)
# docs/screens/{en,id}/ keeps only the screens docs/OPERATOR.md shows (the tour takes all of
# them into DIR, a temporary folder by default); docs/screenshot.png is the README's.
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-1280x800}
every=${2:-}
command -v Xvfb >/dev/null || { echo "screenshots: Xvfb missing: scripts/bootstrap.sh installs it" >&2; exit 1; }

display=""
for n in $(seq 90 120); do
    if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then display=":$n"; break; fi
done
[ -n "$display" ] || { echo "screenshots: no free X display number" >&2; exit 1; }
Xvfb "$display" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
tour=$(mktemp -d)
trap 'kill "$xvfb_pid" 2>/dev/null || true; rm -rf "$tour"' EXIT
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done

export DISPLAY="$display" QT_QPA_PLATFORM=xcb HMI_LOG_DIR="${TMPDIR:-/tmp}/hmi-screenshots-log"
.venv/bin/hmi --demo --log-level WARNING --tour "$tour" --size "$size"
.venv/bin/hmi --demo --log-level WARNING --screenshot docs/screenshot.png --size "$size" --after 6
if [ -n "$every" ]; then mkdir -p "$every" && cp -r "$tour"/. "$every"/; fi

# only what the operator's manual shows, in both languages
rm -rf docs/screens
for name in $(grep -o 'screens/en/[a-z0-9-]*\.png' docs/OPERATOR.md | sort -u | sed 's|screens/en/||'); do
    for language in en id; do
        [ -f "$tour/$language/$name" ] || { echo "screenshots: the tour took no $language/$name" >&2; exit 1; }
        mkdir -p "docs/screens/$language"
        cp "$tour/$language/$name" "docs/screens/$language/$name"
    done
done
echo "screenshots: $(find docs/screens -name '*.png' | wc -l) screens in docs/screens ($(du -sh docs/screens | cut -f1)), docs/screenshot.png"
