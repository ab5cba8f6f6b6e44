/*
 * escape.c: terminal, Markdown, HTML and JSON escaping of untrusted text.
 * See escape.h.
 *
 * Text is handled in "units": one valid UTF-8 sequence or one invalid
 * byte.  Each unit has exactly one rendering per output, so shortening
 * a string never cuts an escape sequence or a character in half.
 */
#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "util.h"

/* The longest rendering of one unit: "&amp;" or "\uNNNN" plus NUL. */
#define UNIT_MAX_BYTES	8

/* One rendered unit. */
struct unit {
	char	 out[UNIT_MAX_BYTES];	/* rendering, NUL-terminated */
	size_t	 outlen;		/* bytes in "out" */
	size_t	 inlen;			/* bytes of input consumed */
	size_t	 width;			/* terminal columns of "out" */
};

/* Inclusive code point ranges, sorted. */
struct range {
	unsigned int	lo;
	unsigned int	hi;
};

static const struct range zero_width[] = {
	{ 0x0300, 0x036f }, { 0x0483, 0x0489 }, { 0x0591, 0x05bd },
	{ 0x0610, 0x061a }, { 0x064b, 0x065f }, { 0x1ab0, 0x1aff },
	{ 0x1dc0, 0x1dff }, { 0x200b, 0x200f }, { 0x20d0, 0x20ff },
	{ 0x3099, 0x309a }, { 0xfe00, 0xfe0f }, { 0xfe20, 0xfe2f },
	{ 0xe0100, 0xe01ef },
};

static const struct range wide[] = {
	{ 0x1100, 0x115f }, { 0x231a, 0x231b }, { 0x2329, 0x232a },
	{ 0x2e80, 0x303e }, { 0x3041, 0x33ff }, { 0x3400, 0x4dbf },
	{ 0x4e00, 0x9fff }, { 0xa000, 0xa4cf }, { 0xa960, 0xa97f },
	{ 0xac00, 0xd7a3 }, { 0xf900, 0xfaff }, { 0xfe10, 0xfe19 },
	{ 0xfe30, 0xfe6f }, { 0xff00, 0xff60 }, { 0xffe0, 0xffe6 },
	{ 0x1f300, 0x1f64f }, { 0x1f900, 0x1f9ff }, { 0x20000, 0x2fffd },
	{ 0x30000, 0x3fffd },
};

static const struct range unsafe[] = {
	{ 0x0000, 0x001f }, { 0x007f, 0x009f }, { 0x061c, 0x061c },
	{ 0x200e, 0x200f }, { 0x2028, 0x202e }, { 0x2066, 0x2069 },
	{ 0xfeff, 0xfeff },
};

static int
in_ranges(const struct range *r, size_t n, unsigned int cp)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (cp >= r[i].lo && cp <= r[i].hi)
			return 1;
	return 0;
}

#define IN_RANGES(tab, cp) \
	in_ranges((tab), sizeof(tab) / sizeof((tab)[0]), (cp))

/* What the range tables say of a code point below 256. */
#define CLASS_ZERO	0x1	/* in zero_width */
#define CLASS_WIDE	0x2	/* in wide */
#define CLASS_UNSAFE	0x4	/* in unsafe */
#define CLASS_READY	0x8	/* the entry has been filled */

/*
 * Almost every unit of a report is ASCII, and each was looked up in
 * three range tables (one scan per character): this table answers for
 * the first 256 code points.  It is filled from the range tables on
 * first use, so they stay the one place the classes are written down.
 */
static unsigned char	 latin_class[256];

static unsigned char
class_of(unsigned int cp)
{
	unsigned char	 c;

	if (cp < 256 && latin_class[cp] != 0)
		return latin_class[cp];
	c = CLASS_READY;
	if (IN_RANGES(zero_width, cp))
		c |= CLASS_ZERO;
	if (IN_RANGES(wide, cp))
		c |= CLASS_WIDE;
	if (IN_RANGES(unsafe, cp))
		c |= CLASS_UNSAFE;
	if (cp < 256)
		latin_class[cp] = c;
	return c;
}

#define IN_UNSAFE(cp)		((class_of(cp) & CLASS_UNSAFE) != 0)

static int
is_cont(unsigned char c, unsigned char lo, unsigned char hi)
{
	return c >= lo && c <= hi;
}

