/*
 * ini.c: parser for the AWS shared config and credentials file format.
 * See ini.h for the accepted syntax.
 */
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ini.h"
#include "util.h"

struct ini_entry {
	char	*key;		/* as written; compared ignoring case */
	char	*sub;		/* nested key; NULL for a top-level one */
	char	*value;		/* trimmed; "" opens a nested block */
	size_t	 line;		/* 1-based line of its (last) value */
};

struct ini_section {
	char			*name;	/* trimmed, inner blanks collapsed */
	struct ini_entry	*ents;	/* in order of first appearance */
	size_t			 nents;	/* <= INI_MAX_SECTION_KEYS */
	size_t			 line;	/* 1-based line of its first header */
};

struct ini {
	struct ini_section	*secs;	/* in order of first appearance */
	size_t			 nsecs;	/* <= INI_MAX_SECTIONS */
	size_t			 nentries; /* <= INI_MAX_ENTRIES */
};

/* Where the parser is; indices because the arrays move when they grow. */
struct ini_parser {
	struct ini	*ini;		/* being built */
	const char	*file;		/* for messages */
	size_t		 lineno;	/* 1-based */
	size_t		 sec;		/* current section; SIZE_MAX: none */
	size_t		 key;		/* last top-level key; SIZE_MAX: none */
	size_t		 key_indent;	/* its indentation, in blanks */
	int		 nested;	/* 1 once "key" has opened a block */
};

