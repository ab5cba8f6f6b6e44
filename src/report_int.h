/*
 * report_int.h: what the reporter's source files share; not an API.
 *
 * The content of a report (report_body.c, report_advice.c) is written
 * once, as a sequence of blocks (headings, paragraphs, list items, quoted
 * case lines, tables) made of catalogue templates and strings from AWS.
 * The writer (report_rw.c) lays the blocks out for one mode: text
 * (wrapped, terminal-safe), Markdown (escaped), HTML (the elements of a
 * page's body; report_html.c wraps them) or plain (unwrapped text, used
 * for the "advice" and "case" strings of the JSON output).
 */
#ifndef BEDROCK_AUDIT_REPORT_INT_H
#define BEDROCK_AUDIT_REPORT_INT_H

#include <stddef.h>

#include "change.h"
#include "i18n.h"
#include "playbook.h"
#include "report.h"
#include "util.h"

enum report_mode {
	REPORT_MODE_TEXT,	/* wrapped, escaped for a terminal, cut */
	REPORT_MODE_MD,		/* Markdown, every string escaped, cut */
	REPORT_MODE_PLAIN,	/* like text, but never wrapped or cut */
	REPORT_MODE_HTML	/* body elements, every string escaped, cut */
};

enum report_block {
	REPORT_B_NONE,
	REPORT_B_H1,		/* document title */
	REPORT_B_H2,		/* section */
	REPORT_B_H3,		/* path */
	REPORT_B_H4,		/* one change */
	REPORT_B_PARA,
	REPORT_B_BULLET,
	REPORT_B_NUMBER,	/* numbered step; number given to begin */
	REPORT_B_QUOTE,		/* one line of a case draft */
	REPORT_B_TABLE		/* written by report_rw_table() */
};

/* A block writer.  Initialise with report_rw_init(). */
struct report_rw {
	enum report_mode	 mode;
	enum i18n_lang		 lang;
	struct buf		*out;	/* borrowed: finished blocks go here */
	struct buf		 cur;	/* owned: open block's content */
	enum report_block	 block;	/* open block, or REPORT_B_NONE */
	enum report_block	 last;	/* last finished block */
	int			 number;	/* open REPORT_B_NUMBER's */
	int			 depth;	/* text indent, 2 columns a step */
	int			 gap;	/* blank line before next block */
	/*
	 * Inside a case draft's subject and body (report_rw_verbatim()):
	 * quoted lines are never wrapped or indented, and in Markdown they
	 * go, without Markdown escapes, into a fenced code block collected
	 * in "fence".
	 */
	int			 verbatim;
	struct buf		 fence;	/* owned: the open fence's lines */
	/* HTML: the open list (REPORT_B_BULLET, _NUMBER) or REPORT_B_NONE */
	enum report_block	 list;
	/*
	 * Markdown and HTML: the depth of the open list's first item; a
	 * deeper item nests under the one before it (Markdown indents it,
	 * HTML starts a list of its own, indented by the style sheet).
	 */
	int			 list_depth;
};

/* One template argument: a string to escape, or one escaped already. */
struct report_arg {
	const char	*s;	/* NULL is rendered as "" */
	int		 raw;	/* 1: produced by report_rw_fmt() already */
};

#define RA(str)		((struct report_arg){ (str), 0 })
#define RR(str)		((struct report_arg){ (str), 1 })
#define REPORT_ARGS(...)	(const struct report_arg[]){ __VA_ARGS__ }, \
	sizeof((const struct report_arg[]){ __VA_ARGS__ }) / \
	sizeof(struct report_arg)

/* Start writing blocks in "mode" and "lang" to "out" (borrowed). */
void	report_rw_init(struct report_rw *w, enum report_mode mode,
	    enum i18n_lang lang, struct buf *out);
/* End any open block and free the writer's own memory. */
void	report_rw_free(struct report_rw *w);

/* Open a block (ending any open one); "number" is for REPORT_B_NUMBER. */
void	report_rw_begin(struct report_rw *w, enum report_block b, int number);
/* Lay the open block out into "out"; nothing if none is open. */
void	report_rw_end(struct report_rw *w);
/*
 * HTML: end any open block and list and return the output buffer, for
 * markup written around the blocks (report_html.c, report_svg.c).
 */
struct buf	*report_rw_raw(struct report_rw *w);
/* Ask for a visible separation before the next block. */
void	report_rw_gap(struct report_rw *w);

/*
 * Start ("on" 1) or end (0) the lines of a case draft that a reader
 * pastes: text lays each REPORT_B_QUOTE block out on one unindented,
 * unwrapped line; Markdown puts them in a fenced code block whose fence
 * is longer than any backtick run inside, with text escapes (terminal
 * and bidirectional controls) instead of Markdown ones.  Plain mode is
 * unwrapped anyway.  Ending closes the fence.
 */
void	report_rw_verbatim(struct report_rw *w, int on);

