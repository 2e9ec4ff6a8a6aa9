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

vitest_failed=0
for s in "${failed_steps[@]}"; do case "$s" in vitest*) vitest_failed=1 ;; esac; done
other_failed=$((${#failed_steps[@]} - vitest_failed))
node -e '
const fs = require("fs");
const [otherSteps, vitestStepFailed] = process.argv.slice(1).map(Number);
let passed = 0, failed = 0;
try {
  const r = JSON.parse(fs.readFileSync(".cache/vitest.json", "utf8"));
  passed = r.numPassedTests;
  failed = r.numFailedTests;
} catch {}
// A Vitest run that failed without a failing test (a suite that did not load) still counts once.
if (vitestStepFailed && failed === 0) failed = 1;
console.log(`tests: ${passed} passed, ${failed + otherSteps} failed`);
' "$other_failed" "$vitest_failed"
if [ ${#failed_steps[@]} -gt 0 ]; then
  echo "failed steps: ${failed_steps[*]}" >&2
  exit 1
fi
