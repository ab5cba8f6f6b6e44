/*
 * helper_httpd.c: the scripted HTTP/1.1 test server (see helper_httpd.h).
 *
 * The parent keeps two pipes to the child: it closes "stop" to ask the
 * child to finish, then reads the child's statistics and request log
 * from "log" until end of file.  The child is a single poll(2) loop over
 * the listening socket, the stop pipe and every connection; a delayed
 * reply is a deadline on its connection, so delays never block others.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <err.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "util.h"
#include "helper_httpd.h"

#define HTTPD_SEND_TIMEOUT_SEC	2	/* a client that stops reading */
#define HTTPD_READ_CHUNK_BYTES	16384
#define HTTPD_MAX_FD		1024	/* fds closed in the child */

struct httpd {
	pid_t	 pid;		/* server child */
	int	 port;		/* host order */
	int	 stopfd;	/* write end; closing it stops the child */
	int	 logfd;		/* read end: stats, then the log */
};

struct conn {
	int			 fd;		/* -1 when the slot is free */
	struct buf		 in;		/* bytes read, not yet parsed */
	int			 waiting;	/* a reply is due at due_ms */
	long long		 due_ms;	/* util_now_ms() deadline */
	const struct httpd_reply *reply;	/* the reply that is due */
};

struct srv {
	const struct httpd_reply *replies;	/* the script, or NULL */
	size_t			 nreplies;	/* >= 1 with a script */
	const struct httpd_route *routes;	/* or the routes */
	size_t			 nroutes;
	int			 lfd;		/* listening socket */
	int			 stopfd;	/* read end of the stop pipe */
	struct conn		 conns[HTTPD_MAX_CONNS];
	struct buf		 log;		/* what httpd_stop() returns */
	struct httpd_stats	 st;		/* sent to the parent */
	size_t			 active;	/* replies pending right now */
};

/* The answer of a routed server to a request no route matches. */
static const struct httpd_reply no_route = { 404,
    "x-amzn-ErrorType: NoRoute\r\n",
    "{\"message\":\"httpd: no route matches the request\"}", 0 };

/* The reason phrase for "status" (any text is valid HTTP). */
static const char *
reason(int status)
{
	switch (status) {
	case 200:
		return "OK";
	case 400:
		return "Bad Request";
	case 403:
		return "Forbidden";
	case 404:
		return "Not Found";
	case 429:
		return "Too Many Requests";
	case 500:
		return "Internal Server Error";
	case 502:
		return "Bad Gateway";
	case 503:
		return "Service Unavailable";
	case 504:
		return "Gateway Timeout";
	default:
		return "Status";
	}
}

