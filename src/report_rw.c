/*
 * report_rw.c: lay report blocks out as text, Markdown, HTML or plain
 * text.  See report_int.h.
 *
 * Inline content is escaped as it is appended, so a finished block holds
 * only safe text; laying it out is then a matter of prefixes, wrapping
 * (text) and blank lines.  Text is wrapped at spaces and, for Japanese,
 * between wide characters, keeping closing punctuation off a line start.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "report_int.h"

/* Columns a table cell may take in an aligned text table. */
#define TEXT_CELL_MAX_COLS	40
/* Longest prefix: indentation plus "NNNN. ". */
#define PREFIX_MAX_BYTES	64

void
report_rw_init(struct report_rw *w, enum report_mode mode,
    enum i18n_lang lang, struct buf *out)
{
	memset(w, 0, sizeof(*w));
	w->mode = mode;
	w->lang = lang;
	w->out = out;
	w->block = REPORT_B_NONE;
	w->last = REPORT_B_NONE;
}

static void	html_close_list(struct report_rw *);

void
report_rw_free(struct report_rw *w)
{
	report_rw_verbatim(w, 0);
	html_close_list(w);
	buf_free(&w->cur);
	buf_free(&w->fence);
}

void
report_rw_group_number(struct buf *dst, const char *s)
{
	size_t	i, n, start;

	if (s == NULL)
		return;
	start = s[0] == '-' ? 1 : 0;
	for (n = start; s[n] >= '0' && s[n] <= '9'; n++)
		;
	if (n == start || (s[n] != '\0' && (s[n] != '.' ||
	    strspn(s + n + 1, "0123456789") != strlen(s + n + 1) ||
	    s[n + 1] == '\0'))) {
		buf_addstr(dst, s);
		return;
	}
	buf_add(dst, s, start);
	for (i = start; i < n; i++) {
		if (i > start && (n - i) % 3 == 0)
			buf_addch(dst, ',');
		buf_addch(dst, s[i]);
	}
	buf_addstr(dst, s + n);
}

