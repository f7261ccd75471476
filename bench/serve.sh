# Sourced by bench/run and bench/compare: serves a release bundle as deployed
# (scripts/e2e.sh --serve: nginx, the stub backend) and waits until the sites
# the benchmarks use and the stub answer, and the prerendered pages are written.
#   serve_bundle <bundle dir, or "" for dist/> <log file>   (fails if they never answer)
#   stop_serve
SERVE_PID=

serve_bundle() {
  local log=$2 url
  DIST=$1 scripts/e2e.sh --serve >"$log" 2>&1 &
  SERVE_PID=$!
  for url in http://127.0.0.1:18081/ http://127.0.0.1:18085/ http://127.0.0.1:18090/__health; do
    for _ in $(seq 1 300); do
      curl -fsS -o /dev/null "$url" 2>/dev/null && break
      kill -0 "$SERVE_PID" 2>/dev/null || { cat "$log" >&2; return 1; }
      sleep 0.1 # polling a server that is starting
    done
    curl -fsS -o /dev/null "$url" || { echo "$url never answered" >&2; cat "$log" >&2; return 1; }
  done
  # The prerendered sites are written once the servers answer: wait for them too.
  for _ in $(seq 1 1200); do
    grep -q "serving until Ctrl-C" "$log" && return 0
    kill -0 "$SERVE_PID" 2>/dev/null || { cat "$log" >&2; return 1; }
    sleep 0.1 # polling the log of a server that is starting
  done
  echo "scripts/e2e.sh --serve did not finish setting up within 120 s" >&2
  cat "$log" >&2
  return 1
}

stop_serve() {
  [ -z "$SERVE_PID" ] || { kill "$SERVE_PID" 2>/dev/null || true; wait "$SERVE_PID" 2>/dev/null || true; }
  SERVE_PID=
}