/* write(2) all of "p", retrying on EINTR.  Returns 0 or -1. */
static int
write_all(int fd, const char *p, size_t len)
{
	ssize_t	 n;

	while (len > 0) {
		if ((n = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= n;
	}
	return 0;
}

/* Close "c" (with a TCP reset if "reset") and free its slot. */
static void
conn_close(struct srv *s, struct conn *c, int reset)
{
	struct linger	 lg = { 1, 0 };

	/* SO_LINGER with a zero timeout makes close(2) send a RST. */
	if (reset)
		(void)setsockopt(c->fd, SOL_SOCKET, SO_LINGER, &lg,
		    sizeof(lg));
	close(c->fd);
	c->fd = -1;
	buf_free(&c->in);
	if (c->waiting)
		s->active--;
	c->waiting = 0;
}

/* Send the reply due on "c"; status 0 resets the connection instead. */
static void
conn_reply(struct srv *s, struct conn *c)
{
	const struct httpd_reply	*r = c->reply;
	struct buf			 out = BUF_INIT;
	size_t				 bodysz;

	if (r->status == 0) {
		conn_close(s, c, 1);
		return;
	}
	bodysz = r->body != NULL ? strlen(r->body) : 0;
	buf_printf(&out, "HTTP/1.1 %d %s\r\nContent-Length: %zu\r\n",
	    r->status, reason(r->status), bodysz);
	if (r->headers != NULL)
		buf_addstr(&out, r->headers);
	buf_addstr(&out, "\r\n");
	if (bodysz > 0)
		buf_add(&out, r->body, bodysz);
	c->waiting = 0;
	s->active--;
	if (write_all(c->fd, out.data, out.len) == -1)
		conn_close(s, c, 0);
	buf_free(&out);
}

/* Length of the Content-Length value in the header block, or -1. */
static long long
content_length(const char *hdr, size_t hdrlen)
{
	const char	*p = hdr, *end = hdr + hdrlen, *eol, *v;
	const char	*errstr;
	char		*num;
	long long	 n;

	for (; p < end; p = eol + 2) {
		if ((eol = memmem(p, end - p, "\r\n", 2)) == NULL)
			eol = end;
		if (eol - p < 15 || strncasecmp(p, "content-length:", 15) != 0)
			continue;
		for (v = p + 15; v < eol && (*v == ' ' || *v == '\t'); v++)
			;
		num = xstrndup(v, eol - v);
		num[strcspn(num, " \t")] = '\0';
		n = parse_num(num, 0, HTTPD_MAX_REQUEST_BYTES, &errstr);
		free(num);
		return errstr == NULL ? n : -1;
	}
	return 0;
}

/* Append one request to the log: request line, headers, body. */
static void
log_request(struct srv *s, const char *req, size_t hdrlen, size_t bodysz)
{
	const char	*p = req, *end = req + hdrlen, *eol, *sp1, *sp2;

	eol = memmem(p, end - p, "\r\n", 2);
	if (eol == NULL)
		eol = end;
	sp1 = memchr(p, ' ', eol - p);
	sp2 = sp1 != NULL ? memchr(sp1 + 1, ' ', eol - sp1 - 1) : NULL;
	if (sp2 == NULL)
		sp2 = eol;
	buf_add(&s->log, p, sp2 - p);
	buf_addch(&s->log, '\n');
	for (p = eol + 2; p < end; p = eol + 2) {
		if ((eol = memmem(p, end - p, "\r\n", 2)) == NULL)
			eol = end;
		if (eol == p)
			break;
		buf_add(&s->log, p, eol - p);
		buf_addch(&s->log, '\n');
	}
	buf_addch(&s->log, '\n');
	buf_add(&s->log, req + hdrlen + 4, bodysz);
	buf_addch(&s->log, '\n');
	buf_addstr(&s->log, HTTPD_LOG_END);
}

/*
 * The reply to request number "idx", "req" (total bytes): the next of
 * the script, or the first route whose strings all occur in it.
 */
static const struct httpd_reply *
srv_pick(const struct srv *s, size_t idx, const char *req, size_t total)
{
	const struct httpd_reply	*r = &no_route;
	char				*text;
	size_t				 i, j;

	if (s->routes == NULL)
		return &s->replies[idx < s->nreplies ? idx : s->nreplies - 1];
	text = xstrndup(req, total);	/* a NUL in the body ends it early */
	for (i = 0; i < s->nroutes && r == &no_route; i++) {
		for (j = 0; j < HTTPD_MAX_MATCH; j++)
			if (s->routes[i].match[j] != NULL &&
			    strstr(text, s->routes[i].match[j]) == NULL)
				break;
		if (j == HTTPD_MAX_MATCH)
			r = &s->routes[i].reply;
	}
	free(text);
	return r;
}

/*
 * If "c" holds a complete request, log it, consume it and schedule its
 * reply (srv_pick()).  Returns -1 if the request is malformed or
 * too large (the caller closes the connection).
 */
static int
conn_parse(struct srv *s, struct conn *c)
{
	const char	*hend;
	size_t		 hdrlen, total;
	long long	 clen;

	if (c->waiting || c->in.len == 0)
		return 0;
	if ((hend = memmem(c->in.data, c->in.len, "\r\n\r\n", 4)) == NULL)
		return c->in.len > HTTPD_MAX_REQUEST_BYTES ? -1 : 0;
	hdrlen = hend - c->in.data;
	if ((clen = content_length(c->in.data, hdrlen)) == -1)
		return -1;
	total = hdrlen + 4 + (size_t)clen;
	if (c->in.len < total)
		return total > HTTPD_MAX_REQUEST_BYTES ? -1 : 0;
	log_request(s, c->in.data, hdrlen, clen);
	c->reply = srv_pick(s, s->st.requests++, c->in.data, total);
	memmove(c->in.data, c->in.data + total, c->in.len - total);
	c->in.len -= total;
	c->in.data[c->in.len] = '\0';
	c->waiting = 1;
	c->due_ms = util_now_ms() + (c->reply->delay_ms > 0 ?
	    c->reply->delay_ms : 0);
	if (++s->active > s->st.max_active)
		s->st.max_active = s->active;
	return 0;
}

/* Accept one connection into a free slot (or drop it if none). */
static void
srv_accept(struct srv *s)
{
	struct timeval	 tv = { HTTPD_SEND_TIMEOUT_SEC, 0 };
	size_t		 i;
	int		 fd;

	if ((fd = accept(s->lfd, NULL, NULL)) == -1)
		return;
	for (i = 0; i < HTTPD_MAX_CONNS; i++)
		if (s->conns[i].fd == -1)
			break;
	if (i == HTTPD_MAX_CONNS) {
		close(fd);
		return;
	}
	(void)setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	s->conns[i].fd = fd;
	s->conns[i].waiting = 0;
	s->st.connections++;
}

/* Read what "c" sent and parse a request; EOF or error closes it. */
static void
srv_read(struct srv *s, struct conn *c)
{
	char	 chunk[HTTPD_READ_CHUNK_BYTES];
	ssize_t	 n;

	if ((n = read(c->fd, chunk, sizeof(chunk))) <= 0) {
		if (n == -1 && errno == EINTR)
			return;
		conn_close(s, c, 0);
		return;
	}
	buf_add(&c->in, chunk, n);
	if (conn_parse(s, c) == -1)
		conn_close(s, c, 1);
}

/* Send every reply that is due; returns the poll timeout to the next. */
static int
srv_due(struct srv *s)
{
	long long	 now = util_now_ms(), next = -1;
	size_t		 i;
	struct conn	*c;

	for (i = 0; i < HTTPD_MAX_CONNS; i++) {
		c = &s->conns[i];
		if (c->fd == -1 || !c->waiting)
			continue;
		if (c->due_ms <= now) {
			conn_reply(s, c);
			if (c->fd != -1 && conn_parse(s, c) == -1)
				conn_close(s, c, 1);
		}
		if (c->fd != -1 && c->waiting &&
		    (next == -1 || c->due_ms - now < next))
			next = c->due_ms > now ? c->due_ms - now : 0;
	}
	return (int)next;
}

/* The child's event loop; returns when the stop pipe reaches EOF. */
static void
srv_loop(struct srv *s)
{
	struct pollfd	 pfd[HTTPD_MAX_CONNS + 2];
	struct conn	*map[HTTPD_MAX_CONNS + 2];
	size_t		 i, n;
	int		 timeout;

	for (;;) {
		timeout = srv_due(s);
		pfd[0].fd = s->stopfd;
		pfd[0].events = POLLIN;
		pfd[1].fd = s->lfd;
		pfd[1].events = POLLIN;
		for (n = 2, i = 0; i < HTTPD_MAX_CONNS; i++) {
			if (s->conns[i].fd == -1 || s->conns[i].waiting)
				continue;
			pfd[n].fd = s->conns[i].fd;
			pfd[n].events = POLLIN;
			map[n++] = &s->conns[i];
		}
		if (poll(pfd, n, timeout) == -1) {
			if (errno == EINTR)
				continue;
			return;
		}
		if (pfd[0].revents != 0)
			return;
		if (pfd[1].revents & POLLIN)
			srv_accept(s);
		for (i = 2; i < n; i++)
			if (pfd[i].revents != 0)
				srv_read(s, map[i]);
	}
}

/* Body of the forked child: serve, report, _exit. */
static void __attribute__((noreturn))
srv_child(struct srv *s, int lfd, int stopfd, int logfd)
{
	size_t		 i;
	int		 fd;

	/* Drop inherited descriptors (other servers' stop pipes, curl). */
	for (fd = 3; fd < HTTPD_MAX_FD; fd++)
		if (fd != lfd && fd != stopfd && fd != logfd)
			close(fd);
	signal(SIGPIPE, SIG_IGN);
	s->lfd = lfd;
	s->stopfd = stopfd;
	for (i = 0; i < HTTPD_MAX_CONNS; i++)
		s->conns[i].fd = -1;
	srv_loop(s);
	for (i = 0; i < HTTPD_MAX_CONNS; i++)
		if (s->conns[i].fd != -1)
			conn_close(s, &s->conns[i], 0);
	if (write_all(logfd, (const char *)&s->st, sizeof(s->st)) == 0 &&
	    s->log.len > 0)
		(void)write_all(logfd, s->log.data, s->log.len);
	buf_free(&s->log);
	_exit(0);
}

/* A listening TCP socket on 127.0.0.1 with an ephemeral port, or -1. */
static int
listen_loopback(int *port)
{
	struct sockaddr_in	 sin;
	socklen_t		 len = sizeof(sin);
	int			 fd;

	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) == -1) {
		warn("httpd: socket");
		return -1;
	}
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) == -1 ||
	    listen(fd, HTTPD_MAX_CONNS) == -1 ||
	    getsockname(fd, (struct sockaddr *)&sin, &len) == -1) {
		warn("httpd: bind/listen");
		close(fd);
		return -1;
	}
	*port = ntohs(sin.sin_port);
	return fd;
}

