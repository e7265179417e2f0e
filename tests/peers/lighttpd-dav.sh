# lighttpd WebDAV peer for the tests (sourced): mod_webdav with its locks
# (an SQLite property and lock database), mod_auth + htpasswd, HTTPS through
# mod_openssl with a test CA (tls.sh), from a private configuration:
# nothing under /etc is written.  Needs: lighttpd, lighttpd-mod-webdav,
# lighttpd-mod-openssl, apache2-utils, openssl, python3.
#
#   lighttpd_start DIR USER PASSWORD   start it; DIR holds everything
#   lighttpd_stop                      stop it (also safe in a trap)
# Sets the same variables as dav_start (apache-dav.sh): DAV_URL,
# DAV_ROOT, DAV_CA, DAV_OTHER_CA, DAV_WWW, DAV_PORT, DAV_HTTP_PORT,
# DAV_PID, DAV_LOG.
#
# What it does (1.4.69): DAV class 1,2 with LOCK when webdav.sqlite-db-name
# is set; a MOVE carrying If: <dst> (["etag"]) is refused with 412.

. "$STUDIO_SRC/tests/peers/tls.sh"

lighttpd_start() {
	_d=$1
	mkdir -p "$_d/root" "$_d/lock" "$_d/logs" "$_d/tmp" || return 1
	make_tls "$_d/tls" && make_htpasswd "$_d/htpasswd" "$2" "$3" || return 1
	DAV_PORT=$(free_port)
	DAV_HTTP_PORT=$(free_port)
	_user=
	if [ "$(id -u)" -eq 0 ]; then _user='server.username = "www-data"
server.groupname = "www-data"'; fi
	cat > "$_d/lighttpd.conf" <<CONF
server.modules = ("mod_access", "mod_alias", "mod_auth", "mod_authn_file", "mod_webdav",
                  "mod_openssl", "mod_accesslog")
server.document-root = "$_d/root"
server.bind = "127.0.0.1"
server.port = $DAV_HTTP_PORT
server.pid-file = "$_d/lighttpd.pid"
server.errorlog = "$_d/logs/error.log"
server.upload-dirs = ("$_d/tmp")
# no stat cache: a file the tests write into the folder directly is seen at once
server.stat-cache-engine = "disable"
$_user
accesslog.filename = "$_d/logs/access.log"
accesslog.format = "%r %>s"
include_shell "/usr/share/lighttpd/create-mime.conf.pl"
mimetype.assign += (".vtt" => "text/vtt")
\$SERVER["socket"] == "127.0.0.1:$DAV_PORT" {
  ssl.engine = "enable"
  ssl.pemfile = "$_d/tls/server.pem"
}
alias.url = ("/dav/" => "$_d/root/", "/www/" => "$_d/root/")
\$HTTP["url"] =~ "^/dav/" {
  webdav.activate = "enable"
  webdav.is-readonly = "disable"
  webdav.sqlite-db-name = "$_d/lock/webdav.db"
  auth.backend = "htpasswd"
  auth.backend.htpasswd.userfile = "$_d/htpasswd"
  auth.require = ("" => ("method" => "basic", "realm" => "studio", "require" => "valid-user"))
}
CONF
	chmod 0755 "$_d" || return 1
	if [ "$(id -u)" -eq 0 ]; then chown -R www-data:www-data "$_d/root" "$_d/lock" "$_d/tmp" "$_d/logs"; fi
	www_reachable "$_d"
	lighttpd -D -f "$_d/lighttpd.conf" > "$_d/logs/stdout.log" 2>&1 &
	peer_up $! "$_d" "$_d/logs/access.log" lighttpd
}

lighttpd_stop() {
	peer_stop
}