/* Longest run of backticks in "s". */
static size_t
backtick_run(const char *s, size_t len)
{
	size_t	i, run = 0, best = 0;

	for (i = 0; i < len; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	return best;
}

/* Append a fence of "n" backticks and a newline. */
static void
fence_line(struct buf *out, size_t n)
{
	while (n-- > 0)
		buf_addch(out, '`');
	buf_addch(out, '\n');
}

/*
 * HTML: the collected lines of a case draft as one preformatted block,
 * which a reader selects and copies whole (report_html.c adds a copy
 * button where scripts run).
 */
static void
pre_flush(struct report_rw *w)
{
	if (w->fence.len == 0)
		return;
	html_close_list(w);
	buf_addstr(w->out, "<pre class=\"case\">");
	buf_add(w->out, w->fence.data, w->fence.len);
	buf_addstr(w->out, "</pre>\n");
	buf_reset(&w->fence);
	w->last = REPORT_B_QUOTE;
}

/* Write the collected fence: a fence longer than any run inside. */
static void
fence_flush(struct report_rw *w)
{
	size_t	n = backtick_run(w->fence.data, w->fence.len) + 1;

	if (w->mode == REPORT_MODE_HTML) {
		pre_flush(w);
		return;
	}
	if (w->fence.len == 0)
		return;
	if (n < 3)
		n = 3;
	if (w->out->len > 0)
		buf_addch(w->out, '\n');
	fence_line(w->out, n);
	buf_add(w->out, w->fence.data, w->fence.len);
	fence_line(w->out, n);
	buf_reset(&w->fence);
	w->last = REPORT_B_QUOTE;
}

void
report_rw_verbatim(struct report_rw *w, int on)
{
	report_rw_end(w);
	if (!on && w->verbatim && (w->mode == REPORT_MODE_MD ||
	    w->mode == REPORT_MODE_HTML))
		fence_flush(w);
	w->verbatim = on;
}

struct buf *
report_rw_raw(struct report_rw *w)
{
	report_rw_end(w);
	html_close_list(w);
	return w->out;
}

void
report_rw_gap(struct report_rw *w)
{
	report_rw_end(w);	/* the gap goes before the next block */
	w->gap = 1;
}

void
report_rw_begin(struct report_rw *w, enum report_block b, int number)
{
	report_rw_end(w);
	w->block = b;
	w->number = number;
	buf_reset(&w->cur);
}

static void
escape_for(const struct report_rw *w, struct buf *dst, const char *s,
    int cut)
{
	if (w->verbatim && w->mode == REPORT_MODE_MD) {
		/* Inside a code fence Markdown escapes would show. */
		escape_text(dst, s, cut ? REPORT_MD_FIELD_MAX_CHARS : 0);
		return;
	}
	switch (w->mode) {
	case REPORT_MODE_MD:
		if (cut)
			escape_md(dst, s, REPORT_MD_FIELD_MAX_CHARS);
		else
			escape_md_prose(dst, s);
		break;
	case REPORT_MODE_TEXT:
		escape_text(dst, s, cut ? REPORT_TEXT_FIELD_MAX_COLS : 0);
		break;
	case REPORT_MODE_PLAIN:
		escape_text(dst, s, 0);
		break;
	case REPORT_MODE_HTML:
		escape_html(dst, s, cut ? REPORT_MD_FIELD_MAX_CHARS : 0);
		break;
	}
}

void
report_rw_str(struct report_rw *w, const char *s)
{
	escape_for(w, &w->cur, s, 1);
}

void
report_rw_esc(struct report_rw *w, struct buf *dst, const char *s)
{
	escape_for(w, dst, s, 1);
}

void
report_rw_esc_whole(struct report_rw *w, struct buf *dst, const char *s)
{
	escape_for(w, dst, s, 0);
}

struct report_arg
report_rw_known(const struct report_rw *w, const char *s)
{
	return RA(s == NULL || *s == '\0' ? i18n_get(I18N_UNKNOWN, w->lang) :
	    s);
}

struct report_arg
report_rw_value(const struct report_rw *w, const char *s)
{
	return RA(s == NULL || *s == '\0' ? i18n_get(I18N_NONE, w->lang) :
	    s);
}

void
report_rw_time(struct report_rw *w, struct buf *dst, const char *utc,
    const char *local)
{
	if (utc == NULL || *utc == '\0')
		report_rw_fmt(w, dst, I18N_UNKNOWN, NULL, 0);
	else if (local == NULL || *local == '\0')
		report_rw_esc(w, dst, utc);
	else
		report_rw_fmt(w, dst, I18N_TIME_LOCAL,
		    REPORT_ARGS(RA(utc), RA(local)));
}

/* State of one template expansion. */
struct expand {
	struct report_rw		*w;
	struct buf			*dst;
	const struct report_arg		*args;
	struct buf			 tmp;	/* a piece before it is added */
};

/* Columns of the last character in "b" (0 if empty). */
static int
last_width(const struct buf *b)
{
	unsigned int	cp;
	size_t		i;

	if (b->len == 0)
		return 0;
	for (i = b->len - 1; i > 0 && b->len - i < 4 &&
	    ((unsigned char)b->data[i] & 0xc0) == 0x80; i--)
		;
	if (escape_utf8_decode(b->data + i, &cp) == 0)
		return 1;
	return escape_cp_width(cp);
}

/*
 * Add an expanded piece.  Japanese templates put a space between an
 * argument and the Japanese text around it, which is right next to
 * "us-east-1" but wrong between two wide characters (a closing bracket
 * and a kana): there that space is dropped.
 */
static void
expand_add(struct expand *x, const char *piece)
{
	unsigned int	cp;
	size_t		n;

	if (piece == NULL)
		return;
	if (x->w->lang == I18N_LANG_JA) {
		if (*piece == ' ' && last_width(x->dst) == 2 &&
		    escape_utf8_decode(piece + 1, &cp) > 0 &&
		    escape_cp_width(cp) == 2)
			piece++;
		else if (x->dst->len > 0 && x->dst->data[x->dst->len - 1] ==
		    ' ' && (n = escape_utf8_decode(piece, &cp)) > 0 &&
		    escape_cp_width(cp) == 2) {
			x->dst->len--;
			if (last_width(x->dst) != 2)
				x->dst->len++;
			x->dst->data[x->dst->len] = '\0';
		}
	}
	buf_addstr(x->dst, piece);
}

static void
expand_lit(void *ctx, const char *text, size_t len)
{
	struct expand	*x = ctx;
	struct buf	 lit = BUF_INIT;

	/* Copy first: the escapers take a whole C string. */
	buf_add(&lit, text, len);
	buf_reset(&x->tmp);
	escape_for(x->w, &x->tmp, lit.data, 0);
	expand_add(x, x->tmp.data);
	buf_free(&lit);
}

static void
expand_arg(void *ctx, size_t idx)
{
	struct expand		*x = ctx;
	const struct report_arg	*a = &x->args[idx];

	if (a->s == NULL || *a->s == '\0')
		return;
	buf_reset(&x->tmp);
	if (a->raw)
		buf_addstr(&x->tmp, a->s);
	else
		escape_for(x->w, &x->tmp, a->s, 1);
	expand_add(x, x->tmp.data);
}

void
report_rw_fmt(struct report_rw *w, struct buf *dst, enum i18n_msg m,
    const struct report_arg *args, size_t nargs)
{
	struct expand	x;

	x.w = w;
	x.dst = dst;
	x.args = args;
	memset(&x.tmp, 0, sizeof(x.tmp));
	i18n_expand(i18n_get(m, w->lang), nargs, expand_lit, expand_arg, &x);
	buf_free(&x.tmp);
}

void
report_rw_msg(struct report_rw *w, enum i18n_msg m,
    const struct report_arg *args, size_t nargs)
{
	report_rw_fmt(w, &w->cur, m, args, nargs);
}

void
report_rw_line(struct report_rw *w, enum report_block b, enum i18n_msg m,
    const struct report_arg *args, size_t nargs)
{
	report_rw_begin(w, b, 0);
	report_rw_msg(w, m, args, nargs);
	report_rw_end(w);
}

/* Japanese punctuation that may not start a line, or end one. */
static const unsigned int no_start[] = {
	0x3001, 0x3002, 0xff0c, 0xff0e, 0x30fb, 0xff1a, 0xff1b, 0xff1f,
	0xff01, 0x30fc, 0xff09, 0x300d, 0x300f, 0x3011, 0x3015, 0x3009,
	0x300b, 0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083,
	0x3085, 0x3087, 0x30a1, 0x30a3, 0x30a5, 0x30a7, 0x30a9, 0x30c3,
	0x30e3, 0x30e5, 0x30e7, 0x2192,
};
static const unsigned int no_end[] = {
	0xff08, 0x300c, 0x300e, 0x3010, 0x3014, 0x3008, 0x300a,
};

static int
cp_in(const unsigned int *set, size_t n, unsigned int cp)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (set[i] == cp)
			return 1;
	return 0;
}

