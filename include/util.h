/*
 * util.h: the small things every module uses and none owns.
 *
 * Memory wrappers that never return NULL (they err(3) on exhaustion, so
 * callers never check), a growable byte buffer, bounded number parsing,
 * UTC time formatting, and the diagnostics helpers.  Knows nothing of AWS.
 */
#ifndef BEDROCK_AUDIT_UTIL_H
#define BEDROCK_AUDIT_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <time.h>

/* "s", or "" when it is NULL: for printing and comparing optional text. */
static inline const char *
str_or_empty(const char *s)
{
	return s != NULL ? s : "";
}

/* Whether optional text "s" equals "want" (NULL equals nothing). */
int	 streq(const char *s, const char *want);

/* Allocation: abort the program with err(1, ...) when memory runs out. */
void	*xmalloc(size_t size);
void	*xcalloc(size_t nmemb, size_t size);
void	*xreallocarray(void *ptr, size_t nmemb, size_t size);
char	*xstrdup(const char *s);
char	*xstrndup(const char *s, size_t n);
char	*xasprintf(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2)));
/*
 * The strings given, up to a NULL, joined into one new string: what
 * xasprintf("%s%s...") makes, without formatting (once per request).
 */
char	*xconcat(const char *first, ...)
	    __attribute__((sentinel));
/* Wipe the string "s" (a secret) with explicit_bzero(3), then free it. */
void	 free_secret(char *s);			/* NULL-safe */

/*
 * A growable byte buffer.  "data" is always NUL-terminated once anything
 * has been added (the NUL is not counted in "len").  Initialise with
 * BUF_INIT; release with buf_free(), which leaves it empty and reusable.
 */
struct buf {
	char	*data;		/* owned; NULL while empty */
	size_t	 len;		/* bytes used, excluding the trailing NUL */
	size_t	 cap;		/* bytes allocated */
};
#define BUF_INIT	{ NULL, 0, 0 }

void	 buf_add(struct buf *b, const void *data, size_t len);
void	 buf_addstr(struct buf *b, const char *s);
void	 buf_addch(struct buf *b, char c);
void	 buf_printf(struct buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *b, const char *fmt, va_list ap)
	    __attribute__((format(printf, 2, 0)));
void	 buf_reset(struct buf *b);	/* len = 0, keeps the allocation */
void	 buf_free(struct buf *b);	/* wipes nothing; see buf_wipe() */
void	 buf_wipe(struct buf *b);	/* explicit_bzero, then free */
/* Take the string out of "b" (never NULL: "" when empty); caller frees. */
char	*buf_detach(struct buf *b);

/*
 * Parse a decimal integer in [min, max], strtonum(3) style: returns the
 * value and sets *errstr to NULL, or returns 0 and sets *errstr to
 * "invalid", "too small" or "too large".  Never warns.
 */
long long	 parse_num(const char *s, long long min, long long max,
		    const char **errstr);

/*
 * Parse a duration such as "90s", "15m", "24h" or "7d" (a bare number
 * is seconds) into seconds, at most "max".  Same error convention.
 */
long long	 parse_duration(const char *s, long long max,
		    const char **errstr);

/* Format "t" as UTC ISO-8601 "YYYY-MM-DDTHH:MM:SSZ" into "out" (>= 21). */
#define UTIL_ISO8601_LEN	21
void	 util_iso8601(time_t t, char out[UTIL_ISO8601_LEN]);
/* Days since 1970-01-01 of civil date y-m-d (proleptic Gregorian). */
long	 util_days_from_civil(long y, long m, long d);

/*
 * Parse ISO-8601 UTC text: "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SS" with an
 * optional fraction and "Z" or "+00:00" (any offset is applied).
 * Returns 0 and sets *out, or -1 (no warning) when "s" is not one of them.
 */
int	 util_parse_iso8601(const char *s, time_t *out);

/*
 * Copy "s" into "out" (size "outsz", always NUL-terminated) with control
 * characters, DEL, backslash and invalid UTF-8 escaped as \xNN, so text
 * from the network cannot drive a terminal.  Longer input is cut and ends
 * in "...".  Returns "out", so it can sit in a printf argument list.
 * For stderr only, at the point of printing: text that is stored or
 * reported stays as received and escape.h escapes it for its output
 * (escaped here as well, a backslash would reach a report as "\\x5c").
 */
const char	*log_safe(const char *s, char *out, size_t outsz);
#define LOG_SAFE_LEN	256

/*
 * Diagnostics on stderr.  log_level: 0 quiet (-q: errors only),
 * 1 normal, 2 requests and retries (-v), 3 timings and more (-vv).
 * log_debug() prints only when level <= log_level.  Callers never pass
 * secrets; text from AWS goes through log_safe() first.
 */
extern int	log_level;
void	 log_debug(int level, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* Monotonic clock in milliseconds, for timeouts and timings. */
long long	 util_now_ms(void);

#endif /* BEDROCK_AUDIT_UTIL_H */
