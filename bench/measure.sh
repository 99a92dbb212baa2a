#!/usr/bin/env bash
# Measures every figure of bench/run.sh and writes them as a results file (bench/report.sh) on stdout; progress
# goes to stderr. Usage: bench/measure.sh "MODES" [JAVA_HOME], MODES the compile modes to measure ("inprocess host").
modes=$1; shift
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source bench/report.sh
cleanup='pkill -f "dir=$work/" 2>/dev/null || true; kill $bare $tracer $sshd 2>/dev/null || true; chmod -R u+w "$work" 2>/dev/null || true'
java="$java_home/bin/java"
agent="$PWD/agent/target/hotline-agent.jar"
samples="$PWD/samples/target/hotline-samples.jar"
greeter=dev.hotline.samples.greeter.GreeterService
out="$work/results.tsv"
bench() { "$java" -cp "$bench_cp" dev.hotline.bench.Bench "$@"; }
ms_of() { local t0; t0=$(now_ms); "$@" >/dev/null 2>&1; echo $(( $(now_ms) - t0 )); }
median_ms() { local n=$1; shift; for _ in $(seq 1 "$n"); do ms_of "$@"; done | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}'; }
sub() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", a - b}'; }
goal() { awk -v v="$1" -v g="$2" 'BEGIN {print (v <= g) ? "met" : "missed"}'; }
at_least() { awk -v v="$1" -v g="$2" 'BEGIN {print (v >= g) ? "met" : "missed"}'; }
row() { bench_row "$out" "$@"; }
log() { echo "bench: $*" >&2; }
# start_greeter NAME RUNDIR AGENT-OPTIONS [ARGS...]: the greeter with the agent, its HTTP port in RUNDIR/http.port.
start_greeter() {
  local name=$1 dir=$2 options=$3; shift 3
  mkdir -p "$dir"
  "$java" -javaagent:"$agent"=name=$name,dir=$dir${options:+,$options} -cp "$samples" $greeter \
    --port-file "$dir/http.port" "$@" >"$dir/$name.out" 2>&1 &
  await_file "$dir/$name.port"; await_file "$dir/http.port"
  pgrep -f "name=$name,dir=$dir"
}
host_of() { pgrep -P "$1" -f CompileHostMain || true; }
host_rss() { local h; h=$(host_of "$1"); [[ -n $h ]] && rss_mb "$h" || echo 0; }
bare=""; tracer=""; sshd=""

target="$("$java" -version 2>&1 | head -1)"
log "measuring on $target; $(nproc) cores; modes: $modes"
printf '# target: %s; %s cores; %s\n' "$target" "$(nproc)" "$(date -u +%Y-%m-%d)" > "$out"

# Baselines of this run: a bare JVM's start, stock JShell, a loopback echo.
java_version_ms=$(median_ms 11 "$java" -version)
read -r echo50 echo99 < <(bench echo 2000 5000)
read -r stock50 stock99 < <(bench stock '1+1' 200 500)

# 8. Start-up the agent adds before main: the JVM's own uptime when main starts, with and without the agent.
mkdir -p "$work/probe"
printf 'public class Probe { public static void main(String[] a) { System.out.println(%s); } }\n' \
  'java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()' > "$work/probe/Probe.java"
javac --release 17 -d "$work/probe" "$work/probe/Probe.java"
no_agent=(); with_agent=()
for i in $(seq 1 11); do
  no_agent+=("$("$java" -cp "$work/probe" Probe)")
  with_agent+=("$("$java" -javaagent:"$agent"=name=probe$i,dir="$work/probe-run" -cp "$work/probe" Probe)")
done
startup_no=$(printf '%s\n' "${no_agent[@]}" | median); startup_with=$(printf '%s\n' "${with_agent[@]}" | median)

# The greeter without the agent, for the RSS baseline (its plugins as the measured services have them).
gen_plugins a "$work/ga" 200; gen_plugins b "$work/gb" 200
mkdir -p "$work/plugins"; plugin_jar "$work/ga" 200 "$work/plugins/gen.jar"
"$java" -cp "$samples" $greeter --plugins "$work/plugins" --port-file "$work/bare.port" >/dev/null 2>&1 & bare=$!
await_file "$work/bare.port"; sleep 3
rss_bare=$(rss_mb "$bare"); kill "$bare"; bare=""

