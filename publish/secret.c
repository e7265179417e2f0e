/* secret.c — see secret.h. */
#include "secret.h"
#include "msg.h"
#include "paths.h"
#include "status.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SECRET_MAX 4096

char *pub_secret_env_name(const char *name)
{
	char *v = st_strdup_printf("STUDIO_PASSWORD_%s", name);

	for (char *c = v + strlen("STUDIO_PASSWORD_"); *c; c++)
		*c = isalnum((unsigned char)*c) ? (char)toupper((unsigned char)*c) : '_';
	return v;
}

/* The file's permissions are checked on the open descriptor (fstat), so
 * the file read is the file checked.  A link is refused (O_NOFOLLOW: name
 * the file itself), and O_NONBLOCK makes a FIFO or a device fail the
 * checks at once instead of waiting for a writer. */
static int read_file(const char *path, char **out)
{
	char buf[SECRET_MAX + 1];
	struct stat st;
	ssize_t n = -1;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	int ret = ST_CONFIG;

	if (fd < 0 && errno == ELOOP) {
		st_error(_("password file %s refused: it is a symbolic link (name the file itself)"),
			 path);
		goto done;
	}
	if (fd < 0 || fstat(fd, &st)) {
		st_error(_("cannot read password file %s: %s"), path, strerror(errno));
		goto done;
	}
	if (!S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
	    ((st.st_mode & 07777) != 0600 && (st.st_mode & 07777) != 0400)) {
		st_error(_("password file %s refused: it must be a file owned by you with mode "
			   "0600 or 0400 (it has %04o)"), path, (unsigned)(st.st_mode & 07777));
		goto done;
	}
	n = read(fd, buf, SECRET_MAX);
	if (n < 0) {
		st_error(_("cannot read password file %s: %s"), path, strerror(errno));
		goto done;
	}
	buf[n] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	if (!buf[0]) {
		st_error(_("password file %s is empty"), path);
		goto done;
	}
	*out = st_xstrdup(buf);
	ret = ST_OK;
done:
	explicit_bzero(buf, sizeof buf);
	if (fd >= 0)
		close(fd);
	return ret;
}

int pub_secret_read(const struct pub_target *t, char **out)
{
	char *var = pub_secret_env_name(t->name);
	const char *env = getenv(var);
	int ret = ST_OK;

	*out = NULL;
	if (env && *env)
		*out = st_xstrdup(env);
	else if (t->password_file)
		ret = read_file(t->password_file, out);
	else {
		st_error(_("target '%s' has no password: set password_file in %s or the "
			   "environment variable %s"), t->name,
			 t->config_file ? t->config_file : "publish.ini", var);
		ret = ST_CONFIG;
	}
	free(var);
	return ret;
}

void pub_secret_free(char **s)
{
	if (!*s)
		return;
	explicit_bzero(*s, strlen(*s));
	free(*s);
	*s = NULL;
}
