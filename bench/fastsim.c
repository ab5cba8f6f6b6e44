/*
 * fastsim.c: the simulator's replies, served at C speed, for make bench.
 *
 *	fastsim --replay FILE [--port N] [--port-file F] [--latency-ms N]
 *	    [--log F] [--quiet]
 *
 * The Python simulator (sim/awssim.py) is the reference for the wire
 * protocols, and the tests use it.  Measured against it, a fast client
 * mostly measures Python: at 0 ms it spends more CPU per request than
 * bedrock-audit does.  bench/simexport.py therefore asks the Python
 * simulator's own functions for every reply a collection of a world can
 * need; this server replays those bytes, so both benchmark clients get
 * exactly what the Python simulator would send.
 *
 * What it does per request, like the Python simulator: HTTP/1.1 with
 * keep-alive, routing by the SigV4 credential scope (service, region),
 * the operation from the path (Bedrock, Account), X-Amz-Target (Service
 * Quotas, CloudWatch) or Action (STS), the page from nextToken /
 * NextToken, a full SigV4 check (canonical request rebuilt from what
 * arrived, the key's session token, the scope date), the injected
 * latency (a timer per request, one thread, no sleeping), and the
 * counters of /_sim/stats.
 *
 * Three replies are made per request, not replayed, because they depend
 * on the request or the clock (their shapes are the Python simulator's):
 *   - STS AssumeRole of any role ARN arn:aws:iam::ACCOUNT:role/NAME:
 *     fresh credentials whose AccessKeyId carries the account and the
 *     index of the issue ("ASIAFS" ACCOUNT IIIIIIII); requests signed
 *     with them are checked like any other and answered with the same
 *     world's replies, so every member account is the same world;
 *   - STS GetCallerIdentity with such credentials: the member account
 *     and its assumed-role ARN;
 *   - CloudWatch GetMetricData: for each query, the minutes of the
 *     request's window (Period 60) with the value sim/awssim.py's
 *     cw_value() gives the model's usage pattern ("W" lines of the
 *     replay file, from cw_patterns()), at most FS_CW_MAX_POINTS per
 *     query (the window's last day) and FS_CW_MAX_POINTS_PER_REPLY in
 *     all, so no reply needs a NextToken.  ListMetrics is replayed.
 * What it does not: faults, mutations, other operations, clock skew; a
 * request it has no reply for gets 400 and a line on stderr.
 *
 * Control (no signature): GET /_sim/health, GET /_sim/stats (requests_total,
 * status, bytes_out, cpu_user, cpu_sys, cpu_seconds), POST
 * /_sim/reset-stats, POST /_sim/config {"latency_ms": N}.  Loopback only.
 */
#include <sys/types.h>
#include <sys/resource.h>
#include <sys/epoll.h>
#include <sys/socket.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#define FS_MAX_CONNS		1024
#define FS_MAX_HEAD_BYTES	(64 * 1024)
#define FS_MAX_BODY_BYTES	(1024 * 1024)
#define FS_MAX_HEADERS		64
#define FS_MAX_ACCOUNTS		16
#define FS_KEY_SLOTS		16384	/* cached signing keys, hashed;
					   a power of 2 */
#define FS_MAX_ISSUED		(1 << 20)	/* AssumeRole credentials */
#define FS_MAX_PATTERNS		4096	/* "W" lines: usage patterns */
#define FS_CW_MAX_POINTS	1440	/* per query: one day of minutes */
#define FS_CW_MAX_POINTS_PER_REPLY 100800	/* the API's MaxDatapoints */
#define FS_CW_MAX_QUERIES	500	/* MetricDataQueries per call */
#define FS_ROLE_SECONDS		3600	/* AssumeRole's default duration */
#define FS_MEMBER_PREFIX	"ASIAFS"	/* + 12 digits + 8 hex */
#define FS_STS_NS		"https://sts.amazonaws.com/doc/2011-06-15/"
#define FS_CW_TARGET		"GraniteServiceVersion20100801."
#define FS_MAX_LATENCY_MS	60000
#define FS_READ_BYTES		65536

/* One reply of the replay file. */
struct reply {
	char		*key;		/* "service region op arg" */
	char		*ctype;
	char		*body;
	size_t		 bodysz;
};

struct account {
	char		*akid;
	char		*secret;
	char		*token;		/* NULL: none may be sent */
};

/* Credentials issued by AssumeRole; their index is in the key ID. */
struct issued {
	struct account	 acct;		/* akid, secret, token: owned */
	char		 account[13];	/* the role's account */
	char		*arn;		/* assumed-role ARN */
	char		*user_id;	/* "AROA...:session" */
};

/* A usage pattern of sim/awssim.py's cw_patterns(): one per model. */
struct pattern {
	char		*region;
	char		*model;
	int		 near;		/* "near", else "throttled" */
	double		 quota;		/* the quota's applied value */
};

/* A derived SigV4 signing key, per key ID, date, region and service. */
struct skey {
	char		 scope[320];	/* "akid/date/region/service" */
	unsigned char	 key[32];
};

struct conn {
	int		 fd;		/* -1: slot free */
	unsigned	 gen;		/* bumped when the slot is reused */
	char		*in;		/* received, not yet handled */
	size_t		 inlen, incap;
	char		*out;		/* to send */
	size_t		 outlen, outoff, outcap;
	int		 closing;	/* close once out is sent */
	int		 pollout;	/* EPOLLOUT asked: out is pending */
};

/* A reply waiting for its latency to pass. */
struct due {
	long long	 at;		/* monotonic us */
	int		 conn;
	unsigned	 gen;
	char		*head;		/* status line and headers, owned */
	const char	*body;		/* borrowed from the table or owned */
	size_t		 bodysz;
	char		*owned;		/* body to free, or NULL */
	struct due	*next;
};

/* One parsed request; pointers into the connection's input. */
struct req {
	char		*method;
	char		*path;		/* without the query */
	char		*query;		/* "" if none */
	char		*body;
	size_t		 bodysz;
	char		*hname[FS_MAX_HEADERS];
	char		*hval[FS_MAX_HEADERS];
	int		 nh;
};

static struct reply	*table;		/* open addressing, tablecap slots */
static size_t		 tablecap, nreplies;
static struct account	 accounts[FS_MAX_ACCOUNTS];
static int		 naccounts;
static struct skey	 skeys[FS_KEY_SLOTS];
static struct issued	*issued;
static size_t		 nissued, issuedcap;
static struct pattern	 patterns[FS_MAX_PATTERNS];
static int		 npatterns;
static struct conn	 conns[FS_MAX_CONNS];
static struct due	*due_head, *due_tail;
static long		 latency_ms;
static volatile sig_atomic_t quit;
static int		 epfd = -1;	/* every connection and the listener */

/* /_sim/stats */
static unsigned long long st_requests, st_bytes_out, st_control;
static unsigned long long st_status[600];
static double		 cpu_base_user, cpu_base_sys;
static long long	 started_us;
static unsigned long long rid_counter;
static FILE		*reqlog;	/* --log: one line per AWS request */

/* Monotonic microseconds: the latency is kept to the microsecond. */
static long long
now_us(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n)) == NULL)
		err(1, "realloc");
	return p;
}

static char *
xstrdup(const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL)
		err(1, "strdup");
	return p;
}