# 3. One-shot clients against a warm service (default mode): hotline eval, the line protocol through nc, the
# unpacked release, hotline --version.
log "one-shot clients"
cdir="$work/run-cli"; start_greeter c "$cdir" "" >/dev/null
./hotline eval --dir "$cdir" --name c '1+1' >/dev/null
read -r crt50 _ < <(bench repeat "$cdir" c '1+1' 200 1000)
cli=$(median_ms 11 ./hotline eval --dir "$cdir" --name c '1+1')
version_ms=$(median_ms 11 ./hotline --version)
tar xzf dist/target/hotline-*.tar.gz -C "$work"; install=$(echo "$work"/hotline-*/); chmod -R a-w "$install"
dist_cli() { env -u JAVA_HOME XDG_CACHE_HOME="$work/cache" "$install/bin/hotline" eval --dir "$cdir" --name c '1+1'; }
dist_cli >/dev/null
dist_ms=$(median_ms 11 dist_cli)
line_cmd() { { cat "$cdir/c.token"; echo '1+1'; } | nc -N 127.0.0.1 "$(cat "$cdir/c.port")"; }
for _ in $(seq 1 100); do line_cmd >/dev/null; done # warm, as 1. is: the line dialect's own code is still cold
nc_ms=$(median_ms 11 line_cmd)

# 13. The debug adapter: 1+1 as a DAP evaluate through `hotline dap` (lsp4j playing the IDE) beside the native
# protocol's round trip, and the first page of a 10,000-element list's variables.
log "debug adapter"
read -r dapn50 _ dap50 dap99 vars50 vars99 < <(bench dap "$cdir" c 200 1000 ./hotline dap)

# 14. The notebook kernel: a cell 1+1 through `hotline kernel`, as a front end sees it (pyzmq and jupyter_client's
# Session, Debian's python3), after 1,000 cells, beside the same native round trip as 13.
log "notebook kernel"
./hotline kernel install --dir "$cdir" --name c --kernel-name hotline-bench --prefix "$work/jupyter" >/dev/null
read -r kernel50 kernel99 < <(JUPYTER_PATH="$work/jupyter/share/jupyter" JUPYTER_RUNTIME_DIR="$work/jupyter-runtime" \
  /usr/bin/python3 bench/kernel_roundtrip.py hotline-bench 1000 1000)

# 9. What a trace adds to a call: Greeter.greet timed inside the service (median of 21 batches of 20,000 calls),
# never traced, then traced while `hotline trace` reads, then again once the trace has ended.
log "trace"
per_call='((java.util.function.LongSupplier) () -> { long[] per = new long[21]; for (int b = 0; b < 21; b++) {'\
' long t0 = System.nanoTime(); for (int i = 0; i < 20000; i++) dev.hotline.samples.greeter.Greeter.greet("bench");'\
' per[b] = System.nanoTime() - t0; } java.util.Arrays.sort(per); return per[10] / 20000; }).getAsLong()'
ns_per_call() { ./hotline eval --dir "$cdir" --name c "$per_call"; }
ns_per_call >/dev/null; ns_per_call >/dev/null
never_ns=$(ns_per_call)
./hotline trace --dir "$cdir" --name c dev.hotline.samples.greeter.Greeter::greet --count 1000000000 \
  >/dev/null 2>"$work/trace.err" &
tracer=$!
until grep -q 'Ctrl-C ends it' "$work/trace.err"; do sleep 0.1; done
ns_per_call >/dev/null; ns_per_call >/dev/null
traced_ns=$(ns_per_call)
kill "$tracer"; wait "$tracer" 2>/dev/null || true; tracer=""
until echo /trace | ./hotline eval --dir "$cdir" --name c | grep -q 'no traces'; do sleep 0.1; done
ns_per_call >/dev/null
removed_ns=$(ns_per_call)

