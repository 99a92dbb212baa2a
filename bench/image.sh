#!/usr/bin/env bash
# Image figures (issue [5/8]) for the greeter with 100 declarations and 50 hot-reloaded classes, medians of 5:
# snapshot time (in the service), image size, the replay of the declarations on start, and `hotline start`
# until ready with and without the image.
# Usage: bench/image.sh [JAVA_HOME of the target]   (builds first if needed)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cleanup='./hotline kill "$work/svc.properties" >/dev/null 2>&1 || true'

gen_plugins a "$work/ga" 50; gen_plugins b "$work/gb" 50
mkdir -p "$work/plugins"
plugin_jar "$work/ga" 50 "$work/plugins/gen.jar"
cat > "$work/svc.properties" <<CONF
name=svc
main=dev.hotline.samples.greeter.GreeterService
class-path=$PWD/samples/target/hotline-samples.jar
args=--plugins $work/plugins
run-dir=$work/run
java-home=$java_home
CONF
for i in $(seq 0 49); do echo "int f$i(int x) { return x + $i; }"; echo "var v$i = f$i($i);"; done > "$work/decls.jsh"

start_ms() { ./hotline start "$work/svc.properties" | grep -o 'ready in [0-9]*' | grep -o '[0-9]*'; }
plain=(); resumed=(); snap=(); replay=()
for i in 1 2 3 4 5; do
  rm -f "$work/run/svc.image"
  plain+=("$(start_ms)")
  ./hotline eval --dir "$work/run" --name svc < "$work/decls.jsh" >/dev/null 2>&1
  ./hotline reload --dir "$work/run" --name svc "$work/gb/classes" >/dev/null
  snap+=("$(./hotline snapshot "$work/svc.properties" | grep -o 'written in [0-9.]*' | grep -o '[0-9.]*$')")
  ./hotline stop "$work/svc.properties" >/dev/null
  resumed+=("$(start_ms)")
  for _ in $(seq 1 100); do ./hotline status "$work/svc.properties" | grep -q 'replayed in' && break; sleep 0.2; done
  replay+=("$(./hotline status "$work/svc.properties" | grep -o 'replayed in [0-9]*' | grep -o '[0-9]*$')")
  ./hotline status "$work/svc.properties" | grep -q '100 declarations restored, 0 no longer apply' || { echo "resume incomplete"; exit 1; }
  ./hotline stop "$work/svc.properties" >/dev/null
done
echo "target: $("$java_home/bin/java" -version 2>&1 | head -1)"
printf '| figure (100 declarations, 50 reloaded classes) | median of 5 |\n|---|---|\n'
printf '| snapshot, in the service | %s ms |\n' "$(printf '%s\n' "${snap[@]}" | median)"
printf '| image size | %s bytes |\n' "$(stat -c %s "$work/run/svc.image")"
printf '| replay of the 100 declarations on start | %s ms |\n' "$(printf '%s\n' "${replay[@]}" | median)"
printf '| hotline start until ready, without image / with image | %s / %s ms |\n' \
  "$(printf '%s\n' "${plain[@]}" | median)" "$(printf '%s\n' "${resumed[@]}" | median)"
