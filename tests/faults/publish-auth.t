#!/bin/sh
# Fault injection, studio-publish: credentials.  Wrong passwords (random,
# real 401 from Apache, real refusals from MediaWiki 1.39) and 401/403
# answers injected on a random kind of request: one clear error, EX_CONFIG,
# no retry (exactly one refused request), and after it a run with the right
# credentials publishes, nothing duplicated.  Stale MediaWiki sessions: a
# CSRF token spoiled (MediaWiki answers badtoken) or the session cookie
# dropped on a random upload request: logged in again once, published and
# verified, one file revision.
# Short by default; FAULTS_FULL=1 for the counts in docs/RELIABILITY.md;
# FAULTS_SEED=N replays a run.
. "$STUDIO_SRC/tests/faults/publish-lib.sh"
faults_init 2 20
faults_peers auth-password-4242
MW_CHUNK=4096

# wrong KEY: a random wrong password, half of them shaped like a bot
# password (32 characters of 0-9a-w), the others not.
wrong() {
	python3 -c 'import random,sys; r=random.Random(sys.argv[1]); a="0123456789abcdefghijklmnopqrstuvw"
print("".join(r.choice(a) for _ in range(32)) if r.random() < .5 else "Faux-" + "".join(r.choice(a + "XYZ!?") for _ in range(r.randint(1, 20))))' \
		"$FAULTS_SEED/$1"
}

# refused KIND I ENV_NAME: a wrong password through a passing proxy.
refused() {
	rk=$1 ri=$2
	S="$T/Refus$rk$ri"
	make_session "$S" "Refus$rk$ri" 1
	if [ "$rk" = web ]; then
		proxy_start "$DAV_HTTP_PORT" pass "$T/proxy.log"
		dav_conf "$T/publish.ini" "$PROXY_PORT" "retries = 3"
	else
		proxy_start "$MW_PORT" pass "$T/proxy.log"
		mw_conf "$T/publish.ini" "http://127.0.0.1:$PROXY_PORT/api.php" "retries = 3"
	fi
	rpw=$(wrong "$rk$ri")
	env "$3=$rpw" timeout 600 "$PUB" "$S" --to "$rk" --config "$T/publish.ini" --quiet \
		> "$T/out" 2> "$T/err"
	rrc=$?
	proxy_stop
	echo "# $rk wrong password '$rpw': $(outcome "$rrc" "$T/err")"
	[ "$rrc" -eq 78 ] && clear_error "$rrc" "$T/err" || return 1
	if [ "$rk" = web ]; then
		rn=$(grep -c 'cutproxy: request' "$T/proxy.log")
	else
		rn=$(grep -c 'action=login' "$T/proxy.log")
	fi
	[ "$rn" -eq 1 ] || { echo "# $rn refused requests, expected 1"; return 1; }
	! grep -qF -- "$rpw" "$T/err" "$T/out" "$S/session.json"
}

for i in $(seq "$N"); do
	refused web "$i" STUDIO_PASSWORD_WEB
	ok $? "webdav: a wrong password, one clear error, one request ($i/$N)"
done
for i in $(seq "$N"); do
	refused movilab "$i" STUDIO_PASSWORD_MOVILAB
	ok $? "mediawiki: a wrong password, one clear error, one login ($i/$N)"
done

# denied KIND I MATCHES: 401 or 403 injected on a random kind of request.
denied() {
	_k=$1 _i=$2
	shift 2
	S="$T/Denied$_k$_i"
	make_session "$S" "Denied$_k$_i" 2
	trial "$_k" "status:$(pick "code$_k$_i" 401 403):1:$(pick "match$_k$_i" "$@")" "$S" \
		"retries = 3" || return 1
	[ "$TRIAL_RC" -eq 78 ] && [ "$(grep -c answered "$T/proxy.log")" -eq 1 ] &&
		grep -q 'access refused' "$T/err"
}

for i in $(seq "$N"); do
	denied web "$i" MKCOL HEAD PUT MOVE LOCK
	ok $? "webdav: 401/403 on a random request: not retried, clear error ($i/$N)"
done
for i in $(seq "$N"); do
	denied movilab "$i" action=query action=login action=upload
	ok $? "mediawiki: 401/403 on a random request: not retried, clear error ($i/$N)"
done

# stale MODE KIND I: a stale session on a random upload request (nocookie:
# only chunks are 4000 bytes or more); one new login.
stale() {
	S="$T/Stale$2$3"
	make_session "$S" "Stale$2$3" 2
	trial movilab "$1" "$S" || return 1
	_logins=$(grep -c 'action=login' "$T/proxy.log")
	[ "$TRIAL_RC" -eq 0 ] && [ "$_logins" -eq 2 ] ||
		{ echo "# exit $TRIAL_RC, $_logins logins"; return 1; }
}

for i in $(seq "$N"); do
	stale "badtoken:$(rnd "badtoken$i" 1 8):action=upload" badtoken "$i" && fired 'spoiled the token'
	ok $? "mediawiki: a CSRF token refused (badtoken): one new login, published once ($i/$N)"
done
for i in $(seq "$N"); do
	stale "nocookie:4000:$(rnd "nocookie$i" 1 6)" nocookie "$i" && fired 'dropped the cookies'
	ok $? "mediawiki: the session cookie lost: one new login, published once ($i/$N)"
done

plan "$_tap_n"
done_testing
