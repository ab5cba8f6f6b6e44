/*
 * report_html.c: the page around an HTML document.  See report_int.h.
 *
 * One self-contained HTML5 file: the style sheet is inline, the charts
 * are inline SVG (report_svg.c), and nothing is fetched: a
 * Content-Security-Policy meta tag allows no source at all but inline
 * style, data: images and the one inline script below, by its hash.  The
 * script only adds a copy button above each case draft; without it (or
 * without a clipboard) the draft stays a selectable <pre>.  The style
 * sheet follows the reader's light or dark scheme, fits a phone (the
 * layout is fluid, wide charts and tables scroll in their own box) and
 * prints without buttons or colours that waste toner.
 */
#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "report_int.h"

/*
 * The copy button.  REPORT_HTML_SCRIPT_SHA256 must be the base64 SHA-256
 * of these exact bytes (CSP 'sha256-...'); tests/it_html.sh checks it and
 * that the browser runs the page without a policy violation.
 */
static const char copy_script[] =
    "if(navigator.clipboard)"
    "document.querySelectorAll(\"pre.case\").forEach(function(p){"
    "var b=document.createElement(\"button\");b.type=\"button\";"
    "b.className=\"copy\";b.textContent=document.body.dataset.copy;"
    "b.addEventListener(\"click\",function(){"
    "navigator.clipboard.writeText(p.textContent).then(function(){"
    "b.textContent=document.body.dataset.copied;},function(){});});"
    "p.before(b);});";
#define REPORT_HTML_SCRIPT_SHA256 \
    "JbBfr9GU/GOJiaDm6mKgcZbfHYy3F+eRjNggEnBXPgs="

