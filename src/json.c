/*
 * json.c: typed, bounded getters over cJSON trees.  See json.h.
 */
#include <err.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
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
 * What one field of a reply may not carry as sent.  cJSON cuts a string
 * at a NUL (a NUL byte, or the escape "\u0000") and refuses a whole reply
 * for one UTF-16 surrogate escape without its pair, so one such field
 * would fail its region every day.  json_parse() instead marks each of
 * them with the escape of U+FFFF (a noncharacter, never text), parses,
 * then stores every U+FFFF of every string as U+FFFD (the replacement
 * character) and says once which field it was.  A U+FFFF sent as such is
 * treated alike.  Control characters are kept as sent: the store keeps
 * what AWS said and every renderer escapes them (escape.c).  Keys are
 * exact or not used: json_key().
 */
#define JSON_MARK_ESC	"\\uffff"	/* replaces a NUL or lone surrogate */
#define JSON_MARK	"\xef\xbf\xbf"	/* U+FFFF in UTF-8 */
#define JSON_FFFD	"\xef\xbf\xbd"	/* U+FFFD in UTF-8, as long */

/*
 * The trees of json_parse() are built in an arena: a quota page is some
 * 3,000 nodes and strings, each a malloc(3) and a free(3) of its own
 * under cJSON's default hooks (a tenth of a collect's CPU).  cJSON's
 * hooks are global, so they point at the arena only while json_parse()
 * parses, and the trees it hands out are freed whole by json_free().
 */
#define JSON_CHUNK_BYTES	(64 * 1024)

struct json_chunk {
	struct json_chunk	*next;
	size_t			 used;	/* bytes given out */
	size_t			 cap;	/* bytes of data */
	max_align_t		 data[];
};

struct json_arena {
	struct json_arena	*next;		/* json_live list */
	const cJSON		*root;		/* the tree it holds */
	struct json_chunk	*chunks;
	size_t			 chunk_bytes; /* of the next chunk */
};

static struct json_arena	*json_parsing;	/* during cJSON's parse */
static struct json_arena	*json_live;	/* trees handed out */

/*
 * Full-size chunks of released trees, kept for the next parse instead
 * of freed and allocated again for every large page: in the heap each
 * left a 64 KB hole that small strings split, and with collect's mmap
 * threshold (cmd_collect.c) each would be mapped, faulted in and
 * unmapped again.  A few suffice: trees live one reply at a time.
 */
#define JSON_SPARE_CHUNKS	4
static struct json_chunk	*json_spare;	/* JSON_CHUNK_BYTES each */
static size_t			 json_nspare;

static void *
json_arena_malloc(size_t n)
{
	struct json_arena	*a = json_parsing;
	struct json_chunk	*c = a->chunks;
	void			*p;

	n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	if (c == NULL || c->cap - c->used < n) {
		if (n <= JSON_CHUNK_BYTES &&
		    a->chunk_bytes == JSON_CHUNK_BYTES &&
		    (c = json_spare) != NULL) {
			json_spare = c->next;
			json_nspare--;
		} else if ((c = malloc(sizeof(*c) + (n > a->chunk_bytes ? n :
		    a->chunk_bytes))) == NULL)
			return NULL;	/* cJSON fails the parse */
		else
			c->cap = n > a->chunk_bytes ? n : a->chunk_bytes;
		a->chunk_bytes = JSON_CHUNK_BYTES;
		c->used = 0;
		c->next = a->chunks;
		a->chunks = c;
	}
	p = (char *)c->data + c->used;
	c->used += n;
	return p;
}

/* cJSON frees what a failed parse built: the arena goes whole later. */
static void
json_arena_noop_free(void *p)
{
	(void)p;
}

static void
json_arena_release(struct json_arena *a)
{
	struct json_chunk	*c;

	while ((c = a->chunks) != NULL) {
		a->chunks = c->next;
		if (c->cap == JSON_CHUNK_BYTES &&
		    json_nspare < JSON_SPARE_CHUNKS) {
			c->next = json_spare;
			json_spare = c;
			json_nspare++;
		} else
			free(c);
	}
	free(a);
}

/* cJSON_ParseWithLength() with its nodes in a new arena, or NULL. */
static cJSON *
json_arena_parse(const char *body, size_t len)
{
	cJSON_Hooks		 hooks = { json_arena_malloc,
				    json_arena_noop_free };
	struct json_arena	*a = xcalloc(1, sizeof(*a));
	cJSON			*root;

	/*
	 * A tree takes a few times its text: most replies (availability)
	 * are under a kilobyte and need no 64 KB chunk.
	 */
	a->chunk_bytes = len < JSON_CHUNK_BYTES / 8 ? 8 * len + 256 :
	    JSON_CHUNK_BYTES;
	json_parsing = a;
	cJSON_InitHooks(&hooks);
	root = cJSON_ParseWithLength(body, len);
	cJSON_InitHooks(NULL);
	json_parsing = NULL;
	if (root == NULL) {
		json_arena_release(a);
		return NULL;
	}
	a->root = root;
	a->next = json_live;
	json_live = a;
	return root;
}

