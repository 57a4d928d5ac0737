"""Where the time between a key press and new pixels goes, for one demo (a measurement).

Runs one notebook in JupyterLab + headless chromium (tests/lab_driver.py), then presses the
arrow key on a demo's first slider a number of times and stamps, on one wall clock (this machine):

  key      keydown in the page
  ws_out   the comm message with the new value handed to the browser's WebSocket
  k_in     the kernel's shell handler starts on it        (kernel, time.time())
  k_img    the kernel sends the widget update holding the new picture
  k_idle   the kernel sends its "idle" status for that message
  ws_in    the page's WebSocket receives the picture's update
  src      the image element gets its new blob URL          (MutationObserver)
  decoded  image.decode() resolves
  painted  the next animation frame after that

plus the server's receipt and sending of those messages (s_in, s_out, s_out_done, hooked in through
a jupyter_server_config.py in a temporary folder) and the kernel's IOPub thread handing the picture
to ZMQ (k_zmq). Gaps between the page's and the Python processes' clocks (Date.now() and
time.time(), one system clock) carry a few ms of scheduling noise on a loaded machine.
`python benchmarks/trace_latency.py [NN] [demo index] [presses]` prints the median of each step
and of the total; nothing is recorded. TRACE_NAGLE=1 runs the server's kernel websocket as
jupyter-server leaves it (Nagle's algorithm on), for comparison with the project's setting.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from lab_driver import (PANEL_SELECTOR, PROJECT_ROOT, chromium_page, jupyterlab,  # noqa: E402
                        open_lab, run_notebook, wait_for_panels)

# Stamps every WebSocket frame whose text names a comm_msg or a status (the JupyterLab kernel
# protocol, JSON or the v1 binary framing: both carry the header as JSON text).
WS_HOOK = """
(() => {
  const Native = window.WebSocket;
  window.__ws = [];
  const now = () => Date.now();
  const note = (dir, data) => {
    const t = now();
    let text;
    if (typeof data === 'string') text = data.slice(0, 4000);
    else {
      const bytes = new Uint8Array(data instanceof ArrayBuffer ? data : data.buffer || data);
      text = new TextDecoder('utf-8', {fatal: false}).decode(bytes.subarray(0, 4000));
    }
    const type = (text.match(/"msg_type":\\s*"(\\w+)"/) || [])[1];
    if (type !== 'comm_msg' && type !== 'status') return;
    const ids = [...text.matchAll(/"msg_id":\\s*"([^"]+)"/g)].map(m => m[1]);
    const state = (text.match(/"execution_state":\\s*"(\\w+)"/) || [])[1];
    const method = (text.match(/"method":\\s*"(\\w+)"/) || [])[1];
    const size = typeof data === 'string' ? data.length : (data.byteLength || data.size);
    window.__ws.push({dir, t, type, ids, state, method, size,
                      image: text.includes('"buffer_paths": [["value"]]')
                             || text.includes('"buffer_paths":[["value"]]')});
  };
  class Traced extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', event => note('in', event.data));
    }
    send(data) { note('out', data); return super.send(data); }
  }
  window.WebSocket = Traced;
})();
"""

KERNEL_HOOK = r"""
import time as _t
_ip = get_ipython().kernel
_ip.__trace = []
_orig_comm_msg = _ip.shell_handlers['comm_msg']
def _traced_comm_msg(*args, **kwargs):
    msg = args[-1]
    _ip.__trace.append(('k_in', _t.time(), msg['header']['msg_id']))
    result = _orig_comm_msg(*args, **kwargs)
    _ip.__trace.append(('k_done', _t.time(), msg['header']['msg_id']))
    return result
_ip.shell_handlers['comm_msg'] = _traced_comm_msg
_orig_send = _ip.session.send
def _traced_send(stream, msg_or_type, content=None, parent=None, *args, **kwargs):
    kind = msg_or_type if isinstance(msg_or_type, str) else msg_or_type['header']['msg_type']
    parent_id = (parent or {}).get('header', {}).get('msg_id')
    buffers = kwargs.get('buffers')
    if kind == 'comm_msg' and buffers:
        _ip.__trace.append(('k_img', _t.time(), parent_id))
    elif kind == 'status' and (content or {}).get('execution_state') == 'idle':
        _ip.__trace.append(('k_idle', _t.time(), parent_id))
    return _orig_send(stream, msg_or_type, content, parent, *args, **kwargs)
