#!/usr/bin/env bash
# Refresh the Indonesian catalogue from the UI sources and compile it.
#   1. pyside6-lupdate collects every tr()/translate() text of hmi/ui into the .ts file
#      (existing translations are kept; new texts arrive as "unfinished");
#   2. translate the new texts (Qt Linguist: .venv/bin/pyside6-linguist, or edit the XML);
#   3. pyside6-lrelease compiles the .ts into the .qm the application loads.
# Both tools ship with PySide6-Essentials in the project's virtualenv.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
TS=resources/translations/hmi_id.ts
QM=resources/translations/hmi_id.qm
for tool in pyside6-lupdate pyside6-lrelease; do
    if [ ! -x "$BIN/$tool" ]; then
        echo "update_translations: $BIN/$tool not found; run scripts/bootstrap.sh first" >&2
        exit 1
    fi
done
"$BIN/pyside6-lupdate" -no-obsolete -locations relative hmi/ui/*.py -ts "$TS"
"$BIN/pyside6-lrelease" "$TS" -qm "$QM"