static uint64_t
fnv(const char *s)
{
	uint64_t	h = 1469598103934665603ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static struct reply *
table_slot(const char *key)
{
	size_t	i = (size_t)fnv(key) & (tablecap - 1);

	while (table[i].key != NULL && strcmp(table[i].key, key) != 0)
		i = (i + 1) & (tablecap - 1);
	return &table[i];
}

/* Grow the table to keep it at most half full. */
static void
table_grow(void)
{
	struct reply	*old = table;
	size_t		 i, oldcap = tablecap;

	tablecap = tablecap == 0 ? 8192 : tablecap * 2;
	if ((table = calloc(tablecap, sizeof(*table))) == NULL)
		err(1, "calloc");
	for (i = 0; i < oldcap; i++)
		if (old[i].key != NULL)
			*table_slot(old[i].key) = old[i];
	free(old);
}

/* Read the replay file written by bench/simexport.py. */
static void
replay_load(const char *path)
{
	FILE		*f;
	struct reply	 r, *slot;
	char		*line = NULL, svc[64], reg[64], op[128], arg[2048];
	char		 ctype[128], a1[256], a2[256], a3[4096], a4[64];
	size_t		 linecap = 0;
	unsigned long	 len;

	if ((f = fopen(path, "rb")) == NULL)
		err(1, "%s", path);
	while (getline(&line, &linecap, f) > 0) {
		if (line[0] == 'A' && sscanf(line, "A %255s %255s %4095s %63s",
		    a1, a2, a3, a4) == 4) {
			if (naccounts == FS_MAX_ACCOUNTS)
				errx(1, "%s: too many accounts", path);
			accounts[naccounts].akid = xstrdup(a1);
			accounts[naccounts].secret = xstrdup(a2);
			accounts[naccounts++].token = strcmp(a3, "-") == 0 ?
			    NULL : xstrdup(a3);
			continue;
		}
		if (line[0] == 'W' && sscanf(line, "W %63s %2047s %63s "
		    "%255s", reg, arg, a4, a1) == 4) {
			if (npatterns == FS_MAX_PATTERNS)
				errx(1, "%s: too many usage patterns", path);
			patterns[npatterns].region = xstrdup(reg);
			patterns[npatterns].model = xstrdup(arg);
			patterns[npatterns].near = strcmp(a4, "near") == 0;
			patterns[npatterns++].quota = strtod(a1, NULL);
			continue;
		}
		if (sscanf(line, "R %63s %63s %127s %2047s %127s %lu", svc,
		    reg, op, arg, ctype, &len) != 6 || len > 64UL << 20)
			errx(1, "%s: bad line: %.60s", path, line);
		memset(&r, 0, sizeof(r));
		if (asprintf(&r.key, "%s %s %s %s", svc, reg, op, arg) == -1)
			err(1, "asprintf");
		r.ctype = xstrdup(ctype);
		r.body = xrealloc(NULL, len + 1);
		r.bodysz = len;
		if (fread(r.body, 1, len, f) != len || fgetc(f) != '\n')
			errx(1, "%s: truncated reply %s", path, r.key);
		if (2 * (nreplies + 1) > tablecap)
			table_grow();
		if ((slot = table_slot(r.key))->key != NULL)
			errx(1, "%s: reply %s twice", path, r.key);
		*slot = r;
		nreplies++;
	}
	free(line);
	fclose(f);
	if (nreplies == 0 || naccounts == 0)
		errx(1, "%s: no replies or no accounts", path);
}

static const struct reply *
replay_find(const char *svc, const char *reg, const char *op,
    const char *arg)
{
	char	 key[4096];

	if (snprintf(key, sizeof(key), "%s %s %s %s", svc,
	    *reg != '\0' ? reg : "-", op, *arg != '\0' ? arg : "-") >=
	    (int)sizeof(key))
		return NULL;
	return table_slot(key)->key != NULL ? table_slot(key) : NULL;
}

/* The value of header "name" (first occurrence), or NULL. */
static const char *
hdr(const struct req *q, const char *name)
{
	int	i;

	for (i = 0; i < q->nh; i++)
		if (strcasecmp(q->hname[i], name) == 0)
			return q->hval[i];
	return NULL;
}

static int
unreserved(int c)
{
	return isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~';
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Percent-decode "n" bytes of "s" into "out" (NUL-terminated). */
static void
pct_decode(const char *s, size_t n, char *out, size_t outsz)
{
	size_t	 i, o = 0;
	int	 h, l;

	for (i = 0; i < n && o + 1 < outsz; i++) {
		if (s[i] == '%' && i + 2 < n && (h = hexval(s[i + 1])) >= 0 &&
		    (l = hexval(s[i + 2])) >= 0) {
			out[o++] = (char)(h * 16 + l);
			i += 2;
		} else
			out[o++] = s[i];
	}
	out[o] = '\0';
}

/* Append the RFC 3986 encoding of "s" (keeping '/' if asked). */
static void
pct_encode(char **p, const char *s, size_t n, int keep_slash)
{
	static const char	 hex[] = "0123456789ABCDEF";
	size_t			 i;

	for (i = 0; i < n; i++) {
		unsigned char	c = (unsigned char)s[i];

		if (unreserved(c) || (keep_slash && c == '/'))
			*(*p)++ = (char)c;
		else {
			*(*p)++ = '%';
			*(*p)++ = hex[c >> 4];
			*(*p)++ = hex[c & 15];
		}
	}
}

/* Normalised wire path, percent-encoded again (as sim/sigv4.py does). */
static void
canon_uri(char **p, const char *path)
{
	const char	*s = path, *e, *seg[256];
	size_t		 len[256], plen = strlen(path);
	int		 i, n = 0;

	while (*s != '\0') {
		while (*s == '/')
			s++;
		for (e = s; *e != '\0' && *e != '/'; e++)
			;
		if (e - s == 2 && s[0] == '.' && s[1] == '.') {
			if (n > 0)
				n--;
		} else if (e > s && !(e - s == 1 && s[0] == '.') && n < 256) {
			seg[n] = s;
			len[n++] = (size_t)(e - s);
		}
		s = e;
	}
	*(*p)++ = '/';
	for (i = 0; i < n; i++) {
		if (i > 0)
			*(*p)++ = '/';
		pct_encode(p, seg[i], len[i], 0);
	}
	if (n > 0 && plen > 0 && path[plen - 1] == '/')
		*(*p)++ = '/';
}

struct qpair {
	char	 k[1024];	/* encoded key */
	char	 v[3072];	/* encoded value */
};

static int
qpair_cmp(const void *a, const void *b)
{
	const struct qpair	*x = a, *y = b;
	int			 c = strcmp(x->k, y->k);

	return c != 0 ? c : strcmp(x->v, y->v);
}

/* Canonical query: decoded, re-encoded, sorted.  -1 if too big. */
static int
canon_query(char **p, const char *query)
{
	static struct qpair	 pr[64];
	char			 dec[1024], *o;
	const char		*s = query, *amp, *eq;
	int			 i, n = 0;

	while (*s != '\0') {
		if ((amp = strchr(s, '&')) == NULL)
			amp = s + strlen(s);
		if (amp > s) {
			if (n == 64 || amp - s >= 1000)
				return -1;
			if ((eq = memchr(s, '=', (size_t)(amp - s))) == NULL)
				eq = amp;
			pct_decode(s, (size_t)(eq - s), dec, sizeof(dec));
			o = pr[n].k;
			pct_encode(&o, dec, strlen(dec), 0);
			*o = '\0';
			dec[0] = '\0';
			if (eq < amp)
				pct_decode(eq + 1, (size_t)(amp - eq - 1), dec,
				    sizeof(dec));
			o = pr[n].v;
			pct_encode(&o, dec, strlen(dec), 0);
			*o = '\0';
			n++;
		}
		s = *amp != '\0' ? amp + 1 : amp;
	}
	qsort(pr, (size_t)n, sizeof(pr[0]), qpair_cmp);
	for (i = 0; i < n; i++)
		*p += sprintf(*p, "%s%s=%s", i > 0 ? "&" : "", pr[i].k,
		    pr[i].v);
	return 0;
}

/* "name:v1,v2\n" with each value trimmed and inner runs collapsed. */
static void
canon_header(char **p, const struct req *q, const char *name)
{
	const char	*v;
	int		 i, first = 1, space;

	*p += sprintf(*p, "%s:", name);
	for (i = 0; i < q->nh; i++) {
		if (strcasecmp(q->hname[i], name) != 0)
			continue;
		if (!first)
			*(*p)++ = ',';
		first = 0;
		for (v = q->hval[i]; isspace((unsigned char)*v); v++)
			;
		for (space = 0; *v != '\0'; v++) {
			if (isspace((unsigned char)*v)) {
				space = 1;
				continue;
			}
			if (space)
				*(*p)++ = ' ';
			space = 0;
			*(*p)++ = *v;
		}
	}
	*(*p)++ = '\n';
}

static void
hex(const unsigned char *d, size_t n, char *out)
{
	static const char	 x[] = "0123456789abcdef";
	size_t			 i;

	for (i = 0; i < n; i++) {
		out[2 * i] = x[d[i] >> 4];
		out[2 * i + 1] = x[d[i] & 15];
	}
	out[2 * n] = '\0';
}

static void
sha256_hex(const void *d, size_t n, char out[65])
{
	unsigned char	md[32];
	unsigned int	mdlen = 0;

	if (EVP_Digest(d, n, md, &mdlen, EVP_sha256(), NULL) != 1)
		errx(1, "EVP_Digest failed");
	hex(md, 32, out);
}

static void
hmac(const void *key, size_t keylen, const char *msg, unsigned char out[32])
{
	unsigned int	len = 32;

	if (HMAC(EVP_sha256(), key, (int)keylen, (const unsigned char *)msg,
	    strlen(msg), out, &len) == NULL)
		errx(1, "HMAC failed");
}

/* The signing key of "scope" ("akid/date/region/service"), cached. */
static const unsigned char *
signing_key(const struct account *a, const char *scope, const char *date,
    const char *region, const char *service)
{
	struct skey	*k;
	unsigned char	 t1[32], t2[32];
	char		 first[300];

	/* Direct-mapped: 100 accounts x 30 regions x 3 services fit. */
	k = &skeys[fnv(scope) & (FS_KEY_SLOTS - 1)];
	if (strcmp(k->scope, scope) == 0)
		return k->key;
	snprintf(k->scope, sizeof(k->scope), "%s", scope);
	snprintf(first, sizeof(first), "AWS4%s", a->secret);
	hmac(first, strlen(first), date, t1);
	hmac(t1, 32, region, t2);
	hmac(t2, 32, service, t1);
	hmac(t1, 32, "aws4_request", k->key);
	return k->key;
}

/*
 * The credentials AssumeRole issued under key ID "akid" ("ASIAFS",
 * the account, the index in 8 hex digits), or NULL.
 */
static struct issued *
member_find(const char *akid)
{
	const char	*p;
	char		*end;
	unsigned long	 idx;
	size_t		 n = sizeof(FS_MEMBER_PREFIX) - 1;
	int		 i;

	if (strncmp(akid, FS_MEMBER_PREFIX, n) != 0 ||
	    strlen(akid) != n + 12 + 8)
		return NULL;
	for (p = akid + n, i = 0; i < 12; i++)
		if (!isdigit((unsigned char)p[i]))
			return NULL;
	idx = strtoul(akid + n + 12, &end, 16);
	if (*end != '\0' || idx >= nissued ||
	    strcmp(issued[idx].acct.akid, akid) != 0)
		return NULL;
	return &issued[idx];
}

/* The parts of an Authorization header. */
struct auth {
	char	 akid[128];
	char	 date[16];	/* YYYYMMDD */
	char	 region[64];
	char	 service[64];
	char	 signed_h[1024];	/* "host;x-amz-date" */
	char	 sig[80];
};

static int
auth_parse(const char *v, struct auth *a)
{
	const char	*c, *sh, *sg;

	if (v == NULL || strncmp(v, "AWS4-HMAC-SHA256 ", 17) != 0 ||
	    (c = strstr(v, "Credential=")) == NULL ||
	    (sh = strstr(v, "SignedHeaders=")) == NULL ||
	    (sg = strstr(v, "Signature=")) == NULL)
		return -1;
	if (sscanf(c + 11, "%127[^/]/%15[^/]/%63[^/]/%63[^/]/aws4_request",
	    a->akid, a->date, a->region, a->service) != 4 ||
	    sscanf(sh + 14, "%1023[^, ]", a->signed_h) != 1 ||
	    sscanf(sg + 10, "%79[0-9a-f]", a->sig) != 1)
		return -1;
	return 0;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Build the canonical request of "q" into a new string. */
static char *
canon_request(const struct req *q, const struct auth *a)
{
	char	 names[1024], *name[64], *buf, *p, *t, hash[65];
	size_t	 cap;
	int	 i, n = 0;

	cap = 3 * (strlen(q->path) + strlen(q->query)) + 1024;
	for (i = 0; i < q->nh; i++)
		cap += strlen(q->hname[i]) + strlen(q->hval[i]) + 2;
	p = buf = xrealloc(NULL, cap);
	p += sprintf(p, "%s\n", q->method);
	canon_uri(&p, q->path);
	*p++ = '\n';
	if (canon_query(&p, q->query) == -1) {
		free(buf);
		return NULL;
	}
	*p++ = '\n';
	snprintf(names, sizeof(names), "%s", a->signed_h);
	for (t = strtok(names, ";"); t != NULL && n < 64; t = strtok(NULL, ";"))
		name[n++] = t;
	qsort(name, (size_t)n, sizeof(name[0]), str_cmp);
	for (i = 0; i < n; i++)
		canon_header(&p, q, name[i]);
	*p++ = '\n';
	for (i = 0; i < n; i++)
		p += sprintf(p, "%s%s", i > 0 ? ";" : "", name[i]);
	sha256_hex(q->body, q->bodysz, hash);
	sprintf(p, "\n%s", hash);
	return buf;
}

/*
 * Check the signature of "q" as AWS does.  Returns NULL, or the AWS
 * error code to answer with (status 403 unless it is Incomplete...).
 */
static const char *
verify(const struct req *q, const struct auth *a)
{
	const struct account	*acct = NULL;
	const char		*amz, *tok;
	char			*creq, sts[512], hash[65], sig[65], scope[300];
	unsigned char		 mac[32];
	int			 i;

	for (i = 0; i < naccounts; i++)
		if (strcmp(accounts[i].akid, a->akid) == 0)
			acct = &accounts[i];
	if (acct == NULL && member_find(a->akid) != NULL)
		acct = &member_find(a->akid)->acct;
	tok = hdr(q, "X-Amz-Security-Token");
	if (acct == NULL || (acct->token == NULL) != (tok == NULL) ||
	    (tok != NULL && strcmp(tok, acct->token) != 0))
		return "UnrecognizedClientException";
	if ((amz = hdr(q, "X-Amz-Date")) == NULL || strlen(amz) != 16)
		return "IncompleteSignatureException";
	if (strncmp(amz, a->date, 8) != 0 || strlen(a->sig) != 64)
		return "InvalidSignatureException";
	if ((creq = canon_request(q, a)) == NULL)
		return "InvalidSignatureException";
	sha256_hex(creq, strlen(creq), hash);
	free(creq);
	snprintf(scope, sizeof(scope), "%s/%s/%s/%s", a->akid, a->date,
	    a->region, a->service);
	snprintf(sts, sizeof(sts), "AWS4-HMAC-SHA256\n%s\n%s/%s/%s/"
	    "aws4_request\n%s", amz, a->date, a->region, a->service, hash);
	hmac(signing_key(acct, scope, a->date, a->region, a->service), 32,
	    sts, mac);
	hex(mac, 32, sig);
	return CRYPTO_memcmp(sig, a->sig, 64) == 0 ? NULL :
	    "InvalidSignatureException";
}

/* Queue "head" + "body" for connection "ci", due after the latency. */
static void
reply_queue(int ci, char *head, const char *body, size_t bodysz,
    char *owned)
{
	struct due	*d = xrealloc(NULL, sizeof(*d));

	d->at = now_us() + latency_ms * 1000;
	d->conn = ci;
	d->gen = conns[ci].gen;
	d->head = head;
	d->body = body;
	d->bodysz = bodysz;
	d->owned = owned;
	d->next = NULL;
	if (due_tail != NULL)
		due_tail->next = d;
	else
		due_head = d;
	due_tail = d;
}

static const char *
reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	default: return "Error";
	}
}

/* Build the status line and headers; counts the reply. */
static char *
reply_head(int status, const char *ctype, size_t len, const char *extra)
{
	char		*h, date[64];
	time_t		 t = time(NULL);
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S GMT", &tm);
	rid_counter++;
	if (asprintf(&h, "HTTP/1.1 %d %s\r\nx-amzn-RequestId: "
	    "00000000-0000-4000-8000-%012llx\r\nDate: %s\r\nContent-Type: %s"
	    "\r\nContent-Length: %zu\r\n%s\r\n", status, reason(status),
	    rid_counter, date, ctype, len, extra != NULL ? extra : "") == -1)
		err(1, "asprintf");
	if (status > 0 && status < 600)
		st_status[status]++;
	st_bytes_out += len;
	return h;
}

/* An error reply in the protocol of "service". */
static void
reply_error(int ci, const char *service, int status, const char *code,
    const char *msg)
{
	char	*body, *extra = NULL;

	if (strcmp(service, "servicequotas") == 0) {
		if (asprintf(&body, "{\"__type\": \"com.amazon.coral.service#%s"
		    "\", \"message\": \"%s\"}", code, msg) == -1)
			err(1, "asprintf");
	} else if (asprintf(&body, "{\"message\": \"%s\"}", msg) == -1)
		err(1, "asprintf");
	if (asprintf(&extra, "x-amzn-ErrorType: %s:http://internal.amazon.com"
	    "/coral/com.amazon.coral.service/\r\n", code) == -1)
		err(1, "asprintf");
	reply_queue(ci, reply_head(status, "application/json", strlen(body),
	    extra), body, strlen(body), body);
	free(extra);
}

/* A growable output buffer for the replies made per request. */
struct obuf {
	char		*p;
	size_t		 len, cap;
};

static void
ob_printf(struct obuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
ob_printf(struct obuf *b, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
		if (n < 0)
			errx(1, "vsnprintf failed");
		if ((size_t)n < b->cap - b->len)
			break;
		b->cap = (b->cap + (size_t)n + 1) * 2;
		b->p = xrealloc(b->p, b->cap);
	}
	b->len += (size_t)n;
}

/* Append "s" as a JSON string (quoted, escaped). */
static void
ob_json_str(struct obuf *b, const char *s)
{
	ob_printf(b, "\"");
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			ob_printf(b, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			ob_printf(b, "\\u%04x", (unsigned char)*s);
		else
			ob_printf(b, "%c", *s);
	}
	ob_printf(b, "\"");
}

/* Queue the finished 200 reply "b" (handed over) for "ci". */
static void
reply_made(int ci, const char *ctype, struct obuf *b)
{
	reply_queue(ci, reply_head(200, ctype, b->len, NULL), b->p, b->len,
	    b->p);
	memset(b, 0, sizeof(*b));
}

/*
 * Form field "name" of an awsQuery request (body, then query string),
 * percent-decoded into "out"; 0, or -1 when absent.
 */
static int
form_value(const struct req *q, const char *name, char *out, size_t outsz)
{
	const char	*src[2] = { q->body, q->query }, *s, *v;
	size_t		 n = strlen(name);
	int		 i;

	for (i = 0; i < 2; i++) {
		for (s = src[i]; s != NULL && *s != '\0'; s = v) {
			v = s + strcspn(s, "&");
			if ((size_t)(v - s) > n && strncmp(s, name, n) == 0 &&
			    s[n] == '=') {
				pct_decode(s + n + 1, (size_t)(v - s) - n - 1,
				    out, outsz);
				return 0;
			}
			if (*v == '&')
				v++;
		}
	}
	return -1;
}

/* 1 if "s" is "min".."max" of [A-Za-z0-9_+=,.@-] (sim/identity.py). */
static int
sts_name_ok(const char *s, size_t min, size_t max)
{
	size_t	n = strlen(s);

	return n >= min && n <= max && strspn(s, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+=,.@-") == n;
}

/* "n" pseudo-random characters of "alpha" from state "x" (xorshift). */
static void
fill_random(char *out, size_t n, const char *alpha, uint64_t *x)
{
	size_t	i, m = strlen(alpha);

	for (i = 0; i < n; i++) {
		*x ^= *x << 13;
		*x ^= *x >> 7;
		*x ^= *x << 17;
		out[i] = alpha[*x % m];
	}
	out[n] = '\0';
}

/*
 * STS AssumeRole of RoleArn arn:aws...:iam::ACCOUNT:role/[PATH/]NAME:
 * any role is granted (what fastsim measures is the client, not trust
 * policies).  The reply is sim/identity.py's _reply().
 */
static void
handle_assume_role(int ci, const struct req *q)
{
	static const char	 b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklm"
				    "nopqrstuvwxyz0123456789+/";
	struct issued		*m;
	struct obuf		 b = { NULL, 0, 0 };
	char			 arn[2048], session[128], exp[32], *p, *name;
	char			 secret[41], tok[601];
	uint64_t		 x;
	time_t			 t;
	struct tm		 tm;

	name = NULL;
	if (form_value(q, "RoleArn", arn, sizeof(arn)) == 0 &&
	    strncmp(arn, "arn:aws", 7) == 0 &&
	    (p = strstr(arn, ":iam::")) != NULL &&
	    strspn(p + 6, "0123456789") == 12 &&
	    strncmp(p + 18, ":role/", 6) == 0)
		name = strrchr(p, '/') + 1;	/* after any path */
	if (name == NULL || !sts_name_ok(name, 1, 64) ||
	    form_value(q, "RoleSessionName", session, sizeof(session)) ==
	    -1 || !sts_name_ok(session, 2, 64)) {
		reply_error(ci, "sts", 400, "ValidationError",
		    "fastsim: RoleArn or RoleSessionName is not valid");
		return;
	}
	if (nissued == FS_MAX_ISSUED) {
		reply_error(ci, "sts", 400, "ValidationError",
		    "fastsim: too many credentials issued");
		return;
	}
	if (nissued == issuedcap) {
		issuedcap = issuedcap == 0 ? 256 : 2 * issuedcap;
		issued = xrealloc(issued, issuedcap * sizeof(*issued));
	}
	m = &issued[nissued];
	memset(m, 0, sizeof(*m));
	memcpy(m->account, p + 6, 12);
	m->account[12] = '\0';
	if (asprintf(&m->acct.akid, "%s%s%08zx", FS_MEMBER_PREFIX,
	    m->account, nissued) == -1 ||
	    asprintf(&m->arn, "arn:aws:sts::%s:assumed-role/%s/%s",
	    m->account, name, session) == -1 ||
	    asprintf(&m->user_id, "AROAFS%s%05zu:%s", m->account,
	    nissued % 100000, session) == -1)
		err(1, "asprintf");
	x = 0x9e3779b97f4a7c15ULL ^ (uint64_t)(nissued + 1) * 1099511628211ULL;
	fill_random(secret, 40, b64, &x);
	/* Real session tokens are long and hold + / =: so do these. */
	fill_random(tok, 600, b64, &x);
	m->acct.secret = xstrdup(secret);
	if (asprintf(&m->acct.token, "IQoJb3JpZ2luX2Vj%s==", tok) == -1)
		err(1, "asprintf");
	nissued++;
	t = time(NULL) + FS_ROLE_SECONDS;
	gmtime_r(&t, &tm);
	strftime(exp, sizeof(exp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	ob_printf(&b, "<AssumeRoleResponse xmlns=\"%s\">\n"
	    "  <AssumeRoleResult>\n"
	    "    <AssumedRoleUser>\n      <AssumedRoleId>%s</AssumedRoleId>\n"
	    "      <Arn>%s</Arn>\n    </AssumedRoleUser>\n"
	    "    <Credentials>\n      <AccessKeyId>%s</AccessKeyId>\n"
	    "      <SecretAccessKey>%s</SecretAccessKey>\n"
	    "      <SessionToken>%s</SessionToken>\n"
	    "      <Expiration>%s</Expiration>\n    </Credentials>\n"
	    "  </AssumeRoleResult>\n  <ResponseMetadata>\n"
	    "    <RequestId>00000000-0000-4000-8000-%012zx</RequestId>\n"
	    "  </ResponseMetadata>\n</AssumeRoleResponse>\n", FS_STS_NS,
	    m->user_id, m->arn, m->acct.akid, m->acct.secret, m->acct.token,
	    exp, nissued);
	reply_made(ci, "text/xml", &b);
}

/* GetCallerIdentity of issued credentials "m" (awssim.sts_identity()). */
static void
member_identity(int ci, const struct issued *m, const char *form)
{
	struct obuf	b = { NULL, 0, 0 };

	if (strcmp(form, "json") == 0) {
		ob_printf(&b, "{\"GetCallerIdentityResponse\": "
		    "{\"GetCallerIdentityResult\": {\"Account\": \"%s\", "
		    "\"Arn\": \"%s\", \"UserId\": \"%s\"}, "
		    "\"ResponseMetadata\": {\"RequestId\": "
		    "\"00000000-0000-4000-8000-000000000000\"}}}", m->account,
		    m->arn, m->user_id);
		reply_made(ci, "application/json", &b);
		return;
	}
	ob_printf(&b, "<GetCallerIdentityResponse xmlns=\"%s\">\n"
	    "  <GetCallerIdentityResult>\n    <Arn>%s</Arn>\n"
	    "    <UserId>%s</UserId>\n    <Account>%s</Account>\n"
	    "  </GetCallerIdentityResult>\n  <ResponseMetadata>\n"
	    "    <RequestId>00000000-0000-4000-8000-000000000000</RequestId>\n"
	    "  </ResponseMetadata>\n</GetCallerIdentityResponse>\n",
	    FS_STS_NS, m->arn, m->user_id, m->account);
	reply_made(ci, "text/xml", &b);
}

/*
 * The JSON string value of "key" (quoted, as "\"Id\"") in [s, end) into
 * "out" (escapes resolved by dropping the backslash); the end of the
 * value, or NULL when absent.
 */
static const char *
json_str_in(const char *s, const char *end, const char *key, char *out,
    size_t outsz)
{
	size_t	o = 0;

	if (s >= end || (s = memmem(s, (size_t)(end - s), key,
	    strlen(key))) == NULL)
		return NULL;
	for (s += strlen(key); s < end && (*s == ' ' || *s == ':'); s++)
		;
	if (s >= end || *s++ != '"')
		return NULL;
	for (; s < end && *s != '"'; s++) {
		if (*s == '\\' && s + 1 < end)
			s++;
		if (o + 1 < outsz)
			out[o++] = *s;
	}
	out[o] = '\0';
	return s < end ? s + 1 : NULL;
}

/* The integer after "key" in [s, end), or "dflt". */
static long long
json_num_in(const char *s, const char *end, const char *key, long long dflt)
{
	if (s >= end || (s = memmem(s, (size_t)(end - s), key,
	    strlen(key))) == NULL)
		return dflt;
	for (s += strlen(key); s < end && (*s == ' ' || *s == ':'); s++)
		;
	return s < end && (isdigit((unsigned char)*s) || *s == '-') ?
	    strtoll(s, NULL, 10) : dflt;
}

/* The usage pattern of "model" in "region", or NULL (a quiet model). */
static const struct pattern *
pattern_find(const char *region, const char *model)
{
	int	i;

	for (i = 0; i < npatterns; i++)
		if (strcmp(patterns[i].region, region) == 0 &&
		    strcmp(patterns[i].model, model) == 0)
			return &patterns[i];
	return NULL;
}

/*
 * The Sum of "metric" at minute "t" for a model of pattern "p", or -1
 * for no point: sim/awssim.py's cw_value(), rounding half to even as
 * Python's round() does.
 */
static double
cw_value(const struct pattern *p, const char *metric, long long t)
{
	long long	mod = (t / 60) % 1440;
	int		peak = mod == 14 * 60 + 7;
	double		wave = 0.2 + 0.05 * (double)((t / 600) % 5), est, inv;

	if (p->near) {
		est = p->quota * (peak ? 0.85 : wave);
		if (strcmp(metric, "EstimatedTPMQuotaUsage") == 0)
			return est;
		if (strcmp(metric, "InputTokenCount") == 0)
			return nearbyint(est * 0.6);
		if (strcmp(metric, "OutputTokenCount") == 0)
			return nearbyint(est * 0.1);
		if (strcmp(metric, "Invocations") == 0)
			return fmax(1, nearbyint(est / 2000));
		return -1;
	}
	inv = nearbyint(p->quota * (peak ? 0.30 : 0.1));
	if (strcmp(metric, "Invocations") == 0)
		return inv;
	if (strcmp(metric, "InputTokenCount") == 0)
		return inv * 500;
	if (strcmp(metric, "OutputTokenCount") == 0)
		return inv * 100;
	if (strcmp(metric, "InvocationThrottles") == 0)
		return mod == 600 || mod == 610 || mod == 620 ? 2 : -1;
	return -1;
}

/*
 * CloudWatch GetMetricData, made for the request: for each query, its
 * points in [StartTime, EndTime) at its Period, the window's last
 * FS_CW_MAX_POINTS at most (fewer when many queries share the
 * FS_CW_MAX_POINTS_PER_REPLY of one reply), every series Complete.
 * The request is read as bedrock-audit and the SDKs write it: each
 * query's "Id" before its "MetricName", "Value" (the ModelId) and
 * "Period".
 */
static void
handle_metric_data(int ci, const struct req *q, const char *region)
{
	const char		*s = q->body, *end = q->body + q->bodysz, *nx;
	const char		*qend;
	const struct pattern	*p;
	struct obuf		 b = { NULL, 0, 0 };
	char			 id[256], metric[256], model[2048];
	long long		 start, stop, first, last, step, t, k, n;
	long long		 pts;
	double			 v;
	int			 nq = 0, asc, sep;

	start = json_num_in(s, end, "\"StartTime\"", -1);
	stop = json_num_in(s, end, "\"EndTime\"", -1);
	asc = memmem(s, q->bodysz, "TimestampAscending", 18) != NULL;
	for (nx = s; (nx = json_str_in(nx, end, "\"Id\"", id,
	    sizeof(id))) != NULL; nq++)
		;
	if (start < 0 || stop <= start || nq == 0 ||
	    nq > FS_CW_MAX_QUERIES) {
		reply_error(ci, "monitoring", 400,
		    "InvalidParameterValueException",
		    "fastsim: StartTime, EndTime or MetricDataQueries");
		return;
	}
	pts = FS_CW_MAX_POINTS_PER_REPLY / nq;
	if (pts > FS_CW_MAX_POINTS)
		pts = FS_CW_MAX_POINTS;
	ob_printf(&b, "{\"MetricDataResults\": [");
	for (sep = 0; (s = json_str_in(s, end, "\"Id\"", id, sizeof(id))) !=
	    NULL; sep = 1) {
		/* This query's fields lie before the next query's Id. */
		if ((qend = memmem(s, (size_t)(end - s), "\"Id\"", 4)) == NULL)
			qend = end;
		metric[0] = model[0] = '\0';
		(void)json_str_in(s, qend, "\"MetricName\"", metric,
		    sizeof(metric));
		(void)json_str_in(s, qend, "\"Value\"", model, sizeof(model));
		if ((step = json_num_in(s, qend, "\"Period\"", 60)) < 60)
			step = 60;
		ob_printf(&b, "%s{\"Id\": ", sep ? ", " : "");
		ob_json_str(&b, id);
		ob_printf(&b, ", \"Label\": ");
		ob_json_str(&b, metric[0] != '\0' ? metric : id);
		/* The buckets [first, last] of the window's last pts. */
		n = (stop - start + step - 1) / step;
		first = start + (n > pts ? n - pts : 0) * step;
		last = start + (n - 1) * step;
		p = pattern_find(region, model);
		ob_printf(&b, ", \"Timestamps\": [");
		for (k = 0, n = 0; p != NULL && first + k * step <= last; k++) {
			t = asc ? first + k * step : last - k * step;
			if ((v = cw_value(p, metric, t - t % 60)) >= 0)
				ob_printf(&b, "%s%lld", n++ > 0 ? ", " : "", t);
		}
		ob_printf(&b, "], \"Values\": [");
		for (k = 0, n = 0; p != NULL && first + k * step <= last; k++) {
			t = asc ? first + k * step : last - k * step;
			if ((v = cw_value(p, metric, t - t % 60)) >= 0)
				ob_printf(&b, "%s%.15g", n++ > 0 ? ", " : "", v);
		}
		ob_printf(&b, "], \"StatusCode\": \"Complete\", "
		    "\"Messages\": []}");
	}
	ob_printf(&b, "], \"Messages\": []}");
	reply_made(ci, "application/x-amz-json-1.0", &b);
}

/* "NextToken" of a Service Quotas or Account JSON body ("" if none). */
static void
json_token(const struct req *q, char *out, size_t outsz)
{
	const char	*s, *end = q->body + q->bodysz;
	size_t		 o = 0;

	out[0] = '\0';
	if (q->bodysz == 0 || (s = strstr(q->body, "\"NextToken\"")) == NULL)
		return;
	for (s += 11; s < end && (*s == ' ' || *s == ':'); s++)
		;
	if (s >= end || *s++ != '"')
		return;
	for (; s < end && *s != '"' && o + 1 < outsz; s++) {
		if (*s == '\\' && s + 1 < end)
			s++;
		out[o++] = *s;
	}
	out[o] = '\0';
}

/* Operation and argument of an AWS request; "" op if unknown. */
static void
route(const struct req *q, const char *service, char *op, size_t opsz,
    char *arg, size_t argsz)
{
	const char	*t, *v;
	char		 action[64];

	op[0] = arg[0] = '\0';
	if (strcmp(service, "bedrock") == 0) {
		if (strcmp(q->path, "/foundation-models") == 0)
			snprintf(op, opsz, "ListFoundationModels");
		else if (strncmp(q->path, "/foundation-model-availability/",
		    31) == 0) {
			snprintf(op, opsz, "GetFoundationModelAvailability");
			pct_decode(q->path + 31, strlen(q->path + 31), arg,
			    argsz);
		} else if (strcmp(q->path, "/inference-profiles") == 0) {
			snprintf(op, opsz, "ListInferenceProfiles");
			if ((v = strstr(q->query, "nextToken=")) != NULL)
				pct_decode(v + 10, strcspn(v + 10, "&"), arg,
				    argsz);
		}
	} else if (strcmp(service, "servicequotas") == 0) {
		t = hdr(q, "X-Amz-Target");
		if (t != NULL && strncmp(t, "ServiceQuotasV20190624.", 23) == 0)
			snprintf(op, opsz, "%s", t + 23);
		json_token(q, arg, argsz);
	} else if (strcmp(service, "account") == 0) {
		if (strcmp(q->method, "POST") == 0 &&
		    strcmp(q->path, "/listRegions") == 0)
			snprintf(op, opsz, "ListRegions");
		json_token(q, arg, argsz);
	} else if (strcmp(service, "monitoring") == 0) {
		t = hdr(q, "X-Amz-Target");
		if (t != NULL && strncmp(t, FS_CW_TARGET,
		    sizeof(FS_CW_TARGET) - 1) == 0)
			snprintf(op, opsz, "%s", t + sizeof(FS_CW_TARGET) - 1);
		json_token(q, arg, argsz);
	} else if (strcmp(service, "sts") == 0) {
		if (form_value(q, "Action", action, sizeof(action)) == 0 &&
		    (strcmp(action, "GetCallerIdentity") == 0 ||
		    strcmp(action, "AssumeRole") == 0))
			snprintf(op, opsz, "%s", action);
		v = hdr(q, "Accept");
		snprintf(arg, argsz, "%s", v != NULL &&
		    strstr(v, "application/json") != NULL ? "json" : "xml");
	}
}

/* Answer one AWS request on connection "ci". */
static void
handle_aws(int ci, const struct req *q)
{
	const struct reply	*r;
	const struct issued	*m;
	struct auth		 a;
	const char		*code;
	char			 op[128], arg[2048];

	st_requests++;
	if (auth_parse(hdr(q, "Authorization"), &a) == -1) {
		reply_error(ci, "bedrock", 403,
		    "MissingAuthenticationTokenException",
		    "Missing Authentication Token");
		return;
	}
	if ((code = verify(q, &a)) != NULL) {
		reply_error(ci, a.service, strcmp(code,
		    "IncompleteSignatureException") == 0 ? 400 : 403, code,
		    "The request signature we calculated does not match the "
		    "signature you provided.");
		return;
	}
	route(q, a.service, op, sizeof(op), arg, sizeof(arg));
	if (reqlog != NULL)
		fprintf(reqlog, "%.6f %s %s\n",
		    (double)now_us() / 1e6, a.region, op);
	/* Made per request: they depend on it or on the clock. */
	if (strcmp(a.service, "sts") == 0 && strcmp(op, "AssumeRole") == 0) {
		handle_assume_role(ci, q);
		return;
	}
	if (strcmp(a.service, "sts") == 0 &&
	    strcmp(op, "GetCallerIdentity") == 0 &&
	    (m = member_find(a.akid)) != NULL) {
		member_identity(ci, m, arg);
		return;
	}
	if (strcmp(a.service, "monitoring") == 0 &&
	    strcmp(op, "GetMetricData") == 0) {
		handle_metric_data(ci, q, a.region);
		return;
	}
	/* STS and Account are global: any region's scope, one reply. */
	r = replay_find(a.service, strcmp(a.service, "sts") == 0 ||
	    strcmp(a.service, "account") == 0 ? "" : a.region,
	    op[0] != '\0' ? op : "Unknown", arg);
	if (r == NULL) {
		fprintf(stderr, "fastsim: no reply for %s %s %s %s\n",
		    a.service, a.region, op, arg);
		reply_error(ci, a.service, 400, "ValidationException",
		    "fastsim has no reply for this request");
		return;
	}
	reply_queue(ci, reply_head(200, r->ctype, r->bodysz, NULL), r->body,
	    r->bodysz, NULL);
}

static double
tv_sec(struct timeval tv)
{
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

/* The counters, as the Python simulator names them. */
static char *
stats_json(void)
{
	struct rusage	 ru;
	char		*s, *p;
	double		 u, sy;
	size_t		 cap = 4096;
	int		 i, first = 1;

	getrusage(RUSAGE_SELF, &ru);
	u = tv_sec(ru.ru_utime) - cpu_base_user;
	sy = tv_sec(ru.ru_stime) - cpu_base_sys;
	p = s = xrealloc(NULL, cap);
	p += sprintf(p, "{\"requests_total\": %llu, \"status\": {",
	    st_requests);
	for (i = 0; i < 600; i++)
		if (st_status[i] > 0) {
			p += sprintf(p, "%s\"%d\": %llu", first ? "" : ", ", i,
			    st_status[i]);
			first = 0;
		}
	sprintf(p, "}, \"bytes_out\": %llu, \"control_requests\": %llu, "
	    "\"cpu_user\": %.3f, \"cpu_sys\": %.3f, \"cpu_seconds\": %.3f, "
	    "\"uptime_seconds\": %.3f, \"latency_ms\": %ld, \"engine\": "
	    "\"fastsim\"}", st_bytes_out, st_control, u, sy, u + sy,
	    (double)(now_us() - started_us) / 1e6, latency_ms);
	return s;
}

static void
stats_reset(void)
{
	struct rusage	ru;

	getrusage(RUSAGE_SELF, &ru);
	cpu_base_user = tv_sec(ru.ru_utime);
	cpu_base_sys = tv_sec(ru.ru_stime);
	st_requests = st_bytes_out = st_control = 0;
	memset(st_status, 0, sizeof(st_status));
}

/* /_sim/...: answered at once (after replies already queued). */
static void
handle_control(int ci, const struct req *q)
{
	const char	*v;
	char		*body = NULL;
	long		 ms;
	int		 status = 200;

	st_control++;
	if (reqlog != NULL)
		fflush(reqlog);
	if (strcmp(q->path, "/_sim/stats") == 0)
		body = stats_json();
	else if (strcmp(q->path, "/_sim/reset-stats") == 0) {
		stats_reset();
		body = xstrdup("{\"ok\": true}");
	} else if (strcmp(q->path, "/_sim/config") == 0 && q->bodysz > 0 &&
	    (v = strstr(q->body, "\"latency_ms\"")) != NULL) {
		v += strcspn(v, ":");
		ms = *v == ':' ? strtol(v + 1, NULL, 10) : -1;
		if (ms < 0 || ms > FS_MAX_LATENCY_MS)
			status = 400;
		else
			latency_ms = ms;
		if (asprintf(&body, "{\"ok\": %s, \"latency_ms\": %ld}",
		    status == 200 ? "true" : "false", latency_ms) == -1)
			err(1, "asprintf");
	} else if (strcmp(q->path, "/_sim/health") == 0) {
		if (asprintf(&body, "{\"ok\": true, \"replies\": %zu}",
		    nreplies) == -1)
			err(1, "asprintf");
	} else {
		status = 404;
		body = xstrdup("{\"error\": \"unknown control path\"}");
	}
	/* Not an AWS reply: keep it out of the counters. */
	reply_queue(ci, reply_head(status, "application/json", strlen(body),
	    NULL), body, strlen(body), body);
	st_status[status]--;
	st_bytes_out -= strlen(body);
}

/*
 * Parse one complete request at the start of conn "ci"'s input, if there
 * is one, and answer it.  Returns the bytes it used, 0 when more input
 * is needed, or -1 when the request is malformed (close).
 */
static long
handle_one(int ci)
{
	struct conn	*c = &conns[ci];
	struct req	 q;
	char		*end, *line, *next, *colon, *body = NULL, *cl;
	size_t		 headlen, clen = 0;

	if (c->inlen == 0 || (end = memmem(c->in, c->inlen, "\r\n\r\n",
	    4)) == NULL)
		return c->inlen > FS_MAX_HEAD_BYTES ? -1 : 0;
	headlen = (size_t)(end - c->in) + 4;
	*end = '\0';
	if ((cl = strcasestr(c->in, "\r\nContent-Length:")) != NULL)
		clen = strtoul(cl + 17, NULL, 10);
	*end = '\r';
	if (clen > FS_MAX_BODY_BYTES)
		return -1;
	if (c->inlen < headlen + clen)
		return 0;
	memset(&q, 0, sizeof(q));
	*end = '\0';
	line = c->in;
	if ((next = strstr(line, "\r\n")) != NULL)
		*next = '\0';
	q.method = strtok(line, " ");
	q.path = strtok(NULL, " ");
	if (q.method == NULL || q.path == NULL || strtok(NULL, " ") == NULL)
		return -1;
	for (line = next != NULL ? next + 2 : end; line < end &&
	    q.nh < FS_MAX_HEADERS; line = next + 2) {
		if ((next = strstr(line, "\r\n")) == NULL)
			next = end;
		*next = '\0';
		if ((colon = strchr(line, ':')) == NULL)
			return -1;
		*colon = '\0';
		q.hname[q.nh] = line;
		q.hval[q.nh++] = colon + 1 + strspn(colon + 1, " \t");
		if (next == end)
			break;
	}
	body = xrealloc(NULL, clen + 1);
	memcpy(body, c->in + headlen, clen);
	body[clen] = '\0';
	q.body = body;
	q.bodysz = clen;
	if ((q.query = strchr(q.path, '?')) != NULL)
		*q.query++ = '\0';
	else
		q.query = q.path + strlen(q.path);	/* "" */
	if (strncmp(q.path, "/_sim/", 6) == 0)
		handle_control(ci, &q);
	else
		handle_aws(ci, &q);
	free(body);
	return (long)(headlen + clen);
}

/* Ask epoll for "ci"'s input, and its output when "out" is pending. */
static void
conn_watch(int ci, int op, int out)
{
	struct epoll_event	ev;

	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN | (out ? EPOLLOUT : 0);
	/* The generation tells an event of a slot's earlier connection. */
	ev.data.u64 = (uint64_t)conns[ci].gen << 32 | (uint32_t)ci;
	if (epoll_ctl(epfd, op, conns[ci].fd, &ev) == -1)
		err(1, "epoll_ctl");
	conns[ci].pollout = out;
}

static void
conn_close(int ci)
{
	struct conn	*c = &conns[ci];

	close(c->fd);		/* leaves the epoll set with it */
	c->pollout = 0;
	c->fd = -1;
	c->gen++;
	c->inlen = c->outlen = c->outoff = 0;
	c->closing = 0;
}

/* Send what is pending; close on error or when asked to. */
static void
conn_flush(int ci)
{
	struct conn	*c = &conns[ci];
	ssize_t		 n;

	while (c->outoff < c->outlen) {
		n = send(c->fd, c->out + c->outoff, c->outlen - c->outoff,
		    MSG_NOSIGNAL);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			if (!c->pollout)
				conn_watch(ci, EPOLL_CTL_MOD, 1);
			return;
		}
		if (n <= 0) {
			conn_close(ci);
			return;
		}
		c->outoff += (size_t)n;
	}
	c->outoff = c->outlen = 0;
	if (c->closing)
		conn_close(ci);
	else if (c->pollout)
		conn_watch(ci, EPOLL_CTL_MOD, 0);
}

static void
conn_append(struct conn *c, const char *p, size_t n)
{
	if (c->outlen + n > c->outcap) {
		c->outcap = (c->outlen + n) * 2;
		c->out = xrealloc(c->out, c->outcap);
	}
	memcpy(c->out + c->outlen, p, n);
	c->outlen += n;
}

/* Move every reply whose time has come to its connection. */
static void
due_flush(long long now)
{
	struct due	*d;
	struct conn	*c;

	while ((d = due_head) != NULL && d->at <= now) {
		if ((due_head = d->next) == NULL)
			due_tail = NULL;
		c = &conns[d->conn];
		if (c->fd != -1 && c->gen == d->gen) {
			conn_append(c, d->head, strlen(d->head));
			conn_append(c, d->body, d->bodysz);
			conn_flush(d->conn);
		}
		free(d->head);
		free(d->owned);
		free(d);
	}
}

/* Read what arrived on "ci" and answer every complete request. */
static void
conn_read(int ci)
{
	struct conn	*c = &conns[ci];
	ssize_t		 n;
	long		 used;

	if (c->incap - c->inlen < FS_READ_BYTES) {
		c->incap = c->inlen + 2 * FS_READ_BYTES;
		c->in = xrealloc(c->in, c->incap);
	}
	n = recv(c->fd, c->in + c->inlen, c->incap - c->inlen - 1, 0);
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		conn_close(ci);
		return;
	}
	c->inlen += (size_t)n;
	while ((used = handle_one(ci)) > 0) {
		memmove(c->in, c->in + used, c->inlen - (size_t)used);
		c->inlen -= (size_t)used;
	}
	if (used == -1)
		conn_close(ci);
}

static void
accept_all(int lfd)
{
	int	fd, i, one = 1;

	while ((fd = accept(lfd, NULL, NULL)) != -1) {
		for (i = 0; i < FS_MAX_CONNS && conns[i].fd != -1; i++)
			;
		if (i == FS_MAX_CONNS) {
			close(fd);
			continue;
		}
		(void)fcntl(fd, F_SETFL, O_NONBLOCK);
		(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one,
		    sizeof(one));
		conns[i].fd = fd;
		conn_watch(i, EPOLL_CTL_ADD, 0);
	}
}

static void
on_signal(int sig)
{
	(void)sig;
	quit = 1;
}

/* Listen on 127.0.0.1:"port" (0: any free port); returns the socket. */
static int
listen_on(int port, int *bound)
{
	struct sockaddr_in	 sin;
	socklen_t		 len = sizeof(sin);
	int			 fd, one = 1;

	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) == -1)
		err(2, "socket");
	(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) == -1 ||
	    listen(fd, 1024) == -1 ||
	    getsockname(fd, (struct sockaddr *)&sin, &len) == -1)
		err(2, "127.0.0.1:%d", port);
	(void)fcntl(fd, F_SETFL, O_NONBLOCK);
	*bound = ntohs(sin.sin_port);
	return fd;
}