_ip.session.send = _traced_send
import json as _json
_thread = _ip.iopub_thread
_orig_really = _thread._really_send
def _traced_really(msg, *args, **kwargs):
    try:
        i = next(n for n, part in enumerate(msg) if bytes(part) == b"<IDS|MSG>")
        header, parent = _json.loads(bytes(msg[i + 2])), _json.loads(bytes(msg[i + 3]))
        if header["msg_type"] == "comm_msg" and len(msg) > i + 6:
            _ip.__trace.append(("k_zmq", _t.time(), parent.get("msg_id")))
    except Exception:
        pass
    return _orig_really(msg, *args, **kwargs)
_thread._really_send = _traced_really
"""

SERVER_HOOK = r"""
import json as _json, re as _re, time as _time
from jupyter_server.services.kernels.connection import channels as _channels
_log = open(__LOG__, "a", buffering=1)
_C = _channels.ZMQChannelsWebsocketConnection
_outgoing, _incoming = _C.handle_outgoing_message, _C.handle_incoming_message
def _bytes(part):
    return part.bytes if hasattr(part, "bytes") else bytes(part)
def handle_outgoing_message(self, stream, outgoing_msg):
    t0 = _time.time()
    _outgoing(self, stream, outgoing_msg)
    t1 = _time.time()
    try:
        _, parts = self.session.feed_identities(outgoing_msg)
        header, parent = _json.loads(_bytes(parts[1])), _json.loads(_bytes(parts[2]))
        if header["msg_type"] == "comm_msg" and len(parts) > 5:
            _log.write(_json.dumps(["s_out", t0, t1, parent.get("msg_id")]) + "\n")
    except Exception as error:
        _log.write(_json.dumps(["error", repr(error)]) + "\n")
def handle_incoming_message(self, incoming_msg):
    t0 = _time.time()
    result = _incoming(self, incoming_msg)
    text = (incoming_msg[:3000] if isinstance(incoming_msg, str)
            else bytes(incoming_msg[:3000]).decode("utf-8", "replace"))
    if '"comm_msg"' in text:
        ids = _re.findall(r'"msg_id":\s*"([^"]+)"', text)
        _log.write(_json.dumps(["s_in", t0, _time.time(), ids[0] if ids else None]) + "\n")
    return result
_C.handle_outgoing_message = handle_outgoing_message
_C.handle_incoming_message = handle_incoming_message
if __NAGLE__:  # TRACE_NAGLE=1: the kernel websocket as jupyter-server leaves it (for comparison)
    from jupyter_server.services.kernels.connection.channels import (
        ZMQChannelsWebsocketConnection as _Default)
    c.ServerApp.kernel_websocket_connection_class = _Default