/*
 * May a line break fall between code points "a" and "b", which are not
 * spaces?  Only next to a wide character, and never before closing or
 * small kana, nor after an opening bracket (a simple kinsoku rule).
 */
static int
may_break(unsigned int a, unsigned int b)
{
	if (escape_cp_width(a) < 2 && escape_cp_width(b) < 2)
		return 0;
	if (b < 0x80 && strchr(")]},.:;!?%", (int)b) != NULL)
		return 0;
	if (a < 0x80 && strchr("([{", (int)a) != NULL)
		return 0;
	if (cp_in(no_start, sizeof(no_start) / sizeof(no_start[0]), b))
		return 0;
	if (cp_in(no_end, sizeof(no_end) / sizeof(no_end[0]), a))
		return 0;
	return 1;
}

/* Decode the unit at "p": its length, code point and columns. */
static size_t
unit_at(const char *p, unsigned int *cp, size_t *cols)
{
	size_t	n;

	if ((n = escape_utf8_decode(p, cp)) == 0) {
		*cp = 0xfffd;
		*cols = 1;
		return 1;
	}
	*cols = (size_t)escape_cp_width(*cp);
	return n;
}

/* Columns of the text from "p" to "end". */
static size_t
span_cols(const char *p, const char *end)
{
	unsigned int	cp;
	size_t		cols, w = 0;

	while (p < end) {
		p += unit_at(p, &cp, &cols);
		w += cols;
	}
	return w;
}

