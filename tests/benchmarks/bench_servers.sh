#!/usr/bin/env bash
# Requests/second of our own pages under gunicorn (WSGI, sync workers) and uvicorn (ASGI),
# the measurement behind the production split (DESIGN §9, docs/decisions/0008).
# Loopback only, bounded: each run lasts DURATION seconds. Needs `wrk` (apt-get install wrk)
# and a data dir with the demo loaded (python3 -m helpdesk demo, or seed_demo).
#   bash tests/benchmarks/bench_servers.sh [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
export HELPDESK_DATA_DIR="${1:-$PWD/var}"
DURATION="${DURATION:-10}"
PY=.venv/bin/python
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 2; }
code=$($PY manage.py shell -v 0 -c "from questions.models import Question; print(Question.objects.published().first().pk)")
paths=("/api/v1/archive/?page_size=20" "/archive/" "/archive/$code/")

run() {  # name, command...
  local name=$1; shift
  "$@" >/tmp/bench-server.log 2>&1 &
  local pid=$!
  for _ in $(seq 50); do curl -fs -o /dev/null http://127.0.0.1:8077/archive/ && break; sleep 0.2; done
  for path in "${paths[@]}"; do
    rps=$(wrk -t2 -c16 -d"${DURATION}s" "http://127.0.0.1:8077$path" | awk '/Requests\/sec/ {print $2}')
    printf '%-10s %-32s %10s req/s\n' "$name" "$path" "$rps"
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

run gunicorn .venv/bin/gunicorn helpdesk.wsgi -w 2 -b 127.0.0.1:8077 --log-level warning
run uvicorn .venv/bin/uvicorn helpdesk.asgi:application --workers 2 --port 8077 --log-level warning