/*
 * Fork the child that serves the script replies[0..n) or, if "replies"
 * is NULL, routes[0..nroutes).  Returns NULL after warn(3).
 */
static struct httpd *
httpd_spawn(const struct httpd_reply *replies, size_t n,
    const struct httpd_route *routes, size_t nroutes)
{
	struct httpd	*d;
	struct srv	 s;		/* the child's, once forked */
	int		 lfd, port, stop[2], logp[2];

	memset(&s, 0, sizeof(s));
	s.replies = replies;
	s.nreplies = n;
	s.routes = routes;
	s.nroutes = nroutes;
	if ((lfd = listen_loopback(&port)) == -1)
		return NULL;
	if (pipe(stop) == -1 || pipe(logp) == -1) {
		warn("httpd: pipe");
		close(lfd);
		return NULL;
	}
	fflush(stdout);
	fflush(stderr);
	d = xcalloc(1, sizeof(*d));
	if ((d->pid = fork()) == -1) {
		warn("httpd: fork");
		close(lfd);
		close(stop[0]);
		close(stop[1]);
		close(logp[0]);
		close(logp[1]);
		free(d);
		return NULL;
	}
	if (d->pid == 0)
		srv_child(&s, lfd, stop[0], logp[1]);
	close(lfd);
	close(stop[0]);
	close(logp[1]);
	d->port = port;
	d->stopfd = stop[1];
	d->logfd = logp[0];
	return d;
}

