# What every HTTPS test peer needs (sourced by apache-dav.sh, nginx-dav.sh,
# lighttpd-dav.sh, rclone-dav.sh): a free port, a test CA, a server
# certificate for 127.0.0.1 signed by it, an htpasswd file, and a wait for
# the server to answer.  Needs openssl, python3, curl, apache2-utils.
#
#   free_port                  a free TCP port on 127.0.0.1
#   make_ca DIR NAME           DIR/NAME.key, DIR/NAME.crt: a self-signed CA
#   make_tls DIR               DIR/ca.crt (the CA that signed the server's
#                              certificate), DIR/other.crt (a CA that signed
#                              nothing), DIR/server.key, DIR/server.crt
#                              (SAN IP:127.0.0.1), DIR/server.pem (both)
#   make_htpasswd FILE USER PASSWORD   an htpasswd file (MD5 "apr1", which
#                              Apache, nginx, lighttpd and rclone all read)
#   peer_up PID DIR LOG NAME [URL]   after a server serving DIR/root at /dav/
#                              (and /www/) on DAV_PORT was started as PID:
#                              sets DAV_PID, DAV_ROOT, DAV_CA, DAV_OTHER_CA,
#                              DAV_URL, DAV_WWW, DAV_LOG=LOG, and waits for
#                              it (on URL, DAV_WWW by default)
#   peer_stop                  stops DAV_PID (also safe in a trap)
#   peer_wait URL CA PID LOGDIR NAME   up to 5 s for URL to answer over TLS;
#                              on failure prints the logs and returns 1
#   peer_log_sync USER PASSWORD  the server's log written up to now (below)
#   www_reachable DIR          every folder above DIR searchable by others
#                              (servers running as www-data)

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

make_ca() {
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=studio test $2" \
		-keyout "$1/$2.key" -out "$1/$2.crt" >/dev/null 2>&1
}

make_tls() {
	mkdir -p "$1" && make_ca "$1" ca && make_ca "$1" other || return 1
	openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout "$1/server.key" \
		-out "$1/server.csr" >/dev/null 2>&1 &&
	printf 'subjectAltName=IP:127.0.0.1\n' > "$1/ext" &&
	openssl x509 -req -in "$1/server.csr" -CA "$1/ca.crt" -CAkey "$1/ca.key" \
		-CAcreateserial -days 2 -extfile "$1/ext" -out "$1/server.crt" \
		>/dev/null 2>&1 || return 1
	cat "$1/server.crt" "$1/server.key" > "$1/server.pem" &&
	chmod 0644 "$1/server.key" "$1/server.pem"
}

make_htpasswd() {
	htpasswd -bcm "$1" "$2" "$3" >/dev/null 2>&1 && chmod 0644 "$1"
}

peer_up() {
	DAV_PID=$1 DAV_ROOT=$2/root DAV_CA=$2/tls/ca.crt DAV_OTHER_CA=$2/tls/other.crt
	DAV_URL=https://127.0.0.1:$DAV_PORT/dav/ DAV_WWW=https://127.0.0.1:$DAV_PORT/www/
	DAV_LOG=$3
	peer_wait "${5:-$DAV_WWW}" "$DAV_CA" "$DAV_PID" "$2/logs" "$4"
}

peer_stop() {
	if [ -n "${DAV_PID:-}" ]; then
		kill "$DAV_PID" 2>/dev/null
		wait "$DAV_PID" 2>/dev/null || :
		DAV_PID=
	fi
}

peer_wait() {
	for _i in $(seq 50); do
		curl -s -o /dev/null --cacert "$2" "$1" && return 0
		kill -0 "$3" 2>/dev/null || break
		sleep 0.1
	done
	echo "# $5 did not start:"
	for _f in "$4"/*; do [ -f "$_f" ] && sed 's/^/#   /' "$_f"; done
	return 1
}

www_reachable() {
	_p=$1
	while [ "$_p" != / ]; do _p=$(dirname "$_p"); chmod o+x "$_p" 2>/dev/null; done
	return 0
}

# peer_log_sync USER PASSWORD: waits (up to 5 s) until the server's log
# (DAV_LOG) holds a request made now, so that counting the requests before
# it is not a race with the server's own buffering (lighttpd writes its
# access log about once a second).
peer_log_sync() {
	_m=studio-log-mark-$$-$(date +%s%N)
	curl -s -o /dev/null -u "$1:$2" --cacert "$DAV_CA" "$DAV_URL$_m"
	for _i in $(seq 50); do
		grep -q "$_m" "$DAV_LOG" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}
