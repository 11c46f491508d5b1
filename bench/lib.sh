# Shared by the bench/ scripts (sourced, not run). Loopback only; everything started here is
# recorded by PID and stopped by the EXIT trap; background output goes to files under $BENCH_TMP.
# shellcheck shell=bash

set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
BENCH_TMP=${BENCH_TMP:-/tmp/lsbench}
RESULTS_DIR=${RESULTS_DIR:-$BENCH_TMP/results}
mkdir -p "$BENCH_TMP" "$RESULTS_DIR"

DB_HOST=${BENCH_DB_HOST:-127.0.0.1}
DB_PORT=${BENCH_DB_PORT:-3306}
DB_USER=${BENCH_DB_USER:-loadstack}
DB_PASS=${BENCH_DB_PASSWORD:-loadstack}
# The compose stack's JVM options (docker-compose.yml), so the footprint is the production one.
API_JAVA_OPTS=${BENCH_API_JAVA_OPTS:--Xms32m -Xmx256m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MaxMetaspaceSize=160m -XX:+ExitOnOutOfMemoryError}
CONSUMER_JAVA_OPTS=${BENCH_CONSUMER_JAVA_OPTS:--Xms384m -Xmx384m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MaxMetaspaceSize=160m -XX:+ExitOnOutOfMemoryError}
# JFR samples while a load runs (BENCH_PROFILE=0 to skip).
BENCH_PROFILE=${BENCH_PROFILE:-1}
PYTHON=${PYTHON:-python3}
JWT_SECRET=${BENCH_JWT_SECRET:-bench-secret-0123456789-0123456789-0123456789}
MFA_KEY=${BENCH_MFA_KEY:-bench-mfa-key-0123456789-0123456789-0123456789}
ADMIN_USER=admin
ADMIN_PASS=bench-admin-password

STARTED_PIDS=()
BENCH_DBS=()