struct httpd *
httpd_start(const struct httpd_reply *replies, size_t n)
{
	if (replies == NULL || n == 0) {
		warnx("httpd: empty script");
		return NULL;
	}
	return httpd_spawn(replies, n, NULL, 0);
}

struct httpd *
httpd_start_routed(const struct httpd_route *routes, size_t n)
{
	if (routes == NULL || n == 0) {
		warnx("httpd: no routes");
		return NULL;
	}
	return httpd_spawn(NULL, 0, routes, n);
}

int
httpd_port(const struct httpd *d)
{
	return d->port;
}

char *
httpd_stop_stats(struct httpd *d, struct httpd_stats *st)
{
	struct buf	 all = BUF_INIT;
	char		 chunk[HTTPD_READ_CHUNK_BYTES];
	ssize_t		 n;
	char		*log;

	if (st != NULL)
		memset(st, 0, sizeof(*st));
	if (d == NULL)
		return NULL;
	close(d->stopfd);
	while ((n = read(d->logfd, chunk, sizeof(chunk))) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			warn("httpd: read log");
			break;
		}
		buf_add(&all, chunk, n);
	}
	close(d->logfd);
	while (waitpid(d->pid, NULL, 0) == -1 && errno == EINTR)
		;
	if (all.len >= sizeof(struct httpd_stats)) {
		if (st != NULL)
			memcpy(st, all.data, sizeof(*st));
		log = xstrdup(all.data + sizeof(struct httpd_stats));
	} else
		log = xstrdup("");
	buf_free(&all);
	free(d);
	return log;
}

char *
httpd_stop(struct httpd *d)
{
	return httpd_stop_stats(d, NULL);
}

size_t
httpd_count(const char *log)
{
	return httpd_count_matching(log, "");
}

size_t
httpd_count_matching(const char *log, const char *needle)
{
	const char	*p, *end;
	size_t		 n = 0;
	char		*entry;

	if (log == NULL)
		return 0;
	for (p = log; (end = strstr(p, HTTPD_LOG_END)) != NULL;
	    p = end + strlen(HTTPD_LOG_END)) {
		entry = xstrndup(p, end - p);
		if (strstr(entry, needle) != NULL)
			n++;
		free(entry);
	}
	return n;
}