void
json_free(cJSON *root)
{
	struct json_arena	**pp, *a;

	if (root == NULL)
		return;
	for (pp = &json_live; (a = *pp) != NULL; pp = &a->next)
		if (a->root == root) {
			*pp = a->next;
			json_arena_release(a);
			return;
		}
	cJSON_Delete(root);
}

/* The 4 hex digits at "s" ("n" bytes left) into *cu; 0 if not that. */
static int
hex4(const char *s, size_t n, unsigned long *cu)
{
	size_t	i;
	int	c;

	if (n < 4)
		return 0;
	for (*cu = 0, i = 0; i < 4; i++) {
		c = (unsigned char)s[i];
		if (c >= '0' && c <= '9')
			c -= '0';
		else if (c >= 'a' && c <= 'f')
			c -= 'a' - 10;
		else if (c >= 'A' && c <= 'F')
			c -= 'A' - 10;
		else
			return 0;
		*cu = *cu << 4 | (unsigned long)c;
	}
	return 1;
}

/*
 * Copy the "len" bytes of "s" to "out" with every NUL byte, "\u0000"
 * escape and lone surrogate escape replaced by JSON_MARK_ESC.  Outside strings a backslash cannot occur in valid JSON, and
 * inside one it always starts an escape, so copying other escapes whole
 * keeps "\\u0000" (a backslash, then text) as it is.  A NUL byte outside
 * a string becomes a mark there, which cJSON then refuses.
 */
static void
json_mark(const char *s, size_t len, struct buf *out)
{
	unsigned long	cu, lo;
	size_t		i;

	for (i = 0; i < len; i++) {
		if (s[i] == '\0')
			buf_addstr(out, JSON_MARK_ESC);
		else if (s[i] != '\\' || i + 1 == len)
			buf_addch(out, s[i]);
		else if (s[i + 1] != 'u' || !hex4(s + i + 2, len - i - 2,
		    &cu)) {
			buf_add(out, s + i, 2);
			i++;
		} else if (cu >= 0xd800 && cu <= 0xdbff && len - i >= 12 &&
		    s[i + 6] == '\\' && s[i + 7] == 'u' &&
		    hex4(s + i + 8, len - i - 8, &lo) && lo >= 0xdc00 &&
		    lo <= 0xdfff) {
			buf_add(out, s + i, 12);	/* a pair: one code point */
			i += 11;
		} else {
			if (cu == 0 || (cu >= 0xd800 && cu <= 0xdfff))
				buf_addstr(out, JSON_MARK_ESC);
			else
				buf_add(out, s + i, 6);
			i += 5;
		}
	}
}

/*
 * Whether "s" needs json_mark() and json_unmark_tree(): a NUL byte, a
 * U+FFFF, or a "\u" escape of NUL, U+FFFF or a surrogate (a pair too:
 * json_mark() keeps it, but telling it apart here is not worth it).
 * Almost no reply has one, and then it is parsed where it lies instead
 * of copied byte by byte, and its tree is not walked again.
 */
static int
json_needs_mark(const char *s, size_t len)
{
	const char	*p = s, *end = s + len;
	unsigned long	 cu;

	if (memchr(s, '\0', len) != NULL)
		return 1;
	/* memchr() is vectorised; memmem() is several times slower here. */
	for (p = s; (p = memchr(p, JSON_MARK[0], (size_t)(end - p))) != NULL;
	    p++)
		if (end - p >= 3 && memcmp(p, JSON_MARK, 3) == 0)
			return 1;
	p = s;
	while ((p = memchr(p, '\\', (size_t)(end - p))) != NULL) {
		if (end - p < 2)
			break;
		if (p[1] == 'u' && hex4(p + 2, (size_t)(end - p - 2), &cu) &&
		    (cu == 0 || cu == 0xffff || (cu >= 0xd800 && cu <= 0xdfff)))
			return 1;
		p += 2;		/* an escape is two bytes at least */
	}
	return 0;
}

/* Store every U+FFFF of "s" as U+FFFD, in place; whether there was one. */
static int
json_unmark(char *s)
{
	char	*p;
	int	 hit = 0;

	for (p = s; (p = strstr(p, JSON_MARK)) != NULL; p += 3) {
		memcpy(p, JSON_FFFD, 3);
		hit = 1;
	}
	return hit;
}

