#!/bin/sh
# Refresh the lock files from pyproject.toml's dependencies (run after changing them):
#   sh scripts/lock.sh
# requirements/lock.txt (the app) and requirements/lock-dev.txt (the app and the dev tools)
# pin every package, its dependencies included, by version and SHA-256; scripts/install.sh
# installs from them, so a fresh machine gets what CI tested. Needs the package index.
set -eu
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
"$PYTHON" -m venv "$tools"
"$tools/bin/python" -m pip install --quiet --disable-pip-version-check "pip-tools>=7.4,<8"
compile() {
    "$tools/bin/pip-compile" --quiet --generate-hashes --allow-unsafe --strip-extras \
        --no-emit-index-url --no-emit-find-links --resolver backtracking "$@" pyproject.toml
}
compile --output-file requirements/lock.txt
compile --extra dev --output-file requirements/lock-dev.txt