void
ini_free(struct ini *ini)
{
	struct ini_section	*s;
	size_t			 i, j;

	if (ini == NULL)
		return;
	for (i = 0; i < ini->nsecs; i++) {
		s = &ini->secs[i];
		for (j = 0; j < s->nents; j++) {
			free_secret(s->ents[j].key);
			free_secret(s->ents[j].sub);
			free_secret(s->ents[j].value);
		}
		free(s->ents);
		free_secret(s->name);
	}
	free(ini->secs);
	free(ini);
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Trim blanks from both ends of [*s, *s + *len). */
static void
trim(const char **s, size_t *len)
{
	while (*len > 0 && is_blank(**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && is_blank((*s)[*len - 1]))
		(*len)--;
}

/* Report a syntax error at the current line; always returns -1. */
static int
perr(const struct ini_parser *ps, const char *what)
{
	warnx("%s:%zu: %s", ps->file, ps->lineno, what);
	return -1;
}

static const struct ini_section *
find_section(const struct ini *ini, const char *name)
{
	size_t	i;

	for (i = 0; i < ini->nsecs; i++)
		if (strcmp(ini->secs[i].name, name) == 0)
			return &ini->secs[i];
	return NULL;
}

static struct ini_entry *
find_entry(const struct ini_section *s, const char *key, const char *sub)
{
	struct ini_entry	*e;
	size_t			 i;

	for (i = 0; i < s->nents; i++) {
		e = &s->ents[i];
		if (strcasecmp(e->key, key) != 0)
			continue;
		if (sub == NULL ? e->sub == NULL :
		    e->sub != NULL && strcasecmp(e->sub, sub) == 0)
			return e;
	}
	return NULL;
}

/*
 * Copy a section name, collapsing every run of blanks to one space, so
 * "profile   x" and "profile x" are the same section.  "s" is trimmed.
 */
static char *
normalise_name(const char *s, size_t len)
{
	char	*out, *o;
	size_t	 i;

	o = out = xmalloc(len + 1);
	for (i = 0; i < len; i++) {
		if (is_blank(s[i])) {
			if (!is_blank(s[i - 1]))
				*o++ = ' ';
			continue;
		}
		*o++ = s[i];
	}
	*o = '\0';
	return out;
}

/* Parse "[name]" plus an optional trailing comment; "s" is trimmed. */
static int
parse_header(struct ini_parser *ps, const char *s, size_t len)
{
	struct ini		*ini = ps->ini;
	const char		*end, *name;
	size_t			 nlen, i;
	char			*norm;

	if ((end = memchr(s, ']', len)) == NULL)
		return perr(ps, "section header without ']'");
	for (i = end - s + 1; i < len && is_blank(s[i]); i++)
		;
	if (i < len && s[i] != '#' && s[i] != ';')
		return perr(ps, "text after section header");
	name = s + 1;
	nlen = end - name;
	trim(&name, &nlen);
	if (nlen == 0)
		return perr(ps, "empty section name");
	if (nlen > INI_MAX_NAME_BYTES)
		return perr(ps, "section name too long");
	if (memchr(name, '[', nlen) != NULL)
		return perr(ps, "'[' in section name");
	norm = normalise_name(name, nlen);
	for (i = 0; i < ini->nsecs; i++)
		if (strcmp(ini->secs[i].name, norm) == 0)
			break;
	if (i == ini->nsecs) {
		if (ini->nsecs == INI_MAX_SECTIONS) {
			free(norm);
			return perr(ps, "too many sections");
		}
		ini->secs = xreallocarray(ini->secs, ini->nsecs + 1,
		    sizeof(*ini->secs));
		ini->secs[ini->nsecs].name = norm;
		ini->secs[ini->nsecs].ents = NULL;
		ini->secs[ini->nsecs].line = ps->lineno;
		ini->secs[ini->nsecs++].nents = 0;
	} else
		free(norm);
	ps->sec = i;
	ps->key = SIZE_MAX;
	return 0;
}

/*
 * Set key (and sub-key) to "value" in the current section, replacing an
 * earlier value.  Returns the entry's index, or SIZE_MAX after a warning
 * when the entry ceiling is reached.
 */
static size_t
set_entry(struct ini_parser *ps, char *key, char *sub, char *value)
{
	struct ini_section	*s = &ps->ini->secs[ps->sec];
	struct ini_entry	*e;

	if ((e = find_entry(s, key, sub)) != NULL) {
		free_secret(e->value);
		e->value = value;
		e->line = ps->lineno;
		free_secret(key);
		free_secret(sub);
		return e - s->ents;
	}
	/* The per-section cap also bounds the linear search above. */
	if (ps->ini->nentries == INI_MAX_ENTRIES ||
	    s->nents == INI_MAX_SECTION_KEYS) {
		free_secret(key);
		free_secret(sub);
		free_secret(value);
		(void)perr(ps, s->nents == INI_MAX_SECTION_KEYS ?
		    "too many keys in section" : "too many keys");
		return SIZE_MAX;
	}
	s->ents = xreallocarray(s->ents, s->nents + 1, sizeof(*s->ents));
	e = &s->ents[s->nents];
	e->key = key;
	e->sub = sub;
	e->value = value;
	e->line = ps->lineno;
	ps->ini->nentries++;
	return s->nents++;
}

/*
 * Split trimmed "s" at the first '=' into a key and a value, both
 * trimmed and newly allocated.
 */
static int
split_pair(struct ini_parser *ps, const char *s, size_t len, char **key,
    char **value)
{
	const char	*eq, *k, *v;
	size_t		 klen, vlen;

	if ((eq = memchr(s, '=', len)) == NULL)
		return perr(ps, "expected 'key = value'");
	k = s;
	klen = eq - s;
	trim(&k, &klen);
	v = eq + 1;
	vlen = len - (v - s);
	trim(&v, &vlen);
	if (klen == 0)
		return perr(ps, "empty key");
	if (klen > INI_MAX_NAME_BYTES)
		return perr(ps, "key too long");
	*key = xstrndup(k, klen);
	*value = xstrndup(v, vlen);
	return 0;
}

/* An indented line below the last key: a sub-key or more of its value. */
static int
parse_continuation(struct ini_parser *ps, const char *s, size_t len)
{
	struct ini_entry	*e = &ps->ini->secs[ps->sec].ents[ps->key];
	char			*sub, *value, *joined;

	if (e->value[0] == '\0' || ps->nested) {
		if (split_pair(ps, s, len, &sub, &value) == -1)
			return -1;
		ps->nested = 1;
		if (set_entry(ps, xstrdup(e->key), sub, value) == SIZE_MAX)
			return -1;
		return 0;
	}
	joined = xasprintf("%s\n%.*s", e->value, (int)len, s);
	free_secret(e->value);
	e->value = joined;
	return 0;
}

static int
parse_pair(struct ini_parser *ps, const char *s, size_t len, size_t indent)
{
	char	*key, *value;
	size_t	 idx;

	if (ps->sec == SIZE_MAX)
		return perr(ps, "key outside a section");
	if (split_pair(ps, s, len, &key, &value) == -1)
		return -1;
	if ((idx = set_entry(ps, key, NULL, value)) == SIZE_MAX)
		return -1;
	ps->key = idx;
	ps->key_indent = indent;
	ps->nested = 0;
	return 0;
}

/* Parse one line (without its LF) after the size checks. */
static int
parse_line(struct ini_parser *ps, const char *line, size_t len)
{
	const char	*s = line;
	size_t		 indent, i;

	if (len > 0 && line[len - 1] == '\r')
		len--;
	for (i = 0; i < len; i++)
		if (iscntrl((unsigned char)line[i]) && line[i] != '\t')
			return perr(ps, "control character in line");
	for (indent = 0; indent < len && is_blank(line[indent]); indent++)
		;
	trim(&s, &len);
	if (len == 0 || s[0] == '#' || s[0] == ';')
		return 0;
	if (indent > 0 && ps->key != SIZE_MAX && indent > ps->key_indent)
		return parse_continuation(ps, s, len);
	if (s[0] == '[')
		return parse_header(ps, s, len);
	return parse_pair(ps, s, len, indent);
}

struct ini *
ini_parse(const char *text, size_t len, const char *filename)
{
	struct ini_parser	 ps;
	const char		*p, *nl, *end;
	size_t			 linelen;

	memset(&ps, 0, sizeof(ps));
	ps.file = filename != NULL ? filename : "(config)";
	ps.sec = ps.key = SIZE_MAX;
	if (len > INI_MAX_BYTES) {
		warnx("%s: larger than %d bytes", ps.file, INI_MAX_BYTES);
		return NULL;
	}
	ps.ini = xcalloc(1, sizeof(*ps.ini));
	p = text;
	end = text + len;
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end) {
		ps.lineno++;
		nl = memchr(p, '\n', end - p);
		linelen = (nl != NULL ? nl : end) - p;
		if (memchr(p, '\0', linelen) != NULL) {
			(void)perr(&ps, "NUL byte in line");
			goto fail;
		}
		if (linelen > INI_MAX_LINE_BYTES) {
			(void)perr(&ps, "line too long");
			goto fail;
		}
		if (parse_line(&ps, p, linelen) == -1)
			goto fail;
		p += linelen + (nl != NULL);
	}
	return ps.ini;
fail:
	ini_free(ps.ini);
	return NULL;
}

/* Read at most INI_MAX_BYTES + 1 bytes of "fd" into "b". */
static int
read_all(int fd, const char *path, struct buf *b)
{
	char	chunk[8192];
	ssize_t	n;

	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			warn("%s", path);
			return -1;
		}
		if (n == 0)
			return 0;
		buf_add(b, chunk, (size_t)n);
		explicit_bzero(chunk, sizeof(chunk));
		if (b->len > INI_MAX_BYTES) {
			warnx("%s: larger than %d bytes", path, INI_MAX_BYTES);
			return -1;
		}
	}
}