size_t
escape_utf8_decode(const char *s, unsigned int *cp)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned char		 lo = 0x80, hi = 0xbf;
	size_t			 n, i;

	if (p[0] == '\0')
		return 0;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4;
	else
		return 0;
	/* The second byte's range rules out overlongs and surrogates. */
	if (p[0] == 0xe0)
		lo = 0xa0;
	else if (p[0] == 0xed)
		hi = 0x9f;
	else if (p[0] == 0xf0)
		lo = 0x90;
	else if (p[0] == 0xf4)
		hi = 0x8f;
	if (!is_cont(p[1], lo, hi))
		return 0;
	for (i = 2; i < n; i++)
		if (!is_cont(p[i], 0x80, 0xbf))
			return 0;
	*cp = p[0] & (0xff >> (n + 1));
	for (i = 1; i < n; i++)
		*cp = (*cp << 6) | (p[i] & 0x3f);
	return n;
}

int
escape_cp_width(unsigned int cp)
{
	unsigned char	 c = class_of(cp);

	if (c & CLASS_ZERO)
		return 0;
	if (c & CLASS_WIDE)
		return 2;
	return 1;
}

size_t
escape_width(const char *s)
{
	unsigned int	cp;
	size_t		w = 0, n;

	while (*s != '\0') {
		if ((n = escape_utf8_decode(s, &cp)) == 0) {
			w++;
			s++;
			continue;
		}
		w += (size_t)escape_cp_width(cp);
		s += n;
	}
	return w;
}

static void
unit_set(struct unit *u, const char *out, size_t width)
{
	u->outlen = strlen(out);
	memcpy(u->out, out, u->outlen + 1);
	u->width = width;
}

/*
 * Render the unit at "s" (not at its NUL) for a terminal: invalid bytes
 * and unsafe code points escaped, a backslash doubled, the rest copied.
 */
static void
text_unit(const char *s, struct unit *u)
{
	unsigned int	cp;
	size_t		n;
	char		tmp[UNIT_MAX_BYTES];

	if ((n = escape_utf8_decode(s, &cp)) == 0) {
		(void)snprintf(tmp, sizeof(tmp), "\\x%02x", (unsigned char)*s);
		unit_set(u, tmp, 4);
		u->inlen = 1;
		return;
	}
	u->inlen = n;
	if (cp == '\\')
		unit_set(u, "\\\\", 2);
	else if (IN_UNSAFE(cp) && cp < 0x80) {
		(void)snprintf(tmp, sizeof(tmp), "\\x%02x", cp);
		unit_set(u, tmp, 4);
	} else if (IN_UNSAFE(cp)) {
		(void)snprintf(tmp, sizeof(tmp), "\\u%04x", cp);
		unit_set(u, tmp, 6);
	} else {
		memcpy(u->out, s, n);
		u->out[n] = '\0';
		u->outlen = n;
		u->width = (size_t)escape_cp_width(cp);
	}
}

void
escape_text(struct buf *b, const char *s, size_t maxcols)
{
	struct unit	 u;
	const char	*p;
	size_t		 total = 0, used = 0, budget;

	if (s == NULL)
		return;
	if (maxcols > 0)
		for (p = s; *p != '\0'; p += u.inlen) {
			text_unit(p, &u);
			total += u.width;
		}
	if (maxcols == 0 || total <= maxcols) {
		for (p = s; *p != '\0'; p += u.inlen) {
			text_unit(p, &u);
			buf_add(b, u.out, u.outlen);
		}
		return;
	}
	budget = maxcols > strlen(ESCAPE_ELLIPSIS) ?
	    maxcols - strlen(ESCAPE_ELLIPSIS) : 0;
	for (p = s; *p != '\0'; p += u.inlen) {
		text_unit(p, &u);
		if (used + u.width > budget)
			break;
		buf_add(b, u.out, u.outlen);
		used += u.width;
	}
	buf_addstr(b, ESCAPE_ELLIPSIS);
}

/*
 * Render the unit at "s" as inline Markdown.  "pos" is the unit's index
 * in the string and "digits" whether every unit before it was a digit:
 * they decide whether a character could start a block.  "strict" is 0
 * for our own prose, where characters that only have a meaning next to
 * others that are always escaped (a parenthesis after ']', '!' before
 * '['), or only at a line start, are left alone for readability.
 */
