#!/usr/bin/env bash
# Regenerates docs/performance.md and docs/performance/*.png: builds the server and the
# benchmarks, installs nginx + nchan if missing, then runs every scenario against our server and
# nchan with the servers pinned to CPU 0 and the load generator to CPU 1.
#
#   bench/run.sh                       # the full run (about 30 minutes)
#   bench/run.sh --help                # every option, with its default
#   bench/run.sh --levels 200,500 --step-level 500 --rates 1,5 --step-seconds 3 --jmh false
#                                      # a quick look; any BenchMain option can be given
#   BENCH_JFR=ours.jfr bench/run.sh --targets ours ...   # with a flight recording of ours
#   bench/run.sh --targets ours --jvm-options "-Xlog:gc -XX:+PrintCompilation"   # extra JVM options for ours
#   bench/run.sh --targets ours --server-options "--recovery true"   # extra options of our server
#
# Needs root for apt-get (only when nginx/nchan are missing) and at least 2 CPUs.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! dpkg-query -W -f '${Status}' nginx libnginx-mod-nchan 2>/dev/null | grep -q '^install ok installed.*install ok installed$'; then
    echo "installing nginx and libnginx-mod-nchan" >&2
    # Keep the package scripts from starting a system nginx on port 80.
    policy_added=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && policy_added=1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx libnginx-mod-nchan >&2
    [ -n "$policy_added" ] && rm -f /usr/sbin/policy-rc.d
fi

if [ "$(nproc)" -lt 2 ]; then
    echo "needs 2 CPUs: one for the server, one for the load generator" >&2
    exit 1
fi

mvn -B -q -pl protocol,schemas,wire,server install -DskipTests
mvn -B -q -pl bench package -DskipTests
mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
classpath="bench/target/classes:$(cat bench/target/classpath.txt)"

# Every connection is a descriptor on both ends: allow as many as the hard limit.
ulimit -n "$(ulimit -Hn)"

work="$(mktemp -d -t neuroinfo-bench.XXXXXX)"
bench_pid=""
cleanup() {
    if [ -n "$bench_pid" ] && kill -0 "$bench_pid" 2>/dev/null; then
        kill "$bench_pid" 2>/dev/null || true
        wait "$bench_pid" 2>/dev/null || true
    fi
    # Servers the runner started, should it have died before stopping them.
    if [ -f "$work/pids" ]; then
        while read -r pid; do
            kill -9 "$pid" 2>/dev/null || true
        done < "$work/pids"
    fi
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

condition="before the run: load average $(cut -d' ' -f1-3 /proc/loadavg), $(pgrep -fc maven || true) Maven processes running"
jfr=()
if [ -n "${BENCH_JFR:-}" ]; then
    jfr=(--jfr "$BENCH_JFR")
fi
taskset -c 1 java -Xmx4g -cp "$classpath" dev.neuroinfo.ws.bench.BenchMain --work "$work" --server-cpu 0 \
    --condition "$condition" "${jfr[@]}" "$@" &
bench_pid=$!
wait "$bench_pid"
bench_pid=""
