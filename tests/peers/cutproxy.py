#!/usr/bin/env python3
"""A forwarding TCP proxy that injects faults, for the publish tests.

    cutproxy.py PORT_FILE UPSTREAM_PORT MODE

Listens on 127.0.0.1 (a free port, written to PORT_FILE once listening) and
forwards each connection to 127.0.0.1:UPSTREAM_PORT.  MODE:
    pass                 forward everything
    cut:N:K              the K-th request with a Content-Length of N bytes or
                         more is closed (both sides) once N bytes of it went
                         upstream; once only, later requests pass
    nocookie:N:K         drop the Cookie header of the K-th request with a
                         Content-Length of N bytes or more (a lost session)
    status:CODE:K[:MATCH] answer the first K requests whose head contains
                         MATCH (or whose MediaWiki action is MATCH, written
                         action=NAME) with HTTP CODE (Retry-After: 1 for 429/503),
                         after reading their body; then pass
    maxlag:K[:MATCH]     the same, but with MediaWiki's own maxlag answer
                         (HTTP 200, Retry-After: 1, X-Database-Lag, an
                         "errors" reply with code "maxlag", as
                         ApiMain::checkMaxLag sends it with formatversion=2
                         and errorformat=plaintext)
    bare:CODE:K[:MATCH]  as status, but without Retry-After
    lose:K[:MATCH]       the K-th request whose head or body (read whole when
                         under 1 MB) contains MATCH (or whose MediaWiki action
                         is MATCH, written action=NAME) goes upstream whole; its
                         answer is read and thrown away, then the client's
                         connection is closed (the server did the work, the
                         client never hears of it); once only
    hold:SECONDS:K[:MATCH] the first K requests whose head or body contains
                         MATCH go upstream whole; their answer is held
                         SECONDS before it is passed on (past the client's
                         timeout, the client has given up by then)
    badtoken:K[:MATCH]   the K-th request carrying a CSRF token (a "token"
                         form field, read whole when under 1 MB) whose head or
                         MediaWiki action is MATCH gets its token spoiled (same
                         length, so MediaWiki answers "badtoken")
    hook:MATCH           the first request whose head or body (read whole when
                         under 1 MB) contains MATCH waits until the shell
                         command in $CUTPROXY_HOOK has run, then passes: a
                         concurrent change made at a chosen moment (php -S
                         closes every connection, so each request is the
                         first of its connection and is seen here)
Each fault is logged on stderr, and every request as "cutproxy: request
METHOD PATH [action=ACTION]" (the MediaWiki action when the body is read).
Plain HTTP only: it reads request heads.
"""
import os, re, socket, subprocess, sys, threading, time

lock = threading.Lock()
log_lock = threading.Lock()


def say(line):
    """One whole line on stderr (the log the tests read): the connection
    threads log at the same moments, and print() writes the text and its
    newline separately, so two lines could merge into one."""
    with log_lock:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
state = {"cuts": 0, "big": 0, "statuses": 0, "hooked": 0, "seen": 0}


def read_head(sock):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return None, b""
        data += chunk
    head, rest = data.split(b"\r\n\r\n", 1)
    return head + b"\r\n\r\n", rest


def one_request(head):
    """HEAD with "Connection: close": the server then closes after its
    answer and the client opens a new connection for its next request, so
    every request is the first of its connection and is seen here (the
    proxy reads only that one; nginx, lighttpd and rclone keep connections
    alive otherwise)."""
    lines = [l for l in head[:-4].split(b"\r\n") if not l.lower().startswith(b"connection:")]
    return b"\r\n".join(lines + [b"Connection: close"]) + b"\r\n\r\n"


def content_length(head):
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return int(line.split(b":", 1)[1])
    return 0


def read_body(sock, head, rest):
    """The whole body when it is under 1 MB (REST is what came with the
    head), else REST unchanged."""
    left = content_length(head) - len(rest)
    if content_length(head) >= (1 << 20):
        return rest
    while left > 0:
        chunk = sock.recv(min(left, 65536))
        if not chunk:
            break
        rest += chunk
        left -= len(chunk)
    return rest


def log_request(head, body):
    """Logs the request; returns "action=ACTION" (b"" when unknown), which
    a MATCH may name."""
    line = head.split(b"\r\n", 1)[0].rsplit(b" ", 1)[0].decode("latin-1")
    m = re.search(rb'name="action"\r\n\r\n([a-z]+)', body)
    extra = b"action=" + m.group(1) if m else b""
    say("cutproxy: request %s %s" % (line, extra.decode()))
    return extra


def exchange(client, upstream_port, head, rest, hold=0.0, lose=False):
    """Send the whole request (HEAD, REST and the rest of its body from
    CLIENT) upstream, read the whole answer, and pass it on after HOLD
    seconds, or drop it and close the client when LOSE."""
    up = socket.create_connection(("127.0.0.1", upstream_port))
    up.sendall(head + rest)
    left = content_length(head) - len(rest)
    while left > 0:
        chunk = client.recv(min(left, 65536))
        if not chunk:
            break
        up.sendall(chunk)
        left -= len(chunk)
    answer = b""
    while True:
        chunk = up.recv(65536)
        if not chunk:
            break
        answer += chunk
    up.close()
    if lose:
        say("cutproxy: lost the answer (%d bytes)" % len(answer))
    else:
        say("cutproxy: holding the answer %g s" % hold)
        time.sleep(hold)
        try:
            client.sendall(answer)
        except OSError:
            pass
    client.close()


