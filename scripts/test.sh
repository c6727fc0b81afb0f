#!/usr/bin/env bash
# `npm test`: every test of Comet Complete, from a fresh clone.
#
#   1. installs what is missing: Debian packages (chromium, ripgrep, libkrb5-dev; as root),
#      node_modules (npm ci when missing or out of date), code-server (a real VS Code, once,
#      into the git-ignored .code-server/);
#   2. builds (tsc to out/, esbuild bundle to dist/extension.js);
#   3. runs the unit tests (mocha), the end-to-end suite inside a real VS Code extension host,
#      and the browser suite that uses the workbench as a person would;
#   4. ends with one line "N passed, N failed, N skipped" over all suites; exits non-zero on any failure.
#
# Environment: COMET_SUITES="unit host browser" (a subset to run), COMET_E2E_GREP (filter e2e tests),
# COMET_E2E_KEEP=1 (keep the temp folders of the e2e runs), CHROMIUM_PATH.
set -euo pipefail
LOG_TAG=test
# shellcheck source=e2e/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/e2e/lib.sh"
cd "$ROOT"

started=$(date +%s)
RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/comet-test.XXXXXX")"
# The Node drivers start code-server in process groups of their own and list them here,
# so that whatever ends this script, nothing is left running.
export COMET_E2E_PGID_FILE="$RUN_DIR/process-groups"
: >"$COMET_E2E_PGID_FILE"

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -s "$COMET_E2E_PGID_FILE" ]; then
    while read -r pgid; do
      [ -n "$pgid" ] && kill -KILL -- "-$pgid" 2>/dev/null || true
    done <"$COMET_E2E_PGID_FILE"
  fi
  rm -rf "$RUN_DIR"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

summary_line() { # passed failed skipped
  echo "$1 passed, $2 failed, $3 skipped"
}

# --- 1. install --------------------------------------------------------------------------
ensure_system_packages
ensure_node_modules
# code-server's install (about a minute, mostly network and unpacking) overlaps the build.
cs_log="$RUN_DIR/code-server-install.log"
ensure_code_server >"$cs_log" 2>&1 &
cs_pid=$!

# --- 2. build ----------------------------------------------------------------------------
if ! build_extension; then
  wait "$cs_pid" || true
  log "the build failed (errors above)"
  summary_line 0 1 0
  exit 1
fi
if ! wait "$cs_pid"; then
  cat "$cs_log" >&2
  log "could not install code-server, so the end-to-end suites cannot run"
  summary_line 0 1 0
  exit 1
fi
cat "$cs_log" >&2

# --- 3. suites ---------------------------------------------------------------------------
suites="${COMET_SUITES:-unit host browser}"
ran=()

# run_suite NAME COMMAND...: runs one suite; its counts land in $RUN_DIR/NAME.json.
run_suite() {
  local name="$1" code=0
  shift
  ran+=("$name")
  log "suite: $name"
  rm -f "$RUN_DIR/$name.json"
  COMET_RESULT_FILE="$RUN_DIR/$name.json" "$@" || code=$?
  echo "$code" >"$RUN_DIR/$name.exit"
}

for suite in $suites; do
  case "$suite" in
    unit)
      run_suite unit node_modules/.bin/mocha --config .mocharc.json \
        --reporter out/test/e2e/support/countingReporter.js
      ;;
    host)
      run_suite host node out/test/e2e/runHostSuite.js
      ;;
    browser)
      # Compiled browser tests whose source exists (out/ may hold stale output of a deleted test).
      browser_tests=()
      for src in test/e2e/browser/*.test.ts; do
        [ -e "$src" ] && browser_tests+=("out/${src%.ts}.js")
      done
      run_suite browser node_modules/.bin/mocha --no-config --timeout 90000 --slow 10000 \
        --reporter out/test/e2e/support/countingReporter.js "${browser_tests[@]}"
      ;;
    *) die "unknown suite '$suite' in COMET_SUITES (unit, host, browser)" ;;
  esac
done

# --- 4. summary --------------------------------------------------------------------------
elapsed=$(($(date +%s) - started))
node - "$RUN_DIR" "$elapsed" "${ran[@]}" <<'EOF'
const fs = require('fs');
const path = require('path');
const [dir, elapsed, ...suites] = process.argv.slice(2);
let passed = 0, failed = 0, skipped = 0;
const lines = [];
for (const suite of suites) {
  const exit = Number(fs.readFileSync(path.join(dir, `${suite}.exit`), 'utf8'));
  let r;
  try {
    r = JSON.parse(fs.readFileSync(path.join(dir, `${suite}.json`), 'utf8'));
  } catch {
    r = { passes: 0, failures: 1, pending: 0, failed: [{ title: `${suite} suite`, error: `no results (exit code ${exit}): it crashed before or while running; see its output above` }] };
  }
  if (exit !== 0 && r.failures === 0) {
    r.failures = 1;
    r.failed.push({ title: `${suite} suite`, error: `exit code ${exit} although no test failed` });
  }
  passed += r.passes; failed += r.failures; skipped += r.pending;
  lines.push(`  ${suite.padEnd(8)} ${r.passes} passed, ${r.failures} failed, ${r.pending} skipped`);
  for (const f of r.failed) lines.push(`      ✗ ${f.title}: ${f.error.split('\n')[0]}`);
}
console.log(`\nSummary (${elapsed} s):\n${lines.join('\n')}\n`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
EOF
