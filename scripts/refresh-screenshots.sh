#!/usr/bin/env bash
# `npm run screenshots`: refresh the README's screenshots in media/ (an explicit step; `npm test` never
# touches tracked files).
#
# Runs the browser suite (`COMET_SUITES=browser npm test`), which saves its screenshots to the git-ignored
# test-results/screenshots/, and only when that suite passed copies them over media/screenshot-*.png.
# Review the result with `git diff --stat media` and commit it yourself.
set -euo pipefail
LOG_TAG=screenshots
# shellcheck source=e2e/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/e2e/lib.sh"
cd "$ROOT"

shots=(screenshot-ghost-text.png screenshot-output.png screenshot-settings.png)
rm -f "${shots[@]/#/test-results/screenshots/}"
COMET_SUITES=browser bash scripts/test.sh || die "the browser suite failed: media/ left as it was"
for shot in "${shots[@]}"; do
  [ -f "test-results/screenshots/$shot" ] || die "the browser suite made no $shot: media/ left as it was"
done
for shot in "${shots[@]}"; do
  cp "test-results/screenshots/$shot" "media/$shot"
  log "media/$shot refreshed"
done
