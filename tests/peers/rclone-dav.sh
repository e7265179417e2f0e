# `rclone serve webdav` peer for the tests (sourced): a local folder served
# over HTTPS with a test CA (tls.sh) behind basic authentication (an
# htpasswd file, so the password is on no command line).  A second rclone
# serves the same folder in plain HTTP for the fault-injecting proxy (its
# locks are its own: rclone keeps them in memory).  Needs: rclone,
# apache2-utils, openssl, python3.
#
#   rclone_start DIR USER PASSWORD   start it; DIR holds everything
#   rclone_stop                      stop it (also safe in a trap)
# Sets the same variables as dav_start (apache-dav.sh): DAV_URL,
# DAV_ROOT, DAV_CA, DAV_OTHER_CA, DAV_WWW (here the same URL as DAV_URL:
# rclone has no anonymous view), DAV_PORT, DAV_HTTP_PORT, DAV_PID, DAV_LOG
# (rclone's debug log: one "METHOD PATH" line per request, see rclone_log).
#
# What it does (1.60): DAV class 1,2 with LOCK (golang.org/x/net/webdav);
# a MOVE carrying If: <dst> (["etag"]) is refused with 412.

. "$STUDIO_SRC/tests/peers/tls.sh"

rclone_start() {
	_d=$1
	mkdir -p "$_d/root" "$_d/logs" || return 1
	make_tls "$_d/tls" && make_htpasswd "$_d/htpasswd" "$2" "$3" || return 1
	DAV_PORT=$(free_port)
	DAV_HTTP_PORT=$(free_port)
	# --dir-cache-time 0s: a file the tests write into the folder directly
	# is seen at once (rclone caches directory listings for 5 min).
	_rc="rclone serve webdav $_d/root --config /dev/null --baseurl /dav --htpasswd $_d/htpasswd --dir-cache-time 0s"
	$_rc --addr "127.0.0.1:$DAV_PORT" --cert "$_d/tls/server.crt" --key "$_d/tls/server.key" \
		-vv --log-file "$_d/logs/rclone.log" > "$_d/logs/stdout.log" 2>&1 &
	DAV_PID=$!
	$_rc --addr "127.0.0.1:$DAV_HTTP_PORT" --log-file "$_d/logs/rclone-http.log" \
		> "$_d/logs/stdout-http.log" 2>&1 &
	RCLONE_HTTP_PID=$!
	peer_up "$DAV_PID" "$_d" "$_d/logs/rclone.log" rclone "https://$2:$3@127.0.0.1:$DAV_PORT/dav/"
	DAV_WWW=$DAV_URL
}

rclone_stop() {
	peer_stop
	DAV_PID=${RCLONE_HTTP_PID:-}
	peer_stop
	RCLONE_HTTP_PID=
}
