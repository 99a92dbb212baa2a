#!/usr/bin/env bash
# The performance table of issue [7/8]: every figure and its baseline measured in this one run, medians (p50)
# and p99 where a distribution makes sense, ratios to the baseline, and the goal each figure is held to.
# Usage: bench/run.sh [JAVA_HOME of the target]   (builds first if needed; about 5 minutes)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cleanup='pkill -f "dir=$work/(run|fan)" 2>/dev/null || true; kill $bare $plain $tracer $sshd 2>/dev/null || true'
java="$java_home/bin/java"
agent="$PWD/agent/target/hotline-agent.jar"
samples="$PWD/samples/target/hotline-samples.jar"
greeter=dev.hotline.samples.greeter.GreeterService
bench() { "$java" -cp "$bench_cp" dev.hotline.bench.Bench "$@"; }
ms_of() { local t0; t0=$(now_ms); "$@" >/dev/null 2>&1; echo $(( $(now_ms) - t0 )); }
median_ms() { local n=$1; shift; for _ in $(seq 1 "$n"); do ms_of "$@"; done | median; }
sub() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", a - b}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
bare=""; plain=""; tracer=""; sshd=""

echo "measuring on $("$java" -version 2>&1 | head -1); $(nproc) cores" >&2

# 8. Start-up the agent adds before main: the JVM's own uptime when main starts, with and without the agent.
mkdir -p "$work/probe"
printf 'public class Probe { public static void main(String[] a) { System.out.println(%s); } }\n' \
  'java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()' > "$work/probe/Probe.java"
javac --release 17 -d "$work/probe" "$work/probe/Probe.java"
no_agent=(); with_agent=()
for i in $(seq 1 11); do
  no_agent+=("$("$java" -cp "$work/probe" Probe)")
  with_agent+=("$("$java" -javaagent:"$agent"=name=probe$i,dir="$work/run" -cp "$work/probe" Probe)")
done
startup_no=$(printf '%s\n' "${no_agent[@]}" | median); startup_with=$(printf '%s\n' "${with_agent[@]}" | median)

# The greeter twice: without the agent (RSS baseline) and with it, plus 200 plugin classes to reload.
gen_plugins a "$work/ga" 200; gen_plugins b "$work/gb" 200
mkdir -p "$work/plugins"; plugin_jar "$work/ga" 200 "$work/plugins/gen.jar"
"$java" -cp "$samples" $greeter --plugins "$work/plugins" --port-file "$work/bare.port" >/dev/null 2>&1 & bare=$!
"$java" -javaagent:"$agent"=name=g,dir="$work/run" -cp "$samples" $greeter --plugins "$work/plugins" \
  --port-file "$work/http.port" >"$work/greeter.log" 2>&1 &
await_file "$work/run/g.port"; await_file "$work/http.port"; await_file "$work/bare.port"
svc=$(pgrep -f "name=g,dir=$work/run")
sleep 3
rss_bare=$(rss_mb "$bare"); rss_idle=$(rss_mb "$svc")
kill "$bare"; bare=""
./hotline eval --dir "$work/run" --name g '1+1' >/dev/null
sleep 1; rss_first=$(rss_mb "$svc")

# 1. Warm round trip of 1+1: loopback echo, Hotline's native protocol, stock JShell in a JVM of its own.
read -r echo50 echo99 < <(bench echo 2000 5000)
read -r rt50 rt99 < <(bench repeat "$work/run" g '1+1' 200 1000)
read -r stock50 stock99 < <(bench stock '1+1' 200 500)

# 2. 1,000 expressions never seen before (compiled each time), against stock JShell's 1+1.
read -r new50 new99 < <(bench distinct "$work/run" g 1000)
sleep 1; rss_1000=$(rss_mb "$svc")