static void
port_file(const char *path, int port)
{
	char	 tmp[4096];
	FILE	*f;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if ((f = fopen(tmp, "w")) == NULL || fprintf(f, "%d\n", port) < 0 ||
	    fclose(f) != 0 || rename(tmp, path) == -1)
		err(2, "%s", path);
}

/*
 * One turn of the loop: wait for I/O or the next due reply.  epoll, not
 * poll(2): with 256 connections open, polling each of them at every
 * wake-up was half of fastsim's CPU.
 */
static void
loop_once(int lfd)
{
	static struct epoll_event ev[256];
	struct timespec		 ts = { 1, 0 };
	long long		 now = now_us(), wait;
	int			 i, n, ci;
	unsigned		 gen;

	due_flush(now);
	if (due_head != NULL) {
		wait = due_head->at > now ? due_head->at - now : 0;
		ts.tv_sec = (time_t)(wait / 1000000);
		ts.tv_nsec = (long)(wait % 1000000) * 1000;
	}
	if ((n = epoll_pwait2(epfd, ev, 256, &ts, NULL)) == -1) {
		if (errno != EINTR)
			err(1, "epoll_pwait2");
		return;
	}
	for (i = 0; i < n; i++) {
		if (ev[i].data.u64 == UINT64_MAX) {
			accept_all(lfd);
			continue;
		}
		ci = (int)(ev[i].data.u64 & 0xffffffffu);
		gen = (unsigned)(ev[i].data.u64 >> 32);
		if (conns[ci].fd == -1 || conns[ci].gen != gen)
			continue;	/* closed since: a stale event */
		if (ev[i].events & EPOLLOUT)
			conn_flush(ci);
		if ((ev[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) &&
		    conns[ci].fd != -1 && conns[ci].gen == gen)
			conn_read(ci);
	}
}

int
main(int argc, char *argv[])
{
	struct epoll_event lev;
	const char	*replay = NULL, *pfile = NULL;
	int		 i, lfd, port = 0, quiet = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--quiet") == 0)
			quiet = 1;
		else if (i + 1 < argc && strcmp(argv[i], "--replay") == 0)
			replay = argv[++i];
		else if (i + 1 < argc && strcmp(argv[i], "--port") == 0)
			port = atoi(argv[++i]);
		else if (i + 1 < argc && strcmp(argv[i], "--port-file") == 0)
			pfile = argv[++i];
		else if (i + 1 < argc && strcmp(argv[i], "--latency-ms") == 0)
			latency_ms = atol(argv[++i]);
		else if (i + 1 < argc && strcmp(argv[i], "--log") == 0) {
			if ((reqlog = fopen(argv[++i], "w")) == NULL)
				err(2, "%s", argv[i]);
			setvbuf(reqlog, NULL, _IOFBF, 1 << 20);
		} else {
			fprintf(stderr, "usage: fastsim --replay FILE "
			    "[--port N] [--port-file F] [--latency-ms N] "
			    "[--log F] [--quiet]\n");
			return 2;
		}
	}
	if (replay == NULL || port < 0 || port > 65535 || latency_ms < 0 ||
	    latency_ms > FS_MAX_LATENCY_MS)
		errx(2, "--replay is required; port and latency in range");
	replay_load(replay);
	for (i = 0; i < FS_MAX_CONNS; i++)
		conns[i].fd = -1;
	signal(SIGPIPE, SIG_IGN);
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	lfd = listen_on(port, &port);
	if ((epfd = epoll_create1(EPOLL_CLOEXEC)) == -1)
		err(2, "epoll_create1");
	memset(&lev, 0, sizeof(lev));
	lev.events = EPOLLIN;
	lev.data.u64 = UINT64_MAX;	/* the listener */
	if (epoll_ctl(epfd, EPOLL_CTL_ADD, lfd, &lev) == -1)
		err(2, "epoll_ctl");
	started_us = now_us();
	stats_reset();
	if (pfile != NULL)
		port_file(pfile, port);
	if (!quiet)
		fprintf(stderr, "fastsim: %zu replies on 127.0.0.1:%d\n",
		    nreplies, port);
	while (!quit)
		loop_once(lfd);
	if (reqlog != NULL)
		fclose(reqlog);
	return 0;
}
