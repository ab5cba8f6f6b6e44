/*
 * helper_httpd.h: a tiny scripted HTTP/1.1 server for tests.
 *
 * httpd_start() forks a child that listens on 127.0.0.1 on an ephemeral
 * port and answers every request with the next reply of a script, keeping
 * connections alive; httpd_start_routed() answers each request with the
 * reply of the first route it matches instead, so that concurrent callers
 * get the same answers whatever order their requests arrive in.  It
 * serves several connections at once (one poll(2) loop, delays are
 * timers), so tests can observe concurrency.  Request bodies must carry
 * a Content-Length (no chunked uploads).  The child exits when
 * httpd_stop() is called or when the process that started it dies, so a
 * failed test never leaves a server behind.
 */
#ifndef BEDROCK_AUDIT_HELPER_HTTPD_H
#define BEDROCK_AUDIT_HELPER_HTTPD_H

#include <stddef.h>

struct httpd;				/* opaque: one server child */

struct httpd_reply {
	int		 status;	/* e.g. 200; 0 = reset, no reply */
	const char	*headers;	/* "Name: value\r\n"... or NULL */
	const char	*body;		/* NUL-terminated, or NULL */
	int		 delay_ms;	/* sleep this long before replying */
};

/* Most strings one route can require (httpd_route.match). */
#define HTTPD_MAX_MATCH		4

/* One rule of a routed server: a reply and when to give it. */
struct httpd_route {
	/* every one must occur in the request (line, headers, body) */
	const char		*match[HTTPD_MAX_MATCH]; /* NULL: unused slot */
	struct httpd_reply	 reply;
};

/* What the child measured, returned by httpd_stop_stats(). */
struct httpd_stats {
	size_t	 requests;	/* complete requests received */
	size_t	 connections;	/* TCP connections accepted */
	size_t	 max_active;	/* most requests awaiting a reply at once */
};

/*
 * Each log entry ends with this line, so entries can be counted even
 * when a body has no trailing newline.
 */
#define HTTPD_LOG_END		"\x1e\n"

/* Largest request (headers + body) the server accepts. */
#define HTTPD_MAX_REQUEST_BYTES	(4 * 1024 * 1024)
#define HTTPD_MAX_CONNS		64		/* simultaneous connections */

/*
 * Start a server that answers the requests it receives with
 * replies[0..n) in order (n >= 1), one reply per request whatever the
 * connection; after the last it repeats the last.  "replies" is borrowed
 * only for the call (the child has its own copy of memory).  Returns
 * NULL after warn(3) on failure.  Stop with httpd_stop().
 */
struct httpd	*httpd_start(const struct httpd_reply *replies, size_t n);

/*
 * Start a server that answers each request with the reply of the first
 * of routes[0..n) whose every "match" string occurs in the request as
 * received, headers with "\r\n" (a route may be used any number of
 * times; put the specific ones first).  A request no route matches gets
 * a 404 with the error type "NoRoute".  "routes" is borrowed only for
 * the call.  Returns NULL after warn(3) on failure; stop with
 * httpd_stop().
 */
struct httpd	*httpd_start_routed(const struct httpd_route *routes,
		    size_t n);

/* The TCP port the server listens on (host order). */
int		 httpd_port(const struct httpd *d);

/*
 * Stop the child, free "d" and return what the server received: one
 * entry per request in arrival order, "METHOD PATH\n" (PATH with the
 * query), the header lines as received without "\r", an empty line, the
 * body, "\n" and HTTPD_LOG_END.  Never NULL ("" if nothing came); caller
 * frees.  NULL-safe (returns NULL for NULL).
 */
char		*httpd_stop(struct httpd *d);

/* httpd_stop() that also fills *st (which may be NULL). */
char		*httpd_stop_stats(struct httpd *d, struct httpd_stats *st);

/* Number of requests in a log returned by httpd_stop(); 0 for NULL. */
size_t		 httpd_count(const char *log);

/*
 * Number of log entries containing "needle" (e.g. a header line such as
 * "x-amz-date: 2024"), compared case-sensitively.
 */
size_t		 httpd_count_matching(const char *log, const char *needle);

#endif /* BEDROCK_AUDIT_HELPER_HTTPD_H */
