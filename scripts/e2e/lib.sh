# Shared by scripts/test.sh and scripts/try.sh (sourced, not run).
# Installs what is missing: system packages, node_modules, and a local code-server
# (a real VS Code: server + web workbench) in the git-ignored folder .code-server/.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
# @vscode/ripgrep version inside that code-server, and the ripgrep build its postinstall wants.
RIPGREP_PKG_VERSION="1.15.11"
RIPGREP_TARBALL="ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
CODE_SERVER_HOME="$ROOT/.code-server/$CODE_SERVER_VERSION"
CODE_SERVER_PKG="$CODE_SERVER_HOME/node_modules/code-server"
CODE_SERVER_ENTRY="$CODE_SERVER_PKG/out/node/entry.js"
export CODE_SERVER_ENTRY

log() { printf '\033[1m[%s]\033[0m %s\n' "${LOG_TAG:-comet}" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Debian packages the real-VS-Code runs need: a browser (tests only), ripgrep (search, and the
# code-server install), and Kerberos headers (code-server's native modules build against them).
# Usage: ensure_system_packages [chromium] [ripgrep] [libkrb5-dev]   (default: all three)
ensure_system_packages() {
  local wanted=("$@") missing=()
  [ ${#wanted[@]} -eq 0 ] && wanted=(chromium ripgrep libkrb5-dev)
  for pkg in "${wanted[@]}"; do
    case "$pkg" in
      chromium) [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ] || command -v chromium >/dev/null 2>&1 || missing+=(chromium) ;;
      ripgrep) command -v rg >/dev/null 2>&1 || missing+=(ripgrep) ;;
      *) dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg") ;;
    esac
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    die "missing Debian packages: ${missing[*]}. Install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}"
  fi
  log "installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# True when node_modules holds exactly what package-lock.json asks for (every
# non-optional package present at the locked version).
node_modules_fresh() {
  [ -f "$ROOT/node_modules/.package-lock.json" ] || return 1
  node -e '
    const lock = require(process.argv[1]).packages || {};
    const have = require(process.argv[2]).packages || {};
    for (const [name, want] of Object.entries(lock)) {
      if (!name || want.optional || want.peer || want.extraneous) continue;
      const got = have[name];
      if (!got || got.version !== want.version) { console.error(`stale: ${name}`); process.exit(1); }
    }' "$ROOT/package-lock.json" "$ROOT/node_modules/.package-lock.json" 2>/dev/null
}

ensure_node_modules() {
  if node_modules_fresh; then return 0; fi
  log "node_modules missing or out of date: npm ci"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
}

build_extension() {
  log "building (tsc + esbuild bundle)"
  (cd "$ROOT" && npm run --silent build)
}

code_server_ok() {
  [ -f "$CODE_SERVER_HOME/.installed" ] && [ -f "$CODE_SERVER_ENTRY" ]
}

# The checks that prove code-server's install scripts really ran (npm 11 may warn that
# they are "not yet covered by allowScripts", and a future npm may skip them).
code_server_broken_parts() {
  local pkg="$1" broken=()
  [ -e "$pkg/lib/vscode/node_modules/node-pty/build/Release/pty.node" ] || broken+=(node-pty)
  "$pkg/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" --version >/dev/null 2>&1 || broken+=(ripgrep)
  [ -e "$pkg/lib/vscode/node_modules.asar" ] || broken+=(asar-link)
  (cd "$pkg" && node -e 'require("argon2")' >/dev/null 2>&1) || broken+=(argon2)
  echo "${broken[*]}"
}

# Installs code-server@$CODE_SERVER_VERSION into .code-server/<version>/ once (about a
# minute and 300 MB); later runs reuse it. Never touches the project's package.json.
ensure_code_server() {
  if code_server_ok; then return 0; fi
  install_code_server
}

# Runs in a subshell so its EXIT trap cleans the staging folders however it ends.
install_code_server() (
  command -v rg >/dev/null 2>&1 || die "ripgrep (rg) is needed to install code-server"
  log "installing code-server@$CODE_SERVER_VERSION into .code-server/ (once, about a minute)"
  local staging="$ROOT/.code-server/.staging-$BASHPID" tmp old
  # Leftovers of installs that were killed (their process is gone).
  for old in "$ROOT"/.code-server/.staging-*; do
    [ -d "$old" ] && ! kill -0 "${old##*.staging-}" 2>/dev/null && rm -rf "$old"
  done
  tmp="$(mktemp -d "${TMPDIR:-/tmp}/comet-cs-install.XXXXXX")"
  rm -rf "$staging" && mkdir -p "$staging"
  # shellcheck disable=SC2064
  trap "rm -rf '$tmp' '$staging'" EXIT

  # @vscode/ripgrep's postinstall downloads rg from GitHub unless it finds this cached
  # tarball in $TMPDIR; the Debian rg packed under that name works.
  mkdir -p "$tmp/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION" "$tmp/pack"
  cp "$(command -v rg)" "$tmp/pack/rg"
  tar -czf "$tmp/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION/$RIPGREP_TARBALL" -C "$tmp/pack" rg

  printf '{ "name": "comet-code-server", "private": true }\n' >"$staging/package.json"
  # Root needs unsafe_perm (code-server's postinstall checks it); node-pty's build runs
  # `npx node-gyp`, which needs yes. Node headers come from the system (nodedir) when present.
  local nodedir_env=()
  if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ] && [ -z "$(npm config get nodedir 2>/dev/null | grep -v '^undefined$' || true)" ]; then
    nodedir_env=(npm_config_nodedir=/usr)
  fi
  if ! (cd "$staging" && env TMPDIR="$tmp" npm_config_unsafe_perm=true npm_config_yes=true "${nodedir_env[@]}" \
      npm install --no-audit --no-fund --no-save --loglevel=error "code-server@$CODE_SERVER_VERSION" >"$tmp/install.log" 2>&1); then
    tail -n 40 "$tmp/install.log" >&2
    die "npm install code-server@$CODE_SERVER_VERSION failed (log above)"
  fi

  local pkg="$staging/node_modules/code-server" broken
  broken="$(code_server_broken_parts "$pkg")"
  if [ -n "$broken" ]; then
    # The install scripts were skipped or failed: run them ourselves, once.
    log "code-server install scripts did not finish ($broken): running them directly"
    (cd "$staging/node_modules/argon2" && env TMPDIR="$tmp" npm_config_yes=true "${nodedir_env[@]}" npm run install >>"$tmp/install.log" 2>&1) || true
    (cd "$pkg" && env TMPDIR="$tmp" npm_config_unsafe_perm=true npm_config_yes=true "${nodedir_env[@]}" \
      npm_config_user_agent="npm/$(npm -v) node/$(node -v) linux x64" sh ./postinstall.sh >>"$tmp/install.log" 2>&1) || true
    broken="$(code_server_broken_parts "$pkg")"
    if [ -n "$broken" ]; then
      tail -n 40 "$tmp/install.log" >&2
      die "code-server installed but not usable (missing: $broken); log above"
    fi
  fi
  [ -f "$staging/node_modules/code-server/out/node/entry.js" ] || die "code-server entry.js missing after install"
  date -u +%FT%TZ >"$staging/.installed"
  rm -rf "$CODE_SERVER_HOME"
  mkdir -p "$(dirname "$CODE_SERVER_HOME")"
  mv "$staging" "$CODE_SERVER_HOME"
  log "code-server@$CODE_SERVER_VERSION ready"
)
