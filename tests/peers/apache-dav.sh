# Apache 2.4 WebDAV peer for the tests (sourced): mod_dav_fs behind basic
# authentication, over HTTPS with a test CA made here with openssl (SAN
# IP:127.0.0.1), from a private configuration — nothing under /etc is read
# or written.  Needs: apache2, apache2-utils (htpasswd), openssl, python3.
#
#   dav_start DIR USER PASSWORD [READER READER_PASSWORD]
#                                 start it; DIR holds everything (0755);
#                                 READER may only GET, HEAD, OPTIONS and
#                                 PROPFIND (a read-only account)
#   dav_stop                      stop it (also safe in a trap)
# Sets DAV_URL (https://127.0.0.1:PORT/dav/), DAV_ROOT (the folder served),
# DAV_CA (the CA certificate), DAV_OTHER_CA (a CA that signed nothing),
# DAV_WWW (https://127.0.0.1:PORT/www/, the same folder without auth, for
# browsers), DAV_PORT, DAV_PID, and DAV_HTTP_PORT where the same server
# answers in plain HTTP (for the fault-injecting proxy, which must see the
# requests), DAV_LOG (the access log: one "METHOD PATH PROTOCOL STATUS"
# line per request).
#
# Pitfalls met here (see DESIGN.md): the -f path must be absolute;
# mod_log_config and mod_unixd are built in; as root Apache runs as www-data, so DIR must
# be reachable by it.

. "$STUDIO_SRC/tests/peers/tls.sh"

dav_start() {
	_d=$1
	mkdir -p "$_d/root" "$_d/lock" "$_d/logs" || return 1
	make_tls "$_d/tls" && make_htpasswd "$_d/htpasswd" "$2" "$3" || return 1
	_require="Require valid-user"
	if [ $# -ge 5 ]; then
		htpasswd -bm "$_d/htpasswd" "$4" "$5" >/dev/null 2>&1 || return 1
		_require="<RequireAny>
    Require user $2
    <RequireAll>
      Require user $4
      Require method GET HEAD OPTIONS PROPFIND
    </RequireAll>
  </RequireAny>"
	fi
	DAV_PORT=$(free_port)
	DAV_HTTP_PORT=$(free_port)
	_m=/usr/lib/apache2/modules
	cat > "$_d/httpd.conf" <<CONF
ServerRoot "$_d"
ServerName 127.0.0.1
Listen 127.0.0.1:$DAV_PORT
PidFile "$_d/httpd.pid"
ErrorLog "$_d/logs/error.log"
LogLevel warn
LogFormat "%r %>s" studio
CustomLog "$_d/logs/access.log" studio
LoadModule mpm_event_module $_m/mod_mpm_event.so
LoadModule authz_core_module $_m/mod_authz_core.so
LoadModule authn_core_module $_m/mod_authn_core.so
LoadModule authn_file_module $_m/mod_authn_file.so
LoadModule auth_basic_module $_m/mod_auth_basic.so
LoadModule authz_user_module $_m/mod_authz_user.so
LoadModule alias_module $_m/mod_alias.so
LoadModule mime_module $_m/mod_mime.so
LoadModule dav_module $_m/mod_dav.so
LoadModule dav_fs_module $_m/mod_dav_fs.so
LoadModule socache_shmcb_module $_m/mod_socache_shmcb.so
LoadModule ssl_module $_m/mod_ssl.so
User www-data
Group www-data
TypesConfig /etc/mime.types
AddType text/vtt .vtt
DavLockDB "$_d/lock/DavLock"
LimitRequestBody 0
KeepAlive Off
Listen 127.0.0.1:$DAV_HTTP_PORT
SSLSessionCache "shmcb:$_d/logs/ssl_scache(512000)"
<VirtualHost 127.0.0.1:$DAV_PORT>
  SSLEngine on
  SSLCertificateFile "$_d/tls/server.crt"
  SSLCertificateKeyFile "$_d/tls/server.key"
</VirtualHost>
DocumentRoot "$_d/root"
Alias /dav "$_d/root"
Alias /www "$_d/root"
<Directory "$_d/root">
  Require all granted
</Directory>
<Location /dav>
  Dav On
  AuthType Basic
  AuthName "studio"
  AuthUserFile "$_d/htpasswd"
  $_require
</Location>
CONF
	chmod 0755 "$_d" || return 1
	if [ "$(id -u)" -eq 0 ]; then chown -R www-data:www-data "$_d/root" "$_d/lock"; fi
	www_reachable "$_d"
	apache2 -f "$_d/httpd.conf" -DFOREGROUND > "$_d/logs/stdout.log" 2>&1 &
	peer_up $! "$_d" "$_d/logs/access.log" apache
}

dav_stop() {
	peer_stop
}
