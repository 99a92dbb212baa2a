#!/usr/bin/env bash
# Foundation figures (issue [1/8]), medians over several runs on this machine:
#   start-up the agent adds before main, target RSS before and after the first eval,
#   warm `1+1` round trip over the native protocol (p50/p99), and `hotline eval 1+1` as a whole process.
# Usage: bench/foundation.sh [JAVA_HOME of the target]   (builds first if needed)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cleanup='pkill -f "dir=$work" 2>/dev/null || true'
java="$java_home/bin/java"
agent="$PWD/agent/target/hotline-agent.jar"
samples="$PWD/samples/target/hotline-samples.jar"

now_ms() { date +%s%3N; }

# 1. Time from JVM launch to the first line of main, read as the JVM's own uptime at main.
mkdir -p "$work/probe"
cat > "$work/probe/Probe.java" <<'JAVA'
public class Probe { public static void main(String[] a) {
  System.out.println(java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()); } }
JAVA
"$java" -d "$work/probe" "$work/probe/Probe.java" 2>/dev/null || javac -d "$work/probe" "$work/probe/Probe.java"
plain=(); with=()
for i in $(seq 1 11); do
  plain+=("$("$java" -cp "$work/probe" Probe)")
  with+=("$("$java" -javaagent:"$agent"=name=probe$i,dir="$work/run" -cp "$work/probe" Probe)")
done
p=$(printf '%s\n' "${plain[@]}" | median); w=$(printf '%s\n' "${with[@]}" | median)

# 2. RSS of the greeter with the agent before and after the first eval (and without the agent).
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status"; }
"$java" -cp "$samples" dev.hotline.samples.greeter.GreeterService >/dev/null 2>&1 & bare=$!
"$java" -javaagent:"$agent"=name=greeter,dir="$work/run" -cp "$samples" dev.hotline.samples.greeter.GreeterService \
  >"$work/greeter.log" 2>&1 & svc=$!
for _ in $(seq 1 300); do [[ -s "$work/run/greeter.port" ]] && break; sleep 0.1; done
sleep 2
rss_bare=$(rss $bare); rss_idle=$(rss $svc)
./hotline eval --dir "$work/run" --name greeter '1+1' >/dev/null
sleep 1
rss_eval=$(rss $svc)
kill $bare

# 3. Warm round trip of 1+1 over the native protocol.
read -r rt50 rt99 < <(java -cp protocol/target/hotline-protocol-*.jar bench/RoundTrip.java \
  "$work/run/greeter.port" "$work/run/greeter.token" '1+1' 200 500)

# 4. hotline eval 1+1, whole process.
cli=()
for i in $(seq 1 11); do
  t0=$(now_ms); ./hotline eval --dir "$work/run" --name greeter '1+1' >/dev/null; cli+=($(( $(now_ms) - t0 )))
done
c=$(printf '%s\n' "${cli[@]}" | median)

echo "target: $("$java" -version 2>&1 | head -1)"
printf '| figure | median |\n|---|---|\n'
printf '| JVM start to main, no agent | %s ms |\n' "$p"
printf '| JVM start to main, with agent | %s ms (+%s ms) |\n' "$w" "$((w - p))"
printf '| RSS without agent (greeter) | %s MB |\n' "$rss_bare"
printf '| RSS with agent, before first eval | %s MB |\n' "$rss_idle"
printf '| RSS with agent, after first eval | %s MB |\n' "$rss_eval"
printf '| warm 1+1 round trip, native protocol (500 runs) | p50 %s ms, p99 %s ms |\n' "$rt50" "$rt99"
printf '| hotline eval 1+1, whole process (11 runs) | %s ms |\n' "$c"
