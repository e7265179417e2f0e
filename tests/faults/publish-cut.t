#!/bin/sh
# Fault injection, studio-publish: connections cut at random byte offsets
# of WebDAV PUTs (Apache) and of chunked MediaWiki uploads (MediaWiki 1.39),
# and answers lost after the server did the work (the request went through
# whole, the connection closed before the answer: the client must not do
# it twice).  The proxy is tests/peers/cutproxy.py.  Every run must end
# published-and-verified, or with a clear error after which a plain re-run
# publishes; in both cases exactly the expected files, each once (WebDAV:
# no extra or temporary file left; MediaWiki: one file revision, no
# resume state left) and one session.json record per file.
# Short by default; FAULTS_FULL=1 for the counts in docs/RELIABILITY.md;
# FAULTS_SEED=N replays a run.
. "$STUDIO_SRC/tests/faults/publish-lib.sh"
faults_init 3 20
faults_peers cut-password-4242
MW_CHUNK=4096

# --- WebDAV: a PUT cut after a random number of bytes ----------------------------------------
for i in $(seq "$N"); do
	S="$T/Webcut$i"
	make_session "$S" "Webcut$i" 2
	big=$(stat -c %s "$S/renditions/web-720p.mp4")
	trial web "cut:$(rnd "webcut$i" 1 "$big"):1" "$S" && fired 'cut after'
	ok $? "webdav: PUT cut at a random offset ($i/$N)"
done

# --- WebDAV: the answer to a random request lost ------------------------------------------------
# A first publication sends about 26 requests, the LOCK of the site
# catalogue among them: its answer lost, the run finds its own lock through
# lockdiscovery and goes on (publish/dav_lock.c).
for i in $(seq "$N"); do
	S="$T/Weblost$i"
	make_session "$S" "Weblost$i" 2
	k=$(rnd "weblost$i" 1 26)
	trial web "lose:$k" "$S" && fired 'lost the answer'
	ok $? "webdav: the answer to a random request lost ($i/$N)"
done

# --- MediaWiki: a chunked upload cut after a random number of bytes of a random chunk ---------
for i in $(seq "$N"); do
	S="$T/Wikicut$i"
	make_session "$S" "Wikicut$i" 2
	trial movilab "cut:$(rnd "wikicut$i" 1 "$((MW_CHUNK + 600))"):$(rnd "wikichunk$i" 1 5)" "$S" && fired 'cut after'
	ok $? "mediawiki: chunk cut at a random offset ($i/$N)"
done

# --- MediaWiki: the answer to a random upload request (chunk or publish) lost -----------------
for i in $(seq "$N"); do
	S="$T/Wikilost$i"
	make_session "$S" "Wikilost$i" 2
	trial movilab "lose:$(rnd "wikilost$i" 1 9):action=upload" "$S" && fired 'lost the answer'
	ok $? "mediawiki: the answer to a random upload request lost ($i/$N)"
done

plan "$_tap_n"
done_testing