# 3. hotline eval '1+1' as a whole process, and the line protocol through nc.
cli=$(median_ms 11 ./hotline eval --dir "$work/run" --name g '1+1')
# 3c. The same from the release, unpacked read-only, its class-data archive in a fresh user cache (written by a
# first run), on the same java as 3a.
tar xzf dist/target/hotline-*.tar.gz -C "$work"; install=$(echo "$work"/hotline-*/); chmod -R a-w "$install"
cleanup="chmod -R u+w '$install'; $cleanup"
dist_cli() { env -u JAVA_HOME XDG_CACHE_HOME="$work/cache" "$install/bin/hotline" eval --dir "$work/run" --name g '1+1'; }
dist_cli >/dev/null
dist_ms=$(median_ms 11 dist_cli)
line_cmd() { { cat "$work/run/g.token"; echo '1+1'; } | nc -N 127.0.0.1 "$(cat "$work/run/g.port")"; }
for _ in $(seq 1 100); do line_cmd >/dev/null; done # warm, as 1. is: the line dialect's own code is still cold
nc_ms=$(median_ms 11 line_cmd)

# 5. Reload, server side, of 1 class (Greeter) and of 200 classes of a plugin loader; versions alternate.
src=samples/src/main/java/dev/hotline/samples/greeter/Greeter.java
for v in a b; do
  mkdir -p "$work/src$v/dev/hotline/samples/greeter" "$work/cls$v"
  sed "s/\" (visit #\"/\" ($v, visit #\"/" "$src" > "$work/src$v/dev/hotline/samples/greeter/Greeter.java"
  javac --release 17 -d "$work/cls$v" "$work/src$v/dev/hotline/samples/greeter/Greeter.java"
done
curl -s "http://127.0.0.1:$(cat "$work/http.port")/greet" >/dev/null
micros() { ./hotline reload --dir "$work/run" --name g --json "$@" | grep -o '"micros":[0-9]*' | cut -d: -f2; }
one=(); many=()
for i in $(seq 1 9); do
  v=$([[ $((i % 2)) == 0 ]] && echo a || echo b)
  one+=("$(micros "$work/cls$v/dev/hotline/samples/greeter/Greeter.class")")
  many+=("$(micros "$work/g$v/classes")")
done
reload1=$(printf '%s\n' "${one[@]}" | median | awk '{printf "%.1f", $1 / 1000}')
reload200=$(printf '%s\n' "${many[@]}" | median | awk '{printf "%.1f", $1 / 1000}')

# 9. What a trace adds to a call: Greeter.greet timed inside the service (median of 21 batches of 20,000 calls),
# never traced, then traced while `hotline trace` reads (calls beyond what it prints are counted, not shown),
# then again once the trace has ended.
per_call='((java.util.function.LongSupplier) () -> { long[] per = new long[21]; for (int b = 0; b < 21; b++) {'\
' long t0 = System.nanoTime(); for (int i = 0; i < 20000; i++) dev.hotline.samples.greeter.Greeter.greet("bench");'\
' per[b] = System.nanoTime() - t0; } java.util.Arrays.sort(per); return per[10] / 20000; }).getAsLong()'
ns_per_call() { ./hotline eval --dir "$work/run" --name g "$per_call"; }
ns_per_call >/dev/null; ns_per_call >/dev/null # the JIT's warm-up, after section 5's reloads of Greeter
never_ns=$(ns_per_call)
./hotline trace --dir "$work/run" --name g dev.hotline.samples.greeter.Greeter::greet --count 1000000000 \
  >/dev/null 2>"$work/trace.err" &
tracer=$!
until grep -q 'Ctrl-C ends it' "$work/trace.err"; do sleep 0.1; done
ns_per_call >/dev/null; ns_per_call >/dev/null # the woven code's warm-up
traced_ns=$(ns_per_call)
kill "$tracer"; wait "$tracer" 2>/dev/null || true; tracer=""
until echo /trace | ./hotline eval --dir "$work/run" --name g | grep -q 'no traces'; do sleep 0.1; done
ns_per_call >/dev/null
removed_ns=$(ns_per_call)

# 7. 32 clients at once, 100 evals each.
read -r conc_rate conc50 conc99 conc_errors < <(bench concurrent "$work/run" g 32 100)

# 6. Memory after 10,000 evals (9,000 more distinct expressions).
bench evals "$work/run" g 1000000 9000 >/dev/null
sleep 1; rss_10000=$(rss_mb "$svc")

# 4. Attach to a running JVM until the first answer (3 fresh JVMs).
attach=()
for i in 1 2 3; do
  "$java" -XX:+EnableDynamicAgentLoading -cp "$samples" $greeter --port-file "$work/plain$i.port" >/dev/null 2>&1 &
  plain=$!
  await_file "$work/plain$i.port"
  t0=$(now_ms)
  ./hotline attach "$plain" --dir "$work/run" >/dev/null
  ./hotline eval --dir "$work/run" --name "jvm-$plain" '1+1' >/dev/null
  attach+=($(( $(now_ms) - t0 )))
  kill "$plain"; wait "$plain" 2>/dev/null || true; plain=""
