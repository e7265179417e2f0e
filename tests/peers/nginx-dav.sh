# nginx WebDAV peer for the tests (sourced): nginx's DAV module (PUT
# DELETE MKCOL COPY MOVE) and the dav-ext module (PROPFIND OPTIONS; its
# LOCK is left off, as in most nginx setups), behind basic authentication, over HTTPS with a test CA
# (tls.sh), from a private configuration: nothing under /etc is written.
# Needs: nginx-light (or any nginx with the DAV module),
# libnginx-mod-http-dav-ext, apache2-utils, openssl, python3.
#
#   nginx_start DIR USER PASSWORD   start it; DIR holds everything
#   nginx_stop                      stop it (also safe in a trap)
# Sets the same variables as dav_start (apache-dav.sh): DAV_URL,
# DAV_ROOT, DAV_CA, DAV_OTHER_CA, DAV_WWW, DAV_PORT, DAV_HTTP_PORT,
# DAV_PID, DAV_LOG.
#
# What it does (nginx 1.22, dav-ext 3.0): If-Match, If-None-Match and the
# If header are ignored, PROPFIND gives no getetag; GET/HEAD give an ETag.

. "$STUDIO_SRC/tests/peers/tls.sh"

nginx_start() {
	_d=$1
	mkdir -p "$_d/root" "$_d/logs" "$_d/tmp" || return 1
	make_tls "$_d/tls" && make_htpasswd "$_d/htpasswd" "$2" "$3" || return 1
	DAV_PORT=$(free_port)
	DAV_HTTP_PORT=$(free_port)
	_user=
	if [ "$(id -u)" -eq 0 ]; then _user="user www-data;"; fi
	cat > "$_d/nginx.conf" <<CONF
$_user
daemon off;
master_process on;
worker_processes 1;
pid $_d/nginx.pid;
error_log $_d/logs/error.log warn;
load_module /usr/lib/nginx/modules/ngx_http_dav_ext_module.so;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  types { text/vtt vtt; }
  log_format studio '\$request \$status';
  access_log $_d/logs/access.log studio;
  client_body_temp_path $_d/tmp;
  client_max_body_size 0;
  server {
    listen 127.0.0.1:$DAV_PORT ssl;
    listen 127.0.0.1:$DAV_HTTP_PORT;
    ssl_certificate $_d/tls/server.crt;
    ssl_certificate_key $_d/tls/server.key;
    location /dav/ {
      alias $_d/root/;
      dav_methods PUT DELETE MKCOL COPY MOVE;
      dav_ext_methods PROPFIND OPTIONS;
      create_full_put_path on;
      auth_basic "studio";
      auth_basic_user_file $_d/htpasswd;
    }
    location /www/ { alias $_d/root/; }
  }
}
CONF
	chmod 0755 "$_d" "$_d/tmp" || return 1
	if [ "$(id -u)" -eq 0 ]; then chown -R www-data:www-data "$_d/root" "$_d/tmp"; fi
	www_reachable "$_d"
	nginx -c "$_d/nginx.conf" -p "$_d" -e "$_d/logs/error.log" > "$_d/logs/stdout.log" 2>&1 &
	peer_up $! "$_d" "$_d/logs/access.log" nginx
}

nginx_stop() {
	peer_stop
}
