/*
 * helper_stderr.h: capture what goes to stderr, so that tests can check
 * warnings word for word.
 *
 * stderr_capture_start() points file descriptor 2 at an unnamed
 * temporary file, so stdio's stderr and any child process the test
 * starts write there; stderr_capture_end() puts the real stderr back and
 * returns the text.  One capture at a time, started and ended in the
 * same process.  Both fail the running test (ck_assert) when a system
 * call fails, since a test cannot go on without its capture.
 */
#ifndef BEDROCK_AUDIT_HELPER_STDERR_H
#define BEDROCK_AUDIT_HELPER_STDERR_H

#include <stddef.h>

/* Most bytes one capture returns; more fails the test. */
#define STDERR_CAPTURE_MAX_BYTES	(1024 * 1024)

/*
 * Flush stderr and send file descriptor 2 to a fresh temporary file
 * until stderr_capture_end().  Must not be called while capturing.
 */
void	 stderr_capture_start(void);

/*
 * Flush stderr, restore the file descriptor 2 saved by
 * stderr_capture_start() and return everything written to it meanwhile
 * as a NUL-terminated string, "" when nothing was.  Never NULL; caller
 * frees.
 */
char	*stderr_capture_end(void);

/* Number of lines in "s" (newline characters; each warning is one). */
size_t	 stderr_lines(const char *s);

/*
 * End the capture (as stderr_capture_end()) and assert that exactly one
 * line was written and that it contains "want".
 */
void	 stderr_expect_one(const char *want);

/* End the capture and assert that nothing was written. */
void	 stderr_expect_none(void);

#endif /* BEDROCK_AUDIT_HELPER_STDERR_H */