/* Emit line text [from, to) without trailing spaces, then a newline. */
static void
emit_line(struct buf *out, const char *from, const char *to)
{
	while (to > from && to[-1] == ' ')
		to--;
	buf_add(out, from, (size_t)(to - from));
	buf_addch(out, '\n');
}

/*
 * Append "s" to "out" wrapped at "width" columns, the first line after
 * "first" and the others after "rest" (both ASCII).  Width 0: no
 * wrapping.  A word longer than a line is broken where the line ends.
 */
static void
wrap(struct buf *out, const char *s, const char *first, const char *rest,
    size_t width)
{
	const char	*p = s, *line = s, *brk = NULL, *next = NULL;
	unsigned int	 cp, prev = ' ';
	size_t		 n, cw, col;

	buf_addstr(out, first);
	col = strlen(first);
	while (*p != '\0') {
		n = unit_at(p, &cp, &cw);
		if (cp == ' ') {
			brk = p;
			for (next = p; *next == ' '; next++)
				;
		} else if (p > line && prev != ' ' && may_break(prev, cp))
			brk = next = p;
		if (width > 0 && cp != ' ' && col + cw > width && p > line) {
			if (brk == NULL || brk <= line)
				brk = next = p;
			emit_line(out, line, brk);
			buf_addstr(out, rest);
			line = next;
			col = strlen(rest) + span_cols(line, p);
			brk = NULL;
		}
		col += cw;
		prev = cp;
		p += n;
	}
	emit_line(out, line, p);
}

static int
is_heading(enum report_block b)
{
	return b == REPORT_B_H1 || b == REPORT_B_H2 || b == REPORT_B_H3 ||
	    b == REPORT_B_H4;
}

static void
indent(char *dst, size_t dstsz, int depth, const char *marker)
{
	int	i, n = 0;

	for (i = 0; i < depth * 2 && n + 1 < (int)dstsz; i++)
		dst[n++] = ' ';
	dst[n] = '\0';
	(void)strncat(dst, marker, dstsz - (size_t)n - 1);
}

/* Append "n" copies of "c". */
static void
repeat(struct buf *out, char c, size_t n)
{
	while (n-- > 0)
		buf_addch(out, c);
}

/* Lay the open block out as text (or plain text: "width" 0). */
static void
end_text(struct report_rw *w, size_t width)
{
	char		 first[PREFIX_MAX_BYTES], rest[PREFIX_MAX_BYTES];
	char		 num[16];
	const char	*s = w->cur.data != NULL ? w->cur.data : "";
	int		 q = w->mode == REPORT_MODE_TEXT;
	size_t		 cols;

	if (w->out->len > 0 && (w->gap || is_heading(w->block)))
		buf_addch(w->out, '\n');
	switch (w->block) {
	case REPORT_B_H4:
		indent(first, sizeof(first), w->depth, "* ");
		indent(rest, sizeof(rest), w->depth, "  ");
		break;
	case REPORT_B_BULLET:
		indent(first, sizeof(first), w->depth, "- ");
		indent(rest, sizeof(rest), w->depth, "  ");
		break;
	case REPORT_B_NUMBER:
		(void)snprintf(num, sizeof(num), "%d. ", w->number);
		indent(first, sizeof(first), w->depth, num);
		memset(num, ' ', strlen(num));
		indent(rest, sizeof(rest), w->depth, num);
		break;
	case REPORT_B_QUOTE:
		if (w->verbatim) {
			/* A line to paste: never indented, never wrapped. */
			first[0] = rest[0] = '\0';
			width = 0;
			break;
		}
		indent(first, sizeof(first), w->depth + q, "");
		indent(rest, sizeof(rest), w->depth + q, "");
		break;
	default:
		indent(first, sizeof(first), w->depth, "");
		indent(rest, sizeof(rest), w->depth, "");
		break;
	}
	wrap(w->out, s, first, rest, width);
	if (width > 0 && (w->block == REPORT_B_H1 || w->block == REPORT_B_H2)) {
		cols = escape_width(s);
		buf_addstr(w->out, first);
		repeat(w->out, w->block == REPORT_B_H1 ? '=' : '-',
		    cols < width ? cols : width);
		buf_addch(w->out, '\n');
	}
}

