#!/usr/bin/env bash
#! Installs everything the project needs on a Debian machine with rustup,
#! idempotently and at pinned versions. Nothing is downloaded outside the
#! package registries (Debian, crates.io, npm); Trunk never fetches tools.
#!
#! Usage: scripts/setup.sh            (all)
#!        SETUP_SKIP_NODE=1 scripts/setup.sh   (no e2e node packages)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

TRUNK_VERSION=0.22.1
BINARYEN_VERSION=132.0.0
APT_PACKAGES=(chromium chromium-driver nginx libnginx-mod-http-brotli-static brotli curl ca-certificates)
# The WordPress e2e tests' real WordPress (scripts/wordpress.sh). php-fpm and
# php come before wordpress so that apt takes them for its "libapache2-mod-php
# | php" dependency instead of pulling in Apache.
APT_PACKAGES+=(php-fpm php php-cli php-mysql php-xml php-mbstring mariadb-server wordpress)
# Packages whose install would start a system service; the tests run their
# own copies (as the invoking user, on a socket in e2e/.run/), so none may run.
SERVICE_PACKAGES=(mariadb-server php-fpm)

log() { printf '[setup] %s\n' "$*"; }

# --- Debian packages --------------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
if [ "${#missing[@]}" -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  new_services=()
  for p in "${SERVICE_PACKAGES[@]}"; do
    if [[ " ${missing[*]} " == *" $p "* ]]; then new_services+=("$p"); fi
  done
  # Debian starts a service on install unless policy-rc.d says no: say no for
  # this install (unless the machine already has a policy of its own).
  own_policy=0
  if [ "${#new_services[@]}" -gt 0 ] && [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\n# scripts/setup.sh: no service starts during this install\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod 755 /usr/sbin/policy-rc.d
    own_policy=1
    trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  if [ "$own_policy" = 1 ]; then $SUDO rm -f /usr/sbin/policy-rc.d; trap - EXIT; fi
  # And none left enabled or running, whatever the policy was.
  for p in "${new_services[@]}"; do
    case "$p" in
      mariadb-server) units=(mariadb) ;;
      php-fpm) mapfile -t units < <(compgen -G '/usr/sbin/php-fpm*' | xargs -rn1 basename) ;; # php8.2-fpm
    esac
    for u in "${units[@]}"; do
      if [ -d /run/systemd/system ]; then
        $SUDO systemctl disable --now "$u" >/dev/null 2>&1 || true
      elif [ -x "/etc/init.d/$u" ]; then
        $SUDO "/etc/init.d/$u" stop >/dev/null 2>&1 || true
      fi
    done
  done
fi
# Debian's wordpress reads a site's configuration from /etc/wordpress; this
# one only points at the e2e run's own data directory (see the file).
WP_ETC_CONFIG=/etc/wordpress/config-newsfront-e2e.php
if ! cmp -s e2e/wordpress/config-newsfront-e2e.php "$WP_ETC_CONFIG"; then
  log "install $WP_ETC_CONFIG"
  $SUDO install -m 644 e2e/wordpress/config-newsfront-e2e.php "$WP_ETC_CONFIG"
fi

# --- Rust targets and components --------------------------------------------
rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
for c in clippy rustfmt; do
  rustup component list --installed | grep -q "^$c" || rustup component add "$c"
done

# --- trunk ------------------------------------------------------------------
if [ "$("$TOOLS_ROOT/bin/trunk" --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  log "cargo install trunk $TRUNK_VERSION (once; about 10-20 minutes on 2 cores)"
  # trunk 0.22 declares a newer rust-version than this toolchain; it builds and
  # works all the same. Thin build profile for this one install: ~2x faster.
  CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install --locked "trunk@$TRUNK_VERSION" --ignore-rust-version --root "$TOOLS_ROOT"
fi

# --- wasm-bindgen-cli: exactly the version in Cargo.lock --------------------
WBG=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if [ "$("$TOOLS_ROOT/bin/wasm-bindgen" --version 2>/dev/null || true)" != "wasm-bindgen $WBG" ] \
   || [ "$("$TOOLS_ROOT/bin/wasm-bindgen-test-runner" --version 2>/dev/null || true)" != "wasm-bindgen-test-runner $WBG" ]; then
  log "cargo install wasm-bindgen-cli $WBG"
  # Not --locked: its own lockfile pins a webpki-roots the registry lacks.
  cargo install wasm-bindgen-cli --version "$WBG" --root "$TOOLS_ROOT" --force
fi

# --- wasm-opt from npm binaryen (Debian's 108 breaks the bundle) ------------
if [ "$(wasm-opt --version 2>/dev/null || true)" != "wasm-opt version ${BINARYEN_VERSION%%.*} (version_${BINARYEN_VERSION%%.*})" ]; then
  log "npm binaryen@$BINARYEN_VERSION"
  mkdir -p "$TOOLS_ROOT/binaryen-npm"
  npm install --prefix "$TOOLS_ROOT/binaryen-npm" --no-audit --no-fund --no-save "binaryen@$BINARYEN_VERSION" >/dev/null
fi

# --- node packages for the e2e suite, from the lock file --------------------
if [ "${SETUP_SKIP_NODE:-0}" != 1 ]; then
  # Install from the lock file only when an installed version differs from it.
  if ! (cd e2e && node -e '
    const pkgs = require("./package-lock.json").packages;
    for (const [dir, { version }] of Object.entries(pkgs)) {
      if (dir && require(`./${dir}/package.json`).version !== version) process.exit(1);
    }' 2>/dev/null); then
    log "npm ci (e2e)"
    (cd e2e && npm ci --no-audit --no-fund >/dev/null)
  fi
fi

# --- crates, so that offline builds work ------------------------------------
cargo fetch --locked >/dev/null 2>&1 || cargo fetch --locked

log "ready: $(trunk --version), $(wasm-bindgen --version), $(wasm-opt --version | head -1), $(chromium --version 2>/dev/null)"
