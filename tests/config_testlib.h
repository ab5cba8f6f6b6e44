/*
 * config_testlib.h: fixtures shared by check_ini, check_config and
 * check_creds: a scratch HOME made with mkdtemp(3), an environment with
 * every AWS_* variable removed (and IMDS disabled), and files written
 * under the scratch directory.  Warnings are checked with the stderr
 * capture of helper_stderr.h.  Header-only (static inline), so each test
 * binary still links only the modules it tests.
 */
#ifndef BEDROCK_AUDIT_CONFIG_TESTLIB_H
#define BEDROCK_AUDIT_CONFIG_TESTLIB_H

#include <check.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"
#include "helper_stderr.h"

static char	ct_dir[PATH_MAX];	/* scratch directory, also $HOME */

extern char	**environ;

/* Remove every AWS_* variable (and proxies, which must not matter). */
static inline void
ct_clear_env(void)
{
	char	*name;
	size_t	 i, n;

	for (;;) {
		name = NULL;
		for (i = 0; environ[i] != NULL; i++)
			if (strncmp(environ[i], "AWS_", 4) == 0) {
				n = strcspn(environ[i], "=");
				name = xstrndup(environ[i], n);
				break;
			}
		if (name == NULL)
			break;
		ck_assert_int_eq(unsetenv(name), 0);
		free(name);
	}
	unsetenv("http_proxy");
	unsetenv("HTTP_PROXY");
	unsetenv("https_proxy");
	unsetenv("HTTPS_PROXY");
	unsetenv("all_proxy");
	unsetenv("ALL_PROXY");
}

/*
 * Fresh state for a test: scratch HOME with an empty .aws directory, no
 * AWS variables, and IMDS disabled, so nothing can ever try
 * 169.254.169.254; tests that exercise IMDS point it at 127.0.0.1.
 */
static inline void
ct_setup(void)
{
	char	*aws;

	(void)snprintf(ct_dir, sizeof(ct_dir), "%s/ct.XXXXXX",
	    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(ct_dir));
	aws = xasprintf("%s/.aws", ct_dir);
	ck_assert_int_eq(mkdir(aws, 0700), 0);
	free(aws);
	ct_clear_env();
	ck_assert_int_eq(setenv("HOME", ct_dir, 1), 0);
	ck_assert_int_eq(setenv("AWS_EC2_METADATA_DISABLED", "true", 1), 0);
	log_level = 1;
}

static inline int
ct_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static inline void
ct_teardown(void)
{
	if (ct_dir[0] != '\0')
		(void)nftw(ct_dir, ct_rm, 16, FTW_DEPTH | FTW_PHYS);
	ct_dir[0] = '\0';
}

/* Path of "rel" under the scratch directory; caller frees. */
static inline char *
ct_path(const char *rel)
{
	return xasprintf("%s/%s", ct_dir, rel);
}

/* Write "len" bytes of "text" to "rel" (mode "mode"); returns the path. */
static inline char *
ct_write_mode(const char *rel, const char *text, size_t len, mode_t mode)
{
	char	*path = ct_path(rel);
	int	 fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, len), (ssize_t)len);
	ck_assert_int_eq(close(fd), 0);
	return path;
}

/* Write the string "text" to "rel"; returns the path (caller frees). */
static inline char *
ct_write(const char *rel, const char *text)
{
	return ct_write_mode(rel, text, strlen(text), 0600);
}

/* Write "text" to "rel" and forget the path. */
static inline void
ct_put(const char *rel, const char *text)
{
	free(ct_write(rel, text));
}

#endif /* BEDROCK_AUDIT_CONFIG_TESTLIB_H */