/* What json_unmark_tree() found: how many fields, the first one's path. */
struct json_marks {
	size_t		 n;
	struct buf	 first;
};

/*
 * Unmark every string, member name included, under "node", whose path is
 * "path" (restored on return), counting the fields in "m".
 */
static void
json_unmark_tree(cJSON *node, struct buf *path, struct json_marks *m)
{
	cJSON	*c;
	size_t	 mark, i = 0;
	int	 hit;

	for (c = node->child; c != NULL; c = c->next, i++) {
		mark = path->len;
		hit = 0;
		if (cJSON_IsObject(node) && c->string != NULL) {
			hit = json_unmark(c->string);
			if (path->len > 0)
				buf_addch(path, '.');
			buf_addstr(path, c->string);
		} else
			buf_printf(path, "[%zu]", i);
		if (cJSON_IsString(c) && c->valuestring != NULL)
			hit |= json_unmark(c->valuestring);
		if (hit && m->n++ == 0)
			buf_addstr(&m->first, path->data);
		if (cJSON_IsObject(c) || cJSON_IsArray(c))
			json_unmark_tree(c, path, m);
		path->len = mark;
		if (path->data != NULL)
			path->data[mark] = '\0';
	}
}

/*
 * warnx(3) "msg", escaped once (log_safe()), and leave it as it is in
 * *cause (if not NULL): the cause is stored (region_runs) and each output
 * escapes it once, as it does an HTTP error message.  Escaped here too, a
 * backslash in a value came out as "\x5c" in the reports.  The cause is
 * cut to JSON_CAUSE_BYTES between UTF-8 characters, ending in "...".  A
 * NUL cannot be in it (json_parse() made each one U+FFFD).
 */
static void
json_say(const char *msg, char **cause)
{
	size_t	 n = strlen(msg), cut;
	char	*safe;

	safe = xmalloc(4 * n + 8);	/* each byte as "\xNN", and a margin */
	warnx("%s", log_safe(msg, safe, 4 * n + 8));
	free(safe);
	if (cause == NULL)
		return;
	free(*cause);
	if (n < JSON_CAUSE_BYTES) {
		*cause = xstrdup(msg);
		return;
	}
	cut = JSON_CAUSE_BYTES - 4;
	while (cut > 0 && ((unsigned char)msg[cut] & 0xc0) == 0x80)
		cut--;
	*cause = xasprintf("%.*s...", (int)cut, msg);
}

cJSON *
json_parse(const char *op, const char *body, size_t len, char **cause)
{
	struct json_at		 top = { op, NULL, cause };
	struct json_marks	 m = { 0, BUF_INIT };
	struct buf		 b = BUF_INIT, path = BUF_INIT;
	char			 safe[JSON_CAUSE_BYTES];
	cJSON			*root = NULL;
	int			 marked;

	if (body == NULL || len == 0) {
		json_warn(&top, NULL, "empty reply");
		return NULL;
	}
	if ((marked = json_needs_mark(body, len))) {
		json_mark(body, len, &b);
		body = b.data;
		len = b.len;
	}
	if ((root = json_arena_parse(body, len)) == NULL)
		json_warn(&top, NULL, "malformed JSON reply");
	else if (!cJSON_IsObject(root)) {
		json_warn(&top, NULL, "reply is not a JSON object");
		json_free(root);
		root = NULL;
	} else if (marked)
		json_unmark_tree(root, &path, &m);
	/* A notice, not a refusal: the reply is kept, "cause" untouched. */
	if (m.n > 0)
		warnx("%s: %s: a NUL, lone surrogate or U+FFFF stored as "
		    "U+FFFD (%zu field%s of the reply)", op, log_safe(m.first.data,
		    safe, sizeof(safe)), m.n, m.n == 1 ? "" : "s");
	buf_free(&m.first);
	buf_free(&path);
	buf_free(&b);
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
json_key(const cJSON *o, const struct json_at *at, const char *key,
    size_t maxlen, const char **out)
{
	const struct json_at	 notice = { at->op, at->path, NULL };
	const char		*s, *p;

	*out = NULL;
	if ((s = json_req_str(o, at, key, maxlen)) == NULL)
		return -1;
	if (*s == '\0') {
		json_warn(at, key, "empty");
		return -1;
	}
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f ||
		    strncmp(p, JSON_FFFD, 3) == 0) {
			/* Not a refusal: "cause" is for those. */
			json_warn(&notice, key, "not an exact key (a control "
			    "character or U+FFFD); row skipped");
			return 0;
		}
	*out = s;
	return 1;
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