# 12. What a probe at a line adds to a call: the same calls with a logpoint on Greeter.greet's last line (its
# message filled from two locals at every hit; 12 lines a second printed, the client reading), then once it has
# ended; and what a pending probe (on a class no loader has) adds to loading a class.
log "probes"
./hotline log --dir "$cdir" --name c dev.hotline.samples.greeter.Greeter:25 'hit={hit} name={name}' \
  --count 1000000000 --seconds 3600 >/dev/null 2>"$work/probe.err" &
tracer=$!
until grep -q 'Ctrl-C ends it' "$work/probe.err"; do sleep 0.1; done
ns_per_call >/dev/null; ns_per_call >/dev/null
logpoint_ns=$(ns_per_call)
kill "$tracer"; wait "$tracer" 2>/dev/null || true; tracer=""
sleep 0.5 # the probe ends with its client
ns_per_call >/dev/null
probe_removed_ns=$(ns_per_call)
per_load='((java.util.function.LongSupplier) () -> { try { java.net.URL[] cp = {'\
' java.nio.file.Path.of("'"$samples"'").toUri().toURL() }; long[] per = new long[11]; for (int b = 0; b < 11; b++) {'\
' long t0 = System.nanoTime(); for (int i = 0; i < 200; i++) new java.net.URLClassLoader(cp, null)'\
'.loadClass("dev.hotline.samples.greeter.Chores"); per[b] = System.nanoTime() - t0; } java.util.Arrays.sort(per);'\
' return per[5] / 200; } catch (Exception e) { throw new RuntimeException(e); } }).getAsLong()'
ns_per_load() { ./hotline eval --dir "$cdir" --name c "$per_load"; }
ns_per_load >/dev/null
load_ns=$(ns_per_load)
./hotline capture --dir "$cdir" --name c com.acme.NotHere:1 >/dev/null 2>"$work/pending.err" &
tracer=$!
until grep -q 'is not loaded yet' "$work/pending.err"; do sleep 0.1; done
ns_per_load >/dev/null
pending_load_ns=$(ns_per_load)
kill "$tracer"; wait "$tracer" 2>/dev/null || true; tracer=""

# 10. Through ssh:// to a bridge on loopback (a real sshd of this run's, keys of its own), against the same eval
# direct (3a) and what ssh itself costs (`ssh HOST true`); then one eval on 20 services at once (--all).
log "ssh and fan-out"
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
  ./hotline eval --dir "$cdir" --name ssh://127.0.0.1/c '1+1'; }
ssh_eval >/dev/null
ssh_eval_ms=$(median_ms 5 ssh_eval)
kill "$sshd"; sshd=""
pkill -f "dir=$cdir" || true
for i in $(seq 1 20); do
  "$java" -javaagent:"$agent"=name=f$i,dir="$work/fan" -cp "$samples" $greeter >/dev/null 2>&1 &
done
for i in $(seq 1 20); do await_file "$work/fan/f$i.port"; done
# 20 JVMs just started still compile their own start-up on 2 cores: warm them first
for _ in 1 2 3; do ./hotline eval --dir "$work/fan" --all --parallel 20 '1+1' >/dev/null; done
fan_ms=$(median_ms 5 ./hotline eval --dir "$work/fan" --all --parallel 20 '1+1')
pkill -f "dir=$work/fan" || true

jv="\`java -version\` $java_version_ms ms"
row 3a '`hotline eval '"'"'1+1'"'"'`, whole process (median of 11)' "$cli ms" "$jv" "$(ratio "$cli" "$java_version_ms")" lower \
  "≤ 1.3×" "$(goal "$(ratio "$cli" "$java_version_ms")" 1.3)"
beyond=$(sub "$nc_ms" "$crt50")
row 3b 'line protocol via `nc -N`, whole process (median of 11)' "$nc_ms ms ($beyond ms beyond the eval)" \
  "the eval itself $crt50 ms" "" lower "≤ 5 ms beyond" "$(goal "$beyond" 5)"
