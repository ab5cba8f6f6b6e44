/*
 * json.c: typed, bounded getters over cJSON trees.  See json.h.
 */
#include <err.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "json.h"
#include "util.h"

/* The cJSON types a getter can ask for, with the words for messages. */
enum json_type {
	JSON_T_STRING,
	JSON_T_NUMBER,
	JSON_T_BOOL,
	JSON_T_ARRAY,
	JSON_T_OBJECT,
};

static const char *const json_type_name[] = {
	[JSON_T_STRING] = "not a string",
	[JSON_T_NUMBER] = "not a number",
	[JSON_T_BOOL] = "not a boolean",
	[JSON_T_ARRAY] = "not an array",
	[JSON_T_OBJECT] = "not an object",
};

/*
 * Does "s" hold a "\u0000" escape?  Outside strings a backslash cannot
 * occur in valid JSON, and inside one it always starts a two-character
 * escape, so skipping the escaped character keeps "\\u0000" (a literal
 * backslash followed by text) from matching.
 */
static int
has_nul_escape(const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i + 1 < len; i++) {
		if (s[i] != '\\')
			continue;
		if (s[i + 1] == 'u' && len - i >= 6 &&
		    memcmp(s + i + 2, "0000", 4) == 0)
			return 1;
		i++;
	}
	return 0;
}

/* warnx(3) "msg" and leave it, made safe, in *cause (if not NULL). */
static void
json_say(const char *msg, char **cause)
{
	char	safe[JSON_CAUSE_BYTES];

	warnx("%s", msg);
	if (cause == NULL)
		return;
	free(*cause);
	*cause = xstrdup(log_safe(msg, safe, sizeof(safe)));
}

cJSON *
json_parse(const char *op, const char *body, size_t len, char **cause)
{
	struct json_at	 top = { op, NULL, cause };
	cJSON		*root;

	if (body == NULL || len == 0) {
		json_warn(&top, NULL, "empty reply");
		return NULL;
	}
	if (memchr(body, '\0', len) != NULL) {
		json_warn(&top, NULL, "reply contains a NUL byte");
		return NULL;
	}
	if (has_nul_escape(body, len)) {
		json_warn(&top, NULL, "reply contains a NUL character "
		    "(\\u0000)");
		return NULL;
	}
	if ((root = cJSON_ParseWithLength(body, len)) == NULL) {
		json_warn(&top, NULL, "malformed JSON reply");
		return NULL;
	}
	if (!cJSON_IsObject(root)) {
		json_warn(&top, NULL, "reply is not a JSON object");
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}

void
json_warn(const struct json_at *at, const char *key, const char *fmt, ...)
{
	struct buf	 b = BUF_INIT;
	va_list		 ap;
	int		 haspath = at->path != NULL && at->path[0] != '\0';

	buf_printf(&b, "%s: ", at->op);
	if (haspath)
		buf_addstr(&b, at->path);
	if (haspath && key != NULL)
		buf_addch(&b, '.');
	if (key != NULL)
		buf_addstr(&b, key);
	if (haspath || key != NULL)
		buf_addstr(&b, ": ");
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	json_say(b.data, at->cause);
	buf_free(&b);
}

/* Is "v" of type "t"?  Numbers must also be finite. */
static int
json_is(const cJSON *v, enum json_type t)
{
	switch (t) {
	case JSON_T_STRING:
		return cJSON_IsString(v) && v->valuestring != NULL;
	case JSON_T_NUMBER:
		return cJSON_IsNumber(v) && isfinite(v->valuedouble);
	case JSON_T_BOOL:
		return cJSON_IsBool(v);
	case JSON_T_ARRAY:
		return cJSON_IsArray(v);
	case JSON_T_OBJECT:
		return cJSON_IsObject(v);
	}
	return 0;
}

/* Member "key" of "o" if it has type "t"; NULL otherwise.  Silent. */
static const cJSON *
json_get(const cJSON *o, const char *key, enum json_type t)
{
	const cJSON	*v;

	if (!cJSON_IsObject(o))
		return NULL;
	v = cJSON_GetObjectItemCaseSensitive(o, key);
	return v != NULL && json_is(v, t) ? v : NULL;
}

/*
 * Look "key" up in "o" for type "t": 1 and *out when present with that
 * type, 0 when absent or null (unless "required", which warns and gives
 * -1), -1 after a warning for any other type.  Numbers that are not
 * finite get their own message.
 */
static int
json_lookup(const cJSON *o, const struct json_at *at, const char *key,
    enum json_type t, int required, const cJSON **out)
{
	const cJSON	*v;

	*out = NULL;
	v = cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, key) :
	    NULL;
	if (v == NULL || cJSON_IsNull(v)) {
		if (!required)
			return 0;
		json_warn(at, key, "%s", v == NULL ? "missing" : "null");
		return -1;
	}
	if (!json_is(v, t)) {
		if (t == JSON_T_NUMBER && cJSON_IsNumber(v))
			json_warn(at, key, "not a finite number");
		else
			json_warn(at, key, "%s", json_type_name[t]);
		return -1;
	}
	*out = v;
	return 1;
}

/* Check a found string against "maxlen"; -1 after a warning. */
static int
json_check_len(const cJSON *v, const struct json_at *at, const char *key,
    size_t maxlen)
{
	size_t	n = strlen(v->valuestring);

	if (n <= maxlen)
		return 0;
	json_warn(at, key, "too long (%zu bytes, at most %zu)", n, maxlen);
	return -1;
}

