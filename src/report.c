/*
 * report.c: the reporter's public entry points.  See report.h.
 *
 * Each entry point renders into memory (report_body.c, report_status.c,
 * report_advice.c through the block writer in report_rw.c, or
 * report_json.c) and writes the result with one fwrite(3), so a failed
 * write is detected in exactly one place.
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "report_int.h"

int
report_format_parse(const char *s, enum report_format *out)
{
	if (s == NULL)
		return -1;
	if (strcmp(s, "text") == 0)
		*out = REPORT_TEXT;
	else if (strcmp(s, "markdown") == 0)
		*out = REPORT_MARKDOWN;
	else if (strcmp(s, "json") == 0)
		*out = REPORT_JSON;
	else if (strcmp(s, "html") == 0)
		*out = REPORT_HTML;
	else
		return -1;
	return 0;
}

int
report_lang_parse(const char *s, enum report_lang *out)
{
	enum i18n_lang	l;

	if (i18n_lang_parse(s, &l) == -1)
		return -1;
	*out = l == I18N_LANG_JA ? REPORT_LANG_JA : REPORT_LANG_EN;
	return 0;
}

/* Check the format and language; map the language.  0 or -1 (warned). */
static int
check_args(const char *what, enum report_format f, enum report_lang l,
    enum i18n_lang *lang)
{
	if (f != REPORT_TEXT && f != REPORT_MARKDOWN && f != REPORT_JSON &&
	    f != REPORT_HTML) {
		warnx("%s: unknown output format %d", what, (int)f);
		return -1;
	}
	if (l != REPORT_LANG_EN && l != REPORT_LANG_JA) {
		warnx("%s: unknown language %d", what, (int)l);
		return -1;
	}
	*lang = l == REPORT_LANG_JA ? I18N_LANG_JA : I18N_LANG_EN;
	return 0;
}

static enum report_mode
mode_of(enum report_format f)
{
	if (f == REPORT_HTML)
		return REPORT_MODE_HTML;
	return f == REPORT_MARKDOWN ? REPORT_MODE_MD : REPORT_MODE_TEXT;
}

/*
 * Start a writer for format "f"; an HTML document also gets its page
 * (report_html.c), titled by catalogue message "title".  End with
 * doc_end().
 */
static void
doc_begin(struct report_rw *w, enum report_format f, enum i18n_lang lang,
    struct buf *out, enum i18n_msg title)
{
	report_rw_init(w, mode_of(f), lang, out);
	if (f == REPORT_HTML)
		report_html_open(w, title);
}

static void
doc_end(struct report_rw *w, enum report_format f)
{
	if (f == REPORT_HTML)
		report_html_close(w);
	report_rw_free(w);
}

/* Write "b" to "fp" and flush.  0, or -1 after a warning. */
static int
flush_out(FILE *fp, const char *what, const struct buf *b)
{
	if ((b->len > 0 && fwrite(b->data, 1, b->len, fp) != b->len) ||
	    fflush(fp) == EOF || ferror(fp)) {
		warnx("%s: write failed: %s", what, strerror(errno));
		return -1;
	}
	return 0;
}

int
report_write(FILE *fp, const struct report_input *in, enum report_format f,
    enum report_lang l)
{
	struct report_rw	w;
	struct buf		out = BUF_INIT;
	enum i18n_lang		lang;
	int			rc;

	if (check_args("report", f, l, &lang) == -1)
		return -1;
	if (f == REPORT_JSON)
		report_json(&out, in, lang);
	else {
		doc_begin(&w, f, lang, &out, I18N_TITLE_REPORT);
		report_body(&w, in);
		doc_end(&w, f);
	}
	rc = flush_out(fp, "report", &out);
	buf_free(&out);
	return rc;
}

/* A standalone case draft (or the note that none is needed). */
int
report_org_write(FILE *fp, const struct report_org *o, enum report_format f,
    enum report_lang l)
{
	struct report_rw	w;
	struct buf		out = BUF_INIT;
	enum i18n_lang		lang;
	int			rc;

	if (check_args("report", f, l, &lang) == -1)
		return -1;
	if (f == REPORT_JSON)
		report_json_org(&out, o, lang);
	else {
		doc_begin(&w, f, lang, &out, o->status ? I18N_TITLE_ORG_STATUS :
		    I18N_TITLE_ORG);
		report_org_body(&w, o);
		doc_end(&w, f);
	}
	rc = flush_out(fp, "report", &out);
	buf_free(&out);
	return rc;
}

static void
case_doc(struct report_rw *w, const struct change *c, const char *account_id)
{
	REPORT_LINE0(w, REPORT_B_H1, I18N_TITLE_CASE);
	report_item_heading(w, REPORT_B_PARA, c);
	if (!report_has_case(c)) {
		REPORT_LINE(w, REPORT_B_PARA, I18N_CASE_NONE,
		    RA(change_path_name(c->path)));
		return;
	}
	report_item_facts(w, c);
	report_rw_gap(w);
	report_case_draft(w, c, account_id);
}

int
report_case(FILE *fp, const struct change *c, const char *account_id,
    enum report_format f, enum report_lang l)
{
	struct report_rw	w;
	struct buf		out = BUF_INIT;
	enum i18n_lang		lang;
	int			rc;

	if (check_args("case", f, l, &lang) == -1)
		return -1;
	if (f == REPORT_JSON)
		report_json_case(&out, c, account_id, lang);
	else {
		doc_begin(&w, f, lang, &out, I18N_TITLE_CASE);
		case_doc(&w, c, account_id);
		doc_end(&w, f);
	}
	rc = flush_out(fp, "case", &out);
	buf_free(&out);
	if (rc == 0 && !report_has_case(c))
		rc = 1;
	return rc;
}

int
report_status_write(FILE *fp, const struct report_status *s,
    enum report_format f, enum report_lang l)
{
	struct report_rw	w;
	struct buf		out = BUF_INIT;
	enum i18n_lang		lang;
	int			rc;

	if (check_args("status", f, l, &lang) == -1)
		return -1;
	if (f == REPORT_JSON)
		report_json_status(&out, s, lang);
	else {
		doc_begin(&w, f, lang, &out, I18N_TITLE_STATUS);
		report_status_body(&w, s);
		doc_end(&w, f);
	}
	rc = flush_out(fp, "status", &out);
	buf_free(&out);
	return rc;
}

int
report_archive_index(FILE *fp, const struct report_archive_day *d, size_t n,
    enum report_lang l)
{
	struct report_rw	w;
	struct buf		out = BUF_INIT;
	enum i18n_lang		lang;
	int			rc;

	if (check_args("archive", REPORT_HTML, l, &lang) == -1)
		return -1;
	doc_begin(&w, REPORT_HTML, lang, &out, I18N_TITLE_ARCHIVE);
	report_archive_body(&w, d, n);
	doc_end(&w, REPORT_HTML);
	rc = flush_out(fp, "archive", &out);
	buf_free(&out);
	return rc;
}
