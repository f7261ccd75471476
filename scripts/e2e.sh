#!/usr/bin/env bash
#! Runs the end-to-end suite (e2e/tests/) against an already built bundle:
#! serves copies of it with nginx and deploy/nginx/spa.conf (one per
#! config.json variant), starts the stub backend and a real WordPress
#! (scripts/wordpress.sh: MariaDB, PHP-FPM and Debian's wordpress package,
#! behind the same nginx), runs node's test runner, and always stops them
#! all. Build first: `trunk build --release`.
#!
#! Usage: scripts/e2e.sh                     every e2e/tests/*.test.mjs
#!        scripts/e2e.sh e2e/tests/x.test.mjs  only the files given
#!        scripts/e2e.sh --serve             set up and serve until Ctrl-C
#!        scripts/e2e.sh --serve --no-stub   the same without the stub (nginx alone)
#!        DIST=/path/to/dist scripts/e2e.sh  another bundle than ./dist
#!
#! Sites (127.0.0.1):  18080 demo backend    18081 native -> stub on 18090
#!                     18082 broken config   18083 native -> 18099 (refused)
#!                     18084 wordpress -> the real WordPress (18070/wp-json/)
#!                     18085 wide: native -> stub, 100 articles a page (articles.per_page)
#!                     18086 shipped: the bundle's own config.json (first-view budget)
#!                     18087 wordpress-proxy -> the stub's WordPress mode (18090/wp-json/):
#!                           a proxy in front of that WordPress that fails on demand
#!                     18088 prerendered: the stub site with pages from scripts/prerender.sh
#!                     18089 wordpress-prerendered: the wordpress site with pages from it
#!                     18091 ghost: mapped, preset ghost -> the stub's Ghost Content API
#!                     18092 jsonfeed: mapped, preset jsonfeed -> the stub's /feed.json
#!                     18093 ghost-badkey: the ghost site with a wrong Content API key
#!                     18094 bespoke: mapped by docs/mapping.md's walk-through mapping
#!                           (served as the site's mapping.json) -> the stub's /bespoke/v2/
#!                     18095 mapped-broken: the ghost preset without its key (a config problem)
#!                     18096 strapi, 18097 directus, 18098 drupal, 18100 payload: mapped,
#!                           each with its preset -> the stub's imitation of that API
#!                     18101 strapi-forbidden: strapi naming a collection the public role can't read
#!                     18102 strapi-markdown: strapi with the body read from a Markdown field
#!                     18103 offline-update: the stub site, redeployed by e2e/tests/offline.test.mjs
#!                     18104 bespoke-cursor: the walk-through's mapping, its list read from the
#!                           API's cursor-paged feed (inline in config.json)
#!                     18070 the real WordPress itself (its data in e2e/.run/wordpress)
#! Everything it makes is in e2e/.run/ (logs included); exit code is the
#! test runner's.
set -euo pipefail
CALLER_PWD=$PWD # DIST= and test file arguments are relative to where we were called
cd "$(dirname "$0")/.."
ROOT=$(pwd -P)
from_caller() { case "$1" in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$CALLER_PWD" "$1" ;; esac; }
source scripts/env.sh

RUN="$ROOT/e2e/.run"
STUB_PORT=18090
REFUSED_PORT=18099 # nothing may listen here: the "refused" site points at it
WAIT_SECONDS=10
TEST_TIMEOUT_SECONDS=${E2E_TIMEOUT:-900}
declare -A SITE_PORT=([demo]=18080 [stub]=18081 [broken]=18082 [refused]=18083 [wordpress]=18084 [wide]=18085 [wordpress-proxy]=18087)
SITES=(demo stub broken refused wordpress wide wordpress-proxy)
# The bundle as built, with the config.json it ships (the demo backend): what
# e2e/tests/budget.test.mjs weighs.
SITE_PORT[shipped]=18086
SITES+=(shipped)
# The stub site with prerendered pages (scripts/prerender.sh, run once the
# stub answers, as a deployer's publish hook would).
SITE_PORT[prerendered]=18088
SITES+=(prerendered)
# The same over the real WordPress.
SITE_PORT[wordpress-prerendered]=18089
SITES+=(wordpress-prerendered)
# Mapped backends (docs/mapping.md) over the stub's other APIs.
SITE_PORT[ghost]=18091
SITE_PORT[jsonfeed]=18092
SITE_PORT[ghost-badkey]=18093
SITE_PORT[bespoke]=18094
SITE_PORT[mapped-broken]=18095
SITES+=(ghost jsonfeed ghost-badkey bespoke mapped-broken)
SITE_PORT[strapi]=18096
SITE_PORT[directus]=18097
SITE_PORT[drupal]=18098
SITE_PORT[payload]=18100
SITE_PORT[strapi-forbidden]=18101
SITE_PORT[strapi-markdown]=18102
SITES+=(strapi directus drupal payload strapi-forbidden strapi-markdown)
# The stub site again, for e2e/tests/offline.test.mjs to deploy a new version
# into (its sw.js and shell change under the open page).
SITE_PORT[offline-update]=18103
SITES+=(offline-update)
# The walk-through's API paged by cursor (its feed), for the cursor paging.
SITE_PORT[bespoke-cursor]=18104
SITES+=(bespoke-cursor)

log() { printf '[e2e] %s\n' "$*" >&2; }
die() { printf '[e2e] error: %s\n' "$*" >&2; exit 1; }

SERVE=0
WITH_STUB=1
TEST_FILES=()
for arg in "$@"; do
  case "$arg" in
    --serve) SERVE=1 ;;
    --no-stub) WITH_STUB=0 ;;
    -h | --help) sed -n '2,$ s/^#! \{0,1\}//p' "$0"; exit 0 ;;
    -*) die "unknown option $arg (see --help)" ;;
    *) TEST_FILES+=("$(from_caller "$arg")") ;;
  esac
