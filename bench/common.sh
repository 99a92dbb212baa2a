# Shared by the bench scripts (source it): builds if needed, picks the target JDK, gives a scratch directory
# and a median. Sets java_home (the first argument, else the JDK on PATH) and work (removed on exit, after
# the script's own clean-up, which it sets with: cleanup='...').
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[1]}")/.."
./hotline --version >/dev/null
[[ -f bench/target/hotline-bench.jar ]] || mvn -B -q -DskipTests package >&2
bench_cp="bench/target/hotline-bench.jar:client/target/hotline-client.jar"  # the client jar holds protocol too
java_home="${1:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
work="$(mktemp -d)"
cleanup=":"
trap 'eval "$cleanup"; rm -rf "$work"' EXIT

# Median of the numbers on standard input, one per line.
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# gen_plugins VERSION DIR COUNT: COUNT classes acme.gen.C0.. (UnaryOperator<String>) compiled into DIR/classes;
# two versions differ only in their bodies, so one can redefine the other.
gen_plugins() {
  mkdir -p "$2/src/acme/gen"
  for i in $(seq 0 $(($3 - 1))); do
    echo "package acme.gen; public class C$i implements java.util.function.UnaryOperator<String> { public String apply(String s) { return s + \"$1\".substring(0, 0); } }" > "$2/src/acme/gen/C$i.java"
  done
  javac --release 17 -d "$2/classes" "$2"/src/acme/gen/*.java
}

# plugin_jar DIR COUNT JAR: the classes of DIR as a greeter plugin jar (a ServiceLoader provider file lists them).
plugin_jar() {
  (cd "$1/classes" && mkdir -p META-INF/services \
    && for i in $(seq 0 $(($2 - 1))); do echo "acme.gen.C$i"; done > META-INF/services/java.util.function.UnaryOperator \
    && jar cf "$3" .)
}

# greeter_variants DIR: two versions of the greeter's Greeter class, compiled into DIR/clsa and DIR/clsb, whose
# greetings differ by a word ("a, visit #" and "b, visit #"): what hot-reload measurements swap between.
greeter_variants() {
  local src=samples/src/main/java/dev/hotline/samples/greeter/Greeter.java
  for v in a b; do
    mkdir -p "$1/src$v/dev/hotline/samples/greeter" "$1/cls$v"
    sed "s/\" (visit #\"/\" ($v, visit #\"/" "$src" > "$1/src$v/dev/hotline/samples/greeter/Greeter.java"
    javac --release 17 -d "$1/cls$v" "$1/src$v/dev/hotline/samples/greeter/Greeter.java"
  done
}

# rss_mb PID: resident memory of a process, in MB.
rss_mb() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status"; }

# await_file FILE: waits up to 30 s for FILE to exist and be non-empty.
await_file() { for _ in $(seq 1 300); do [[ -s "$1" ]] && return 0; sleep 0.1; done; echo "timed out waiting for $1" >&2; return 1; }

now_ms() { date +%s%3N; }
