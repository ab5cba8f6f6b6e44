/*
 * helper_stderr.c: stderr capture for the unit tests (helper_stderr.h).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "helper_stderr.h"

static FILE	*cap_file;		/* the capture, NULL when idle */
static int	 cap_saved = -1;	/* the real fd 2 while capturing */

void
stderr_capture_start(void)
{
	ck_assert_msg(cap_file == NULL, "stderr capture already started");
	fflush(stderr);
	cap_file = tmpfile();
	ck_assert_ptr_nonnull(cap_file);
	cap_saved = dup(STDERR_FILENO);
	ck_assert_int_ge(cap_saved, 0);
	ck_assert_int_eq(dup2(fileno(cap_file), STDERR_FILENO),
	    STDERR_FILENO);
}

char *
stderr_capture_end(void)
{
	struct buf	b = BUF_INIT;
	char		chunk[4096];
	ssize_t		n;
	int		fd;

	ck_assert_msg(cap_file != NULL, "stderr capture not started");
	fflush(stderr);
	ck_assert_int_eq(dup2(cap_saved, STDERR_FILENO), STDERR_FILENO);
	close(cap_saved);
	cap_saved = -1;
	fd = fileno(cap_file);
	ck_assert_int_eq(lseek(fd, 0, SEEK_SET), 0);
	while ((n = read(fd, chunk, sizeof(chunk))) > 0) {
		ck_assert_msg((size_t)n <= STDERR_CAPTURE_MAX_BYTES - b.len,
		    "more than %d bytes on stderr", STDERR_CAPTURE_MAX_BYTES);
		buf_add(&b, chunk, (size_t)n);
	}
	ck_assert_int_eq(n, 0);
	fclose(cap_file);
	cap_file = NULL;
	return buf_detach(&b);
}

size_t
stderr_lines(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

void
stderr_expect_one(const char *want)
{
	char	*out = stderr_capture_end();
	size_t	 n = stderr_lines(out);

	ck_assert_msg(strstr(out, want) != NULL, "warning \"%s\" lacks \"%s\"",
	    out, want);
	ck_assert_msg(n == 1, "%zu warning lines: %s", n, out);
	free(out);
}

void
stderr_expect_none(void)
{
	char	*out = stderr_capture_end();

	ck_assert_msg(*out == '\0', "unexpected warning: %s", out);
	free(out);
}