row 3c '`bin/hotline eval '"'"'1+1'"'"'` from the unpacked release (median of 11)' "$dist_ms ms" "3a $cli ms" \
  "$(ratio "$dist_ms" "$cli")" lower "≤ 1.3× \`java -version\`" "$(goal "$(ratio "$dist_ms" "$java_version_ms")" 1.3)"
row 3d '`hotline --version` (median of 11)' "$version_ms ms" "$jv" "$(ratio "$version_ms" "$java_version_ms")" lower \
  "≤ 1.3×" "$(goal "$(ratio "$version_ms" "$java_version_ms")" 1.3)"
row 8 'JVM start to `main` (median of 11)' "$startup_with ms with the agent" "$startup_no ms without" \
  "$(ratio "$startup_with" "$startup_no")" lower "≤ +50 ms" "$(goal $((startup_with - startup_no)) 50)"
row 9a 'call of a traced method, client reading (median of 21 × 20,000 calls)' "$traced_ns ns (+$((traced_ns - never_ns)) ns)" \
  "never traced $never_ns ns" "$(ratio "$traced_ns" "$never_ns")" lower "≤ +2000 ns" "$(goal $((traced_ns - never_ns)) 2000)"
row 9b 'call after its trace ended' "$removed_ns ns" "never traced $never_ns ns" "$(ratio "$removed_ns" "$never_ns")" lower \
  "≤ 1.1× (noise)" "$(goal "$(ratio "$removed_ns" "$never_ns")" 1.1)"
row 12a 'call with a logpoint on its line, message from two locals, client reading (median of 21 × 20,000 calls)' \
  "$logpoint_ns ns (+$((logpoint_ns - never_ns)) ns)" "never probed $never_ns ns" "$(ratio "$logpoint_ns" "$never_ns")" \
  lower "≤ +3000 ns" "$(goal $((logpoint_ns - never_ns)) 3000)"
row 12b 'call after its probe ended' "$probe_removed_ns ns" "never probed $never_ns ns" \
  "$(ratio "$probe_removed_ns" "$never_ns")" lower "≤ 1.1× (noise)" "$(goal "$(ratio "$probe_removed_ns" "$never_ns")" 1.1)"
row 12c 'loading a class while a probe waits for another (median of 11 × 200 loads)' "$pending_load_ns ns" \
  "no probe waiting $load_ns ns" "$(ratio "$pending_load_ns" "$load_ns")" lower "≤ 1.1× (noise)" \
  "$(goal "$(ratio "$pending_load_ns" "$load_ns")" 1.1)"
row 13a 'DAP `evaluate` of 1+1 through `hotline dap`, warm (p50 of 1,000)' "$dap50 ms (p99 $dap99 ms)" \
  "native eval $dapn50 ms" "$(ratio "$dap50" "$dapn50")" lower "≤ 1.5×" "$(goal "$(ratio "$dap50" "$dapn50")" 1.5)"
row 13b 'DAP first `variables` page (100) of a 10,000-element list (p50 of 50)' "$vars50 ms (p99 $vars99 ms)" \
  "native eval $dapn50 ms" "$(ratio "$vars50" "$dapn50")" lower "< 50 ms" "$(goal "$vars50" 50)"
row 14 'notebook cell `1+1` through `hotline kernel`, request to reply and idle, after 1,000 cells (p50 of 1,000)' \
  "$kernel50 ms (p99 $kernel99 ms; +$(sub "$kernel50" "$dapn50") ms)" "native eval $dapn50 ms" \
  "$(ratio "$kernel50" "$dapn50")" lower "≤ +2 ms" "$(goal "$(sub "$kernel50" "$dapn50")" 2)"
row 10a '`hotline eval` through `ssh://` to loopback (median of 5)' "$ssh_eval_ms ms (+$((ssh_eval_ms - cli)) ms)" \
  "\`ssh HOST true\` $ssh_true_ms ms" "$(ratio "$ssh_eval_ms" "$ssh_true_ms")" lower "bridge adds ≤ ssh" \
  "$(goal $((ssh_eval_ms - cli)) "$ssh_true_ms")"