static const char style_sheet[] =
	":root{color-scheme:light dark;--fg:#1b1f24;--bg:#fff;--mute:#57606a;"
	"--line:#d0d7de;--code:#f6f8fa;--a0:#2da44e;--a1:#d4a72c;"
	"--a2:#cf222e;--a3:#8250df;--a4:#d8dee4;--a5:#6e7781;--ap:#0969da;"
	"--df:#bc4c00;--sa:#cf222e;--sw:#d4a72c;--si:#54aeff;--ub:#0969da}\n"
	"@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;"
	"--mute:#8d96a0;--line:#30363d;--code:#161b22;--a0:#3fb950;"
	"--a1:#d29922;--a2:#f85149;--a3:#a371f7;--a4:#30363d;--a5:#8d96a0;"
	"--ap:#58a6ff;--df:#f0883e;--sa:#f85149;--sw:#d29922;--si:#388bfd;"
	"--ub:#58a6ff}}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;background:var(--bg);color:var(--fg);"
	"font:15px/1.55 system-ui,-apple-system,\"Segoe UI\","
	"\"Hiragino Sans\",\"Noto Sans CJK JP\",sans-serif}\n"
	"main{max-width:60rem;margin:0 auto;padding:1rem}\n"
	"h1{font-size:1.5rem;margin:.5rem 0 1rem}\n"
	"h2{font-size:1.25rem;border-bottom:1px solid var(--line);"
	"padding-bottom:.2rem;margin-top:2rem}\n"
	"h3{font-size:1.05rem;margin-top:1.5rem}\n"
	"h4{font-size:1rem;margin:1.2rem 0 .4rem}\n"
	"p,li,h1,h2,h3,h4,td{overflow-wrap:anywhere}\n"
	".d1{margin-left:1.2rem}.d2{margin-left:2.4rem}.d3{"
	"margin-left:3.6rem}.d4{margin-left:4.8rem}\n"
	"ul.d1,ol.d1{padding-left:2.4rem}\n"
	".q{margin:0;padding-left:.8rem;border-left:3px solid var(--line);"
	"color:var(--mute)}\n"
	"pre.case{background:var(--code);border:1px solid var(--line);"
	"padding:.6rem;white-space:pre;overflow-x:auto;user-select:all;"
	"font:13px/1.45 ui-monospace,monospace}\n"
	"button.copy{font:inherit;font-size:.85rem;margin:.4rem 0 0;"
	"padding:.1rem .7rem;border:1px solid var(--line);border-radius:4px;"
	"background:var(--code);color:var(--fg);cursor:pointer}\n"
	".tw{overflow-x:auto}\n"
	"table{border-collapse:collapse;margin:.5rem 0}\n"
	"th,td{border:1px solid var(--line);padding:.25rem .5rem;"
	"text-align:left;vertical-align:top}\n"
	"th{background:var(--code)}\n"
	".chart{overflow-x:auto;margin:.4rem 0}\n"
	".chart svg{display:block;font:12px system-ui,sans-serif}\n"
	".lb{fill:var(--fg)}\n"
	".vl{font-size:11px}.vl.ap{fill:var(--ap)}.vl.df{fill:var(--df)}\n"
	".ax{fill:none;stroke:var(--mute)}\n"
	"path.ap{fill:none;stroke:var(--ap);stroke-width:2.5}\n"
	"path.df{fill:none;stroke:var(--df);stroke-width:2;"
	"stroke-dasharray:6 4}\n"
	"path.ul{stroke:var(--a2);stroke-width:2;stroke-dasharray:4 3}\n"
	".a0{fill:var(--a0)}.a1{fill:var(--a1)}.a2{fill:var(--a2)}.a3{"
	"fill:var(--a3)}.a4{fill:var(--a4)}.a5{fill:var(--a5)}\n"
	"rect.chg{stroke:var(--fg);stroke-width:2.5}\n"
	".sa{fill:var(--sa)}.sw2{fill:var(--sw)}.si{fill:var(--si)}.ub{"
	"fill:var(--ub)}.bg{fill:transparent}\n"
	"rect.nd{fill:var(--code);stroke:var(--mute);stroke-dasharray:3 3}\n"
	"ul.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;"
	"gap:.3rem 1rem;font-size:.85rem;color:var(--mute)}\n"
	".sw{display:inline-block;width:.9rem;height:.9rem;"
	"margin-right:.35rem;vertical-align:-.1rem;border-radius:2px}\n"
	"span.a0{background:var(--a0)}span.a1{background:var(--a1)}span.a2{"
	"background:var(--a2)}span.a3{background:var(--a3)}span.a4{"
	"background:var(--a4)}span.a5{background:var(--a5)}\n"
	"span.sa{background:var(--sa)}span.sw2{background:var(--sw)}span.si{"
	"background:var(--si)}span.ub{background:var(--ub)}\n"
	"span.nd{background:var(--code);border:1px dashed var(--mute)}\n"
	"span.ln{height:0;border-top:3px solid;border-radius:0}span.ln.ap{"
	"border-color:var(--ap)}span.ln.df{border-color:var(--df);"
	"border-top-style:dashed}span.ln.ul{border-color:var(--a2);"
	"border-top-style:dashed}\n"
	"table.cal td{text-align:center;min-width:2.6rem;line-height:1.3}"
	"table.cal a{display:block}"
	"table.cal td.none{color:var(--mute)}"
	"table.cal td.ok{border-bottom:3px solid var(--a0)}"
	"table.cal td.partial{border-bottom:3px solid var(--a1)}"
	"table.cal td.failed{border-bottom:3px solid var(--a2)}"
	".ca{color:var(--a2);font-size:.8rem}.cw{color:var(--a1);font-size:.8rem}\n"
	"tr.partial td:nth-child(5){color:var(--a1)}"
	"tr.failed td:nth-child(5){color:var(--a2)}\n"
	"a{color:var(--ap)}\n"
	"@media (max-width:40rem){body{font-size:14px}main{padding:.6rem}.d1,"
	".d2,.d3,.d4{margin-left:.6rem}}\n"
	"@media print{:root{--fg:#000;--bg:#fff;--mute:#333;--code:#fff}main{"
	"max-width:none;padding:0}button.copy{display:none}.chart,pre.case,"
	"table{break-inside:avoid}.chart{overflow:visible}pre.case{"
	"white-space:pre-wrap}a{color:inherit}}\n";

