/*
 * sigv4.h: AWS Signature Version 4 for one HTTP request.
 *
 * Pure: the time and the credentials are parameters; no clock, no
 * environment, no files, no I/O.  libcrypto is used only for SHA-256 and
 * HMAC-SHA256.  The secret key is used only inside this module.  With
 * sigv4_sign() the derived signing key and every HMAC intermediate are
 * wiped before it returns; a signer (sigv4_signer_new()) keeps the
 * signing key of each (secret, date, region, service) it has signed for,
 * as the derivation is four HMACs and the key changes only with one of
 * those four, and wipes every key it holds when it is freed.
 *
 * What is signed: "host" (req->host, unless a Host header is given),
 * "x-amz-date" (from "now", unless an X-Amz-Date header is given),
 * "x-amz-security-token" (added when creds->session_token is set, the
 * header is not already given and SIGV4_OMIT_TOKEN is not set), and every
 * header in req->headers.  Names are lowercased, values trimmed with
 * inner whitespace runs (including obs-fold line breaks) collapsed to one
 * space, repeated names joined with ',' in the order given.  The caller
 * sends X-Amz-Date (out->amz_date), X-Amz-Security-Token (when signed)
 * and Authorization (out->authorization) along with req->headers.
 *
 * The canonical URI, query and payload hash follow aws-apis.md section 6:
 * the wire path is normalised and percent-encoded a second time for
 * non-S3 services (SIGV4_DEFAULT), each query key and value is decoded and
 * re-encoded with only A-Z a-z 0-9 - _ . ~ left as is ('+' is a literal
 * plus, not a space), and the payload hash is the hex SHA-256 of the body.
 */
#ifndef BEDROCK_AUDIT_SIGV4_H
#define BEDROCK_AUDIT_SIGV4_H

#include <stddef.h>
#include <time.h>

/* Ceilings on what sigv4_sign() accepts; larger input is refused. */
#define SIGV4_MAX_PATH_BYTES		8192	/* req->path */
#define SIGV4_MAX_QUERY_BYTES		8192	/* req->query */
#define SIGV4_MAX_QUERY_PARAMS		256	/* '&'-separated pairs */
#define SIGV4_MAX_HEADERS		64	/* req->headersz */
#define SIGV4_MAX_HEADER_BYTES		16384	/* one header name or value */
#define SIGV4_MAX_BODY_BYTES		(16 * 1024 * 1024) /* req->bodysz */
#define SIGV4_MAX_ACCESS_KEY_ID_BYTES	128
#define SIGV4_MAX_SECRET_BYTES		128
#define SIGV4_MAX_TOKEN_BYTES		8192	/* creds->session_token */
#define SIGV4_MAX_SCOPE_PART_BYTES	64	/* region, service */

/* One request header, borrowed. */
struct sigv4_header {
	const char	*name;		/* any case, e.g. "Content-Type" */
	const char	*value;		/* as sent; trimmed for signing */
};

/* Credentials, borrowed for the duration of sigv4_sign(). */
struct sigv4_creds {
	const char	*access_key_id;		/* "AKIA..." / "ASIA..." */
	const char	*secret_access_key;	/* secret: never logged */
	const char	*session_token;		/* secret; NULL if none */
};

/* The request to sign; every pointer is borrowed. */
struct sigv4_request {
	const char	*method;	/* "GET", "POST" */
	const char	*host;		/* Host value, ":port" if non-default;
					   NULL if a Host header is given */
	const char	*path;		/* wire path, already percent-encoded,
					   starting with '/' */
	const char	*query;		/* wire query without '?'; NULL or ""
					   if none */
	const struct sigv4_header *headers; /* headers sent and signed */
	size_t		 headersz;	/* number of headers */
	const void	*body;		/* body bytes; NULL if bodysz is 0 */
	size_t		 bodysz;	/* body length in bytes */
};

