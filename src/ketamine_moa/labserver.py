"""The project's one JupyterLab server setting in code: kernel websockets without Nagle's delay.

jupyter-server leaves tornado's default on a kernel's websocket: Nagle's algorithm, which holds a
message back while an earlier one is unacknowledged. A demo's move sends, in a few milliseconds,
the kernel's small "busy" status and echo, then the picture, then "idle"; the browser delays its
acknowledgement of the small messages (TCP delayed ACK), so the picture waited on the socket.
Traced with ``benchmarks/trace_latency.py`` (notebook 00, 20 presses a run, load average 3-11 on
2 cores): server write -> page receipt, medians 8-26 ms over 6 runs (19 ms typical) without,
5-16 ms over 5 runs (8 ms typical) with no-delay on. jupyter-config/ names this
class as ``ServerApp.kernel_websocket_connection_class``; nothing else differs from
jupyter-server's own connection.
"""

from __future__ import annotations

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection


class NoDelayKernelConnection(ZMQChannelsWebsocketConnection):
    """jupyter-server's kernel websocket connection with TCP_NODELAY on its socket."""

    def connect(self):
        self.websocket_handler.set_nodelay(True)
        return super().connect()