/* Lay the open block out as Markdown. */
static void
end_md(struct report_rw *w)
{
	const char	*s = w->cur.data != NULL ? w->cur.data : "";
	int		 list;

	if (w->verbatim && w->block == REPORT_B_QUOTE) {
		if (w->gap && w->fence.len > 0)
			buf_addch(&w->fence, '\n');
		buf_addstr(&w->fence, s);
		buf_addch(&w->fence, '\n');
		return;
	}
	list = w->block == w->last && !w->gap &&
	    (w->block == REPORT_B_BULLET || w->block == REPORT_B_NUMBER);
	if (w->block == REPORT_B_QUOTE && w->last == REPORT_B_QUOTE) {
		if (w->gap)
			buf_addstr(w->out, ">\n");
		else if (w->out->len > 0) {
			/* A hard line break inside the quoted paragraph. */
			w->out->len--;
			buf_addstr(w->out, "\\\n");
		}
	} else if (w->out->len > 0 && !list)
		buf_addch(w->out, '\n');
	switch (w->block) {
	case REPORT_B_H1:
	case REPORT_B_H2:
	case REPORT_B_H3:
	case REPORT_B_H4:
		repeat(w->out, '#', (size_t)(w->block - REPORT_B_H1 + 1));
		buf_addch(w->out, ' ');
		break;
	case REPORT_B_BULLET:
	case REPORT_B_NUMBER:
		if (!list)
			w->list_depth = w->depth;
		else if (w->depth > w->list_depth)
			repeat(w->out, ' ',
			    (size_t)(w->depth - w->list_depth) * 2);
		if (w->block == REPORT_B_BULLET)
			buf_addstr(w->out, "- ");
		else
			buf_printf(w->out, "%d. ", w->number);
		break;
	case REPORT_B_QUOTE:
		buf_addstr(w->out, "> ");
		break;
	default:
		break;
	}
	buf_addstr(w->out, s);
	buf_addch(w->out, '\n');
}

/* HTML: end the open list, if any. */
static void
html_close_list(struct report_rw *w)
{
	if (w->list == REPORT_B_NONE)
		return;
	buf_addstr(w->out, w->list == REPORT_B_NUMBER ? "</ol>\n" :
	    "</ul>\n");
	w->list = REPORT_B_NONE;
}

/* The element of a block (never a list item, handled apart). */
static const char *
html_tag(enum report_block b)
{
	switch (b) {
	case REPORT_B_H1:
		return "h1";
	case REPORT_B_H2:
		return "h2";
	case REPORT_B_H3:
		return "h3";
	case REPORT_B_H4:
		return "h4";
	default:
		return "p";
	}
}

/*
 * Lay the open block out as HTML.  Consecutive items of one kind form
 * one list (a gap starts another); the depth becomes a class the page's
 * style sheet indents; a case draft's lines collect into one <pre>.
 */
static void
end_html(struct report_rw *w)
{
	const char	*s = w->cur.data != NULL ? w->cur.data : "";
	int		 d = w->depth > 4 ? 4 : w->depth;

	if (w->verbatim && w->block == REPORT_B_QUOTE) {
		if (w->gap && w->fence.len > 0)
			buf_addch(&w->fence, '\n');
		buf_addstr(&w->fence, s);
		buf_addch(&w->fence, '\n');
		return;
	}
	if (w->block == REPORT_B_BULLET || w->block == REPORT_B_NUMBER) {
		if (w->list != w->block || w->gap || w->list_depth != d) {
			html_close_list(w);
			w->list_depth = d;
			buf_printf(w->out, "<%s class=\"d%d\">\n",
			    w->block == REPORT_B_NUMBER ? "ol" : "ul", d);
			w->list = w->block;
		}
		if (w->block == REPORT_B_NUMBER)
			buf_printf(w->out, "<li value=\"%d\">", w->number);
		else
			buf_addstr(w->out, "<li>");
		buf_addstr(w->out, s);
		buf_addstr(w->out, "</li>\n");
		return;
	}
	html_close_list(w);
	buf_printf(w->out, "<%s class=\"d%d%s\">%s</%s>\n",
	    html_tag(w->block), d, w->block == REPORT_B_QUOTE ? " q" : "", s,
	    html_tag(w->block));
}