/*
 * Open "path" only if it is a regular file: stat(2) first, so that a
 * FIFO or a device is never opened (opening a FIFO blocks until a
 * writer comes), then O_NONBLOCK and fstat(2) in case it was swapped
 * meanwhile.  Symbolic links are followed: dotfile managers link these
 * files.  Returns the descriptor, -2 if "path" does not exist, or -1
 * after a warning.
 */
static int
open_regular(const char *path)
{
	struct stat	 st;
	int		 fd;

	if (stat(path, &st) == -1) {
		if (errno == ENOENT)
			return -2;
		warn("%s", path);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		warnx("%s: not a regular file", path);
		return -1;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY))
	    == -1) {
		warn("%s", path);
		return -1;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		warnx("%s: not a regular file", path);
		(void)close(fd);
		return -1;
	}
	return fd;
}

struct ini *
ini_load(const char *path)
{
	struct buf	 b = BUF_INIT;
	struct ini	*ini = NULL;
	int		 fd;

	/* AWS_CONFIG_FILE=/dev/null is the usual way to say "none". */
	if (strcmp(path, "/dev/null") == 0)
		return xcalloc(1, sizeof(*ini));
	if ((fd = open_regular(path)) == -2)
		return xcalloc(1, sizeof(*ini));
	if (fd == -1)
		return NULL;
	if (read_all(fd, path, &b) == 0)
		ini = ini_parse(b.data != NULL ? b.data : "", b.len, path);
	(void)close(fd);
	buf_wipe(&b);
	return ini;
}

int
ini_has_section(const struct ini *ini, const char *section)
{
	return find_section(ini, section) != NULL;
}

const char *
ini_get(const struct ini *ini, const char *section, const char *key)
{
	return ini_get_sub(ini, section, key, NULL);
}

const char *
ini_get_sub(const struct ini *ini, const char *section, const char *key,
    const char *sub)
{
	const struct ini_section	*s;
	const struct ini_entry		*e;

	if ((s = find_section(ini, section)) == NULL)
		return NULL;
	if ((e = find_entry(s, key, sub)) == NULL)
		return NULL;
	return e->value;
}

size_t
ini_nsections(const struct ini *ini)
{
	return ini->nsecs;
}

const char *
ini_section_name(const struct ini *ini, size_t i)
{
	return i < ini->nsecs ? ini->secs[i].name : NULL;
}

size_t
ini_section_line(const struct ini *ini, size_t i)
{
	return i < ini->nsecs ? ini->secs[i].line : 0;
}

const char *
ini_section_key(const struct ini *ini, size_t i, size_t k, size_t *line)
{
	const struct ini_section	*s;

	if (i >= ini->nsecs || k >= ini->secs[i].nents)
		return NULL;
	s = &ini->secs[i];
	if (line != NULL)
		*line = s->ents[k].line;
	return s->ents[k].sub != NULL ? "" : s->ents[k].key;
}

size_t
ini_key_line(const struct ini *ini, const char *section, const char *key)
{
	const struct ini_section	*s;
	const struct ini_entry		*e;

	if ((s = find_section(ini, section)) == NULL ||
	    (e = find_entry(s, key, NULL)) == NULL)
		return 0;
	return e->line;
}
