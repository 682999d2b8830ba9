#!/usr/bin/env python3
"""Response times on the wire, with the kernel's microsecond timestamps (sipp's own response
times are whole milliseconds, too coarse on loopback). Captures UDP on the loopback interface
(root, inside the benchmark's network namespace) and, per Call-ID, takes the time from the
caller's first request (source port CALLER_PORT) to the first response with status CODE
sent to it. On SIGTERM/SIGINT prints: samples=N p50_us=X p99_us=Y.
Usage: latency_sniffer.py CALLER_PORT CODE READY_FILE  (READY_FILE is created once capturing)"""
import signal
import socket
import struct
import sys

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4
SO_TIMESTAMPNS = 35
caller_port = int(sys.argv[1])
status = b"SIP/2.0 " + sys.argv[2].encode() + b" "

sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 << 20)
sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
sock.bind(("lo", 0))
sock.settimeout(0.2)  # so a SIGTERM is noticed even when no packet comes
open(sys.argv[3], "w").close()

sent = {}       # Call-ID -> time of the caller's first request
latencies = []  # microseconds
running = True


def stop(*_):
    global running
    running = False


signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, stop)


def call_id(payload):
    start = payload.find(b"\r\nCall-ID:")
    if start < 0:
        start = payload.find(b"\r\ni:")
    if start < 0:
        return None
    start = payload.find(b":", start + 2) + 1
    end = payload.find(b"\r\n", start)
    return payload[start:end].strip()


while running:
    try:
        data, ancillary, _, address = sock.recvmsg(65600, 64)
    except (InterruptedError, socket.timeout):
        continue
    # Loopback shows each packet twice (going out, coming in): keep the incoming copy.
    if address[2] == PACKET_OUTGOING or len(data) < 14 + 28 or data[12:14] != b"\x08\x00":
        continue
    ip_header = (data[14] & 0x0F) * 4
    if data[14 + 9] != 17:  # UDP only
        continue
    udp = 14 + ip_header
    source_port, destination_port = struct.unpack_from("!HH", data, udp)
    payload = data[udp + 8:]
    when = None
    for level, kind, value in ancillary:
        if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS:
            seconds, nanoseconds = struct.unpack("qq", value[:16])
            when = seconds * 1_000_000 + nanoseconds / 1000
    if when is None:
        continue
    if source_port == caller_port and not payload.startswith(b"SIP/2.0"):
        key = call_id(payload)
        if key is not None and key not in sent:
            sent[key] = when
    elif destination_port == caller_port and payload.startswith(status):
        key = call_id(payload)
        began = sent.pop(key, None) if key is not None else None
        if began is not None:
            latencies.append(when - began)

latencies.sort()


def percentile(fraction):
    if not latencies:
        return 0
    return round(latencies[min(len(latencies) - 1, int(fraction * len(latencies)))])


print(f"samples={len(latencies)} p50_us={percentile(0.50)} p99_us={percentile(0.99)}")