void
report_rw_end(struct report_rw *w)
{
	if (w->block == REPORT_B_NONE)
		return;
	switch (w->mode) {
	case REPORT_MODE_TEXT:
		end_text(w, REPORT_TEXT_WIDTH_COLS);
		break;
	case REPORT_MODE_PLAIN:
		end_text(w, 0);
		break;
	case REPORT_MODE_MD:
		end_md(w);
		break;
	case REPORT_MODE_HTML:
		end_html(w);
		break;
	}
	w->last = w->block;
	w->block = REPORT_B_NONE;
	w->gap = 0;
	buf_reset(&w->cur);
}

/* Escaped cells of a table: head first, then the rows; all owned. */
struct cells {
	char	**v;		/* (nrows + 1) * ncols strings */
	size_t	 *cols;		/* widest cell of each column */
	size_t	  ncols;
	size_t	  nrows;	/* body rows */
};

/*
 * The cells of a table: head row from "head" (catalogue messages) or,
 * where "shead" (may be NULL) has a string, that string escaped like a
 * cell; then "cells".
 */
static void
cells_make(struct report_rw *w, struct cells *t, const enum i18n_msg *head,
    const char *const *shead, const char *const *cells, size_t maxcols)
{
	struct buf	 b = BUF_INIT;
	const char	*c;
	size_t		 i, n = (t->nrows + 1) * t->ncols;

	t->v = xcalloc(n, sizeof(*t->v));
	t->cols = xcalloc(t->ncols, sizeof(*t->cols));
	for (i = 0; i < n; i++) {
		buf_reset(&b);
		c = i >= t->ncols ? cells[i - t->ncols] :
		    shead != NULL ? shead[i] : NULL;
		if (i < t->ncols && c == NULL)
			report_rw_fmt(w, &b, head[i], NULL, 0);
		else if (w->mode == REPORT_MODE_MD)
			escape_md(&b, c, REPORT_MD_FIELD_MAX_CHARS);
		else if (w->mode == REPORT_MODE_HTML)
			escape_html(&b, c, REPORT_MD_FIELD_MAX_CHARS);
		else
			escape_text(&b, c, maxcols);
		t->v[i] = buf_detach(&b);
		if (escape_width(t->v[i]) > t->cols[i % t->ncols])
			t->cols[i % t->ncols] = escape_width(t->v[i]);
	}
	buf_free(&b);
}

static void
cells_free(struct cells *t)
{
	size_t	i;

	for (i = 0; i < (t->nrows + 1) * t->ncols; i++)
		free(t->v[i]);
	free(t->v);
	free(t->cols);
}

static void
table_md(struct buf *out, const struct cells *t)
{
	size_t	r, c;

	for (r = 0; r <= t->nrows; r++) {
		for (c = 0; c < t->ncols; c++)
			buf_printf(out, "| %s ", t->v[r * t->ncols + c]);
		buf_addstr(out, "|\n");
		if (r == 0) {
			for (c = 0; c < t->ncols; c++)
				buf_addstr(out, "| --- ");
			buf_addstr(out, "|\n");
		}
	}
}

/* An HTML table: a head row of <th>, then the body; scrolls if wide. */
static void
table_html(struct buf *out, const struct cells *t, int depth)
{
	size_t	r, c;

	buf_printf(out, "<div class=\"tw d%d\"><table>\n", depth > 4 ? 4 :
	    depth);
	for (r = 0; r <= t->nrows; r++) {
		buf_addstr(out, "<tr>");
		for (c = 0; c < t->ncols; c++)
			buf_printf(out, r == 0 ? "<th>%s</th>" : "<td>%s</td>",
			    t->v[r * t->ncols + c]);
		buf_addstr(out, "</tr>\n");
	}
	buf_addstr(out, "</table></div>\n");
}

