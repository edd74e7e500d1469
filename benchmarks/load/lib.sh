# Shared by run.sh and connections.sh: building the bench preset, starting the mocks, the gateway
# and nginx as pinned user processes on loopback, and stopping whatever was started (by pid) on exit.
# Sourced, not run. Every process started is recorded in PGW_PIDS; pgw_cleanup ends them.

PGW_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PGW_LOAD_DIR="$PGW_ROOT/benchmarks/load"
PGW_PIDS=()
PGW_PROVIDERS_ALL=(django shop v1rest partner salla)

pgw_log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
pgw_die() { pgw_log "error: $*"; exit 1; }

# Stops every process this script started, newest first, then removes the work dir unless kept.
pgw_cleanup() {
  local i pid
  for ((i = ${#PGW_PIDS[@]} - 1; i >= 0; i--)); do
    pid=${PGW_PIDS[i]}
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PGW_PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  PGW_PIDS=()
  if [[ -n "${PGW_WORK:-}" && -z "${PGW_KEEP:-}" ]]; then rm -rf "$PGW_WORK"; fi
}

# Configures and builds the bench preset (Release, no tests) into $1 (default build/bench).
pgw_build() {
  local dir=$1; shift
  export CCACHE_NOHASHDIR=1 CCACHE_BASEDIR="$PGW_ROOT"
  if [[ ! -f "$dir/build.ninja" ]]; then
    cmake -S "$PGW_ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPROFILEGW_BUILD_TESTS=OFF \
      -DPROFILEGW_BUILD_BENCHMARKS=ON -DPROFILEGW_WERROR=ON -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >&2
  fi
  ninja -C "$dir" -j "${PGW_JOBS:-2}" "$@" >&2
}

pgw_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits until $1 answers HTTP (any status) or $2 seconds pass.
pgw_wait_http() {
  local url=$1 limit=${2:-30}
  for _ in $(seq $((limit * 10))); do
    if curl -s -o /dev/null --max-time 1 "$url"; then return 0; fi
    sleep 0.1
  done
  pgw_die "nothing answers at $url"
}

pgw_vm() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }  # pid key → kB

# Starts profilegw-mocks pinned to CPUs $2 with $3 threads; sets MOCK_PORT[provider].
# Nonces are made to last the whole run, so that a Digest challenge in the results means the
# client lost its nonce, not that the server rotated it.
declare -A MOCK_PORT
pgw_start_mocks() {
  local bin=$1 cpus=$2 threads=$3 ports="$PGW_WORK/mock-ports.json"
  taskset -c "$cpus" "$bin" --threads "$threads" --ports-file "$ports" \
    --nonce-max-uses 1000000000 --nonce-ttl-ms 86400000 >"$PGW_WORK/mocks.out" 2>"$PGW_WORK/mocks.err" &
  PGW_PIDS+=($!)
  MOCK_PID=$!
  for _ in $(seq 100); do [[ -s "$ports" ]] && break; sleep 0.1; done
  [[ -s "$ports" ]] || pgw_die "the mocks wrote no ports file (see $PGW_WORK/mocks.err)"
  local p
  for p in "${PGW_PROVIDERS_ALL[@]}"; do
    MOCK_PORT[$p]=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$ports" "$p")
  done
}

pgw_sha256() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }

# The gateway's config: one tenant per provider on the mocks, API key "bench-<provider>-key"
# (stored hashed, as in production), access log on (JSON, level info), no rate limits.
pgw_write_gateway_config() {
  local file=$1 port=$2 threads=$3 max_connections=${4:-10000}
  cat >"$file" <<EOF
{
  "listen": { "address": "127.0.0.1", "port": $port, "threads": $threads },
  "limits": { "max_body_bytes": 65536, "header_timeout_ms": 5000, "idle_timeout_ms": 600000,
              "drain_timeout_ms": 2000, "max_connections": $max_connections },
  "log": { "format": "json", "level": "info" },
  "secrets": { "verification_key": "bench-verification-key-0123456789abcdef" },
  "tenants": [
    { "id": "bench-django", "provider": "django",
      "api_keys": ["sha256:$(pgw_sha256 bench-django-key)"],
      "upstream": { "base_url": "http://127.0.0.1:${MOCK_PORT[django]}" } },
    { "id": "bench-shop", "provider": "shop",
      "api_keys": ["sha256:$(pgw_sha256 bench-shop-key)"],
      "upstream": { "base_url": "http://127.0.0.1:${MOCK_PORT[shop]}" } },
    { "id": "bench-v1rest", "provider": "v1rest",
      "api_keys": ["sha256:$(pgw_sha256 bench-v1rest-key)"],
      "upstream": { "base_url": "http://127.0.0.1:${MOCK_PORT[v1rest]}" } },
    { "id": "bench-partner", "provider": "partner",
      "api_keys": ["sha256:$(pgw_sha256 bench-partner-key)"],
      "upstream": { "base_url": "http://127.0.0.1:${MOCK_PORT[partner]}",
                    "headers": { "api-version": "2", "x-client-id": "web", "Accept-Language": "tr" } },
      "service_auth": { "type": "digest", "username": "gw", "password": "partner-secret" } },
    { "id": "bench-salla", "provider": "salla",
      "api_keys": ["sha256:$(pgw_sha256 bench-salla-key)"],
      "upstream": { "base_url": "http://127.0.0.1:${MOCK_PORT[salla]}/store/v1",
                    "headers": { "Store-Identifier": "bench-store" } } }
  ]
}
EOF
}

# Starts the gateway pinned to CPUs $2 with listen.threads $3; sets GW_PID and GW_PORT.
pgw_start_gateway() {
  local bin=$1 cpus=$2 threads=$3 max_connections=${4:-10000}
  GW_PORT=$(pgw_free_port)
  pgw_write_gateway_config "$PGW_WORK/gateway.json" "$GW_PORT" "$threads" "$max_connections"
  "$bin" --config "$PGW_WORK/gateway.json" --check-config >&2 || pgw_die "the generated gateway config is invalid"
  # The access log goes to a file, as nginx's does: both write one line per request.
  taskset -c "$cpus" "$bin" --config "$PGW_WORK/gateway.json" 2>"$PGW_WORK/gateway.log" &
  PGW_PIDS+=($!)
  GW_PID=$!
  pgw_wait_http "http://127.0.0.1:$GW_PORT/healthz"
}

# nginx as a keep-alive reverse proxy, one port per provider in front of the mocks, with the CPU
# budget of the gateway (worker_processes = listen.threads) and an access log like the gateway's.
declare -A NGINX_PORT
pgw_start_nginx() {
  local cpus=$1 workers=$2 dir="$PGW_WORK/nginx" p
  mkdir -p "$dir/tmp" "$dir/logs"
  {
    echo "worker_processes $workers;"
    echo "pid $dir/nginx.pid;"
    echo "error_log $dir/logs/error.log warn;"
    echo "events { worker_connections 20000; }"
    echo "http {"
    echo "  access_log $dir/logs/access.log;"
    echo "  client_body_temp_path $dir/tmp/body; proxy_temp_path $dir/tmp/proxy;"
    echo "  fastcgi_temp_path $dir/tmp/fastcgi; uwsgi_temp_path $dir/tmp/uwsgi; scgi_temp_path $dir/tmp/scgi;"
    echo "  keepalive_requests 1000000; keepalive_timeout 600s;"
    for p in "${PGW_PROVIDERS_ALL[@]}"; do
      NGINX_PORT[$p]=$(pgw_free_port)
      echo "  upstream $p { server 127.0.0.1:${MOCK_PORT[$p]}; keepalive 64; keepalive_requests 1000000; }"
      echo "  server {"
      echo "    listen 127.0.0.1:${NGINX_PORT[$p]};"
      echo "    location / {"
      echo "      proxy_pass http://$p;"
      echo "      proxy_http_version 1.1;"
      echo "      proxy_set_header Connection \"\";"
      echo "      proxy_set_header Host \$host;"
      echo "    }"
      echo "  }"
    done
    echo "}"
  } >"$dir/nginx.conf"
  taskset -c "$cpus" nginx -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;' 2>"$dir/logs/stderr.log" &
  PGW_PIDS+=($!)
  NGINX_PID=$!
  pgw_wait_http "http://127.0.0.1:${NGINX_PORT[django]}/__mock/stats"
}

# Counters of one mock port: "requests digest_challenges".
pgw_mock_stats() {
  curl -s "http://127.0.0.1:${MOCK_PORT[$1]}/__mock/stats" |
    python3 -c 'import json,sys; d = json.load(sys.stdin); print(d["requests"], d["digest_challenges"])'
}

# pgw_shape VARIANT PROVIDER OP sets METHOD, PATH_, HEADERS, BODY, DIGEST. The gateway gets the unified
# request; direct and nginx get the backend's own request for the same operation (for a
# read-modify-write provider that is the one write call the gateway ends with).
PGW_JSON_HEADER=$'Content-Type: application/json'
pgw_shape() {
  local variant=$1 provider=$2 op=$3
  DIGEST=""
  BODY=""
  if [[ $variant == gateway ]]; then
    local key="X-Api-Key: bench-$provider-key"
    case $provider in
      django) HEADERS="$key"$'\nAuthorization: Bearer django-token-alice'; PATH_=/v1/profile
              BODY='{"gender":"male","birth_date":"1990-01-01"}' ;;
      shop) HEADERS="$key"$'\nAuthorization: Bearer shop-token-carol'; PATH_=/v1/profile
            BODY='{"first_name":"behrooz","gender":"male"}' ;;
      v1rest) HEADERS="$key"$'\nAuthorization: Bearer v1rest-token-erin'; PATH_=/v1/customers/123/profile
              BODY='{"first_name":"John"}' ;;
      partner) HEADERS="$key"; PATH_=/v1/customers/MTD0018232/profile
               BODY='{"first_name":"John"}' ;;
      salla) HEADERS="$key"$'\nAuthorization: Bearer salla-token-grace'; PATH_=/v1/profile
             BODY='{"first_name":"Grace","last_name":"Hopper","birth_date":"1985-12-09"}' ;;
    esac
    if [[ $op == get ]]; then METHOD=GET BODY=""; else METHOD=PATCH HEADERS+=$'\n'"$PGW_JSON_HEADER"; fi
    return
  fi
  case $provider in
    django) HEADERS='Authorization: Bearer django-token-alice'
            if [[ $op == get ]]; then METHOD=GET PATH_=/api/customers/me/
            else METHOD=PATCH PATH_=/api/customers/me/update/ BODY='{"gender":"M","birth_date":"1990-01-01"}'; fi ;;
    shop) HEADERS='Authorization: Token shop-token-carol' PATH_=/api/shop/customers/me
          if [[ $op == get ]]; then METHOD=GET
          else METHOD=PATCH BODY='{"first_name":"behrooz","gender":"male"}'; fi ;;
    v1rest) HEADERS='Authorization: Bearer v1rest-token-erin' PATH_=/api/v1/customers/123/
            if [[ $op == get ]]; then METHOD=GET
            else METHOD=PUT
                 BODY='{"email":"customer@example.com","first_name":"John","last_name":"Doe","date_of_birth":"1990-01-15","address":{"street_address":"456 Oak Avenue","postal_code":54321,"city":"Los Angeles","state":"California","country":"United States"}}'; fi ;;
    partner) HEADERS=$'api-version: 2\nx-client-id: web\nAccept-Language: tr' PATH_=/partner/customer/MTD0018232
             DIGEST=gw:partner-secret
             if [[ $op == get ]]; then METHOD=GET
             else METHOD=PATCH
                  BODY='{"firstname":"John","lastname":"Due","phone":"+905071112233","identity_number":"12345677938"}'; fi ;;
    salla) HEADERS=$'Store-Identifier: bench-store\nAuthorization: Bearer salla-token-grace'
           if [[ $op == get ]]; then METHOD=GET PATH_=/store/v1/auth/user
           else METHOD=POST PATH_=/store/v1/profile/update
                BODY='{"first_name":"Grace","last_name":"Hopper","birthday":"1985-12-09"}'; fi ;;
  esac
  if [[ -n $BODY ]]; then HEADERS+=$'\n'"$PGW_JSON_HEADER"; fi
}

pgw_loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# CPU time (user + system, in clock ticks) used so far by the given processes and their children
# processes (nginx's workers): how much work the proxy did, which a loaded machine blurs far less
# than requests/s.
pgw_cpu_ticks() {
  local pid total=0 t
  for pid in "$@" $(pgrep -P "$(echo "$@" | tr ' ' ',')" 2>/dev/null); do
    t=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)
    total=$((total + t))
  done
  echo "$total"
}
