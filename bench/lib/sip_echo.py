#!/usr/bin/env python3
"""The harness ceiling: the cheapest possible SIP "server" on UDP. Each request comes back as
its own text with the request line replaced by "SIP/2.0 200 OK" (same Via, Call-ID, CSeq), so
sipp counts it as the 200 it waits for. sipp against this measures sipp, not a server.
Usage: sip_echo.py PORT  (binds 127.0.0.1 only)"""
import socket
import sys

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
sock.bind(("127.0.0.1", int(sys.argv[1])))
recv, send = sock.recvfrom, sock.sendto
while True:
    data, peer = recv(65535)
    end = data.find(b"\r\n")
    if end > 0 and not data.startswith(b"SIP/2.0"):
        send(b"SIP/2.0 200 OK" + data[end:], peer)
