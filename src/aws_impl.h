/*
 * aws_impl.h: helpers shared by aws.c, aws_bedrock.c, aws_quotas.c and
 * aws_sts.c.  Private to those files; other modules use aws.h.
 */
#ifndef BEDROCK_AUDIT_AWS_IMPL_H
#define BEDROCK_AUDIT_AWS_IMPL_H

#include <stddef.h>

#include "aws.h"
#include "json.h"

/*
 * Reset "r" for "op" of service "svc" with "method", path "/", empty
 * query and body and no content type or target.
 */
void	 aws_req_init(struct aws_request *r, enum aws_service svc,
	    const char *op, const char *method);

/*
 * Check a NextToken the caller passes back or a reply carries: NULL or ""
 * means none (0), otherwise at most AWS_MAX_TOKEN_BYTES of printable
 * ASCII (1).  -1 after one json_warn() naming at->op.
 */
int	 aws_token_check(const struct json_at *at, const char *token);

/*
 * Finish the JSON body "b" of a paginated request (an open object with
 * its members so far): MaxResults "max_results", NextToken "token"
 * (checked with aws_token_check(); NULL when none), the closing brace;
 * then hand the body to "r".
 */
struct buf;
void	 aws_req_json_page(struct aws_request *r, struct buf *b,
	    int max_results, const char *token);

/*
 * The required string member "key" of "o" used as a row key: json_key()
 * with AWS_MAX_ID_BYTES.  1 and *out (borrowed from the tree), 0 when the
 * row is to be skipped (said once), -1 after one warnx(3).
 */
int		 aws_json_key(const cJSON *o, const struct json_at *at,
		    const char *key, const char **out);

/*
 * The optional string member "key" of "o" as an owned copy (caller
 * frees), "" when absent or null.  0, or -1 after one warnx(3) (wrong
 * type, more than AWS_MAX_FIELD_BYTES).
 */
int	 aws_json_text(const cJSON *o, const struct json_at *at,
	    const char *key, char **out);

/*
 * The optional string member "key" of "o" as an owned copy in *out, NULL
 * when absent or null.  1 present, 0 absent, or -1 after one warnx(3)
 * (wrong type, more than AWS_MAX_FIELD_BYTES).
 */
int	 aws_json_opt_text(const cJSON *o, const struct json_at *at,
	    const char *key, char **out);

/*
 * The optional timestamp member "key" of "o", as epoch seconds (awsJson;
 * a fraction is dropped) or ISO-8601 text (rest-json; any offset is
 * applied), into *out as UTC ISO-8601 "YYYY-MM-DDTHH:MM:SSZ" (caller
 * frees; NULL when absent or null), so that one instant has one text.
 * 1 present, 0 absent, or -1 after one warnx(3) for another type,
 * unparsable text or a time outside the years 1970..9999.
 */
int	 aws_json_time(const cJSON *o, const struct json_at *at,
	    const char *key, char **out);

/*
 * Read the optional string member "key" of "root" as the next page's
 * token into *out (caller frees; NULL when absent, null or "").  Returns
 * 0, or -1 after one warnx(3).
 */
int	 aws_next_token(const cJSON *root, const struct json_at *at,
	    const char *key, char **out);

/*
 * The "n" strings of "v" sorted, without duplicates and joined with ','
 * ("" when n is 0).  Caller frees.  Reorders "v".
 */
char	*aws_join_sorted(const char **v, size_t n);

/*
 * Fail (-1, one json_warn() "<op>: duplicate <what> <key>") if any key is
 * repeated across the rows of "a" (an rows) and "b" (bn rows), both
 * arrays of "elemsz"-byte rows whose "char *" key sits at offset
 * "keyoff".  0 when every key is unique.
 */
int	 aws_check_unique(const struct json_at *at, const char *what,
	    const void *a, size_t an, const void *b, size_t bn, size_t elemsz,
	    size_t keyoff);

/*
 * Find the text of the first <tag> element inside the first <parent>
 * element of the XML in "body" ("len" bytes) and store it, entity-decoded,
 * in *out (caller frees).  Returns 1 when found, 0 when absent, -1 when
 * the text holds markup, a NUL, an unknown or invalid entity, or more
 * than AWS_MAX_FIELD_BYTES.  Silent: callers word the warning.
 */
int	 aws_xml_text(const char *body, size_t len, const char *parent,
	    const char *tag, char **out);

#endif /* BEDROCK_AUDIT_AWS_IMPL_H */
