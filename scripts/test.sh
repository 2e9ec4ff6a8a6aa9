#!/usr/bin/env bash
# The whole test suite, as the README's test command runs it: static checks, every workspace's unit
# tests, integration tests against a real Elasticsearch, end-to-end tests in real Chromium, the chart
# package's build and size budgets, and the Storybook static build. Ends with one line
# "tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .cache
failed_steps=()
step() {
  local name="$1"; shift
  echo "── $name"
  if ! "$@"; then failed_steps+=("$name"); echo "✗ $name failed"; fi
}

step "format" npx prettier --check --log-level warn .
step "lint" npx eslint --max-warnings 0 .
step "typecheck" npx tsc -p tsconfig.json --noEmit
export CHROMIUM_PATH="${CHROMIUM_PATH:-$(bash scripts/chromium.sh)}"
step "charts build and size budgets" npm run --silent -w @sightline/charts size
step "storybook build" npm run --silent storybook:build
rm -f .cache/vitest.json
step "vitest (unit, integration, end-to-end)" npx vitest run --reporter=default --reporter=json --outputFile.json=.cache/vitest.json

node -e '
const fs = require("fs");
let passed = 0, failed = 0;
try {
  const r = JSON.parse(fs.readFileSync(".cache/vitest.json", "utf8"));
  passed = r.numPassedTests; failed = r.numFailedTests + (r.numRuntimeErrorTests ?? 0);
  if (!r.success && failed === 0) failed = 1; // a suite that failed to load counts as a failure
} catch { failed = 1; }
const steps = Number(process.argv[1]);
console.log(`tests: ${passed} passed, ${failed + steps} failed`);
' "${#failed_steps[@]}"
if [ ${#failed_steps[@]} -gt 0 ]; then
  echo "failed steps: ${failed_steps[*]}" >&2
  exit 1
fi
