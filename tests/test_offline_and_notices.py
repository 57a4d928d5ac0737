"""The suite runs offline, and no notebook gives medical or dosing advice."""

import re
import socket
import subprocess
import sys
import urllib.request

import pytest

from ketamine_moa.build import notebook_sources, read_source

SOURCES = notebook_sources()
NOTICE = re.compile(r"Educational use only.*not\s+medical advice.*no dosing recommendations", re.S)
#: Phrases that would turn an explanation into advice about treatment or doses.
ADVICE = re.compile(
    r"\b(you should (take|start|stop|use|try|ask for)|we recommend|is recommended for you|"
    r"recommended dose|the right dose for you|ask your doctor for|best dose|safe dose is|"
    r"dose you need|treat yourself|self-medicat)", re.I)


def test_network_is_blocked_in_the_test_process():
    with pytest.raises(OSError, match="network access blocked"):
        urllib.request.urlopen("http://example.org", timeout=5)
    with pytest.raises(OSError, match="network access blocked"):
        socket.create_connection(("93.184.216.34", 80), timeout=5)


def test_network_is_blocked_in_child_processes_and_loopback_is_open():
    code = ("import socket\n"
            "try:\n    socket.create_connection(('93.184.216.34', 80), timeout=5)\n"
            "except OSError as e:\n    print('blocked' if 'blocked' in str(e) else 'other')\n"
            "server = socket.socket(); server.bind(('127.0.0.1', 0)); server.listen()\n"
            "client = socket.create_connection(server.getsockname(), timeout=5); "
            "print('loopback ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["blocked", "loopback", "ok"], out.stderr


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.stem)
def test_every_notebook_carries_the_notice_and_no_advice(source):
    nb = read_source(source)
    assert NOTICE.search(nb.cells[-1].source)
    text = "\n".join(cell.source for cell in nb.cells)
    found = ADVICE.findall(text)
    assert not found, f"{source.stem}: phrases that read as advice: {found}"
    assert re.search(r"not (medical|a dosing|dosing) (advice|guide)|not medical advice", text, re.I)