/*
 * Append "s" to "dst" with thousands separators when it is a plain
 * decimal number ("1260000" -> "1,260,000", "0.5" stays); anything else
 * (NULL appends nothing) is copied unchanged.  Not escaped.
 */
void	report_rw_group_number(struct buf *dst, const char *s);

/*
 * Append the UTC time "utc" escaped to "dst", followed by "local" (the
 * same time in the reader's zone, tz.h) when that is neither NULL nor
 * "": "2025-06-02T03:00:00Z / 2025-06-02 12:00 JST".  "utc" NULL or ""
 * is the catalogue's "unknown".
 */
void	report_rw_time(struct report_rw *w, struct buf *dst, const char *utc,
	    const char *local);

/* Append a string from AWS (cut). */
void	report_rw_str(struct report_rw *w, const char *s);
/* Append template "m" with "args" expanded and escaped for the mode. */
void	report_rw_msg(struct report_rw *w, enum i18n_msg m,
	    const struct report_arg *args, size_t nargs);
/* Expand like report_rw_msg(), into "dst": for building a raw argument. */
void	report_rw_fmt(struct report_rw *w, struct buf *dst, enum i18n_msg m,
	    const struct report_arg *args, size_t nargs);
/* Append string "s" escaped for the mode (cut) to "dst". */
void	report_rw_esc(struct report_rw *w, struct buf *dst, const char *s);
/* The same, never cut: for a text of our own making that must be read
   to its end (a credential chain's reason). */
void	report_rw_esc_whole(struct report_rw *w, struct buf *dst,
	    const char *s);
/*
 * "s" as a template argument, or the catalogue's word for "unknown"
 * (report_rw_known()) or "none" (report_rw_value()) when it is NULL or
 * "".  "s" is borrowed.
 */
struct report_arg report_rw_known(const struct report_rw *w, const char *s);
struct report_arg report_rw_value(const struct report_rw *w, const char *s);

/* One block holding one template: begin, message, end. */
void	report_rw_line(struct report_rw *w, enum report_block b,
	    enum i18n_msg m, const struct report_arg *args, size_t nargs);
#define REPORT_LINE(w, b, m, ...)	report_rw_line((w), (b), (m), \
	REPORT_ARGS(__VA_ARGS__))
#define REPORT_LINE0(w, b, m)		report_rw_line((w), (b), (m), NULL, 0)

/*
 * A table: "head" holds "ncols" catalogue messages, "cells" nrows *
 * ncols strings from AWS (row-major; NULL is empty).  Markdown gets a
 * pipe table; text an aligned table when it fits the width, otherwise
 * one list item per row.
 */
void	report_rw_table(struct report_rw *w, size_t ncols,
	    const enum i18n_msg *head, const char *const *cells, size_t nrows);
/*
 * The same, with a head row of strings where "shead[i]" is not NULL
 * (escaped like cells: region names as columns), else "head[i]".
 */
void	report_rw_grid(struct report_rw *w, size_t ncols,
	    const enum i18n_msg *head, const char *const *shead,
	    const char *const *cells, size_t nrows);

/*
 * report_advice.c: what to write about one change.  Each function emits
 * blocks at the writer's current depth and needs no cleanup.
 *
 * report_item_title() appends the change's one-line title ("region:
 * model name (ID)") to "dst"; report_item_heading() writes it as block
 * "b".  report_item_facts() lists what changed, when it was first seen
 * and the quota values; report_item_advice() the steps of its path (or a
 * warning or "no action" paragraph); report_kind_text() is the kind in
 * words.  report_has_case() is 1 for the paths with a support case
 * (P3, P5, P6); for those, report_case_where() says where to open it,
 * report_case_subject() appends the subject line to "dst",
 * report_case_body() writes the body as quoted lines,
 * report_case_text() the subject and the body, laid out verbatim (the
 * paste-safe draft), report_case_draft() all three (the standalone case
 * document) and
 * report_case_embedded() the same under a heading, inside a report.
 * "account_id" may be NULL.
 */
void		 report_item_title(struct report_rw *w, struct buf *dst,
		    const struct change *c);
void		 report_item_heading(struct report_rw *w, enum report_block b,
		    const struct change *c);
const char	*report_kind_text(const struct report_rw *w,
		    enum change_kind k);
void		 report_item_facts(struct report_rw *w, const struct change *c);
/*
 * Append change "c"'s old or new value "v" as the reader reads it, escaped
 * for the writer: a quota number with separators, an AWS enumeration in
 * words with the raw value in parentheses, "none" for "".
 */
void		 report_value_text(struct report_rw *w, struct buf *dst,
		    const struct change *c, const char *v);
void		 report_item_advice(struct report_rw *w,
		    const struct change *c);
int		 report_has_case(const struct change *c);
void		 report_case_where(struct report_rw *w, const struct change *c);
void		 report_case_subject(struct report_rw *w, struct buf *dst,
		    const struct change *c);
void		 report_case_body(struct report_rw *w, const struct change *c,
		    const char *account_id);
