# The fault-injecting proxy (cutproxy.py) for the tests (sourced).
#   proxy_start UPSTREAM_PORT MODE LOG   sets PROXY_PORT, PROXY_PID
#   proxy_stop
proxy_start() {
	_pf=$(mktemp -u "${TMPDIR:-/tmp}/proxy.XXXXXX")
	python3 "$STUDIO_SRC/tests/peers/cutproxy.py" "$_pf" "$1" "$2" 2> "$3" &
	PROXY_PID=$!
	for _i in $(seq 50); do
		[ -s "$_pf" ] && break
		sleep 0.1
	done
	PROXY_PORT=$(cat "$_pf" 2>/dev/null)
	rm -f "$_pf"
	[ -n "$PROXY_PORT" ]
}

proxy_stop() {
	if [ -n "${PROXY_PID:-}" ]; then
		kill "$PROXY_PID" 2>/dev/null
		wait "$PROXY_PID" 2>/dev/null || :
		PROXY_PID=
	fi
}