static void
md_unit(const char *s, size_t pos, int digits, int strict, struct unit *u)
{
	const char	*punct = strict ? "`*_[]()#|~!${}" : "`*_[]|~$";
	const char	*first = strict ? "-+=" : "-+=#>";
	char		 c = *s, tmp[3];

	text_unit(s, u);
	if (c == '\\') {
		/* Renders as the two backslashes the terminal shows. */
		unit_set(u, "\\\\\\\\", 2);
		return;
	}
	if (u->inlen != 1 || (unsigned char)c >= 0x80 || u->outlen != 1)
		return;		/* escaped already, or not ASCII */
	if (c == '<')
		unit_set(u, "&lt;", 1);
	else if (c == '>' && (strict || pos == 0))
		unit_set(u, "&gt;", 1);
	else if (c == '&')
		unit_set(u, "&amp;", 1);
	else if (strchr(punct, c) != NULL ||
	    (pos == 0 && strchr(first, c) != NULL) ||
	    (pos > 0 && digits && (c == '.' || c == ')'))) {
		tmp[0] = '\\';
		tmp[1] = c;
		tmp[2] = '\0';
		unit_set(u, tmp, 1);
	}
}

static void
md_escape(struct buf *b, const char *s, size_t maxchars, int strict)
{
	struct unit	 u;
	const char	*p;
	size_t		 pos;
	int		 digits = 1;

	if (s == NULL)
		return;
	for (p = s, pos = 0; *p != '\0'; p += u.inlen, pos++) {
		if (maxchars > 0 && pos == maxchars) {
			buf_addstr(b, ESCAPE_ELLIPSIS);
			return;
		}
		md_unit(p, pos, digits, strict, &u);
		buf_add(b, u.out, u.outlen);
		if (*p < '0' || *p > '9')
			digits = 0;
	}
}

void
escape_md(struct buf *b, const char *s, size_t maxchars)
{
	md_escape(b, s, maxchars, 1);
}

void
escape_md_prose(struct buf *b, const char *s)
{
	md_escape(b, s, 0, 0);
}

/*
 * Render the unit at "s" for HTML: as for a terminal (unsafe code points
 * and invalid bytes made visible, so a bidi override cannot reorder the
 * page), then the five characters that HTML gives a meaning in text and
 * in quoted attribute values as entities.
 */
static void
html_unit(const char *s, struct unit *u)
{
	text_unit(s, u);
	if (u->inlen != 1 || u->outlen != 1)
		return;		/* escaped already, or not ASCII */
	switch (*s) {
	case '&':
		unit_set(u, "&amp;", 1);
		break;
	case '<':
		unit_set(u, "&lt;", 1);
		break;
	case '>':
		unit_set(u, "&gt;", 1);
		break;
	case '"':
		unit_set(u, "&quot;", 1);
		break;
	case '\'':
		unit_set(u, "&#39;", 1);
		break;
	default:
		break;
	}
}

void
escape_html(struct buf *b, const char *s, size_t maxchars)
{
	struct unit	 u;
	const char	*p;
	size_t		 pos;

	if (s == NULL)
		return;
	for (p = s, pos = 0; *p != '\0'; p += u.inlen, pos++) {
		if (maxchars > 0 && pos == maxchars) {
			buf_addstr(b, ESCAPE_ELLIPSIS);
			return;
		}
		html_unit(p, &u);
		buf_add(b, u.out, u.outlen);
	}
}

/* JSON rendering of code point "cp" if it needs an escape, else NULL. */
static const char *
json_special(unsigned int cp, char tmp[UNIT_MAX_BYTES])
{
	switch (cp) {
	case '"':
		return "\\\"";
	case '\\':
		return "\\\\";
	case '\b':
		return "\\b";
	case '\f':
		return "\\f";
	case '\n':
		return "\\n";
	case '\r':
		return "\\r";
	case '\t':
		return "\\t";
	default:
		break;
	}
	/*
	 * The same unsafe set as the text and Markdown outputs: a JSON
	 * consumer that prints a value (jq -r) must not get a raw C1 CSI
	 * (U+009B) or a bidi override (U+202E) from AWS text.
	 */
	if (IN_UNSAFE(cp)) {
		(void)snprintf(tmp, UNIT_MAX_BYTES, "\\u%04x", cp);
		return tmp;
	}
	return NULL;
}

void
escape_json(struct buf *b, const char *s)
{
	unsigned int	 cp;
	size_t		 n;
	const char	*esc;
	char		 tmp[UNIT_MAX_BYTES];

	if (s == NULL) {
		buf_addstr(b, "null");
		return;
	}
	buf_addch(b, '"');
	while (*s != '\0') {
		if ((n = escape_utf8_decode(s, &cp)) == 0) {
			buf_addstr(b, "\xef\xbf\xbd");	/* U+FFFD */
			s++;
			continue;
		}
		if ((esc = json_special(cp, tmp)) != NULL)
			buf_addstr(b, esc);
		else
			buf_add(b, s, n);
		s += n;
	}
	buf_addch(b, '"');
}
