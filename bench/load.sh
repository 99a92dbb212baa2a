#!/usr/bin/env bash
# Load and faults: first a burst, 64 connections at once, each mixing well-formed evaluations, garbage and
# vanishing mid-evaluation, while the greeter serves HTTP; then a soak, an hour of use pressed into 3 minutes:
# evaluations (repeated and new), traces and logpoints on the request path under HTTP load, hot reloads swapping
# the greeting back and forth, connections that come and go. Each prints the service's heap after a collection,
# threads and file descriptors at its start and its end (goal: equal within 5%).
# Usage: bench/load.sh [JAVA_HOME of the target] [CONNECTIONS] [ROUNDS] [SOAK_SECONDS]   (builds first if needed)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cleanup='pkill -f "dir=$work/run" 2>/dev/null || true'
"$java_home/bin/java" -javaagent:"$PWD/agent/target/hotline-agent.jar"=name=load,dir="$work/run" \
  -cp samples/target/hotline-samples.jar dev.hotline.samples.greeter.GreeterService --port-file "$work/http.port" \
  >"$work/greeter.log" 2>&1 &
await_file "$work/run/load.port"; await_file "$work/http.port"
echo "target: $("$java_home/bin/java" -version 2>&1 | head -1)"
"$java_home/bin/java" -cp "$bench_cp" dev.hotline.bench.Bench load "$work/run" load "$(cat "$work/http.port")" \
  "${2:-64}" "${3:-200}"

# The soak runs against a service of its own, so that the burst's queued work is not in its figures.
pkill -f "dir=$work/run" 2>/dev/null || true
"$java_home/bin/java" -javaagent:"$PWD/agent/target/hotline-agent.jar"=name=soak,dir="$work/run" \
  -cp samples/target/hotline-samples.jar dev.hotline.samples.greeter.GreeterService --port-file "$work/soak-http.port" \
  >"$work/soak.log" 2>&1 &
await_file "$work/run/soak.port"; await_file "$work/soak-http.port"
greeter_variants "$work"  # the soak's reloads swap between them
echo "soak of ${4:-180} s:"
"$java_home/bin/java" -cp "$bench_cp" dev.hotline.bench.Bench soak "$work/run" soak "$(cat "$work/soak-http.port")" \
  "${4:-180}" "$work/clsa" "$work/clsb"
