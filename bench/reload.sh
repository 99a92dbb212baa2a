#!/usr/bin/env bash
# Reload figures (issue [4/8]), medians of 7 runs, each run redefining for real (two versions alternate):
# server-side time for 1 class and for 200 classes (of a plugin loader), and `hotline reload` as a whole
# process for one class file and for one source file.
# Usage: bench/reload.sh [JAVA_HOME of the target]   (builds first if needed)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cleanup='pkill -f "dir=$work/run" 2>/dev/null || true'

gen() {  # gen VERSION DIR: 200 decorators whose bodies differ by version
  mkdir -p "$2/src/acme/gen"
  for i in $(seq 0 199); do
    echo "package acme.gen; public class C$i implements java.util.function.UnaryOperator<String> { public String apply(String s) { return s + \"$1\".substring(0, 0); } }" > "$2/src/acme/gen/C$i.java"
  done
  javac --release 17 -d "$2/classes" "$2"/src/acme/gen/*.java
}
gen a "$work/ga"; gen b "$work/gb"
mkdir -p "$work/plugins"
(cd "$work/ga/classes" && for i in $(seq 0 199); do echo "acme.gen.C$i"; done > services && mkdir -p META-INF/services && mv services META-INF/services/java.util.function.UnaryOperator && jar cf "$work/plugins/gen.jar" .)
src=samples/src/main/java/dev/hotline/samples/greeter/Greeter.java
for v in a b; do
  mkdir -p "$work/src$v/dev/hotline/samples/greeter" "$work/cls$v"
  sed "s/\" (visit #\"/\" ($v, visit #\"/" "$src" > "$work/src$v/dev/hotline/samples/greeter/Greeter.java"
  javac --release 17 -d "$work/cls$v" "$work/src$v/dev/hotline/samples/greeter/Greeter.java"
done

"$java_home/bin/java" -javaagent:"$PWD/agent/target/hotline-agent.jar"=name=r,dir="$work/run" \
  -cp samples/target/hotline-samples.jar dev.hotline.samples.greeter.GreeterService --plugins "$work/plugins" \
  --port-file "$work/http.port" >/dev/null 2>&1 &
for _ in $(seq 1 300); do [[ -s "$work/http.port" && -s "$work/run/r.port" ]] && break; sleep 0.1; done
curl -s "http://127.0.0.1:$(cat "$work/http.port")/greet" >/dev/null 2>&1 || ./hotline eval --dir "$work/run" --name r 'dev.hotline.samples.greeter.Greeter.greet("warm")' >/dev/null

micros() { ./hotline reload --dir "$work/run" --name r --json "$@" | grep -o '"micros":[0-9]*' | cut -d: -f2; }
one=(); many=(); cli_class=(); cli_source=()
for i in $(seq 1 7); do
  v=$([[ $((i % 2)) == 0 ]] && echo a || echo b)
  one+=("$(micros "$work/cls$v/dev/hotline/samples/greeter/Greeter.class")")
  many+=("$(micros "$work/g$v/classes")")
done
for i in $(seq 1 7); do
  v=$([[ $((i % 2)) == 0 ]] && echo a || echo b)
  t0=$(date +%s%3N); ./hotline reload --dir "$work/run" --name r "$work/cls$v/dev/hotline/samples/greeter/Greeter.class" >/dev/null
  cli_class+=($(( $(date +%s%3N) - t0 )))
  w=$([[ $v == a ]] && echo b || echo a)
  t0=$(date +%s%3N); ./hotline reload --dir "$work/run" --name r "$work/src$w/dev/hotline/samples/greeter/Greeter.java" >/dev/null
  cli_source+=($(( $(date +%s%3N) - t0 )))
done
ms() { awk '{printf "%.1f", $1 / 1000}'; }
echo "target: $("$java_home/bin/java" -version 2>&1 | head -1)"
printf '| figure | median of 7 |\n|---|---|\n'
printf '| server side, 1 class (Greeter) | %s ms |\n' "$(printf '%s\n' "${one[@]}" | median | ms)"
printf '| server side, 200 classes of a plugin loader, one call | %s ms |\n' "$(printf '%s\n' "${many[@]}" | median | ms)"
printf '| hotline reload of one class file, whole process | %s ms |\n' "$(printf '%s\n' "${cli_class[@]}" | median)"
printf '| hotline reload of one source file, whole process | %s ms |\n' "$(printf '%s\n' "${cli_source[@]}" | median)"