log() { printf '%s %s: %s\n' "$(date -u +%H:%M:%S)" "$(basename "$0")" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

now_ms() { date +%s%3N; }

# Remember a PID for the EXIT trap.
track() { STARTED_PIDS+=("$1"); }

stop_pid() {
    local pid=$1 i
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
    local rc=$? pid db
    for pid in "${STARTED_PIDS[@]}"; do stop_pid "$pid"; done
    for db in "${BENCH_DBS[@]}"; do
        sql "DROP DATABASE IF EXISTS \`$db\`" >/dev/null 2>&1 || true
        rm -rf "${BENCH_TMP:?}/journal-$db"*
    done
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

sql() { mariadb -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" -p"$DB_PASS" -N -B -e "$1"; }

# new_db — creates a fresh database lsbench_<random> (dropped at exit) and sets DB (not in a subshell)
new_db() {
    DB="lsbench_$(tr -dc 'a-z0-9' </dev/urandom | head -c 8 || true)"
    sql "CREATE DATABASE \`$DB\`" || die "cannot create database $DB (is MariaDB on $DB_HOST:$DB_PORT with user $DB_USER?)"
    BENCH_DBS+=("$DB")
}

# A free TCP port on 127.0.0.1.
free_port() { "$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

need() { command -v "$1" >/dev/null 2>&1 || die "$1 is missing (apt-get install -y ${2:-$1})"; }

# jar_of MODULE — the module's jar, run from a copy under $BENCH_TMP/jars: on a shared machine other
# sessions' cleanups that stop "consumer-service.jar" processes by name must not end a benchmark.
# BENCH_JAR_<module with _ for -> (e.g. BENCH_JAR_consumer_service) runs another build of it instead, such
# as the previous commit's, for a before/after comparison.
jar_of() {
    local override="BENCH_JAR_${1//-/_}"
    local jar="${!override:-$ROOT/$1/target/$1.jar}" copy="$BENCH_TMP/jars/lsbench-$1.jar"
    [ -f "$jar" ] || die "$jar is missing: build first (mvn -B -q -o -DskipTests package)"
    mkdir -p "$BENCH_TMP/jars"
    cmp -s "$jar" "$copy" || cp "$jar" "$copy"
    echo "$copy"
}

# start_java NAME MODULE PORT DB JAVA_OPTS [VAR=value ...] — sets ${NAME}_PID; log in $BENCH_TMP/NAME.log
start_java() {
    local name=$1 module=$2 port=$3 db=$4 opts=$5; shift 5
    local jar; jar=$(jar_of "$module")
    # shellcheck disable=SC2086
    env DATASOURCES_DEFAULT_URL="jdbc:mysql://$DB_HOST:$DB_PORT/$db" \
        DATASOURCES_DEFAULT_USERNAME="$DB_USER" DATASOURCES_DEFAULT_PASSWORD="$DB_PASS" \
        MICRONAUT_SERVER_PORT="$port" MICRONAUT_SERVER_HOST=127.0.0.1 \
        LOADSTACK_JWT_SECRET="$JWT_SECRET" LOADSTACK_MFA_KEY="$MFA_KEY" LOADSTACK_INSTANCE="bench-$name" "$@" \
        java $opts -jar "$jar" </dev/null >"$BENCH_TMP/$name.log" 2>&1 &
    local pid=$!
    track "$pid"
    printf -v "${name}_PID" '%s' "$pid"
    printf -v "${name}_T0" '%s' "$(now_ms)"
}

# wait_healthy NAME URL [timeout s] — prints the ms from start_java to the first 200 of URL
wait_healthy() {
    local name=$1 url=$2 timeout=${3:-90} t0_var="${1}_T0" pid_var="${1}_PID" i
    for i in $(seq 1 $((timeout * 20))); do
        if curl -s -o /dev/null -m 1 -w '%{http_code}' "$url" 2>/dev/null | grep -q '^200$'; then
            echo $(( $(now_ms) - ${!t0_var} ))
            return 0
        fi
        kill -0 "${!pid_var}" 2>/dev/null || { tail -30 "$BENCH_TMP/$name.log" >&2; die "$name exited during start"; }
        sleep 0.05
    done
    tail -30 "$BENCH_TMP/$name.log" >&2
    die "$name not healthy within ${timeout}s"
}

rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }
hwm_mb() { awk '/^VmHWM/ {printf "%.0f", $2/1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }

# sample_rss PID FILE SECONDS — background sampler of VmRSS every 0.5 s (bounded); call it directly
# (not in $(...)) so that the EXIT trap knows its PID
sample_rss() {
    local pid=$1 file=$2 secs=$3
    ( for _ in $(seq 1 $((secs * 2))); do
          kill -0 "$pid" 2>/dev/null || break
          awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || true
          sleep 0.5
      done ) >"$file" 2>/dev/null &
    track "$!"
}
max_of() { sort -n "$1" | tail -1 | awk '{printf "%.0f", $1/1024}'; }

jget() { "$PYTHON" -c 'import json,sys; d=json.load(sys.stdin); print(d[sys.argv[1]])' "$1"; }

# login API_URL — prints a JWT
login() {
    curl -s -m 10 -XPOST "$1/auth" -H 'Content-Type: application/json' \
        -d "{\"username\":\"$ADMIN_USER\",\"password\":\"$ADMIN_PASS\"}" | jget access_token
}

# ingest_token API_URL JWT — prints a fresh ingest token
ingest_token() {
    curl -s -m 10 -XPOST "$1/api/tokens" -H "Authorization: Bearer $2" -H 'Content-Type: application/json' \
        -d '{"name":"bench"}' | jget token
}

# start_stack DB — api-service then consumer-service on free ports; sets API, CONSUMER, JWT, TOKEN,
# API_STARTUP_MS, CONSUMER_STARTUP_MS, API_IDLE_RSS, CONSUMER_IDLE_RSS
start_stack() {
    local db=$1; shift
    local api_port consumer_port
    api_port=$(free_port); consumer_port=$(free_port)
    API="http://127.0.0.1:$api_port"; CONSUMER="http://127.0.0.1:$consumer_port"
    start_java api api-service "$api_port" "$db" "$API_JAVA_OPTS" \
        LOADSTACK_ADMIN_USERNAME="$ADMIN_USER" LOADSTACK_ADMIN_PASSWORD="$ADMIN_PASS"
    API_STARTUP_MS=$(wait_healthy api "$API/api/healthcheck")
    log "api-service healthy in $API_STARTUP_MS ms (pid $api_PID, $API)"
    mkdir -p "$BENCH_TMP/journal-$db"
    start_java consumer consumer-service "$consumer_port" "$db" "$CONSUMER_JAVA_OPTS" \
        LOADSTACK_JOURNAL_DIR="$BENCH_TMP/journal-$db" LOADSTACK_FLUSH_INTERVAL="${FLUSH_INTERVAL:-15s}" "$@"
    CONSUMER_STARTUP_MS=$(wait_healthy consumer "$CONSUMER/api/healthcheck")
    log "consumer-service healthy in $CONSUMER_STARTUP_MS ms (pid $consumer_PID, $CONSUMER)"
    JWT=$(login "$API") || die "login failed"
    TOKEN=$(ingest_token "$API" "$JWT") || die "no ingest token"
    sleep 2
    API_IDLE_RSS=$(rss_mb "$api_PID"); CONSUMER_IDLE_RSS=$(rss_mb "$consumer_PID")
}

# profile_start NAME PID SECONDS — JFR recording of the running JVM into $BENCH_TMP/NAME.jfr
profile_start() {
    [ "$BENCH_PROFILE" = 1 ] || return 0
    jcmd "$2" JFR.start name=bench settings=profile duration="${3}s" filename="$BENCH_TMP/$1.jfr" >"$BENCH_TMP/$1.jcmd.log" 2>&1 || log "JFR.start failed for $1"
}

# profile_report NAME — top frames (self) and top Loadstack frames of the samples, into RESULTS_DIR/NAME.profile.txt
profile_report() {
    [ "$BENCH_PROFILE" = 1 ] || return 0
    local jfrf="$BENCH_TMP/$1.jfr" i
    for i in $(seq 1 50); do [ -s "$jfrf" ] && break; sleep 0.2; done
    [ -s "$jfrf" ] || { log "no JFR file for $1"; return 0; }
    jfr print --events jdk.ExecutionSample --stack-depth 64 "$jfrf" >"$BENCH_TMP/$1.samples.txt" 2>/dev/null || true
    "$PYTHON" "$BENCH_DIR/jfr_top.py" "$BENCH_TMP/$1.samples.txt" >"$RESULTS_DIR/$1.profile.txt" || true
}

# wrk_json OUT — parses wrk's output (with bench/wrk-report.lua) into JSON lines
load_avg() { cut -d' ' -f1-3 /proc/loadavg; }

# run_wrk NAME LUA URL wrk-args... — runs wrk with LUA + report.lua, keeps its output in
# $BENCH_TMP/NAME.wrk.txt and prints report.lua's JSON line
run_wrk() {
    local name=$1 lua=$2 url=$3; shift 3
    cat "$BENCH_DIR/$lua" "$BENCH_DIR/report.lua" >"$BENCH_TMP/$name.lua"
    timeout 300 wrk --latency -s "$BENCH_TMP/$name.lua" "$@" "$url" >"$BENCH_TMP/$name.wrk.txt" 2>&1 \
        || { cat "$BENCH_TMP/$name.wrk.txt" >&2; die "wrk $name failed"; }
    sed -n 's/^JSON://p' "$BENCH_TMP/$name.wrk.txt" | tail -1
}

# field JSON KEY — one value of a flat JSON object
field() { printf '%s' "$1" | "$PYTHON" -c 'import json,sys; d=json.load(sys.stdin); v=d
for k in sys.argv[1].split("."): v=v[k]
print(v)' "$2"; }

# ratio A B [digits] — A/B
ratio() { awk -v a="$1" -v b="$2" -v d="${3:-2}" 'BEGIN { if (b+0 == 0) print "n/a"; else printf "%.*f", d, a / b }'; }

# machine — one line describing this host
machine() {
    printf '%s, %s cores, %s GB RAM, %s, load %s' \
        "$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)" "$(nproc)" \
        "$(awk '/MemTotal/ {printf "%.1f", $2/1048576}' /proc/meminfo)" \
        "$(java -version 2>&1 | head -1)" "$(load_avg)"
}

# cpu_ms PID... — user+system CPU time consumed so far by these processes (all their threads), in ms.
# Read before and after a load: CPU per request does not depend on what else the machine is doing,
# unlike requests/s on a shared host.
cpu_ms() {
    local t=0 p v
    for p in "$@"; do
        v=$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)
        t=$((t + v))
    done
    echo $((t * 1000 / $(getconf CLK_TCK)))
}
mariadb_pid() { pgrep -o -x mariadbd || pgrep -o -x mysqld || echo ""; }
# per_req CPU_BEFORE CPU_AFTER REQUESTS — ms of CPU per request
per_req() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { if (n+0 == 0) print "n/a"; else printf "%.3f", (b - a) / n }'; }