/* Check a found array against "maxitems"; -1 after a warning. */
static int
json_check_items(const cJSON *v, const struct json_at *at, const char *key,
    size_t maxitems)
{
	size_t		 n = 0;
	const cJSON	*e;

	cJSON_ArrayForEach(e, v)
		if (++n > maxitems) {
			json_warn(at, key, "more than %zu elements", maxitems);
			return -1;
		}
	return 0;
}

const char *
json_str(const cJSON *o, const char *key)
{
	const cJSON	*v = json_get(o, key, JSON_T_STRING);

	return v != NULL ? v->valuestring : NULL;
}

int
json_num(const cJSON *o, const char *key, double *out)
{
	const cJSON	*v = json_get(o, key, JSON_T_NUMBER);

	if (v == NULL)
		return -1;
	*out = v->valuedouble;
	return 0;
}




const char *
json_req_str(const cJSON *o, const struct json_at *at, const char *key,
    size_t maxlen)
{
	const cJSON	*v;

	if (json_lookup(o, at, key, JSON_T_STRING, 1, &v) != 1 ||
	    json_check_len(v, at, key, maxlen) == -1)
		return NULL;
	return v->valuestring;
}

int
json_req_num(const cJSON *o, const struct json_at *at, const char *key,
    double *out)
{
	const cJSON	*v;

	if (json_lookup(o, at, key, JSON_T_NUMBER, 1, &v) != 1)
		return -1;
	*out = v->valuedouble;
	return 0;
}


const cJSON *
json_req_array(const cJSON *o, const struct json_at *at, const char *key,
    size_t maxitems)
{
	const cJSON	*v;

	if (json_lookup(o, at, key, JSON_T_ARRAY, 1, &v) != 1 ||
	    json_check_items(v, at, key, maxitems) == -1)
		return NULL;
	return v;
}

const cJSON *
json_req_obj(const cJSON *o, const struct json_at *at, const char *key)
{
	const cJSON	*v;

	if (json_lookup(o, at, key, JSON_T_OBJECT, 1, &v) != 1)
		return NULL;
	return v;
}

int
json_opt_str(const cJSON *o, const struct json_at *at, const char *key,
    size_t maxlen, const char **out)
{
	const cJSON	*v;
	int		 r;

	*out = NULL;
	if ((r = json_lookup(o, at, key, JSON_T_STRING, 0, &v)) != 1)
		return r;
	if (json_check_len(v, at, key, maxlen) == -1)
		return -1;
	*out = v->valuestring;
	return 1;
}

int
json_opt_num(const cJSON *o, const struct json_at *at, const char *key,
    double *out)
{
	const cJSON	*v;
	int		 r;

	if ((r = json_lookup(o, at, key, JSON_T_NUMBER, 0, &v)) != 1)
		return r;
	*out = v->valuedouble;
	return 1;
}

int
json_opt_bool(const cJSON *o, const struct json_at *at, const char *key,
    int *out)
{
	const cJSON	*v;
	int		 r;

	if ((r = json_lookup(o, at, key, JSON_T_BOOL, 0, &v)) != 1)
		return r;
	*out = cJSON_IsTrue(v) ? 1 : 0;
	return 1;
}

int
json_opt_array(const cJSON *o, const struct json_at *at, const char *key,
    size_t maxitems, const cJSON **out)
{
	int	r;

	if ((r = json_lookup(o, at, key, JSON_T_ARRAY, 0, out)) != 1)
		return r;
	if (json_check_items(*out, at, key, maxitems) == -1) {
		*out = NULL;
		return -1;
	}
	return 1;
}

int
json_opt_obj(const cJSON *o, const struct json_at *at, const char *key,
    const cJSON **out)
{
	return json_lookup(o, at, key, JSON_T_OBJECT, 0, out);
}

/* Warn "<op>: <path>.<key>[i]: <problem>" about an array element. */
static void
json_elem_warn(const struct json_at *at, const char *key, size_t i,
    const char *problem, size_t n, size_t max)
{
	char	name[128];

	(void)snprintf(name, sizeof(name), "%s[%zu]", key, i);
	if (max > 0)
		json_warn(at, name, "%s (%zu bytes, at most %zu)", problem, n,
		    max);
	else
		json_warn(at, name, "%s", problem);
}

const cJSON *
json_elem_obj(const cJSON *item, const struct json_at *at, const char *key,
    size_t i)
{
	if (json_is(item, JSON_T_OBJECT))
		return item;
	json_elem_warn(at, key, i, json_type_name[JSON_T_OBJECT], 0, 0);
	return NULL;
}

const char *
json_elem_str(const cJSON *item, const struct json_at *at, const char *key,
    size_t i, size_t maxlen)
{
	size_t	n;

	if (!json_is(item, JSON_T_STRING)) {
		json_elem_warn(at, key, i, json_type_name[JSON_T_STRING], 0, 0);
		return NULL;
	}
	if ((n = strlen(item->valuestring)) > maxlen) {
		json_elem_warn(at, key, i, "too long", n, maxlen);
		return NULL;
	}
	return item->valuestring;
}

void
json_buf_addstr(struct buf *b, const char *s)
{
	const unsigned char	*p;

	buf_addch(b, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\') {
			buf_addch(b, '\\');
			buf_addch(b, (char)*p);
		} else if (*p < 0x20)
			buf_printf(b, "\\u%04x", *p);
		else
			buf_addch(b, (char)*p);
	}
	buf_addch(b, '"');
}
