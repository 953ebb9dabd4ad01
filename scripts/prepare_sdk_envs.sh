#!/usr/bin/env bash
# Real installations of the official SDKs, for the tests that compare what `check` sends with what each SDK sends
# (tests/checks/test_sdk_versions.py). Idempotent; run by .ci/run before pytest, and by hand for local runs:
#   scripts/prepare_sdk_envs.sh [DIR]        (default: .sdk-envs at the repository's root)
# Python SDK 1.x and 2.x each get a virtual environment of their own; the TypeScript SDK is installed with npm when
# npm is there (the tests that need node skip, saying so, when it is not).
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="${1:-.sdk-envs}"
PYTHON="${PYTHON:-python3}"
mkdir -p "$DIR"
for spec in "anthropic-1:anthropic==1.13.0" "anthropic-2:anthropic==2.14.0"; do
    name="${spec%%:*}"
    requirement="${spec#*:}"
    venv="$DIR/$name"
    if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import anthropic" 2>/dev/null; then
        continue
    fi
    rm -rf "$venv"
    "$PYTHON" -m venv "$venv"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check "$requirement"
done
if command -v npm >/dev/null 2>&1; then
    if [ ! -f "$DIR/typescript/node_modules/@anthropic-ai/sdk/package.json" ]; then
        mkdir -p "$DIR/typescript"
        npm install --silent --no-audit --no-fund --prefix "$DIR/typescript" @anthropic-ai/sdk@1.14.0
    fi
fi
echo "SDK environments ready in $DIR"
