/*
 * creds_int.h: what the files of the credential chain share.  Internal:
 * nothing outside src/creds*.c includes it; the public API is creds.h.
 *
 * Who owns what:
 *   creds.c          the chain (source table, order, refresh), the
 *                    provider, creds_parse_document(), and the helpers
 *                    below that every source uses
 *   creds_file.c     environment keys, static keys in the shared
 *                    credentials and config files, unsupported profiles
 *   creds_process.c  credential_process
 *   creds_imds.c     ECS / EKS container endpoint and EC2 instance
 *                    metadata (URL and token policy, reply checks)
 *   creds_http.c     the blocking libcurl fetch creds_imds.c uses
 *
 * A source function fills "c" and returns SRC_FOUND, or appends its
 * reason with creds_why() and returns SRC_ABSENT (not configured: the
 * chain goes on) or SRC_FAILED (configured but broken: the chain stops).
 */
#ifndef BEDROCK_AUDIT_CREDS_INT_H
#define BEDROCK_AUDIT_CREDS_INT_H

#include <stddef.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "creds.h"
#include "util.h"

#define SRC_FOUND	1
#define SRC_ABSENT	0
#define SRC_FAILED	(-1)

#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

struct aws_config;

struct creds_provider {
	const struct aws_config	*cfg;		/* borrowed */
	struct creds		 cur;		/* valid while "have" */
	int			 have;		/* 1 once "cur" is filled */
	time_t			 retry_at;	/* after a failed refresh: none
						   before this; 0 = any time */
	int			 process_timeout_sec; /* per run, >= 1 */
	struct buf		 why;		/* reasons of this walk */
};

/* Keys found by a source, borrowed from wherever it read them. */
struct creds_keys {
	const char	*akid;		/* access key ID */
	const char	*secret;	/* secret access key */
	const char	*token;		/* session token; NULL if none */
	time_t		 exp;		/* seconds since epoch; 0 = never */
};

/* The sources, in chain order (creds.h).  Each returns SRC_*. */
int	creds_src_env(struct creds_provider *p, struct creds *c);
int	creds_src_shared_file(struct creds_provider *p, struct creds *c);
int	creds_src_config_file(struct creds_provider *p, struct creds *c);
int	creds_src_process(struct creds_provider *p, struct creds *c);
int	creds_src_container(struct creds_provider *p, struct creds *c);
int	creds_src_imds(struct creds_provider *p, struct creds *c);

/*
 * SRC_FAILED after a reason if the profile (or the environment) asks for
 * a credential type this program lacks, else SRC_ABSENT.  The chain
 * checks it before the files.
 */
int	creds_check_unsupported(struct creds_provider *p);

/*
 * Turn a credentials document ("doc", possibly holding secrets, not
 * wiped here) into "c", as the source does after running or fetching;
 * the IMDS one for role "role".  Each returns SRC_FOUND or SRC_FAILED.
 */
int	creds_process_doc(struct creds_provider *p, const struct buf *doc,
	    struct creds *c);
int	creds_container_doc(struct creds_provider *p, const struct buf *doc,
	    struct creds *c);
int	creds_imds_doc(struct creds_provider *p, const char *role,
	    const struct buf *doc, struct creds *c);

/* Append one reason to the provider's "why" line ("; " between). */
void	creds_why(struct creds_provider *p, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/*
 * Parse a credentials document quietly.  NULL unless "data" is a JSON
 * object without NUL bytes or "\u0000" escapes.  Free with
 * creds_free_tree().
 */
cJSON	*creds_parse_object(const char *data, size_t len);

/* Wipe every string of "root", then free it.  NULL is allowed. */
void	 creds_free_tree(cJSON *root);

/* NULL for a usable key, token or URL, else what is wrong with it. */
const char *creds_check_field(const char *s);

/* "s" unless it is NULL or empty. */
const char *creds_nonempty(const char *s);

/*
 * Check "k" and copy it into "c" with "src" and "detail" (taken over).
 * Returns SRC_FOUND, or SRC_FAILED with a reason labelled "label".
 */
int	creds_take_keys(struct creds_provider *p, const char *label,
	    const struct creds_keys *k, enum creds_source src, char *detail,
	    struct creds *c);

/* An ISO-8601 expiry into *out; -1 if not one or at or before 1970. */
int	creds_parse_expiration(const char *s, time_t *out);

/*
 * Read the keys of a credentials JSON object into "k" (borrowed from
 * "root").  "token_key" names the session token member; with "strict"
 * the token and Expiration are required.  -1 after a reason.
 */
int	creds_keys_from_json(struct creds_provider *p, const cJSON *root,
	    const char *label, const char *token_key, int strict,
	    struct creds_keys *k);

#endif /* BEDROCK_AUDIT_CREDS_INT_H */
