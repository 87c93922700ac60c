#!/usr/bin/env bash
# Load test of `ctg serve` under attack, on the loopback only, bounded in time (issue 24,
# points 4–5): while hostile clients send 1 MB request lines, headers too long and requests a
# byte at a time (more connections than the server keeps), a normal client asks for the
# home page every 50 ms and the script prints how long each answer took.
#
#   bash scripts/charge-serve.sh [SECONDS] [CTG]     (default 10 s, .build/debug/ctg)
#
# It starts its own server on a free port of 127.0.0.1 over the example project, stops it
# and every client when done, and exits 1 if a page took 100 ms or more or was not served.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TOTAL=${1:-10}
CTG=${2:-.build/debug/ctg}
[ -x "$CTG" ] || { echo "ctg introuvable : $CTG (swift build d'abord)" >&2; exit 2; }
exec python3 - "$SECONDS_TOTAL" "$CTG" <<'PY'
import os, signal, socket, statistics, subprocess, sys, threading, time

duration = min(float(sys.argv[1]), 120.0)   # bounded whatever is asked
ctg = sys.argv[2]

def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port

port = free_port()
server = subprocess.Popen([ctg, "serve", ".", "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          start_new_session=True)
try:
    deadline = time.time() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.time() > deadline or server.poll() is not None:
                print("le serveur n'a pas démarré", file=sys.stderr); sys.exit(2)
            time.sleep(0.1)

    stop = time.time() + duration
    host = f"127.0.0.1:{port}"
    counts = {"414": 0, "431": 0, "lents": 0, "lents fermés": 0}
    lock = threading.Lock()

    def bump(k, n=1):
        with lock: counts[k] += n

    def oversize(kind):
        line = b"GET /" + b"a" * (1 << 20) + b" HTTP/1.1\r\nHost: " + host.encode() + b"\r\n\r\n"
        headers = b"GET / HTTP/1.1\r\nHost: " + host.encode() + b"\r\nX-Long: " + b"b" * (1 << 20) + b"\r\n\r\n"
        payload = line if kind == "414" else headers
        while time.time() < stop:
            try:
                s = socket.create_connection(("127.0.0.1", port), timeout=5)
                try:
                    s.sendall(payload)
                except OSError:
                    pass
                answer = s.recv(64)
                if answer.startswith(b"HTTP/1.1 " + kind.encode()): bump(kind)
                s.close()
            except OSError:
                time.sleep(0.01)

    def slowloris():
        # 100 connections (the server keeps 64), a byte each every 0.5 s, reopened when dropped.
        conns = []
        request = b"GET / HTTP/1.1\r\nHost: " + host.encode() + b"\r\nX-Lent: " + b"x" * 10000
        while time.time() < stop:
            while len(conns) < 100:
                try:
                    s = socket.create_connection(("127.0.0.1", port), timeout=1)
                    s.setblocking(False)
                    conns.append([s, 0]); bump("lents")
                except OSError:
                    break
            for c in list(conns):
                try:
                    c[0].send(request[c[1]:c[1] + 1]); c[1] += 1
                except OSError:
                    conns.remove(c); c[0].close(); bump("lents fermés")
            time.sleep(0.5)
        for c in conns: c[0].close()

    attackers = [threading.Thread(target=oversize, args=("414",)), threading.Thread(target=oversize, args=("414",)),
                 threading.Thread(target=oversize, args=("431",)), threading.Thread(target=slowloris)]
    for t in attackers: t.daemon = True; t.start()
    time.sleep(0.5)   # let the attack start

    latencies, failures = [], 0
    request = f"GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode()
    while time.time() < stop:
        t0 = time.perf_counter()
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=2)
            s.sendall(request)
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk: break
                data += chunk
            s.close()
            ok = data.startswith(b"HTTP/1.1 200") and b"</html>" in data
        except OSError:
            ok = False
        elapsed = (time.perf_counter() - t0) * 1000
        if ok: latencies.append(elapsed)
        else: failures += 1
        time.sleep(0.05)
    for t in attackers: t.join(timeout=10)

    cpu = None
    try:
        with open(f"/proc/{server.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
            cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        pass
    latencies.sort()
    n = len(latencies)
    print(f"durée : {duration:.0f} s, port {port} (127.0.0.1)")
    print(f"attaque : {counts['414']} lignes de 1 Mo → 414, {counts['431']} en-têtes de 1 Mo → 431, "
          f"{counts['lents']} connexions lentes ouvertes, {counts['lents fermés']} fermées par le serveur")
    if n:
        p95 = latencies[min(n - 1, int(0.95 * n))]
        print(f"page d'accueil : {n} servies, {failures} échecs ; médiane {statistics.median(latencies):.1f} ms, "
              f"95e centile {p95:.1f} ms, maximum {latencies[-1]:.1f} ms")
    else:
        print(f"page d'accueil : aucune servie, {failures} échecs")
    if cpu is not None: print(f"temps processeur du serveur : {cpu:.1f} s")
    sys.exit(0 if n and failures == 0 and latencies[-1] < 100 else 1)
finally:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=5)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
PY
