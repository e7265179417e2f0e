# TAP helpers for the shell tests (sourced).  Each test file calls plan N,
# then ok/is/... once per check; done_testing checks the count.
# STUDIO_BIN is the folder of the binaries under test (the Makefile sets it).
: "${STUDIO_BIN:?STUDIO_BIN must name the folder of the studio binaries}"
STUDIO_SRC=${STUDIO_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
_tap_n=0
_tap_fail=0

plan() { echo "1..$1"; }

# ok CONDITION_STATUS DESCRIPTION: pass when the previous command's status
# (passed as $1) is 0.
ok() {
	_tap_n=$((_tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $_tap_n - $2"
	else
		echo "not ok $_tap_n - $2"
		_tap_fail=$((_tap_fail + 1))
	fi
}

# check DESCRIPTION COMMAND...: runs COMMAND, passes when it succeeds.
check() {
	_d=$1
	shift
	"$@" >/dev/null 2>&1
	ok $? "$_d"
}

# is GOT EXPECTED DESCRIPTION
is() {
	[ "$1" = "$2" ]
	_r=$?
	[ $_r -eq 0 ] || echo "# got '$1', expected '$2'"
	ok $_r "$3"
}

# fails_cleanly DESCRIPTION EXPECTED_PATTERN COMMAND...: COMMAND must exit
# non-zero with exactly one line on stderr matching EXPECTED_PATTERN.
fails_cleanly() {
	_d=$1
	_pat=$2
	shift 2
	_err=$("$@" 2>&1 >/dev/null)
	_rc=$?
	_lines=$(printf '%s\n' "$_err" | grep -c .)
	if [ $_rc -ne 0 ] && [ "$_lines" -eq 1 ] && printf '%s' "$_err" | grep -q -- "$_pat"; then
		ok 0 "$_d"
	else
		echo "# exit $_rc, stderr: $_err"
		ok 1 "$_d"
	fi
}

# nowarn CMD...: runs CMD — a studio-publish run whose target speaks plain
# http:// (a test peer without TLS, `insecure = yes`) — and passes on its
# stderr without the warning that the password goes unencrypted, which
# must be there: the checks of "one error line" then count the rest.
_clear_warn="warning: target '[A-Za-z0-9._-]*': the password is sent unencrypted over http://"
nowarn() {
	_nw=$(mktemp) || return 70
	"$@" 2> "$_nw"
	_rc=$?
	grep -q "$_clear_warn" "$_nw" || echo "studio-publish: no http:// warning" >&2
	grep -v "$_clear_warn" "$_nw" >&2
	rm -f "$_nw"
	return $_rc
}

# json_get FILE PYTHON_EXPR: prints the value of the expression applied to
# the parsed JSON document `d`.
json_get() {
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

# near A B TOLERANCE: true when |A-B| <= TOLERANCE.
near() {
	python3 -c 'import sys; a,b,t=map(float,sys.argv[1:]); sys.exit(abs(a-b)>t)' "$1" "$2" "$3"
}

done_testing() {
	[ $_tap_fail -eq 0 ]
}