void
report_html_open(struct report_rw *w, enum i18n_msg title)
{
	struct buf	*out = report_rw_raw(w);

	buf_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
	    "script-src 'sha256-%s'; base-uri 'none'; form-action 'none'\">\n"
	    "<meta name=\"referrer\" content=\"no-referrer\">\n"
	    "<meta name=\"color-scheme\" content=\"light dark\">\n<title>",
	    i18n_lang_name(w->lang), REPORT_HTML_SCRIPT_SHA256);
	report_rw_fmt(w, out, title, NULL, 0);
	buf_printf(out, "</title>\n<style>\n%s</style>\n</head>\n"
	    "<body data-copy=\"", style_sheet);
	report_rw_fmt(w, out, I18N_COPY, NULL, 0);
	buf_addstr(out, "\" data-copied=\"");
	report_rw_fmt(w, out, I18N_COPIED, NULL, 0);
	buf_addstr(out, "\">\n<main>\n");
}

void
report_html_close(struct report_rw *w)
{
	struct buf	*out;

	report_rw_verbatim(w, 0);
	out = report_rw_raw(w);
	buf_printf(out, "</main>\n<script>%s</script>\n</body>\n</html>\n",
	    copy_script);
}

/* The catalogue's words for how a run fared. */
static enum i18n_msg
run_status_msg(enum run_status s)
{
	switch (s) {
	case RUN_STATUS_COMPLETE:
		return I18N_RUN_COMPLETE;
	case RUN_STATUS_PARTIAL:
		return I18N_RUN_PARTIAL;
	case RUN_STATUS_FAILED:
		return I18N_RUN_FAILED;
	default:
		return I18N_RUN_RUNNING;
	}
}

/* One row: the linked day, its run, counts, health and other files. */
static void
archive_row(struct report_rw *w, struct buf *out,
    const struct report_archive_day *d)
{
	buf_printf(out, "<tr class=\"%s\"><td><a href=\"",
	    d->status == RUN_STATUS_COMPLETE ? "ok" :
	    d->status == RUN_STATUS_PARTIAL ? "partial" : "failed");
	escape_html(out, d->date, 0);
	buf_addstr(out, ".html\">");
	escape_html(out, d->date, 0);
	buf_printf(out, "</a></td><td>#%lld</td><td>%lld</td><td>%lld</td>"
	    "<td>", d->run, d->actions, d->warnings);
	report_rw_fmt(w, out, run_status_msg(d->status), NULL, 0);
	buf_addstr(out, "</td><td><a href=\"");
	escape_html(out, d->date, 0);
	buf_addstr(out, ".md\">Markdown</a> <a href=\"");
	escape_html(out, d->date, 0);
	buf_addstr(out, ".json\">JSON</a></td></tr>\n");
}

/* The head row of a month's table. */
static void
archive_head(struct report_rw *w, struct buf *out)
{
	static const enum i18n_msg	 head[] = { I18N_COL_DATE, I18N_COL_RUN,
	    I18N_COL_ACTION, I18N_COL_WARNING, I18N_COL_STATUS,
	    I18N_COL_FILES };
	size_t				 i;

	buf_addstr(out, "<div class=\"tw d0\"><table>\n<tr>");
	for (i = 0; i < sizeof(head) / sizeof(head[0]); i++) {
		buf_addstr(out, "<th>");
		report_rw_fmt(w, out, head[i], NULL, 0);
		buf_addstr(out, "</th>");
	}
	buf_addstr(out, "</tr>\n");
}