#define SIGV4_NORMALIZE_PATH	0x1	/* drop ".", ".." and empty segments
					   (non-S3) */
#define SIGV4_DOUBLE_ENCODE	0x2	/* encode the wire path again in the
					   canonical URI (non-S3) */
#define SIGV4_OMIT_TOKEN	0x4	/* do not sign creds->session_token
					   (test suite "omit_session_token") */
#define SIGV4_DEFAULT		(SIGV4_NORMALIZE_PATH | SIGV4_DOUBLE_ENCODE)

/* The result of sigv4_sign(); release with sigv4_signed_free(). */
struct sigv4_signed {
	char	 amz_date[17];		/* "20150830T123600Z": send as
					   X-Amz-Date */
	char	*authorization;		/* Authorization header value; owned */
	char	*canonical_request;	/* owned; holds the session token
					   when one is signed: never log it
					   whole */
	char	*string_to_sign;	/* owned */
	char	 signature[65];		/* lowercase hex, NUL-terminated */
};

/*
 * Sign "req" with "creds" for "region" and "service" (the signing name,
 * e.g. "bedrock", "servicequotas") at time "now" (seconds since the epoch,
 * UTC), with "flags" from SIGV4_*.  Fills "out", whose strings the caller
 * frees with sigv4_signed_free().  Returns 0, or -1 after one warnx(3) on
 * bad input (NULL or malformed fields, a size over a ceiling, unknown
 * flags); "out" is then zeroed and needs no freeing.  No secret is ever
 * part of a warning.
 */
int	 sigv4_sign(const struct sigv4_request *req,
	    const struct sigv4_creds *creds, const char *region,
	    const char *service, time_t now, unsigned flags,
	    struct sigv4_signed *out);

/* Signing keys a signer keeps: one per (region, service) signed for. */
#define SIGV4_SIGNER_MAX_KEYS		256

struct sigv4_signer;	/* opaque: fetched SHA-256 and HMAC, reused
			   buffers, cached signing keys (secret) */

/*
 * A signer for many requests: libcrypto's SHA-256 and HMAC are fetched
 * once, and the signing key of a (secret, date, region, service) is
 * derived once and kept for the requests that follow.  A key is never
 * used for another secret (refreshed credentials), another UTC date
 * (midnight) or another scope.  Returns NULL after warnx(3) if
 * libcrypto lacks SHA-256 or HMAC.  Free with sigv4_signer_free().
 */
struct sigv4_signer *sigv4_signer_new(void);

/* Wipe every cached key and free "s".  NULL-safe. */
void	 sigv4_signer_free(struct sigv4_signer *s);

/*
 * sigv4_sign() with "s": the same authorization and signature, but
 * out->canonical_request and out->string_to_sign are left NULL (a
 * request does not need them).  Release "out" with sigv4_signed_free().
 */
int	 sigv4_signer_sign(struct sigv4_signer *s,
	    const struct sigv4_request *req, const struct sigv4_creds *creds,
	    const char *region, const char *service, time_t now,
	    unsigned flags, struct sigv4_signed *out);

/* How many signing keys "s" has derived (tests: the cache's hits). */
unsigned long	 sigv4_signer_derivations(const struct sigv4_signer *s);

/*
 * Wipe and free the strings in "s" and zero it.  Accepts NULL and a
 * zeroed struct.
 */
void	 sigv4_signed_free(struct sigv4_signed *s);

/*
 * Percent-encode "len" bytes of "s" per RFC 3986: A-Z a-z 0-9 - _ . ~ are
 * kept, every other byte becomes %XX with uppercase hex; '/' is kept too
 * when "keep_slash" is non-zero.  For building wire paths from labels
 * (model IDs contain ':').  Returns a NUL-terminated string the caller
 * frees; never NULL.
 */
char	*sigv4_uri_encode(const char *s, size_t len, int keep_slash);

#endif /* BEDROCK_AUDIT_SIGV4_H */
