# Headless Chromium for the tests (sourced): Debian's chromium, a private
# profile, autoplay allowed (a page's script may call play()), virtual time
# so that a page's events run without waiting in real time.
#
#   chromium_dom URL OUT DIR   the DOM of URL after 10 s of virtual time in
#                              OUT (Chromium's own messages in OUT.log);
#                              DIR holds the profile
# The harness pages the tests load write what they measured into their DOM.

chromium_dom() {
	timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
		--autoplay-policy=no-user-gesture-required --user-data-dir="$3/chrome" \
		--virtual-time-budget=10000 --dump-dom "$1" > "$2" 2> "$2.log"
}
