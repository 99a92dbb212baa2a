#!/usr/bin/env bash
# Interrupt latency on each target JDK: a loop in the snippet, a sleep, and a loop inside app code.
# Usage: bench/interrupt.sh   (builds first if needed)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cleanup='pkill -f "dir=$work" 2>/dev/null || true'
for home in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64; do
  name="jdk$(basename "$home" | grep -o '[0-9]\+' | head -1)"
  "$home/bin/java" -javaagent:"$PWD/agent/target/hotline-agent.jar"=name=$name,dir="$work" \
    -cp samples/target/hotline-samples.jar dev.hotline.samples.greeter.GreeterService >/dev/null 2>&1 &
  for _ in $(seq 1 300); do [[ -s "$work/$name.port" ]] && break; sleep 0.1; done
  echo "== target $("$home/bin/java" -version 2>&1 | head -1)"
  java -cp "$bench_cp" dev.hotline.bench.InterruptLatency "$work/$name.port" "$work/$name.token" \
    'while (true) { }' 'Thread.sleep(60_000)' 'dev.hotline.samples.greeter.Chores.spinForever()'
  pkill -f "name=$name," || true
done
