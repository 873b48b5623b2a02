#!/usr/bin/env bash
# Installs what the real-workbench tests need: Debian Chromium + ripgrep + native build deps, and code-server
# (test/e2e/workbench, pinned in its package-lock.json). Idempotent; a second run takes about a second.
# Needs only the npm registry and Debian mirrors. apt-get runs as root (CI: .ci/run), via sudo otherwise, and
# only when a package is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WB="$ROOT/test/e2e/workbench"
CODE_SERVER_VERSION="4.99.4"
# code-server 4.99.4 pins @vscode/ripgrep 1.15.11 in lib/vscode/npm-shrinkwrap.json; its postinstall downloads
# rg from GitHub unless this asset is already in its cache dir.
RIPGREP_PKG_VERSION="1.15.11"
RIPGREP_ASSET="ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
APT_PACKAGES=(chromium ripgrep libkrb5-dev pkg-config)

step() { printf '[setup-workbench] %s\n' "$*"; }
fail() { printf '[setup-workbench] ERROR: %s\n' "$*" >&2; exit 1; }

# 1. Debian packages (only the missing ones; apt-get update once, only if something is missing).
missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  step "apt: ${APT_PACKAGES[*]} already installed"
else
  command -v apt-get >/dev/null || fail "missing Debian packages (${missing[*]}) and no apt-get"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || fail "need root (or sudo) to install: ${missing[*]}"
    SUDO="sudo"
  fi
  step "apt: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt_log="$(mktemp -t setup-workbench-apt.XXXXXX.log)"
  { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$apt_log" 2>&1 \
    || { tail -n 30 "$apt_log" >&2; fail "apt-get install ${missing[*]} failed (log: $apt_log)"; }
  rm -f "$apt_log"
fi
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium not found after installing chromium"
[ -x /usr/bin/rg ] || fail "/usr/bin/rg not found after installing ripgrep"

# 2. Seed @vscode/ripgrep's download cache with Debian's rg (it honours os.tmpdir(), i.e. $TMPDIR).
TMP_DIR="$(node -p 'require("os").tmpdir()')" || fail "node not found (Node 20 is required)"
CACHE_DIR="$TMP_DIR/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
if [ -s "$CACHE_DIR/$RIPGREP_ASSET" ] && tar -tzf "$CACHE_DIR/$RIPGREP_ASSET" 2>/dev/null | grep -qx 'rg'; then
  step "ripgrep cache: $CACHE_DIR/$RIPGREP_ASSET present"
else
  mkdir -p "$CACHE_DIR"
  stage="$(mktemp -d)"
  cp /usr/bin/rg "$stage/rg"
  tar -czf "$CACHE_DIR/$RIPGREP_ASSET.tmp" -C "$stage" rg && mv "$CACHE_DIR/$RIPGREP_ASSET.tmp" "$CACHE_DIR/$RIPGREP_ASSET"
  rm -rf "$stage"
  step "ripgrep cache: seeded $CACHE_DIR/$RIPGREP_ASSET from /usr/bin/rg"
fi

# 3. code-server. The stamp is written only after a complete `npm ci` (postinstall included), so an interrupted
#    install is redone rather than trusted.
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" = 20 ] || fail "code-server $CODE_SERVER_VERSION needs Node 20, found $(node -v)"
STAMP="$WB/node_modules/.workbench-installed"
want="code-server@$CODE_SERVER_VERSION $(sha256sum "$WB/package-lock.json" | cut -d' ' -f1)"
installed_version="$(node -p "try { require('$WB/node_modules/code-server/package.json').version } catch { '' }")"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ] && [ "$installed_version" = "$CODE_SERVER_VERSION" ]; then
  step "code-server: $CODE_SERVER_VERSION already installed in test/e2e/workbench"
else
  step "code-server: npm ci in test/e2e/workbench (takes about a minute)"
  log="$(mktemp -t setup-workbench-npm.XXXXXX.log)"
  # node-gyp would download Node's headers from nodejs.org; Debian's nodejs ships them in /usr/include/node.
  if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then export npm_config_nodedir=/usr; fi
  # unsafe_perm: code-server's postinstall refuses root without it; yes: node-pty runs `npx node-gyp`.
  if ! (cd "$WB" && npm_config_unsafe_perm=true npm_config_yes=true npm ci --no-audit --no-fund >"$log" 2>&1); then
    tail -n 40 "$log" >&2
    fail "npm ci in test/e2e/workbench failed (full log: $log)"
  fi
  [ -x "$WB/node_modules/.bin/code-server" ] || fail "npm ci finished but node_modules/.bin/code-server is missing (log: $log)"
  [ -x "$WB/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] \
    || fail "code-server's ripgrep binary is missing (log: $log)"
  echo "$want" >"$STAMP"
  rm -f "$log"
  step "code-server: $CODE_SERVER_VERSION installed"
fi
step "ok: code-server at $WB/node_modules/.bin/code-server, chromium at /usr/bin/chromium"
