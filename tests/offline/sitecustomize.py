"""Loaded by every Python process the notebook tests start: no network but this machine.

A lesson must run with no internet. Any attempt to reach another host raises
ConnectionRefusedError at once, so a notebook that needs the network fails its test even on a
machine that is online. Loopback stays open: Jupyter talks to its kernels through it.
"""

import ipaddress
import socket

_connect = socket.socket.connect
_getaddrinfo = socket.getaddrinfo


def _is_local(host) -> bool:
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _guarded_connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
        raise ConnectionRefusedError(f"offline test: no network access to {address[0]}")
    return _connect(self, address)


def _guarded_getaddrinfo(host, *args, **kwargs):
    name = host.decode() if isinstance(host, bytes) else host
    if not _is_local(name):
        raise socket.gaierror(f"offline test: no name lookups ({name})")
    return _getaddrinfo(host, *args, **kwargs)


socket.socket.connect = _guarded_connect
socket.getaddrinfo = _guarded_getaddrinfo