done
[ "$WITH_STUB" = 1 ] || [ "$SERVE" = 1 ] || die "--no-stub only goes with --serve: the suite needs the stub"

# --- preconditions ------------------------------------------------------------
DIST_IN=$ROOT/dist
[ -z "${DIST:-}" ] || DIST_IN=$(from_caller "$DIST")
[ -f "$DIST_IN/index.html" ] || die "no bundle at $DIST_IN/index.html: run 'trunk build --release' first (or set DIST=)"
DIST=$(cd "$DIST_IN" && pwd -P)
command -v nginx >/dev/null || die "nginx not found: run scripts/setup.sh"
command -v node >/dev/null || die "node not found: run scripts/setup.sh"
MIME_TYPES=/etc/nginx/mime.types
[ -f "$MIME_TYPES" ] || die "$MIME_TYPES missing: run scripts/setup.sh"
BROTLI_MODULE=/usr/lib/nginx/modules/ngx_http_brotli_static_module.so
[ -f "$BROTLI_MODULE" ] || die "$BROTLI_MODULE missing: run scripts/setup.sh"
STUB="$ROOT/e2e/stub-server.mjs"
[ "$WITH_STUB" = 0 ] || [ -f "$STUB" ] || die "$STUB missing"
source scripts/wordpress.sh
wp_check
if [ "$SERVE" = 0 ]; then
  [ -x /usr/bin/chromium ] || die "/usr/bin/chromium missing: run scripts/setup.sh"
  [ -d e2e/node_modules/playwright-core ] || die "e2e node packages missing: run scripts/setup.sh"
  if [ "${#TEST_FILES[@]}" = 0 ]; then
    shopt -s nullglob
    TEST_FILES=(e2e/tests/*.test.mjs) # node 20's --test takes files, not a folder
    shopt -u nullglob
    [ "${#TEST_FILES[@]}" -gt 0 ] || die "no e2e/tests/*.test.mjs"
  fi
fi

# --- processes ----------------------------------------------------------------
# `ps` rather than `kill -0`: a child that exited stays a zombie until reaped.
alive() {
  local stat
  stat=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [[ $stat != Z* ]]
}

# Stops one process by id, bounded: TERM, up to 5 s, then KILL.
stop_pid() {
  local pid=$1 i
  alive "$pid" || { wait "$pid" 2>/dev/null || true; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    alive "$pid" || break
    sleep 0.1
  done
  if alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
  wait "$pid" 2>/dev/null || true # reaps our own child; a no-op for others
}

# A run killed with SIGKILL leaves its servers behind; stop them only when the
# pid file's process is still the one that run started.
stop_stale() {
  local pidfile=$1 marker=$2 pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile" 2>/dev/null || true)
  [[ $pid =~ ^[0-9]+$ ]] || return 0
  if alive "$pid" && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker"; then
    log "stopping server left by an earlier run (pid $pid)"
    stop_pid "$pid"
  fi
}

NGINX_PID=""
STUB_PID=""
cleanup() {
  local rc=$?
  [ -z "$STUB_PID" ] || stop_pid "$STUB_PID"
  [ -z "$NGINX_PID" ] || stop_pid "$NGINX_PID"
  wp_stop
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

stop_stale "$RUN/stub.pid" "stub-server.mjs"
stop_stale "$RUN/nginx.pid" "$RUN/nginx.conf"
wp_stop_stale

# curl exit 7 is "connection refused": the only answer that means free.
port_free() {
  local rc=0
  curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$1/" || rc=$?
  [ "$rc" = 7 ]
}
PORTS=("${SITE_PORT[@]}" "$REFUSED_PORT" "$WP_PORT")
[ "$WITH_STUB" = 0 ] || PORTS+=("$STUB_PORT")
for port in "${PORTS[@]}"; do
  port_free "$port" || die "127.0.0.1:$port is already in use; the suite needs it free"
done

# --- site roots: one copy of the bundle per config.json -----------------------
rm -rf "$RUN"
mkdir -p "$RUN/tmp"
# WordPress first: its database and PHP-FPM start while the sites are copied.
WP_STARTED=$SECONDS
wp_start
# spa.conf includes the security headers by a path relative to the config.
mkdir -p "$RUN/snippets"
cp "$ROOT/deploy/nginx/security-headers.conf" "$RUN/snippets/newsfront-security.conf"

write_site() { # name config-json [extra image origins for the CSP]
  local dir="$RUN/site-$1"
  # A real copy: hard links would let the config.json write reach $DIST.
  cp -R "$DIST/." "$dir"
  rm -f "$dir/.trunk-lock"
  printf '%s\n' "$2" >"$dir/config.json"
  # The strict Content-Security-Policy for this site's backend, as a deployer makes it.
  node "$ROOT/scripts/csp.mjs" "$dir" "${@:3}" >/dev/null
}
write_site demo '{"site":{"name":"Newsfront Demo"},"backend":{"kind":"demo"}}'
write_site stub "{\"site\":{\"name\":\"Newsfront Stub\"},\"backend\":{\"kind\":\"native\",\"base_url\":\"http://127.0.0.1:$STUB_PORT/api/\",\"timeout_ms\":2500}}"
write_site broken '{"site": {"name": 5}, "backend": {"kind": "mystery"}' # no closing brace, on purpose
write_site refused "{\"site\":{\"name\":\"Newsfront Refused\"},\"backend\":{\"kind\":\"native\",\"base_url\":\"http://127.0.0.1:$REFUSED_PORT/api/\",\"timeout_ms\":2500}}"
write_site wide "{\"site\":{\"name\":\"Newsfront Wide\"},\"backend\":{\"kind\":\"native\",\"base_url\":\"http://127.0.0.1:$STUB_PORT/api/\",\"timeout_ms\":2500},\"articles\":{\"per_page\":100}}"
write_site shipped "$(cat "$DIST/config.json")"
write_site prerendered "{\"site\":{\"name\":\"Newsfront Prerendered\"},\"backend\":{\"kind\":\"native\",\"base_url\":\"http://127.0.0.1:$STUB_PORT/api/\",\"timeout_ms\":2500}}"
write_site wordpress-prerendered "{\"site\":{\"name\":\"Newsfront on WordPress, prerendered\"},\"backend\":{\"kind\":\"wordpress\",\"base_url\":\"$WP_URL/wp-json/\",\"timeout_ms\":2500}}"
write_site wordpress "{\"site\":{\"name\":\"Newsfront on WordPress\"},\"backend\":{\"kind\":\"wordpress\",\"base_url\":\"$WP_URL/wp-json/\",\"timeout_ms\":2500}}"
# The proxy relays the REST API only: media come from WordPress itself.
write_site wordpress-proxy "{\"site\":{\"name\":\"Newsfront on WordPress, behind a proxy\"},\"backend\":{\"kind\":\"wordpress\",\"base_url\":\"http://127.0.0.1:$STUB_PORT/wp-json/\",\"timeout_ms\":2500}}" "$WP_URL"

GHOST_KEY=$(node -e "import('$ROOT/e2e/stub-presets.mjs').then((m) => console.log(m.GHOST_KEY))")
ghost_site() { # name key
  printf '{"site":{"name":"Newsfront on Ghost"},"backend":{"kind":"mapped","preset":"ghost","base_url":"http://127.0.0.1:%s/","params":{"key":"%s"},"timeout_ms":2500}}' "$STUB_PORT" "$2"
}
write_site ghost "$(ghost_site ghost "$GHOST_KEY")"
write_site ghost-badkey "$(ghost_site ghost-badkey "0000000000000000000000bad0")"
preset_site() { # name preset root
  printf '{"site":{"name":"Newsfront on %s"},"backend":{"kind":"mapped","preset":"%s","base_url":"http://127.0.0.1:%s/%s/","timeout_ms":2500}}' "$2" "$2" "$STUB_PORT" "$3"
}
for p in strapi directus drupal payload; do write_site "$p" "$(preset_site "$p" "$p" "$p")"; done
write_site offline-update "{\"site\":{\"name\":\"Newsfront Offline\"},\"backend\":{\"kind\":\"native\",\"base_url\":\"http://127.0.0.1:$STUB_PORT/api/\",\"timeout_ms\":2500}}"
write_site strapi-markdown "{\"backend\":{\"kind\":\"mapped\",\"preset\":\"strapi\",\"base_url\":\"http://127.0.0.1:$STUB_PORT/strapi/\",\"mapping\":{\"list\":{\"body_format\":\"markdown\",\"fields\":{\"body\":\"/body\"}}},\"timeout_ms\":2500}}"
write_site strapi-forbidden "{\"backend\":{\"kind\":\"mapped\",\"preset\":\"strapi\",\"base_url\":\"http://127.0.0.1:$STUB_PORT/strapi/\",\"params\":{\"articles\":\"drafts\"},\"timeout_ms\":2500}}"
write_site mapped-broken "{\"backend\":{\"kind\":\"mapped\",\"preset\":\"ghost\",\"base_url\":\"http://127.0.0.1:$STUB_PORT/\"}}"
write_site jsonfeed "{\"site\":{\"name\":\"Newsfront on a feed\"},\"backend\":{\"kind\":\"mapped\",\"preset\":\"jsonfeed\",\"base_url\":\"http://127.0.0.1:$STUB_PORT/feed.json\",\"timeout_ms\":2500}}"
write_site bespoke "{\"site\":{\"name\":\"Newsfront on a bespoke API\"},\"backend\":{\"kind\":\"mapped\",\"base_url\":\"http://127.0.0.1:$STUB_PORT/bespoke/v2/\",\"mapping\":\"mapping.json\",\"timeout_ms\":2500}}"
# The walk-through's mapping exactly as docs/mapping.md prints it.
node -e '
  const text = require("fs").readFileSync(process.argv[1], "utf8");
  const at = text.indexOf("<!-- walk-through mapping:");
  const block = at < 0 ? null : /```json\n([\s\S]*?)\n```/.exec(text.slice(at));
  if (!block) { console.error("no walk-through mapping in " + process.argv[1]); process.exit(1); }
  JSON.parse(block[1]);
  process.stdout.write(block[1] + "\n");
' "$ROOT/docs/mapping.md" >"$RUN/site-bespoke/mapping.json"
# The same mapping with the list read from the API's cursor-paged feed
# (no total: each answer names the next cursor), inline in config.json.
write_site bespoke-cursor "$(node -e '
  const m = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  m.list.request = { url: "feed", query: { count: "{per_page}", after: "{cursor}", topic: "{group}" } };
  m.list.paging = { style: "cursor", next: "/next", max_per_page: 50 };
  const backend = { kind: "mapped", base_url: process.argv[2], mapping: m, timeout_ms: 2500 };
  process.stdout.write(JSON.stringify({ site: { name: "Newsfront on a cursor-paged API" }, backend }));
' "$RUN/site-bespoke/mapping.json" "http://127.0.0.1:$STUB_PORT/bespoke/v2/")"

# --- nginx: a whole main config, unprivileged, everything under .run ----------
{
  echo "# Generated by scripts/e2e.sh; rewritten on every run."
  # As root, workers would drop to "nobody"; keep them as the invoking user.
  if [ "$(id -u)" = 0 ]; then printf 'user %s %s;\n' "$(id -un)" "$(id -gn)"; fi
  cat <<EOF
# brotli_static for spa.conf (Debian's libnginx-mod-http-brotli-static).
load_module "$BROTLI_MODULE";
daemon off;
worker_processes 1;
pid "$RUN/nginx.pid";
lock_file "$RUN/nginx.lock";
error_log "$RUN/error.log" warn;

events {
    worker_connections 256;
}

http {
    include "$MIME_TYPES";
    default_type application/octet-stream;
    types_hash_max_size 2048;
    sendfile on;
    access_log "$RUN/access.log";

    client_body_temp_path "$RUN/tmp/body";
    proxy_temp_path "$RUN/tmp/proxy";
    fastcgi_temp_path "$RUN/tmp/fastcgi";
    uwsgi_temp_path "$RUN/tmp/uwsgi";
    scgi_temp_path "$RUN/tmp/scgi";
EOF
  for site in "${SITES[@]}"; do
    cat <<EOF

    server { # $site
        listen 127.0.0.1:${SITE_PORT[$site]};
        server_name localhost;
        root "$RUN/site-$site";
        include "$ROOT/deploy/nginx/spa.conf";
    }
EOF
  done
  wp_nginx_server
  echo "}"
} >"$RUN/nginx.conf"

NGINX_ARGS=(-c "$RUN/nginx.conf" -p "$RUN/" -e "$RUN/error.log")
nginx -t -q "${NGINX_ARGS[@]}" || die "nginx rejected $RUN/nginx.conf"
nginx "${NGINX_ARGS[@]}" >>"$RUN/nginx.out" 2>&1 &
NGINX_PID=$!

if [ "$WITH_STUB" = 1 ]; then
  node "$STUB" --port "$STUB_PORT" --wordpress "$WP_URL" >"$RUN/stub.log" 2>&1 &
  STUB_PID=$!
  echo "$STUB_PID" >"$RUN/stub.pid"
fi

# --- wait until each answers (bounded condition wait) -------------------------
wait_for() { # url pid what logfile
  local url=$1 pid=$2 what=$3 logfile=$4 deadline=$((SECONDS + WAIT_SECONDS))
  until curl -fsS -o /dev/null --max-time 1 "$url" 2>/dev/null; do
    if ! alive "$pid"; then
      tail -n 20 "$logfile" >&2 || true
      die "$what exited before answering at $url"
    fi
    if ((SECONDS >= deadline)); then
      tail -n 20 "$logfile" >&2 || true
      die "$what did not answer at $url within ${WAIT_SECONDS}s"
    fi
    sleep 0.1 # the poll interval
  done
}
for site in "${SITES[@]}"; do
  wait_for "http://127.0.0.1:${SITE_PORT[$site]}/" "$NGINX_PID" "nginx ($site)" "$RUN/error.log"
done
[ -z "$STUB_PID" ] || wait_for "http://127.0.0.1:$STUB_PORT/__health" "$STUB_PID" "stub server" "$RUN/stub.log"
wp_wait
log "WordPress ready at $WP_URL/wp-json/ ($((SECONDS - WP_STARTED))s after its start)"
log "serving $DIST on 127.0.0.1: demo :18080, stub :18081, broken :18082, refused :18083, wordpress :18084, wide :18085, wordpress-proxy :18087, ghost :18091, jsonfeed :18092, ghost-badkey :18093, bespoke :18094, mapped-broken :18095, strapi :18096, directus :18097, drupal :18098, payload :18100, strapi-forbidden :18101, strapi-markdown :18102, offline-update :18103, bespoke-cursor :18104"
[ -z "$STUB_PID" ] || log "stub backend on 127.0.0.1:$STUB_PORT"

if [ -n "$STUB_PID" ]; then
  # The newest 12 articles, the home page and every group's first page.
  prerender_started=$SECONDS
  node "$ROOT/scripts/prerender.mjs" "$RUN/site-prerendered" --url "http://127.0.0.1:${SITE_PORT[prerendered]}/" \
    --limit 12 >"$RUN/prerender.log" 2>&1 || { tail -n 20 "$RUN/prerender.log" >&2; die "scripts/prerender.mjs failed (log: $RUN/prerender.log)"; }
  log "$(tail -n 1 "$RUN/prerender.log") (site :${SITE_PORT[prerendered]}, $((SECONDS - prerender_started))s)"
fi
# The newest 12 WordPress posts, the home page and every category's first page.
prerender_started=$SECONDS
node "$ROOT/scripts/prerender.mjs" "$RUN/site-wordpress-prerendered" --url "http://127.0.0.1:${SITE_PORT[wordpress-prerendered]}/" \
  --limit 12 >"$RUN/prerender-wordpress.log" 2>&1 || { tail -n 20 "$RUN/prerender-wordpress.log" >&2; die "scripts/prerender.mjs failed over WordPress (log: $RUN/prerender-wordpress.log)"; }
log "$(tail -n 1 "$RUN/prerender-wordpress.log") (site :${SITE_PORT[wordpress-prerendered]}, $((SECONDS - prerender_started))s)"

if [ "$SERVE" = 1 ]; then
  log "serving until Ctrl-C (logs in $RUN)"
  wait "$NGINX_PID" || true
  exit 0
fi

# --- the suite -------------------------------------------------------------------
export E2E_RUN_DIR="$RUN"
# For e2e/lib/wordpress.mjs: the seed's manifest and the site's control script.
export E2E_WP_DIR="$WP_DIR" E2E_WP_URL="$WP_URL"
rc=0
timeout --foreground "$TEST_TIMEOUT_SECONDS" \
  node --test --test-concurrency=1 "${TEST_FILES[@]}" || rc=$?
if [ "$rc" != 0 ]; then
  [ "$rc" != 124 ] || log "test run killed after ${TEST_TIMEOUT_SECONDS}s (E2E_TIMEOUT)"
  log "failed (exit $rc); server logs: $RUN/error.log, $RUN/access.log, $RUN/stub.log, $RUN/wordpress-access.log, $WP_DIR/*.log"
  if [ -s "$RUN/error.log" ]; then
    log "nginx error.log (tail):"
    tail -n 20 "$RUN/error.log" >&2
  fi
fi
exit "$rc"