"""

PAGE_KEY = """([image]) => ({done: new Promise(resolve => {
    const now = () => Date.now();
    const stamps = {};
    document.addEventListener('keydown', () => { stamps.key = now(); },
                              {once: true, capture: true});
    new MutationObserver((_, observer) => {
        observer.disconnect();
        stamps.src = now();
        image.decode().then(() => {
            stamps.decoded = now();
            requestAnimationFrame(() => { stamps.painted = now(); resolve(stamps); });
        });
    }).observe(image, {attributes: true, attributeFilter: ['src']});
})})"""


def kernel_exec(page, code: str) -> None:
    page.evaluate("""async code => {
        const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
        await kernel.requestExecute({code, silent: true, store_history: false}).done;
    }""", code)


def kernel_trace(page) -> list:
    return page.evaluate("""async () => {
        const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
        let out = '';
        const future = kernel.requestExecute({code: 'import json; print(json.dumps('
            + 'get_ipython().kernel.__trace)); get_ipython().kernel.__trace.clear()',
            silent: false, store_history: false});
        future.onIOPub = msg => { if (msg.header.msg_type === 'stream') out += msg.content.text; };
        await future.done;
        return out;
    }""")


def main(args: list[str]) -> int:
    notebook = args[0] if args else "00"
    index = int(args[1]) if len(args) > 1 else 0
    presses = int(args[2]) if len(args) > 2 else 12
    path = next((PROJECT_ROOT / "notebooks").glob(f"{notebook}_*.ipynb"))
    hook_dir = Path(tempfile.mkdtemp(prefix="ketamine_moa_trace_"))
    server_log = hook_dir / "server.log"
    (hook_dir / "jupyter_server_config.py").write_text(
        SERVER_HOOK.replace("__LOG__", repr(str(server_log))).replace(
            "__NAGLE__", repr(os.environ.get("TRACE_NAGLE") == "1")))
    os.environ["JUPYTER_CONFIG_PATH"] = str(hook_dir)  # before the project's (lab_driver)
    with jupyterlab() as (base, token), chromium_page() as page:
        page.add_init_script(WS_HOOK)
        open_lab(page, base, token)
        print("lab open", flush=True)
        run_notebook(page, f"notebooks/{path.name}")
        wait_for_panels(page, index + 1)
        print("notebook ran", flush=True)
        kernel_exec(page, KERNEL_HOOK)
        print("kernel hooked", flush=True)
        panel = page.locator(f".jp-NotebookPanel:not(.lm-mod-hidden) {PANEL_SELECTOR}").nth(index)
        panel.scroll_into_view_if_needed()
        handle = panel.locator(".widget-slider .noUi-handle").first
        image = panel.locator(".widget-image").first
        rows = []
        for press in range(presses + 1):
            handle.focus()
            page.evaluate("() => { window.__ws.length = 0; }")
            waiter = page.evaluate_handle(PAGE_KEY, [image.element_handle()])
            at_end = handle.get_attribute("aria-valuenow") == handle.get_attribute(
                "aria-valuemax")
            key = "ArrowLeft" if at_end or press % 4 >= 2 else "ArrowRight"
            page.keyboard.press(key)
            stamps = page.evaluate("w => Promise.race([w.done, new Promise((_, no) => "
                                   "setTimeout(() => no(new Error('no new picture')), 10000))])",
                                   waiter)
            time.sleep(0.3)
            stamps["ws"] = page.evaluate("() => window.__ws.slice()")
            rows.append(stamps)
        print("image shown at", image.evaluate("im => [im.clientWidth, im.clientHeight, "
                                               "im.naturalWidth, im.naturalHeight, "
                                               "devicePixelRatio]"), flush=True)
        trace = json.loads(kernel_trace(page).strip().splitlines()[-1])
    kernel = {}
    for step, t, msg_id in trace:
        kernel.setdefault(msg_id, {}).setdefault(step, t * 1000)
    for line in server_log.read_text().splitlines():
        event = json.loads(line)
        if event[0] == "s_out":
            kernel.setdefault(event[3], {}).setdefault("s_out", event[1] * 1000)
            kernel[event[3]].setdefault("s_out_done", event[2] * 1000)
        elif event[0] == "s_in":
            kernel.setdefault(event[3], {}).setdefault("s_in", event[1] * 1000)
        else:
            print(event)
    steps = []
    for stamps in rows[1:]:  # the first press warms up
        out = next((m for m in stamps["ws"] if m["dir"] == "out" and m["type"] == "comm_msg"),
                   None)
        if out is None:
            continue
        msg_id = out["ids"][0]
        k = kernel.get(msg_id, {})
        back = next((m for m in stamps["ws"] if m["dir"] == "in" and m["type"] == "comm_msg"
                     and m["image"]), None)
        idle_in = next((m for m in stamps["ws"] if m["dir"] == "in" and m["state"] == "idle"
                        and msg_id in m["ids"]), None)
        row = {"key": stamps["key"], "ws_out": out["t"], "s_in": k.get("s_in"),
               "k_in": k.get("k_in"), "k_img": k.get("k_img"), "k_zmq": k.get("k_zmq"),
               "s_out": k.get("s_out"), "s_out_done": k.get("s_out_done"),
               "k_idle": k.get("k_idle"),
               "ws_in": back["t"] if back else None, "src": stamps["src"],
               "decoded": stamps["decoded"], "painted": stamps["painted"],
               "idle_in": idle_in["t"] if idle_in else None,
               "size": back["size"] if back else None}
        steps.append(row)
    order = ["key", "ws_out", "s_in", "k_in", "k_img", "k_zmq", "s_out", "s_out_done", "ws_in",
             "src", "decoded", "painted"]
    print(f"{len(steps)} presses on notebook {notebook} demo {index}")
    for a, b in zip(order, order[1:]):
        gaps = [r[b] - r[a] for r in steps if r[a] is not None and r[b] is not None]
        if gaps:
            print(f"  {a:>8} -> {b:<8} median {statistics.median(gaps):7.1f} ms   "
                  f"min {min(gaps):7.1f}  max {max(gaps):7.1f}")
    totals = [r["painted"] - r["key"] for r in steps]
    print(f"  key -> painted median {statistics.median(totals):.1f} ms; picture message "
          f"{statistics.median([r['size'] for r in steps if r['size']]) / 1000:.0f} kB")
    kidle = [r["k_idle"] - r["k_img"] for r in steps if r["k_idle"] and r["k_img"]]
    if kidle:
        print(f"  kernel: picture sent -> idle sent median {statistics.median(kidle):.1f} ms")
    idle = [r["idle_in"] - r["ws_in"] for r in steps if r["idle_in"] and r["ws_in"]]
    if idle:
        print(f"  picture -> idle status in page median {statistics.median(idle):.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
