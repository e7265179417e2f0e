# MediaWiki 1.39 peer for the tests (sourced): Debian's `mediawiki` package
# installed into a private folder with SQLite (maintenance/install.php) and
# served by PHP's built-in server; MediaWiki 1.39 reads its settings from
# the file named by MW_CONFIG_FILE, so nothing under /etc or
# /var/lib/mediawiki is written.  Needs: mediawiki, php-cli, php-sqlite3,
# php-intl, php-mbstring, php-xml, python3.
#
#   mw_start DIR       install and start; uploads enabled for
#                      webm/ogg/mp4/vtt/png/jpg; user Admin with a bot password
#   mw_stop
#   mw_bot_password APPID GRANTS PASSWORD   another bot password of Admin
#                      (Admin@APPID) with only GRANTS ("basic,editpage")
# Sets MW_API (http://127.0.0.1:PORT/api.php), MW_DB (the SQLite file),
# MW_USER (Admin), MW_PASS (the main password), MW_BOT_USER (Admin@studio),
# MW_BOT_PASS (32 characters of 0-9a-w, the form MediaWiki recognises as a
# bot password), MW_PID, MW_PORT.

MW_SRC=/var/lib/mediawiki

mw_free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

mw_start() {
	_w=$1 MW_DIR=$1
	mkdir -p "$_w/db" "$_w/images" "$_w/tmp" || return 1
	MW_PORT=$(mw_free_port)
	MW_USER=Admin MW_PASS=Main-password-for-tests-2026
	MW_BOT_USER=Admin@studio MW_BOT_PASS=0123456789abcdefghijklmnopqrstuvw
	php "$MW_SRC/maintenance/install.php" --dbtype=sqlite --dbpath="$_w/db" \
		--server="http://127.0.0.1:$MW_PORT" --scriptpath="" --confpath="$_w" \
		--pass="$MW_PASS" Movilab "$MW_USER" > "$_w/install.log" 2>&1 || {
		echo "# mediawiki install failed:"; sed 's/^/#   /' "$_w/install.log"; return 1; }
	cat >> "$_w/LocalSettings.php" <<PHP
\$wgEnableUploads = true;
\$wgFileExtensions = [ 'png', 'jpg', 'webm', 'ogg', 'mp4', 'vtt' ];
\$wgUploadDirectory = "$_w/images";
\$wgUploadPath = "/images";
\$wgTmpDirectory = "$_w/tmp";
\$wgMaxUploadSize = 4 * 1024 * 1024 * 1024;
\$wgMainCacheType = CACHE_NONE;
\$wgSessionCacheType = CACHE_DB;
\$wgShowExceptionDetails = true;
PHP
	MW_CONFIG_FILE="$_w/LocalSettings.php" php "$MW_SRC/maintenance/createBotPassword.php" \
		--appid studio --grants basic,uploadfile,uploadeditmovefile,editpage,createeditmovepage,highvolume \
		"$MW_USER" "$MW_BOT_PASS" >> "$_w/install.log" 2>&1 || {
		echo "# bot password failed:"; sed 's/^/#   /' "$_w/install.log"; return 1; }
	MW_DB=$(ls "$_w"/db/*.sqlite | grep -v -e _l10n_cache -e _jobqueue -e wikicache | head -1)
	# opcache.revalidate_freq=0: a test that changes LocalSettings.php is seen
	# by the next request (with Debian's 2 s, not always).
	MW_CONFIG_FILE="$_w/LocalSettings.php" PHP_CLI_SERVER_WORKERS=4 \
		php -d upload_max_filesize=4G -d post_max_size=4G -d memory_limit=512M \
		-d opcache.revalidate_freq=0 \
		-S "127.0.0.1:$MW_PORT" -t "$MW_SRC" > "$_w/server.log" 2>&1 &
	MW_PID=$!
	MW_API=http://127.0.0.1:$MW_PORT/api.php
	for _i in $(seq 50); do
		curl -s -o /dev/null "$MW_API?action=query&meta=siteinfo&format=json" && return 0
		kill -0 "$MW_PID" 2>/dev/null || break
		sleep 0.1
	done
	echo "# php -S did not start:"; sed 's/^/#   /' "$_w/server.log"
	return 1
}

mw_bot_password() {
	MW_CONFIG_FILE="$MW_DIR/LocalSettings.php" php "$MW_SRC/maintenance/createBotPassword.php" \
		--appid "$1" --grants "$2" "$MW_USER" "$3" >> "$MW_DIR/install.log" 2>&1
}

mw_stop() {
	if [ -n "${MW_PID:-}" ]; then
		# php -S with PHP_CLI_SERVER_WORKERS forks workers that outlive it.
		pkill -P "$MW_PID" 2>/dev/null || :
		kill "$MW_PID" 2>/dev/null
		wait "$MW_PID" 2>/dev/null || :
		MW_PID=
	fi
}