row 10b '`hotline eval --all` on 20 services (median of 5)' "$fan_ms ms" "one eval (3a) $cli ms" "$(ratio "$fan_ms" "$cli")" \
  lower "≤ 3×" "$(goal "$(ratio "$fan_ms" "$cli")" 3)"

# The figures that depend on where javac runs, once per mode.
greeter_variants "$work"
for i in $(seq 0 49); do echo "int f$i(int x) { return x + $i; }"; echo "var v$i = f$i($i);"; done > "$work/decls.jsh"
for mode in $modes; do
  log "compile=$mode"
  dir="$work/run-$mode"
  svc=$(start_greeter g "$dir" "compile=$mode" --plugins "$work/plugins")
  sleep 3
  rss_idle=$(rss_mb "$svc")
  ./hotline eval --dir "$dir" --name g '1+1' >/dev/null
  sleep 1; rss_first=$(rss_mb "$svc"); host_first=$(host_rss "$svc")
  read -r rt50 rt99 < <(bench repeat "$dir" g '1+1' 200 1000)
  read -r new50 new99 < <(bench distinct "$dir" g 1000)
  sleep 1; rss_1000=$(rss_mb "$svc"); host_1000=$(host_rss "$svc")

  # 5. Reload, server side, of 1 class (Greeter) and of 200 classes of a plugin loader, versions alternating,
  # beside the JVM's own redefineClasses of the same bytes in the same reload.
  curl -s "http://127.0.0.1:$(cat "$dir/http.port")/greet" >/dev/null
  micros() { ./hotline reload --dir "$dir" --name g --json "$@" | grep -o '"\(redefine-\)\{0,1\}micros":[0-9]*' \
    | cut -d: -f2 | paste -sd' '; }
  one=(); one_jvm=(); many=(); many_jvm=()
  for i in $(seq 1 9); do
    v=$([[ $((i % 2)) == 0 ]] && echo a || echo b)
    read -r m j < <(micros "$work/cls$v/dev/hotline/samples/greeter/Greeter.class"); one+=("$m"); one_jvm+=("$j")
    read -r m j < <(micros "$work/g$v/classes"); many+=("$m"); many_jvm+=("$j")
  done
  ms_median() { printf '%s\n' "$@" | median | awk '{printf "%.1f", $1 / 1000}'; }
  reload1=$(ms_median "${one[@]}"); reload1_jvm=$(ms_median "${one_jvm[@]}")
  reload200=$(ms_median "${many[@]}"); reload200_jvm=$(ms_median "${many_jvm[@]}")

  read -r conc_rate conc50 conc99 conc_errors < <(bench concurrent "$dir" g 32 100)
  bench evals "$dir" g 1000000 9000 >/dev/null
  sleep 1; rss_10000=$(rss_mb "$svc"); host_10000=$(host_rss "$svc")
  pkill -f "dir=$dir" || true

  # 4. Attach to a running JVM until the first answer (3 fresh JVMs).
  attach=()
  for i in 1 2 3; do
    "$java" -XX:+EnableDynamicAgentLoading -cp "$samples" $greeter --port-file "$work/plain$i.port" >/dev/null 2>&1 &
    plain=$!
    await_file "$work/plain$i.port"
    t0=$(now_ms)
    ./hotline attach "$plain" --dir "$work/attach-$mode" --compile "$mode" >/dev/null
    ./hotline eval --dir "$work/attach-$mode" --name "jvm-$plain" '1+1' >/dev/null
    attach+=($(( $(now_ms) - t0 )))
    kill "$plain"; wait "$plain" 2>/dev/null || true
  done
  attach_ms=$(printf '%s\n' "${attach[@]}" | median)

  # 11. An image of 100 declarations, restored on the next start.
  conf="$work/img-$mode.properties"
  printf 'name=img\nmain=%s\nclass-path=%s\nrun-dir=%s\njava-home=%s\ncompile=%s\n' $greeter "$samples" \
    "$work/img-$mode" "$java_home" "$mode" > "$conf"
  ./hotline start "$conf" >/dev/null
  ./hotline eval --dir "$work/img-$mode" --name img < "$work/decls.jsh" >/dev/null 2>&1
  ./hotline stop --snapshot "$conf" >/dev/null
  ./hotline start "$conf" >/dev/null
  replay=""
  for _ in $(seq 1 300); do
    replay=$(./hotline status "$conf" | grep -o 'replayed in [0-9]*' | grep -o '[0-9]*$' || true)
    [[ -n $replay ]] && break; sleep 0.1
  done
  restored=$(./hotline status "$conf" | grep -o '[0-9]* declarations restored, [0-9]* no longer apply' || echo '?')
  ./hotline stop "$conf" >/dev/null

  m="@$mode" c=", compile=$mode"
  row "1$m" "warm \`1+1\` round trip, native protocol (p50 / p99)$c" "$rt50 / $rt99 ms" \
    "stock JShell \`1+1\` in its own JVM $stock50 / $stock99 ms; loopback echo $echo50 ms" "$(ratio "$rt50" "$stock50")" lower "" ""
  row "2a$m" "repeated expression, warm (p50)$c" "$rt50 ms" "loopback echo $echo50 ms" "" lower "≤ 0.3 ms" "$(goal "$rt50" 0.3)"
  row "2b$m" "1,000 new expressions (p50 / p99)$c" "$new50 / $new99 ms" "stock JShell \`1+1\` $stock50 ms" \
    "$(ratio "$new50" "$stock50")" lower "≤ 0.3×" "$(goal "$(ratio "$new50" "$stock50")" 0.3)"
  row "4$m" "\`hotline attach\` + first \`hotline eval\` answered (median of 3)$c" "$attach_ms ms" "$jv" \
    "$(ratio "$attach_ms" "$java_version_ms")" lower "≤ 1000 ms" "$(goal "$attach_ms" 1000)"
  row "5a$m" "reload 1 class, server side (median of 9)$c" "$reload1 ms" "the JVM's \`redefineClasses\` in it $reload1_jvm ms" \
    "$(ratio "$reload1" "$reload1_jvm")" lower "≤ 1.2×" "$(goal "$(ratio "$reload1" "$reload1_jvm")" 1.2)"
  row "5b$m" "reload 200 classes, server side (median of 9)$c" "$reload200 ms" \
    "the JVM's \`redefineClasses\` in it $reload200_jvm ms" "$(ratio "$reload200" "$reload200_jvm")" lower "≤ 1.2×" \
    "$(goal "$(ratio "$reload200" "$reload200_jvm")" 1.2)"
  row "6a$m" "service RSS: agent idle / after the first eval$c" "$rss_idle / $rss_first MB (+$((rss_first - rss_bare)) MB)" \
    "no agent $rss_bare MB" "$(ratio "$rss_first" "$rss_bare")" lower "≤ +64 MB (Arthas)" "$(goal $((rss_first - rss_bare)) 64)"
  row "6b$m" "service RSS after 1,000 / 10,000 evals$c" "$rss_1000 / $rss_10000 MB (+$((rss_10000 - rss_1000)) MB)" \
    "after 1,000" "$(ratio "$rss_10000" "$rss_1000")" lower "≤ +20 MB" "$(goal $((rss_10000 - rss_1000)) 20)"
  if [[ $mode == host ]]; then
    row "6c$m" "compile host RSS after the first / 1,000 / 10,000 evals" "$host_first / $host_1000 / $host_10000 MB" \
      "" "" lower "" ""
  fi
  row "7$m" "32 clients × 100 evals$c" "$conc_rate evals/s, p50 $conc50 ms, p99 $conc99 ms, $conc_errors errors" "" "" \
    higher "≥ 2500 evals/s, 0 errors" "$(if [[ $conc_errors == 0 ]]; then at_least "$conc_rate" 2500; else echo missed; fi)"
  row "11$m" "image of 100 declarations restored on start$c" "${replay:-?} ms ($restored)" "" "" lower "≤ 1500 ms" \
    "$(goal "${replay:-999999}" 1500)"
done
cat "$out"
