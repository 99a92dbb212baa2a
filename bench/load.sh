#!/usr/bin/env bash
# Load and faults (issue [8/8]): 64 connections at once, each mixing well-formed evaluations, garbage and
# vanishing mid-evaluation, while the greeter serves HTTP; then threads and heap against their baseline.
# Usage: bench/load.sh [JAVA_HOME of the target] [CONNECTIONS] [ROUNDS]   (builds first if needed)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cleanup='pkill -f "dir=$work/run" 2>/dev/null || true'
"$java_home/bin/java" -javaagent:"$PWD/agent/target/hotline-agent.jar"=name=load,dir="$work/run" \
  -cp samples/target/hotline-samples.jar dev.hotline.samples.greeter.GreeterService --port-file "$work/http.port" \
  >"$work/greeter.log" 2>&1 &
await_file "$work/run/load.port"; await_file "$work/http.port"
echo "target: $("$java_home/bin/java" -version 2>&1 | head -1)"
"$java_home/bin/java" -cp "$bench_cp" dev.hotline.bench.Bench load "$work/run" load "$(cat "$work/http.port")" \
  "${2:-64}" "${3:-200}"
