#!/usr/bin/env bash
# Daemon figures (issue [3/8]), medians of 5 runs: `hotline start` until the service answers, `hotline stop`,
# `hotline status`, and `hotline attach` to a plain JVM until the first eval answers.
# Usage: bench/daemon.sh [JAVA_HOME of the target]   (builds first if needed)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cleanup='./hotline kill "$work/svc.properties" >/dev/null 2>&1 || true'
cat > "$work/svc.properties" <<CONF
name=svc
main=dev.hotline.samples.greeter.GreeterService
class-path=$PWD/samples/target/hotline-samples.jar
run-dir=$work/run
java-home=$java_home
CONF
ms() { local t0; t0=$(date +%s%3N); "$@" >/dev/null; echo $(( $(date +%s%3N) - t0 )); }
start=(); stop=(); status=(); attach=()
for i in 1 2 3 4 5; do
  start+=("$(ms ./hotline start "$work/svc.properties")")
  status+=("$(ms ./hotline status "$work/svc.properties")")
  stop+=("$(ms ./hotline stop "$work/svc.properties")")
  "$java_home/bin/java" -XX:+EnableDynamicAgentLoading -cp samples/target/hotline-samples.jar \
    dev.hotline.samples.greeter.GreeterService >/dev/null 2>&1 &
  plain=$!
  sleep 1
  t0=$(date +%s%3N)
  ./hotline attach "$plain" --dir "$work/run" >/dev/null
  ./hotline eval --dir "$work/run" --name "jvm-$plain" '1+1' >/dev/null
  attach+=($(( $(date +%s%3N) - t0 )))
  kill "$plain"; wait "$plain" 2>/dev/null || true
done
echo "target: $("$java_home/bin/java" -version 2>&1 | head -1)"
printf '| command | median of 5 |\n|---|---|\n'
printf '| hotline start (until the service answers) | %s ms |\n' "$(printf '%s\n' "${start[@]}" | median)"
printf '| hotline status (running) | %s ms |\n' "$(printf '%s\n' "${status[@]}" | median)"
printf '| hotline stop (shutdown request) | %s ms |\n' "$(printf '%s\n' "${stop[@]}" | median)"
printf '| hotline attach + first eval answered | %s ms |\n' "$(printf '%s\n' "${attach[@]}" | median)"
