#!/usr/bin/env bash
# `npm test`: every test of Comet Complete, from a fresh clone.
#
#   1. installs what is missing: Debian packages (chromium, ripgrep, libkrb5-dev; as root),
#      node_modules (npm ci when missing or out of date), code-server (a real VS Code, once,
#      into the git-ignored .code-server/);
#   2. builds (tsc to out/, esbuild bundle to dist/extension.js);
#   3. runs the linter (ESLint, eslint.config.mjs), the unit tests (mocha), the end-to-end suite inside a real VS Code extension host
#      (the extension from this folder), then packages comet-complete.vsix (npm run package) and
#      runs the browser suite, which installs that .vsix and uses the workbench as a person would;
#   4. ends with one line "N passed, N failed, N skipped" over all suites; exits non-zero on any failure.
#
# Environment: COMET_SUITES="lint unit host browser" (a subset to run), COMET_E2E_GREP (filter host tests),
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

cs_pid=""
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  # A code-server install still running in the background (its own process group).
  [ -n "$cs_pid" ] && kill -TERM -- "-$cs_pid" 2>/dev/null || true
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

suites="${COMET_SUITES:-lint unit host browser}"
needs_vscode=0
[[ " $suites " == *" host "* || " $suites " == *" browser "* ]] && needs_vscode=1

# --- 1. install --------------------------------------------------------------------------
[ "$needs_vscode" = 1 ] && ensure_system_packages
ensure_node_modules
# code-server's install (about a minute, mostly network and unpacking) overlaps the build.
cs_log="$RUN_DIR/code-server-install.log"
: >"$cs_log"
if [ "$needs_vscode" = 1 ] && ! code_server_ok; then
  setsid bash -c 'source "$1"; ensure_code_server' _ "$ROOT/scripts/e2e/lib.sh" >"$cs_log" 2>&1 </dev/null &
  cs_pid=$!
fi

# --- 2. build ----------------------------------------------------------------------------
if ! build_extension; then
  log "the build failed (errors above)"
  summary_line 0 1 0
  exit 1
fi
if [ -n "$cs_pid" ]; then
  cs_status=0
  wait "$cs_pid" || cs_status=$?
  cs_pid=""
  cat "$cs_log" >&2
  if [ "$cs_status" != 0 ]; then
    log "could not install code-server: the end-to-end suites cannot run"
    suites="${suites//host/host-unavailable}"
    suites="${suites//browser/browser-unavailable}"
  fi
fi

# --- 3. suites ---------------------------------------------------------------------------
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
    lint)
      # One passed "test" per clean file, one failed per file with an error (scripts/lint/countingFormatter.cjs).
      run_suite lint node_modules/.bin/eslint --format ./scripts/lint/countingFormatter.cjs .
      ;;
    unit)
      run_suite unit node_modules/.bin/mocha --config .mocharc.json \
        --reporter out/test/e2e/support/countingReporter.js
      ;;
    host)
      # The driver has its own overall timeout (COMET_E2E_HOST_TIMEOUT, 300 s); this one is a backstop.
      run_suite host timeout --kill-after=15 420 node out/test/e2e/runHostSuite.js
      ;;
    browser)
      # The browser suite installs the package, as a user does: build it from this source first.
      log "packaging comet-complete.vsix for the browser suite"
      if ! npm run --silent package >"$RUN_DIR/package.log" 2>&1; then
        cat "$RUN_DIR/package.log" >&2
        ran+=(browser)
        echo 1 >"$RUN_DIR/browser.exit"
        printf '{"passes":0,"failures":1,"pending":0,"failed":[{"title":"browser suite","error":"not run: npm run package failed (see above)"}]}' >"$RUN_DIR/browser.json"
        continue
      fi
      export COMET_VSIX="$ROOT/comet-complete.vsix"
      # Compiled browser tests whose source exists (out/ may hold stale output of a deleted test).
      browser_tests=()
      for src in test/e2e/browser/*.test.ts; do
        [ -e "$src" ] && browser_tests+=("out/${src%.ts}.js")
      done
      # A backstop: the workbench test and the real-code test (realCode.test.ts, about 2 minutes) each start a code-server.
      run_suite browser timeout --kill-after=15 600 node_modules/.bin/mocha --no-config --timeout 90000 --slow 10000 \
        --reporter out/test/e2e/support/countingReporter.js "${browser_tests[@]}"
      ;;
    *-unavailable)
      ran+=("${suite%-unavailable}")
      echo 1 >"$RUN_DIR/${suite%-unavailable}.exit"
      printf '{"passes":0,"failures":1,"pending":0,"failed":[{"title":"%s suite","error":"not run: code-server could not be installed (see above)"}]}' \
        "${suite%-unavailable}" >"$RUN_DIR/${suite%-unavailable}.json"
      ;;
    *) die "unknown suite '$suite' in COMET_SUITES (lint, unit, host, browser)" ;;
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
    const why = exit === 124 || exit === 137 ? 'it ran out of time' : 'it crashed before or while running';
    r = { passes: 0, failures: 1, pending: 0, failed: [{ title: `${suite} suite`, error: `no results (exit code ${exit}): ${why}; see its output above` }] };
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
