"""Block network access outside this machine in every Python process the tests start.

The test suite puts this folder on PYTHONPATH, so notebook kernels load it too. Loopback
stays open: Jupyter kernels and the browser test talk over 127.0.0.1.
"""

import socket

LOOPBACK = {"127.0.0.1", "::1", "localhost", "0.0.0.0"}
_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
_getaddrinfo = socket.getaddrinfo


def _host(address):
    return address[0] if isinstance(address, tuple) else address


def _refuse(address):
    raise OSError(f"network access blocked during tests: {address!r} is not on this machine")


def _guarded_connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and _host(address) not in LOOPBACK:
        _refuse(address)
    return _connect(self, address)


def _guarded_connect_ex(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and _host(address) not in LOOPBACK:
        _refuse(address)
    return _connect_ex(self, address)


def _guarded_getaddrinfo(host, *args, **kwargs):
    if host not in LOOPBACK and host is not None:
        _refuse(host)
    return _getaddrinfo(host, *args, **kwargs)


socket.socket.connect = _guarded_connect
socket.socket.connect_ex = _guarded_connect_ex
socket.getaddrinfo = _guarded_getaddrinfo
