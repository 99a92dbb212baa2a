"""A notebook cell's round trip through hotline kernel, timed as a front end sees it: from sending the
execute_request until both its execute_reply and the iopub idle status for it have arrived. jupyter_client
(Debian's python3) starts the kernel from its kernelspec; the cells go over plain pyzmq sockets signed by
jupyter_client's Session, so the figure is the kernel's and the wire's, not the blocking client's event loop.

Usage: kernel_roundtrip.py KERNEL_NAME WARMUP N [CODE] (kernelspec through JUPYTER_PATH; CODE default 1+1).
Prints p50 and p99 in ms.
"""
import sys
import time

import jupyter_client
import zmq

kernel_name, warmup, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
code = sys.argv[4] if len(sys.argv) > 4 else "1+1"
km = jupyter_client.KernelManager(kernel_name=kernel_name)
km.start_kernel()
session = km.session
context = zmq.Context()
shell = context.socket(zmq.DEALER)
shell.connect("tcp://%s:%d" % (km.ip, km.shell_port))
iopub = context.socket(zmq.SUB)
iopub.setsockopt(zmq.SUBSCRIBE, b"")
iopub.connect("tcp://%s:%d" % (km.ip, km.iopub_port))


def request(msg_type, content):
    """Sends a request and waits for its reply and for the kernel to be idle again; the seconds it took."""
    t0 = time.perf_counter()
    msg_id = session.send(shell, msg_type, content)["header"]["msg_id"]
    replied = idle = False
    while not (replied and idle):
        if not replied and shell.poll(0):
            replied = session.recv(shell)[1]["parent_header"].get("msg_id") == msg_id
        elif not idle and iopub.poll(0):
            message = session.recv(iopub)[1]
            idle = (message["parent_header"].get("msg_id") == msg_id and message["msg_type"] == "status"
                    and message["content"]["execution_state"] == "idle")
        else:
            zmq.select([shell, iopub], [], [], 30)
    return (time.perf_counter() - t0) * 1000


deadline = time.time() + 60
while True:  # the kernel is up once it answers; iopub subscriptions take a moment too
    try:
        request("kernel_info_request", {})
        break
    except Exception:
        if time.time() > deadline:
            raise
        time.sleep(0.2)
cell = {"code": code, "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False,
        "stop_on_error": True}
for _ in range(warmup):
    request("execute_request", cell)
times = sorted(request("execute_request", cell) for _ in range(n))
print("%.2f %.2f" % (times[n // 2], times[min(n - 1, n * 99 // 100)]))
km.shutdown_kernel(now=True)