def pump(src, dst, budget=None, count=None):
    """Copy src to dst; with budget, stop after that many bytes.  COUNT, a
    list, receives the number of bytes copied."""
    sent = 0
    try:
        while True:
            chunk = src.recv(65536)
            if not chunk:
                break
            if budget is not None and sent + len(chunk) >= budget:
                dst.sendall(chunk[: budget - sent])
                if count is not None:
                    count.append(budget)
                return True
            dst.sendall(chunk)
            sent += len(chunk)
    except OSError:
        pass
    finally:
        if count is not None and not count:
            count.append(sent)
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
    return False


def handle(client, upstream_port, mode):
    parts = mode.split(":")
    head, rest = read_head(client)
    if head is None:
        client.close()
        return
    head = one_request(head)
    # Small bodies are read whole (to match on them and log the action),
    # except when cutting, which must stream.
    if content_length(head) < (1 << 20) and parts[0] != "cut":
        rest = read_body(client, head, rest)
    action = log_request(head, rest)
    if parts[0] in ("lose", "hold"):
        nth = 1 if parts[0] == "lose" else 2
        match = parts[nth + 1].encode() if len(parts) > nth + 1 else b""
        if match in head + rest or match == action:
            with lock:
                state["seen"] += 1
                n = state["seen"]
            if (n == int(parts[1])) if parts[0] == "lose" else (n <= int(parts[2])):
                exchange(client, upstream_port, head, rest,
                         float(parts[1]) if parts[0] == "hold" else 0.0, parts[0] == "lose")
                return
    answers = parts[0] in ("status", "bare", "maxlag")
    nth = 2 if parts[0] in ("status", "bare") else 1
    match = parts[nth + 1].encode() if answers and len(parts) > nth + 1 else None
    hit = match is None or match in head or match == action
    if answers and hit:
        with lock:
            fire = state["statuses"] < int(parts[nth])
            state["statuses"] += fire
        if fire:
            left = content_length(head) - len(rest)
            while left > 0:
                chunk = client.recv(min(left, 65536))
                if not chunk:
                    break
                left -= len(chunk)
            if parts[0] == "maxlag":
                body = (b'{"errors":[{"code":"maxlag","text":"Waiting for 127.0.0.1: '
                        b'3 seconds lagged.","data":{"host":"127.0.0.1","lag":3,'
                        b'"type":"db"},"module":"main"}],"servedby":"cutproxy"}')
                say("cutproxy: answered maxlag")
                client.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                               b"Retry-After: 1\r\nX-Database-Lag: 3\r\n"
                               b"Content-Length: %d\r\nConnection: close\r\n\r\n%s"
                               % (len(body), body))
                client.close()
                return
            code = int(parts[1])
            extra = b"Retry-After: 1\r\n" if code in (429, 503) and parts[0] == "status" else b""
            # Logged first: the client may be gone, and the proxy killed,
            # as soon as it has the answer.
            say("cutproxy: answered %d" % code)
            client.sendall(b"HTTP/1.1 %d Injected\r\nContent-Length: 8\r\n%s"
                           b"Connection: close\r\n\r\ninjected" % (code, extra))
            client.close()
            return
    if parts[0] == "hook" and content_length(head) < (1 << 20):
        if parts[1].encode() in head + rest:
            with lock:
                fire = not state["hooked"]
                state["hooked"] = 1
            if fire:
                rc = subprocess.run(os.environ["CUTPROXY_HOOK"], shell=True,
                                    stdout=sys.stderr).returncode
                say("cutproxy: hook ran (exit %d)" % rc)
    if parts[0] == "badtoken" and (len(parts) < 3 or parts[2].encode() in head + rest
                                   or parts[2].encode() == action):
        m = re.search(rb'name="token"\r\n\r\n([0-9a-f]{8})', rest)
        with lock:
            state["seen"] += bool(m)
            spoil = m and state["seen"] == int(parts[1])
        if spoil:
            rest = rest[:m.start(1)] + b"00000000" + rest[m.end(1):]
            say("cutproxy: spoiled the token")
    if parts[0] == "nocookie" and content_length(head) >= int(parts[1]):
        with lock:
            state["big"] += 1
            drop = state["big"] == int(parts[2])
        if drop:
            head = b"\r\n".join(l for l in head.split(b"\r\n")
                                 if not l.lower().startswith(b"cookie:"))
            say("cutproxy: dropped the cookies")
    up = socket.create_connection(("127.0.0.1", upstream_port))
    budget = None
    if parts[0] == "cut" and content_length(head) >= int(parts[1]):
        with lock:
            state["big"] += 1
            if state["cuts"] == 0 and state["big"] == int(parts[2]):
                state["cuts"] = 1
                budget = int(parts[1])
    if budget is not None and len(head) + len(rest) >= budget:
        up.sendall((head + rest)[:budget])
        say("cutproxy: cut after %d bytes" % budget)
        up.close()
        client.close()
        return
    up.sendall(head + rest)
    back = threading.Thread(target=pump, args=(up, client), daemon=True)
    back.start()
    count = []
    cut = pump(client, up, None if budget is None else budget - len(head) - len(rest), count)
    say("cutproxy: forwarded %d bytes" % (len(head) + len(rest) + count[0]))
    if cut:
        say("cutproxy: cut after %d bytes" % budget)
        up.close()
        client.close()
    back.join()


def main():
    port_file, upstream, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(64)
    with open(port_file + ".tmp", "w") as f:
        f.write(str(srv.getsockname()[1]))
    os.rename(port_file + ".tmp", port_file)
    while True:
        client, _ = srv.accept()
        threading.Thread(target=handle, args=(client, upstream, mode), daemon=True).start()


if __name__ == "__main__":
    main()