done
attach_ms=$(printf '%s\n' "${attach[@]}" | median)

# 10. Through ssh:// to a bridge on loopback (a real sshd of this run's, keys of its own), against the same eval
# direct (3a) and what ssh itself costs (`ssh HOST true`); then one eval on 20 services at once (--all).
mkdir -p "$work/ssh" /run/sshd
ssh-keygen -q -t ed25519 -N '' -f "$work/ssh/host"; ssh-keygen -q -t ed25519 -N '' -f "$work/ssh/user"
cp "$work/ssh/user.pub" "$work/ssh/authorized_keys"; chmod 600 "$work/ssh/authorized_keys"
ssh_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
/usr/sbin/sshd -f /dev/null -D -p "$ssh_port" -o ListenAddress=127.0.0.1 -o HostKey="$work/ssh/host" \
  -o AuthorizedKeysFile="$work/ssh/authorized_keys" -o PasswordAuthentication=no -o StrictModes=no -o UsePAM=no \
  -o PermitRootLogin=prohibit-password 2>/dev/null & sshd=$!
printf 'Host *\n  Port %s\n  IdentityFile %s\n  StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\n  LogLevel ERROR\n' \
  "$ssh_port" "$work/ssh/user" > "$work/ssh/config"
until ssh -F "$work/ssh/config" -T 127.0.0.1 true 2>/dev/null; do sleep 0.1; done
ssh_true_ms=$(median_ms 5 ssh -F "$work/ssh/config" -T 127.0.0.1 true)
ssh_eval() { HOTLINE_SSH="ssh -F $work/ssh/config" HOTLINE_REMOTE="$PWD/hotline" \
  ./hotline eval --dir "$work/run" --name ssh://127.0.0.1/g '1+1'; }
ssh_eval >/dev/null
ssh_eval_ms=$(median_ms 5 ssh_eval)
kill "$sshd"; sshd=""
for i in $(seq 1 20); do
  "$java" -javaagent:"$agent"=name=f$i,dir="$work/fan" -cp "$samples" $greeter >/dev/null 2>&1 &
done
for i in $(seq 1 20); do await_file "$work/fan/f$i.port"; done
# each service's first evaluations: 20 JVMs just started still compile their start-up on 2 cores, and a
# fan-out measured then measures that (seconds), not the fan-out
for _ in 1 2 3; do ./hotline eval --dir "$work/fan" --all --parallel 20 '1+1' >/dev/null; done
fan_ms=$(median_ms 5 ./hotline eval --dir "$work/fan" --all --parallel 20 '1+1')
pkill -f "dir=$work/fan" || true

goal() { awk -v v="$1" -v g="$2" 'BEGIN {print (v <= g) ? "met" : "missed"}'; }
echo
echo "target: $("$java" -version 2>&1 | head -1); $(nproc) cores; $(date -u +%Y-%m-%d)"
echo
echo '| figure | measured | baseline (same run) | ratio | goal | |'
echo '|---|---|---|---|---|---|'
printf '| 1. warm `1+1` round trip, native protocol (p50 / p99) | %s / %s ms | stock JShell `1+1` in its own JVM %s / %s ms; loopback echo %s / %s ms | %s× stock, %s× echo | | |\n' \
  "$rt50" "$rt99" "$stock50" "$stock99" "$echo50" "$echo99" "$(ratio "$rt50" "$stock50")" "$(ratio "$rt50" "$echo50")"
printf '| 2a. repeated expression, warm (p50) | %s ms | | | ≤ 1 ms | %s |\n' "$rt50" "$(goal "$rt50" 1)"
half=$(awk -v s="$stock50" 'BEGIN {printf "%.2f", s / 2}')
printf '| 2b. 1,000 new expressions (p50 / p99) | %s / %s ms | stock JShell `1+1` %s ms | %s× | ≤ 0.5× (%s ms) | %s |\n' \
  "$new50" "$new99" "$stock50" "$(ratio "$new50" "$stock50")" "$half" "$(goal "$new50" "$half")"
printf '| 3a. `hotline eval '"'"'1+1'"'"'`, whole process (median of 11) | %s ms | | | ≤ 200 ms | %s |\n' "$cli" "$(goal "$cli" 200)"
beyond=$(sub "$nc_ms" "$rt50")
printf '| 3b. line protocol via `nc -N`, whole process (median of 11) | %s ms | the eval itself %s ms | %s ms beyond it | ≤ 10 ms beyond | %s |\n' \
  "$nc_ms" "$rt50" "$beyond" "$(goal "$beyond" 10)"
printf '| 3c. `bin/hotline eval '"'"'1+1'"'"'` from the unpacked release, whole process (median of 11) | %s ms | 3a %s ms | %s× | ≤ 200 ms | %s |\n' \
  "$dist_ms" "$cli" "$(ratio "$dist_ms" "$cli")" "$(goal "$dist_ms" 200)"
printf '| 4. `hotline attach` + first `hotline eval` answered (median of 3) | %s ms | | | ≤ 1500 ms | %s |\n' "$attach_ms" "$(goal "$attach_ms" 1500)"
printf '| 5a. reload 1 class, server side (median of 9) | %s ms | | | ≤ 10 ms | %s |\n' "$reload1" "$(goal "$reload1" 10)"
printf '| 5b. reload 200 classes, server side (median of 9) | %s ms | | | ≤ 50 ms | %s |\n' "$reload200" "$(goal "$reload200" 50)"
printf '| 6a. RSS: no agent / agent idle / after first eval | %s / %s / %s MB | no agent | +%s MB idle | ≤ +20 MB idle | %s |\n' \
  "$rss_bare" "$rss_idle" "$rss_first" "$((rss_idle - rss_bare))" "$(goal $((rss_idle - rss_bare)) 20)"
printf '| 6b. RSS after 1,000 / 10,000 evals | %s / %s MB | after 1,000 | +%s MB | ≤ +20 MB | %s |\n' \
  "$rss_1000" "$rss_10000" "$((rss_10000 - rss_1000))" "$(goal $((rss_10000 - rss_1000)) 20)"
printf '| 7. 32 clients × 100 evals | %s evals/s, p50 %s ms, p99 %s ms, %s errors | | | 0 errors | %s |\n' \
  "$conc_rate" "$conc50" "$conc99" "$conc_errors" "$(goal "$conc_errors" 0)"
printf '| 8. JVM start to `main` (median of 11) | %s ms with agent | %s ms without | +%s ms | ≤ +50 ms | %s |\n' \
  "$startup_with" "$startup_no" "$((startup_with - startup_no))" "$(goal $((startup_with - startup_no)) 50)"
printf '| 9a. call of a traced method, client reading (median of 21 × 20,000 calls) | %s ns (+%s ns) | never traced %s ns | %s× | ≤ +2000 ns | %s |\n' \
  "$traced_ns" "$((traced_ns - never_ns))" "$never_ns" "$(ratio "$traced_ns" "$never_ns")" "$(goal $((traced_ns - never_ns)) 2000)"
removed_limit=$(awk -v n="$never_ns" 'BEGIN {printf "%d", n * 1.1}')
printf '| 9b. call after its trace ended (median of 21 × 20,000 calls) | %s ns | never traced %s ns | %s× | ≤ 1.1× (noise) | %s |\n' \
  "$removed_ns" "$never_ns" "$(ratio "$removed_ns" "$never_ns")" "$(goal "$removed_ns" "$removed_limit")"
printf '| 10a. `hotline eval` through `ssh://` to loopback (median of 5) | %s ms (+%s ms) | direct (3a) %s ms; `ssh HOST true` %s ms | | bridge adds ≤ ssh (%s ms) | %s |\n' \
  "$ssh_eval_ms" "$((ssh_eval_ms - cli))" "$cli" "$ssh_true_ms" "$ssh_true_ms" "$(goal $((ssh_eval_ms - cli)) "$ssh_true_ms")"
printf '| 10b. `hotline eval --all` on 20 services (median of 5) | %s ms | one eval (3a) %s ms | %s× | ≤ 3× | %s |\n' \
  "$fan_ms" "$cli" "$(ratio "$fan_ms" "$cli")" "$(goal "$fan_ms" $((3 * cli)))"
