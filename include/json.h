/*
 * json.h: typed, bounded access to cJSON trees built from AWS replies.
 *
 * Every read of a reply goes through these getters, in the manner of
 * acme-client's json_getstr(): a value of the wrong type is never used.
 * The plain getters (json_str() ...) say nothing and return NULL or -1.
 * The json_req_*() and json_opt_*() getters name the place of a problem
 * in their one warnx(3), as "<op>: <path>.<key>: <problem>", e.g.
 * "ListServiceQuotas: Quotas[3].Value: not a number".  A required value
 * that is absent or null is an error; an optional one that is absent or
 * null is simply not there.  Strings returned are borrowed from the tree
 * and die with cJSON_Delete().
 *
 * A caller that must record why a reply was refused (the collector, in
 * region_runs) passes a "cause" in the manner of tmux: NULL, or the
 * address of a char * it starts at NULL.  Each warning then also frees
 * *cause and sets it to the message as it is (the values in it raw, so
 * that each output escapes them once; stderr gets it through log_safe()),
 * cut to JSON_CAUSE_BYTES between UTF-8 characters; the caller frees it.
 * After a failure it holds the reason of that failure's one warning.
 */
#ifndef BEDROCK_AUDIT_JSON_H
#define BEDROCK_AUDIT_JSON_H

#include <stddef.h>

#include <cjson/cJSON.h>

struct buf;

/*
 * Where a value sits, for messages, and where their cause goes; the
 * strings are borrowed.
 */
struct json_at {
	const char	*op;		/* operation: "ListServiceQuotas" */
	const char	*path;		/* enclosing element, e.g. "Quotas[3]";
					   NULL or "" at the top level */
	char		**cause;	/* NULL, or as above */
};

#define JSON_CAUSE_BYTES	256	/* longest cause, NUL included */

/*
 * Parse "len" bytes of "body" (need not be NUL-terminated) as a JSON
 * object.  One bad field does not refuse the reply: a NUL (byte or
 * "\u0000" escape), a UTF-16 surrogate escape without its pair, or a
 * U+FFFF (a noncharacter) in a string or member name is stored as U+FFFD,
 * and one warnx(3) "<op>: <path of the first>: ... stored as U+FFFD (N
 * fields of the reply)" names where, never the value, leaving "cause"
 * alone.  Control characters are kept as sent (the renderers escape
 * them).  Returns the tree (caller frees with json_free(), never
 * cJSON_Delete(): its nodes live in one arena) or NULL
 * after one warnx(3) naming "op", whose text goes to "cause" (see above;
 * may be NULL), for an empty, malformed or non-object reply.
 */
cJSON		*json_parse(const char *op, const char *body, size_t len,
		    char **cause);

/*
 * Free a tree json_parse() returned, at once.  A tree from anywhere else
 * goes to cJSON_Delete().  NULL-safe.
 */
void		 json_free(cJSON *root);

/*
 * warnx(3) "<op>: <path>.<key>: <message>" for a problem the caller found
 * in a value it read ("key" may be NULL, and "<op>: <message>" is a
 * problem with the whole reply), and leave it in at->cause.  Never fails.
 */
void		 json_warn(const struct json_at *at, const char *key,
		    const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));

/*
 * Plain getters: member "key" of object "o" if it has the type, else
 * NULL (or -1; then *out is untouched).  Numbers must be finite.  No
 * warnings.  "o" may be NULL.  Other types are read with the json_opt_*()
 * getters.
 */
const char	*json_str(const cJSON *o, const char *key);
int		 json_num(const cJSON *o, const char *key, double *out);

/*
 * Required members.  A string must be at most "maxlen" bytes and an
 * array at most "maxitems" elements long.  Return the value (or 0 with
 * *out set), or NULL (or -1) after one warnx(3) when the member is
 * missing, null, of another type, not finite or over its ceiling.
 */
const char	*json_req_str(const cJSON *o, const struct json_at *at,
		    const char *key, size_t maxlen);
int		 json_req_num(const cJSON *o, const struct json_at *at,
		    const char *key, double *out);
const cJSON	*json_req_array(const cJSON *o, const struct json_at *at,
		    const char *key, size_t maxitems);
const cJSON	*json_req_obj(const cJSON *o, const struct json_at *at,
		    const char *key);

/*
 * Required member "key" of "o" used as a row key (a model ID, a quota
 * code): as json_req_str(), and not empty.  A key must be exact, so one
 * holding a control character or U+FFFD (what json_parse() stores for a
 * NUL or lone surrogate) is not used: returns 0 after one warnx(3)
 * "<op>: <path>.<key>: not an exact key ...; row skipped" that leaves
 * at->cause alone, and the caller skips the row and keeps the rest.
 * Returns 1 and sets *out (borrowed) for a usable key; -1 after one
 * warnx(3) when it is missing, null, not a string, empty or longer than
 * "maxlen".
 */
int		 json_key(const cJSON *o, const struct json_at *at,
		    const char *key, size_t maxlen, const char **out);

/*
 * Optional members: return 1 and set *out when present, 0 when absent or
 * null (*out is then NULL, or untouched for numbers and booleans), -1
 * after one warnx(3) for another type, a number that is not finite, or a
 * size over its ceiling.
 */
int		 json_opt_str(const cJSON *o, const struct json_at *at,
		    const char *key, size_t maxlen, const char **out);
int		 json_opt_num(const cJSON *o, const struct json_at *at,
		    const char *key, double *out);
int		 json_opt_bool(const cJSON *o, const struct json_at *at,
		    const char *key, int *out);
int		 json_opt_array(const cJSON *o, const struct json_at *at,
		    const char *key, size_t maxitems, const cJSON **out);
int		 json_opt_obj(const cJSON *o, const struct json_at *at,
		    const char *key, const cJSON **out);

/*
 * Element "i" of an array being walked, "item", checked to be an object
 * (or a string of at most "maxlen" bytes).  "key" names the array for
 * messages.  Returns the element (or its string), or NULL after one
 * warnx(3) "<op>: <path>.<key>[i]: not an object".
 */
const cJSON	*json_elem_obj(const cJSON *item, const struct json_at *at,
		    const char *key, size_t i);
const char	*json_elem_str(const cJSON *item, const struct json_at *at,
		    const char *key, size_t i, size_t maxlen);

/*
 * Append "s" to "b" as a JSON string literal, quotes included: '"', '\'
 * and control characters are escaped, other bytes are copied.  For
 * building request bodies without "%s" into JSON.
 */
void		 json_buf_addstr(struct buf *b, const char *s);

#endif /* BEDROCK_AUDIT_JSON_H */