void		 report_case_text(struct report_rw *w, const struct change *c,
		    const char *account_id);
void		 report_case_draft(struct report_rw *w,
		    const struct change *c, const char *account_id);
void		 report_case_embedded(struct report_rw *w,
		    const struct change *c, const char *account_id);

/*
 * report_body.c.  report_region_fix() picks the catalogue message that
 * says how to fix region "r"'s problem (playbook_region_fix()), setting
 * *arg to the argument it takes (an IAM action or operation; may be
 * NULL).  report_region_status_text() is a region status in words.
 * report_region_problem() writes a region that failed or was not
 * compared: heading, failed call, error, reason and fix.  report_body()
 * writes the whole change report.
 */
enum i18n_msg	 report_region_fix(const struct report_region *r,
		    const char **arg);
/*
 * What is wrong with region "r", at the writer's depth: a region that is
 * not enabled or partial in one line each, a failed or not compared one
 * with its call, error and fix (report_region_problem()).
 */
void		 report_region_line(struct report_rw *w,
		    const struct report_region *r);
const char	*report_region_status_text(const struct report_rw *w,
		    enum region_status s);
void		 report_region_problem(struct report_rw *w,
		    const struct report_region *r);
void		 report_body(struct report_rw *w,
		    const struct report_input *in);
/* What happened to entry "e", in one line, appended to "dst". */
void		 report_entry_what(struct report_rw *w, struct buf *dst,
		    const struct entry *e);
/*
 * report_org.c: the organization-wide report's body (report_org_write());
 * report_json.c: its JSON.
 */
void		 report_org_body(struct report_rw *w,
		    const struct report_org *o);
/*
 * Why the newest run (c->run_failure; nothing when NULL) collected
 * nothing: no credentials, or the call that failed, with the reply and
 * the fix.  A run that is not failed as a whole had it from a shard
 * merged into it (the other shards' accounts were collected).
 */
void		 report_run_failure(struct report_rw *w,
		    const struct report_collection *c);
/*
 * Account "a" that the newest run named but could not collect, at the
 * writer's depth: the failed call with its code and message, then the
 * fix (report_assume_fix_text()'s sentence) one level deeper.
 */
void		 report_account_failed(struct report_rw *w,
		    const struct report_org_account *a);

void		 report_json_org(struct buf *b, const struct report_org *o,
		    enum i18n_lang lang);
/* A severity in words: "Action", "Warning", "Info". */
const char	*report_severity_text(const struct report_rw *w,
		    enum change_severity s);
/*
 * One entry on its own (the JSON "advice"): an information entry (or one
 * that reverted) in one line, any other with what moved, its path and
 * the advice of its lead change.
 */
void		 report_entry(struct report_rw *w, const struct entry *e);

/*
 * report_open.c: the open problems section: "n" problems "o", in report
 * order, grouped by path, region and problem, each group counted and its
 * newest few named (a model's lifecycle problems: the earliest date
 * first, with the model's dates; every one when "full", the status
 * view).
 */
void		 report_open_section(struct report_rw *w,
		    const struct report_open *o, size_t n, int full);

/*
 * report_svg.c: the charts section of the HTML report ("c" NULL or empty
 * writes nothing): the timeline of changes per day, the access matrix,
 * each quota's step chart and the usage bars, with legends and notes.
 */
void		 report_charts(struct report_rw *w,
		    const struct report_charts *c);

/*
 * report_html.c: the page around the blocks of an HTML document:
 * report_html_open() starts the document (language, Content-Security-
 * Policy, viewport, style sheet, <title> from catalogue message "title")
 * and report_html_close() ends it (with the copy button's script).
 */
void		 report_html_open(struct report_rw *w, enum i18n_msg title);
void		 report_html_close(struct report_rw *w);
/* The archive's index: title, introduction, a table per month. */
void		 report_archive_body(struct report_rw *w,
		    const struct report_archive_day *d, size_t n);

/*
 * report_usage.c: the usage evidence section, one bullet per quota of
 * "u" (n; none: no section) with its numbers and, for a quota too
 * small, the suggested value.
 */
void		 report_usage_section(struct report_rw *w,
		    const struct report_usage *u, size_t n);

/*
 * report_usage.c: the status view's quotas closest to their limit, "n"
 * rows of "u" in that order (none: no section).
 */
void		 report_usage_closest(struct report_rw *w,
		    const struct report_usage *u, size_t n);

/* report_status.c: the whole status view. */
void		 report_status_body(struct report_rw *w,
		    const struct report_status *s);

/*
 * report_json.c: the JSON documents of docs/report-json.md, appended to
 * "b" with a final newline.
 */
void		 report_json(struct buf *b, const struct report_input *in,
		    enum i18n_lang lang);
void		 report_json_case(struct buf *b, const struct change *c,
		    const char *account_id, enum i18n_lang lang);
void		 report_json_status(struct buf *b,
		    const struct report_status *s, enum i18n_lang lang);

#endif /* BEDROCK_AUDIT_REPORT_INT_H */
