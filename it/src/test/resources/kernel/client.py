"""Drives a Hotline kernel with jupyter_client, as a front end does, and prints what it saw as one JSON object.

Usage: client.py KERNEL_NAME WORK_DIR HTTP_PORT (kernelspecs through JUPYTER_PATH; HTTP_PORT the greeter's). The Java test asserts on the
JSON; this script only records, so a failure shows the whole exchange.
"""
import json
import os
import queue
import sys
import time

import urllib.request

import jupyter_client
from jupyter_client.session import Session

kernel_name, work, http_port = sys.argv[1], sys.argv[2], sys.argv[3]
seen = {}
km, kc = jupyter_client.manager.start_new_kernel(kernel_name=kernel_name, startup_timeout=60)
kernel_pid = km.provisioner.process.pid if km.provisioner else km.kernel.pid
seen["kernel_pid"] = kernel_pid


def shell_reply(msg_id, timeout=30):
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


def execute(code, timeout=60):
    outputs = []
    reply = kc.execute_interactive(code, timeout=timeout,
                                   output_hook=lambda m: outputs.append({"type": m["msg_type"], "content": m["content"]}))
    return {"status": reply["content"]["status"], "reply": reply["content"], "outputs": outputs}


seen["kernel_info"] = kc.kernel_info(reply=True, timeout=30)["content"]
seen["import"] = execute("import dev.hotline.samples.greeter.*;")
seen["complete"] = kc.complete("Greeter.templ", reply=True, timeout=30)["content"]
seen["inspect"] = kc.inspect("Greeter.template", reply=True, timeout=30)["content"]
seen["is_complete_open"] = shell_reply(kc.is_complete("int twice(int x) {"))["content"]
seen["is_complete_whole"] = shell_reply(kc.is_complete("int twice(int x) { return 2 * x; }"))["content"]
seen["history"] = kc.history(reply=True, hist_access_type="tail", n=5, timeout=30)["content"]
seen["comm_info"] = kc.comm_info(reply=True, timeout=30)["content"]

# A cell's output arrives while it runs: the cell prints, then waits for a file that is written only once the
# printed line has arrived here.
release = os.path.join(work, "release")
msg_id = kc.execute('System.out.println("waiting for release"); '
                    'while (!java.nio.file.Files.exists(java.nio.file.Path.of("%s"))) Thread.sleep(20); "released"'
                    % release)
streamed_before_end = None
while True:
    message = kc.get_iopub_msg(timeout=60)
    if message["parent_header"].get("msg_id") != msg_id:
        continue
    if message["msg_type"] == "stream" and "waiting for release" in message["content"]["text"]:
        try:
            kc.get_shell_msg(timeout=0.5)
            streamed_before_end = False  # the cell had already ended
        except queue.Empty:
            streamed_before_end = True
        open(release, "w").close()
        break
seen["streamed_before_end"] = streamed_before_end
seen["released"] = shell_reply(msg_id)["content"]["status"]

def await_stream(msg_id, text):
    """Waits until the cell msg_id has printed text: it is running in the service."""
    while True:
        message = kc.get_iopub_msg(timeout=60)
        if (message["parent_header"].get("msg_id") == msg_id and message["msg_type"] == "stream"
                and text in message["content"]["text"]):
            return


# Interrupt a runaway cell by message (the kernelspec's interrupt_mode), then run the next one.
msg_id = kc.execute('System.out.println("looping"); while (true) {}')
await_stream(msg_id, "looping")
km.interrupt_kernel()
seen["interrupted"] = shell_reply(msg_id, timeout=60)["content"]
seen["after_interrupt"] = execute("6 * 7")

# After a failing cell, the cells already waiting (a notebook's Run All) are aborted, not run.
waiting = [kc.execute('Thread.sleep(300); throw new IllegalStateException("first")'),
           kc.execute('Greeter.template = "ran after a failure %s"'), kc.execute("1")]
seen["run_all_after_failure"] = [shell_reply(msg_id)["content"]["status"] for msg_id in waiting]
seen["template_after_abort"] = execute("Greeter.template")

# A malformed request is answered with an error, not left waiting.
seen["malformed_complete"] = shell_reply(kc.session.send(kc.shell_channel.socket, "complete_request",
                                                         {"code": "1+", "cursor_pos": "not a number"})["header"]["msg_id"],
                                         timeout=10)["content"]

# A message signed with another key is dropped: the cell would change the greeting if it ran.
forger = Session(key=b"not-the-key", username="mallory")
forger.send(kc.shell_channel.socket, "execute_request",
            {"code": 'Greeter.template = "forged %s"', "silent": False, "store_history": True,
             "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
try:
    kc.get_shell_msg(timeout=3)
    seen["forged_answered"] = True
except queue.Empty:
    seen["forged_answered"] = False
seen["template_after_forgery"] = execute("Greeter.template")

# Magics: another session, threads, a trace that shows the call an HTTP request makes, a trace ended by an interrupt.
seen["session_switch"] = execute("%session scratch")
seen["declared_in_scratch"] = execute("int onlyInScratch = 7;")
execute("%session main")
seen["main_lacks_it"] = execute("onlyInScratch")
seen["threads"] = execute("%threads")


def traced(code, while_armed):
    """Runs a tracing magic; once it says it is tracing, calls while_armed; the cell's outputs and reply."""
    msg_id = kc.execute(code)
    outputs = []
    while True:
        message = kc.get_iopub_msg(timeout=60)
        if message["parent_header"].get("msg_id") != msg_id:
            continue
        outputs.append({"type": message["msg_type"], "content": message["content"]})
        if message["msg_type"] == "stream" and "interrupt the cell" in message["content"]["text"]:
            while_armed()
        if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
            return {"outputs": outputs, "reply": shell_reply(msg_id)["content"]}


seen["trace"] = traced("%trace Greeter::greet --count 1", lambda: urllib.request.urlopen(
    "http://127.0.0.1:%s/greet?name=Notebook" % http_port).read())
seen["trace_interrupted"] = traced("%trace Greeter::greet --count 5", km.interrupt_kernel)

# Shutdown ends the kernel, not the service; the cell it was running ends with it.
await_stream(kc.execute('System.out.println("looping"); while (true) {}'), "looping")
kc.shutdown()
deadline = time.time() + 30
while km.is_alive() and time.time() < deadline:
    time.sleep(0.2)
seen["kernel_alive_after_shutdown"] = km.is_alive()
kc.stop_channels()
print(json.dumps(seen))