/* One day of a month's calendar: linked, with counts, if archived. */
static void
calendar_day(struct report_rw *w, struct buf *out,
    const struct report_archive_day *day, int dom)
{
	struct buf	a = BUF_INIT, wn = BUF_INIT, run = BUF_INIT;

	if (day == NULL) {
		buf_printf(out, "<td class=\"none\">%d</td>", dom);
		return;
	}
	buf_printf(&a, "%lld", day->actions);
	buf_printf(&wn, "%lld", day->warnings);
	buf_printf(&run, "%lld", day->run);
	buf_printf(out, "<td class=\"%s\"><a href=\"",
	    day->status == RUN_STATUS_COMPLETE ? "ok" :
	    day->status == RUN_STATUS_PARTIAL ? "partial" : "failed");
	escape_html(out, day->date, 0);
	buf_addstr(out, ".html\" title=\"");
	report_rw_fmt(w, out, I18N_ARCHIVE_DAY, REPORT_ARGS(RA(day->date),
	    RA(a.data), RA(wn.data), RA(run.data),
	    RA(i18n_get(run_status_msg(day->status), w->lang))));
	buf_printf(out, "\">%d</a><span class=\"ca\">%s</span> "
	    "<span class=\"cw\">%s</span></td>", dom, a.data, wn.data);
	buf_free(&a);
	buf_free(&wn);
	buf_free(&run);
}

/*
 * The calendar of the month of d[0] (days d[0..n), all of that month,
 * newest first): a row per week, Monday first, each archived day linked.
 */
static void
calendar(struct report_rw *w, const struct report_archive_day *d, size_t n)
{
	struct buf	*out = report_rw_raw(w);
	const struct report_archive_day *hit;
	int		 y, m, dom, ndays, col, k;
	long		 first;
	size_t		 i;

	if (sscanf(d[0].date, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12)
		return;
	first = util_days_from_civil(y, m, 1);
	ndays = (int)(util_days_from_civil(m == 12 ? y + 1 : y,
	    m == 12 ? 1 : m + 1, 1) - first);
	col = (int)((first % 7 + 7 + 3) % 7);	/* 1970-01-01: a Thursday */
	buf_addstr(out, "<div class=\"tw d0\"><table class=\"cal\">\n<tr>");
	for (k = 0; k < 7; k++) {
		buf_addstr(out, "<th>");
		report_rw_fmt(w, out, (enum i18n_msg)(I18N_WD_MON + k), NULL,
		    0);
		buf_addstr(out, "</th>");
	}
	buf_addstr(out, "</tr>\n<tr>");
	for (k = 0; k < col; k++)
		buf_addstr(out, "<td></td>");
	for (dom = 1; dom <= ndays; dom++, col++) {
		if (col > 0 && col % 7 == 0)
			buf_addstr(out, "</tr>\n<tr>");
		for (hit = NULL, i = 0; i < n && hit == NULL; i++)
			if (sscanf(d[i].date + 8, "%2d", &k) == 1 && k == dom)
				hit = &d[i];
		calendar_day(w, out, hit, dom);
	}
	buf_addstr(out, "</tr>\n</table></div>\n");
}

void
report_archive_body(struct report_rw *w, const struct report_archive_day *d,
    size_t n)
{
	struct buf	*out;
	char		 month[8];
	size_t		 i, j;

	REPORT_LINE0(w, REPORT_B_H1, I18N_TITLE_ARCHIVE);
	REPORT_LINE0(w, REPORT_B_PARA, I18N_ARCHIVE_INTRO);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && strncmp(d[j].date, d[i].date, 7) == 0;
		    j++)
			;
		out = report_rw_raw(w);
		buf_addstr(out, "<h2 class=\"d0\">");
		(void)snprintf(month, sizeof(month), "%.7s", d[i].date);
		escape_html(out, month, 0);
		buf_addstr(out, "</h2>\n");
		calendar(w, d + i, j - i);
		archive_head(w, out);
		for (; i < j; i++)
			archive_row(w, out, &d[i]);
		buf_addstr(out, "</table></div>\n");
	}
}
