#!/usr/bin/env bash
# Install what the HMI needs on a fresh Debian machine: Qt's system libraries, the
# xcb libraries a real window on a desktop needs (and Xvfb, for the screenshots and
# the UI test on a real X server), when apt-get is available and we may use it; then
# a virtual environment in .venv with the project installed. `--test` also installs
# the test extras.
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
[ "${1:-}" = "--test" ] && extras="[test]"

qt_libs="libgl1 libegl1 libglib2.0-0 libfontconfig1 fontconfig-config fonts-dejavu-core libxkbcommon0 libdbus-1-3"
# Qt's xcb platform plugin (ldd .venv/lib/python3*/site-packages/PySide6/Qt/plugins/platforms/libqxcb.so)
qt_libs="$qt_libs libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0"
# a real X server without a screen: scripts/screenshots.sh and tests/ui/test_panel_fit.py
qt_libs="$qt_libs xvfb xauth"
if command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1; then
    missing=""
    for pkg in $qt_libs; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
    done
    if [ -n "$missing" ]; then
        sudo=""
        [ "$(id -u)" = 0 ] || sudo="sudo"
        echo "bootstrap: installing Qt's system libraries:$missing"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
    fi
fi

python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".$extras"
echo "bootstrap: ready (.venv)"
