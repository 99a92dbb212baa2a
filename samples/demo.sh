#!/usr/bin/env bash
# Hotline's main job in one go: start the greeter sample with the agent, read and change its live state
# from outside with `hotline eval`, show the effect over HTTP and the line protocol, then stop it.
# Builds the project first if needed. Needs only bash and a JDK 17+ (no curl or nc: it uses /dev/tcp).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./hotline --version >/dev/null          # builds on first run

run="$(mktemp -d)"
java -javaagent:agent/target/hotline-agent.jar=name=greeter,dir="$run" \
     -cp samples/target/hotline-samples.jar dev.hotline.samples.greeter.GreeterService \
     --port-file "$run/http.port" >"$run/greeter.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$run"' EXIT
for _ in $(seq 1 300); do [[ -s "$run/greeter.port" && -s "$run/http.port" ]] && break; sleep 0.1; done
[[ -s "$run/greeter.port" ]] || { echo "the sample did not start:"; cat "$run/greeter.log"; exit 1; }

greet() {  # GET /greet?name=$1 over bash's /dev/tcp
  exec 4<>"/dev/tcp/127.0.0.1/$(cat "$run/http.port")"
  printf 'GET /greet?name=%s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$1" >&4
  tail -n 1 <&4; exec 4<&-
}
hl() { echo "\$ hotline eval '$1'"; ./hotline eval --dir "$run" --name greeter "$1"; }

echo "== the service answers:";                     greet Ada
echo "== read its live state from inside the JVM:"; hl 'import dev.hotline.samples.greeter.*; Greeter.template'
echo "== change it while it runs:";                 hl 'Greeter.template = "Howdy, %s! (changed live by Hotline)"'
echo "== the service now answers:";                 greet Ada
echo "== output of the snippet comes back to us:";  hl 'System.out.println("served " + Greeter.HITS.get() + " greetings so far")'
echo "== the same over the line protocol (what nc or tmux send-keys would type):"
exec 3<>"/dev/tcp/127.0.0.1/$(cat "$run/greeter.port")"
{ cat "$run/greeter.token"; echo 'Greeter.HITS.get() * 100'; echo '/quit'; } >&3
cat <&3