/* Row "r" of the aligned layout: 0 the head, 1 the rule, then the body. */
static void
table_row(struct buf *line, const struct cells *t, size_t r)
{
	const char	*cell;
	size_t		 c, w;

	for (c = 0; c < t->ncols; c++) {
		cell = t->v[(r > 1 ? r - 1 : 0) * t->ncols + c];
		w = r == 1 ? t->cols[c] : escape_width(cell);
		if (r == 1)
			repeat(line, '-', t->cols[c]);
		else
			buf_addstr(line, cell);
		if (c + 1 < t->ncols)
			repeat(line, ' ', t->cols[c] + 2 - w);
	}
}

/* Aligned columns with a rule under the head; 0 if too wide to fit. */
static int
table_text(struct buf *out, const struct cells *t, int depth)
{
	struct buf	line = BUF_INIT;
	size_t		r, c, total = (size_t)depth * 2;

	for (c = 0; c < t->ncols; c++)
		total += t->cols[c] + (c > 0 ? 2 : 0);
	if (total > REPORT_TEXT_WIDTH_COLS)
		return 0;
	for (r = 0; r < t->nrows + 2; r++) {
		buf_reset(&line);
		repeat(&line, ' ', (size_t)depth * 2);
		table_row(&line, t, r);
		emit_line(out, line.data, line.data + line.len);
	}
	buf_free(&line);
	return 1;
}

/* One list item per row, "head: cell" per line ("width" 0: no wrap). */
static void
table_records(struct buf *out, const struct cells *t, int depth,
    size_t width)
{
	struct buf	line = BUF_INIT;
	char		first[PREFIX_MAX_BYTES], rest[PREFIX_MAX_BYTES];
	size_t		r, c;

	indent(rest, sizeof(rest), depth, "    ");
	for (r = 1; r <= t->nrows; r++) {
		if (r > 1)
			buf_addch(out, '\n');
		for (c = 0; c < t->ncols; c++) {
			if (c > 0 && *t->v[r * t->ncols + c] == '\0')
				continue;
			buf_reset(&line);
			buf_printf(&line, "%s: %s", t->v[c],
			    t->v[r * t->ncols + c]);
			indent(first, sizeof(first), depth,
			    c == 0 ? "- " : "  ");
			wrap(out, line.data, first, rest, width);
		}
	}
	buf_free(&line);
}

void
report_rw_table(struct report_rw *w, size_t ncols, const enum i18n_msg *head,
    const char *const *cells, size_t nrows)
{
	report_rw_grid(w, ncols, head, NULL, cells, nrows);
}

void
report_rw_grid(struct report_rw *w, size_t ncols, const enum i18n_msg *head,
    const char *const *shead, const char *const *cells, size_t nrows)
{
	struct cells	t;

	report_rw_end(w);
	html_close_list(w);
	if (w->out->len > 0 && w->mode != REPORT_MODE_HTML)
		buf_addch(w->out, '\n');
	t.ncols = ncols;
	t.nrows = nrows;
	cells_make(w, &t, head, shead, cells, TEXT_CELL_MAX_COLS);
	if (w->mode == REPORT_MODE_HTML)
		table_html(w->out, &t, w->depth);
	else if (w->mode == REPORT_MODE_MD)
		table_md(w->out, &t);
	else if (w->mode == REPORT_MODE_PLAIN ||
	    !table_text(w->out, &t, w->depth)) {
		cells_free(&t);
		t.ncols = ncols;
		t.nrows = nrows;
		cells_make(w, &t, head, shead, cells,
		    REPORT_TEXT_FIELD_MAX_COLS);
		table_records(w->out, &t, w->depth,
		    w->mode == REPORT_MODE_TEXT ? REPORT_TEXT_WIDTH_COLS : 0);
	}
	cells_free(&t);
	w->last = REPORT_B_TABLE;
	w->gap = 0;
}
