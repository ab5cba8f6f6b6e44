/*
 * report_svg.c: the HTML report's charts, drawn as inline SVG.
 * See report_int.h (report_charts()) and report.h (struct report_charts).
 *
 * The charts draw what the view selected and the playbook classified;
 * nothing here decides a category, a path or which quota matters.  Every
 * label from AWS goes through escape_html() (cut to
 * REPORT_SVG_LABEL_MAX_CHARS), every sentence (titles, legends, tooltips)
 * comes from the catalogue.  Colours are CSS classes of the page's style
 * sheet (report_html.c), so the dark scheme and print recolour them; each
 * mark also carries a <title> with its meaning in words, so no chart
 * depends on colour alone.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "report_int.h"

/* Geometry, in SVG user units (CSS pixels at scale 1). */
#define MX_CELL		18	/* a matrix cell */
#define MX_HEAD		110	/* room for the slanted region names */
#define CH_CHAR		7	/* average width of a 12px character */
#define CH_WIDTH	640	/* the line and bar charts */
#define CH_LEFT		72	/* room for the y axis labels */
#define CH_RIGHT	24
#define CH_TOP		24
#define CH_BOTTOM	36
#define QC_HEIGHT	200	/* a quota's step chart */
#define UB_ROW		40	/* one usage bar, its label above it */
#define UB_LEFT		8	/* where the bars start */
#define UB_RIGHT	56	/* room for the percentage */
#define TL_HEIGHT	160	/* the timeline */
/* The usage line drawn across the bars, in percent of the quota. */
#define USAGE_LINE_PERCENT	80.0

/* The catalogue's word for each access category (playbook.h order). */
static const enum i18n_msg access_msg[PLAYBOOK_ACCESS__COUNT] = {
	[PLAYBOOK_ACCESS_AUTHORIZED] = I18N_ACCESS_AUTHORIZED,
	[PLAYBOOK_ACCESS_NOT_AUTHORIZED] = I18N_ACCESS_NOT_AUTHORIZED,
	[PLAYBOOK_ACCESS_NOT_ENTITLED] = I18N_ACCESS_NOT_ENTITLED,
	[PLAYBOOK_ACCESS_AGREEMENT] = I18N_ACCESS_AGREEMENT,
	[PLAYBOOK_ACCESS_NOT_OFFERED] = I18N_ACCESS_NOT_OFFERED,
	[PLAYBOOK_ACCESS_UNKNOWN] = I18N_ACCESS_UNKNOWN,
};

/* A label from AWS, escaped and cut. */
static void
label(struct buf *out, const char *s)
{
	escape_html(out, s, REPORT_SVG_LABEL_MAX_CHARS);
}

/* A catalogue message, escaped for HTML, appended to "out". */
static void
msg(struct report_rw *w, struct buf *out, enum i18n_msg m,
    const struct report_arg *args, size_t nargs)
{
	report_rw_fmt(w, out, m, args, nargs);
}

/* "v" as the reader reads a quota value: "1,260,000", "0.5". */
static void
number(struct buf *out, double v)
{
	char	tmp[64];

	(void)snprintf(tmp, sizeof(tmp), "%.15g", v);
	report_rw_group_number(out, tmp);
}

/* Open a chart: its heading, a scrolling box and the <svg> element. */
static void
svg_open(struct report_rw *w, enum i18n_msg title, int width, int height)
{
	struct buf	*out = report_rw_raw(w);

	buf_addstr(out, "<h3 class=\"d0\">");
	msg(w, out, title, NULL, 0);
	buf_printf(out, "</h3>\n<div class=\"chart\"><svg xmlns=\"http://"
	    "www.w3.org/2000/svg\" role=\"img\" width=\"%d\" height=\"%d\" "
	    "viewBox=\"0 0 %d %d\"><title>", width, height, width, height);
	msg(w, out, title, NULL, 0);
	buf_addstr(out, "</title>\n");
}

static void
svg_close(struct report_rw *w)
{
	buf_addstr(report_rw_raw(w), "</svg></div>\n");
}

/* A paragraph of catalogue text under a chart. */
static void
note(struct report_rw *w, enum i18n_msg m, const struct report_arg *args,
    size_t nargs)
{
	report_rw_line(w, REPORT_B_PARA, m, args, nargs);
}

/* A legend: one swatch of CSS class "cls[i]" and message "m[i]" each. */
static void
legend(struct report_rw *w, const char *const *cls, const enum i18n_msg *m,
    size_t n)
{
	struct buf	*out = report_rw_raw(w);
	size_t		 i;

	buf_addstr(out, "<ul class=\"legend\">");
	for (i = 0; i < n; i++) {
		buf_printf(out, "<li><span class=\"sw %s\"></span>", cls[i]);
		msg(w, out, m[i], NULL, 0);
		buf_addstr(out, "</li>");
	}
	buf_addstr(out, "</ul>\n");
}

/* Widest label of "v", in characters (cut ones count the cut length). */
static size_t
widest(const char *const *v, size_t n)
{
	size_t	i, len, best = 0;

	for (i = 0; i < n; i++) {
		len = v[i] != NULL ? strlen(v[i]) : 0;
		if (len > REPORT_SVG_LABEL_MAX_CHARS)
			len = REPORT_SVG_LABEL_MAX_CHARS + 3;
		if (len > best)
			best = len;
	}
	return best;
}

/* One matrix cell: a square of the category's class and a tooltip. */
static void
matrix_cell(struct report_rw *w, const struct report_matrix *m, size_t mi,
    size_t ri, int x, int y)
{
	struct buf		*out = report_rw_raw(w);
	enum playbook_access	 a = m->cells[mi * m->regionsz + ri];
	int			 chg = m->changed != NULL &&
				    m->changed[mi * m->regionsz + ri];

	if ((unsigned)a >= PLAYBOOK_ACCESS__COUNT)
		a = PLAYBOOK_ACCESS_UNKNOWN;
	buf_printf(out, "<rect class=\"a%d%s\" x=\"%d\" y=\"%d\" "
	    "width=\"%d\" height=\"%d\"><title>", (int)a, chg ? " chg" : "",
	    x + 1, y + 1, MX_CELL - 2, MX_CELL - 2);
	label(out, m->regions[ri]);
	buf_addstr(out, ", ");
	label(out, m->models[mi]);
	buf_addstr(out, ": ");
	msg(w, out, access_msg[a], NULL, 0);
	buf_addstr(out, "</title></rect>\n");
}

/*
 * The access matrix: a row per model, a column per region, the region
 * names slanted above; a changed cell gets the "chg" outline.
 */
static void
chart_matrix(struct report_rw *w, const struct report_matrix *m)
{
	static const char *const cls[] = { "a0", "a1", "a2", "a3", "a4",
	    "a5" };
	static const enum i18n_msg names[] = { I18N_ACCESS_AUTHORIZED,
	    I18N_ACCESS_NOT_AUTHORIZED, I18N_ACCESS_NOT_ENTITLED,
	    I18N_ACCESS_AGREEMENT, I18N_ACCESS_NOT_OFFERED,
	    I18N_ACCESS_UNKNOWN };
	struct buf	*out, n1 = BUF_INIT, n2 = BUF_INIT;
	int		 left = (int)widest(m->models, m->modelsz) * CH_CHAR + 8;
	int		 width, height;
	size_t		 mi, ri;

	if (m->modelsz == 0 || m->regionsz == 0)
		return;
	width = left + (int)m->regionsz * MX_CELL + MX_HEAD;
	height = MX_HEAD + (int)m->modelsz * MX_CELL + 4;
	svg_open(w, I18N_CHART_MATRIX, width, height);
	out = report_rw_raw(w);
	for (ri = 0; ri < m->regionsz; ri++) {
		buf_printf(out, "<text class=\"lb\" transform=\"translate(%d,"
		    "%d) rotate(-65)\">", left + (int)ri * MX_CELL + MX_CELL /
		    2 + 4, MX_HEAD - 4);
		label(out, m->regions[ri]);
		buf_addstr(out, "</text>\n");
	}
	for (mi = 0; mi < m->modelsz; mi++) {
		buf_printf(out, "<text class=\"lb\" x=\"%d\" y=\"%d\" "
		    "text-anchor=\"end\">", left - 6, MX_HEAD + (int)mi *
		    MX_CELL + MX_CELL - 4);
		label(out, m->models[mi]);
		buf_addstr(out, "</text>\n");
		for (ri = 0; ri < m->regionsz; ri++)
			matrix_cell(w, m, mi, ri, left + (int)ri * MX_CELL,
			    MX_HEAD + (int)mi * MX_CELL);
	}
	svg_close(w);
	legend(w, cls, names, sizeof(names) / sizeof(names[0]));
	buf_printf(&n1, "%zu", m->modelsz);
	buf_printf(&n2, "%zu", m->regionsz);
	note(w, I18N_CHART_MATRIX_NOTE, REPORT_ARGS(RA(n1.data),
	    RA(n2.data)));
	buf_free(&n1);
	buf_free(&n2);
}

/*
 * Seconds since the epoch of "YYYY-MM-DDTHH:MM:SS..." (UTC), or -1 when
 * "s" is not of that shape.  Pure: no clock, no time zone.
 */
static double
iso_seconds(const char *s)
{
	int	y, mo, d, h, mi, se;

	if (s == NULL || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h,
	    &mi, &se) != 6 || mo < 1 || mo > 12 || d < 1 || d > 31)
		return -1;
	return (double)util_days_from_civil(y, mo, d) * 86400.0 + h * 3600.0 +
	    mi * 60.0 + se;
}

/* The x and y scales of a quota's step chart. */
struct scale {
	double	t0, t1;		/* time span, seconds */
	double	vmax;		/* value at the top */
	int	width, height;
};

static double
sx(const struct scale *s, double t)
{
	if (s->t1 <= s->t0)
		return CH_LEFT;
	return CH_LEFT + (t - s->t0) / (s->t1 - s->t0) *
	    (s->width - CH_LEFT - CH_RIGHT);
}

static double
sy(const struct scale *s, double v)
{
	return s->height - CH_BOTTOM - (s->vmax > 0 ? v / s->vmax : 0) *
	    (s->height - CH_TOP - CH_BOTTOM);
}

/* The x position of point "i" (its run's start, or the left edge). */
static double
point_x(const struct scale *s, const struct report_quota_series *q,
    size_t i)
{
	double	t = iso_seconds(q->points[i].at);

	return t < 0 ? CH_LEFT : sx(s, t);
}

/*
 * One step line ("def": the default, else the applied value) with a
 * label at every point where the value changes.
 */
static void
quota_line(struct report_rw *w, const struct scale *s,
    const struct report_quota_series *q, int def)
{
	struct buf	*out = report_rw_raw(w), path = BUF_INIT;
	double		 v, prev = 0, x, y, xend = s->width - CH_RIGHT;
	int		 have = 0, has;
	size_t		 i;

	for (i = 0; i < q->pointsz; i++) {
		has = def ? q->points[i].has_default : q->points[i].has_applied;
		v = def ? q->points[i].default_value : q->points[i].applied;
		x = point_x(s, q, i);
		if (!has) {
			have = 0;
			continue;
		}
		y = sy(s, v);
		buf_printf(&path, have ? " H%.1f V%.1f" : " M%.1f %.1f",
		    x, y);
		if (!have || v != prev) {
			buf_printf(out, "<text class=\"vl %s\" x=\"%.1f\" "
			    "y=\"%.1f\">", def ? "df" : "ap", x + 3,
			    y + (def ? 14 : -5));
			number(out, v);
			buf_addstr(out, "</text>\n");
		}
		have = 1;
		prev = v;
	}
	if (path.len > 0) {
		if (have)
			buf_printf(&path, " H%.1f", xend);
		buf_printf(out, "<path class=\"%s\" d=\"%s\"/>\n",
		    def ? "df" : "ap", path.data + 1);
	}
	buf_free(&path);
}

/* The axes of a step chart: the baseline, 0 and the top value. */
static void
quota_axes(struct report_rw *w, const struct scale *s,
    const struct report_quota_series *q)
{
	struct buf	*out = report_rw_raw(w);
	char		 day[11];

	buf_printf(out, "<path class=\"ax\" d=\"M%d %d V%d H%d\"/>\n",
	    CH_LEFT, CH_TOP, s->height - CH_BOTTOM, s->width - CH_RIGHT);
	buf_printf(out, "<text class=\"lb\" x=\"%d\" y=\"%d\" "
	    "text-anchor=\"end\">0</text>\n", CH_LEFT - 4,
	    s->height - CH_BOTTOM);
	buf_printf(out, "<text class=\"lb\" x=\"%d\" y=\"%d\" "
	    "text-anchor=\"end\">", CH_LEFT - 4, CH_TOP + 4);
	number(out, s->vmax);
	buf_addstr(out, "</text>\n");
	(void)snprintf(day, sizeof(day), "%.10s", q->points[0].at != NULL ?
	    q->points[0].at : "");
	buf_printf(out, "<text class=\"lb\" x=\"%d\" y=\"%d\">", CH_LEFT,
	    s->height - 12);
	label(out, day);
	buf_addstr(out, "</text>\n");
	(void)snprintf(day, sizeof(day), "%.10s", q->end_at != NULL ?
	    q->end_at : "");
	if (strncmp(day, q->points[0].at != NULL ? q->points[0].at : "",
	    10) == 0)
		return;		/* one day: named once */
	buf_printf(out, "<path class=\"ax\" d=\"M%.1f %d v5\"/>\n"
	    "<text class=\"lb\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">",
	    sx(s, iso_seconds(q->end_at)), s->height - CH_BOTTOM,
	    sx(s, iso_seconds(q->end_at)), s->height - 12);
	label(out, day);
	buf_addstr(out, "</text>\n");
}

/* The scale of series "q": its time span and its largest value. */
static void
quota_scale(const struct report_quota_series *q, struct scale *s)
{
	size_t	i;
	double	t;

	memset(s, 0, sizeof(*s));
	s->width = CH_WIDTH;
	s->height = QC_HEIGHT;
	s->t0 = iso_seconds(q->points[0].at);
	s->t1 = iso_seconds(q->end_at);
	for (i = 0; i < q->pointsz; i++) {
		if ((t = iso_seconds(q->points[i].at)) > s->t1)
			s->t1 = t;
		if (q->points[i].has_applied && q->points[i].applied > s->vmax)
			s->vmax = q->points[i].applied;
		if (q->points[i].has_default &&
		    q->points[i].default_value > s->vmax)
			s->vmax = q->points[i].default_value;
	}
	/*
	 * Room on the right, so the newest state shows as a step of its
	 * own and its label fits, however recent its change.
	 */
	s->t1 += (s->t1 > s->t0 ? s->t1 - s->t0 : 86400) * 0.25;
	/* Head room for the labels above the highest step. */
	s->vmax = s->vmax > 0 ? s->vmax * 1.15 : 1;
}

/* One quota's step chart, headed by its region, name and code. */
static void
chart_quota(struct report_rw *w, const struct report_quota_series *q)
{
	struct scale	 s;
	struct buf	*out;

	if (q->pointsz == 0)
		return;
	quota_scale(q, &s);
	out = report_rw_raw(w);
	buf_addstr(out, "<h4 class=\"d0\">");
	label(out, q->region);
	buf_addstr(out, ": ");
	report_rw_esc(w, out, q->quota_name);
	buf_addstr(out, " (");
	label(out, q->quota_code);
	buf_printf(out, ")</h4>\n<div class=\"chart\"><svg xmlns=\"http://"
	    "www.w3.org/2000/svg\" role=\"img\" width=\"%d\" height=\"%d\" "
	    "viewBox=\"0 0 %d %d\"><title>", s.width, s.height, s.width,
	    s.height);
	label(out, q->quota_name);
	buf_addstr(out, "</title>\n");
	quota_axes(w, &s, q);
	quota_line(w, &s, q, 1);
	quota_line(w, &s, q, 0);
	svg_close(w);
}

/* Every quota chart, with one legend and note for all of them. */
static void
chart_quotas(struct report_rw *w, const struct report_charts *c)
{
	static const char *const cls[] = { "ln ap", "ln df" };
	static const enum i18n_msg names[] = { I18N_CHART_APPLIED,
	    I18N_CHART_DEFAULT };
	size_t	i;

	if (c->quotasz == 0)
		return;
	buf_addstr(report_rw_raw(w), "<h3 class=\"d0\">");
	msg(w, report_rw_raw(w), I18N_CHART_QUOTAS, NULL, 0);
	buf_addstr(report_rw_raw(w), "</h3>\n");
	note(w, I18N_CHART_QUOTAS_NOTE, NULL, 0);
	legend(w, cls, names, 2);
	for (i = 0; i < c->quotasz; i++)
		chart_quota(w, &c->quotas[i]);
}

/* One usage bar (its label above it); "pmax" is the right edge's %. */
static void
usage_bar(struct report_rw *w, const struct report_usage_bar *u, size_t i,
    double pmax)
{
	struct buf	*out = report_rw_raw(w), p = BUF_INIT, v = BUF_INIT,
			 q = BUF_INIT, who = BUF_INIT;
	double		 span = CH_WIDTH - UB_LEFT - UB_RIGHT;
	double		 pc = u->percent > 0 && isfinite(u->percent) ?
			    u->percent : 0;
	int		 y = CH_TOP + (int)i * UB_ROW;

	buf_addstr(&who, u->region);
	buf_addstr(&who, ": ");
	buf_addstr(&who, u->quota_name);
	buf_printf(out, "<text class=\"lb\" x=\"%d\" y=\"%d\">", UB_LEFT,
	    y + 12);
	label(out, who.data);
	buf_printf(&p, "%.0f", pc);
	number(&v, u->peak_per_min);
	number(&q, u->quota_value);
	buf_printf(out, "</text>\n<rect class=\"ub\" x=\"%d\" y=\"%d\" "
	    "width=\"%.1f\" height=\"%d\"><title>", UB_LEFT, y + 17,
	    span * (pc > pmax ? pmax : pc) / pmax, UB_ROW - 24);
	msg(w, out, I18N_CHART_USAGE_BAR, REPORT_ARGS(RA(who.data),
	    RR(v.data), RA(p.data), RR(q.data)));
	buf_printf(out, "</title></rect>\n<text class=\"lb\" x=\"%.1f\" "
	    "y=\"%d\">%s%%</text>\n", UB_LEFT + span + 6, y + 29, p.data);
	buf_free(&p);
	buf_free(&v);
	buf_free(&q);
	buf_free(&who);
}

/* Usage against quota: a bar per quota, the 80% line across them. */
static void
chart_usage(struct report_rw *w, const struct report_usage_bar *u, size_t n)
{
	static const char *const cls[] = { "ub", "ln ul" };
	static const enum i18n_msg names[] = { I18N_CHART_USAGE,
	    I18N_CHART_USAGE_LINE };
	double		 pmax = 100, span = CH_WIDTH - UB_LEFT - UB_RIGHT;
	double		 x;
	int		 height = CH_TOP + (int)n * UB_ROW + 8;
	size_t		 i;
	struct buf	*out;

	if (n == 0)
		return;
	for (i = 0; i < n; i++)
		if (u[i].percent > pmax && isfinite(u[i].percent))
			pmax = u[i].percent > 1000 ? 1000 : u[i].percent;
	svg_open(w, I18N_CHART_USAGE, CH_WIDTH, height);
	for (i = 0; i < n; i++)
		usage_bar(w, &u[i], i, pmax);
	out = report_rw_raw(w);
	x = UB_LEFT + span * USAGE_LINE_PERCENT / pmax;
	buf_printf(out, "<path class=\"ul\" d=\"M%.1f %d V%d\"><title>", x,
	    CH_TOP - 6, height - 2);
	msg(w, out, I18N_CHART_USAGE_LINE, NULL, 0);
	buf_printf(out, "</title></path>\n<text class=\"lb\" x=\"%.1f\" "
	    "y=\"%d\" text-anchor=\"middle\">80%%</text>\n", x, CH_TOP - 10);
	svg_close(w);
	legend(w, cls, names, 2);
}

/*
 * A day no run recorded data on: an outlined box the height of the
 * chart, not a bar of zero, with the reason as the tooltip.
 */
static void
day_unseen(struct report_rw *w, const struct report_day *d, double x,
    double bw)
{
	struct buf	*out = report_rw_raw(w);

	buf_addstr(out, "<g><title>");
	msg(w, out, I18N_CHART_DAY_UNSEEN, REPORT_ARGS(RA(d->date)));
	buf_printf(out, "</title><rect class=\"nd\" x=\"%.1f\" y=\"%d\" "
	    "width=\"%.1f\" height=\"%d\"/></g>\n", x, CH_TOP, bw,
	    TL_HEIGHT - CH_TOP - CH_BOTTOM);
}

/* One day's stacked bar, with its counts in words as the tooltip. */
static void
day_bar(struct report_rw *w, const struct report_day *d, double x,
    double bw, double unit)
{
	struct buf	*out = report_rw_raw(w), a = BUF_INIT, wn = BUF_INIT,
			 in = BUF_INIT;
	const unsigned	 n[3] = { d->actions, d->warnings, d->infos };
	static const char *const cls[3] = { "sa", "sw2", "si" };
	double		 y = TL_HEIGHT - CH_BOTTOM, h;
	size_t		 k;

	buf_printf(&a, "%u", d->actions);
	buf_printf(&wn, "%u", d->warnings);
	buf_printf(&in, "%u", d->infos);
	buf_addstr(out, "<g><title>");
	msg(w, out, I18N_CHART_DAY, REPORT_ARGS(RA(d->date), RA(a.data),
	    RA(wn.data), RA(in.data)));
	buf_addstr(out, "</title>");
	buf_printf(out, "<rect class=\"bg\" x=\"%.1f\" y=\"%d\" width=\"%.1f\""
	    " height=\"%d\"/>", x, CH_TOP, bw, TL_HEIGHT - CH_TOP - CH_BOTTOM);
	for (k = 0; k < 3; k++) {
		if (n[k] == 0)
			continue;
		h = n[k] * unit;
		y -= h;
		buf_printf(out, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" "
		    "width=\"%.1f\" height=\"%.1f\"/>", cls[k], x, y, bw, h);
	}
	buf_addstr(out, "</g>\n");
	buf_free(&a);
	buf_free(&wn);
	buf_free(&in);
}

/* The timeline: a stacked bar per day, first and last day named. */
static void
chart_timeline(struct report_rw *w, const struct report_day *d, size_t n)
{
	static const char *const cls[] = { "sa", "sw2", "si", "nd" };
	static const enum i18n_msg names[] = { I18N_COL_ACTION,
	    I18N_COL_WARNING, I18N_COL_INFO, I18N_CHART_UNSEEN };
	double		 step, bw, unit;
	unsigned	 top = 1, t;
	size_t		 i, unseen = 0;
	struct buf	*out;

	if (n == 0)
		return;
	for (i = 0; i < n; i++) {
		if ((t = d[i].actions + d[i].warnings + d[i].infos) > top)
			top = t;
		unseen += !d[i].observed;
	}
	step = (double)(CH_WIDTH - CH_LEFT - CH_RIGHT) / (double)n;
	bw = step > 4 ? step * 0.8 : step;
	if (bw > 48)
		bw = 48;
	unit = (double)(TL_HEIGHT - CH_TOP - CH_BOTTOM) / top;
	svg_open(w, I18N_CHART_TIMELINE, CH_WIDTH, TL_HEIGHT);
	for (i = 0; i < n; i++)
		if (d[i].observed)
			day_bar(w, &d[i], CH_LEFT + step * (double)i, bw, unit);
		else
			day_unseen(w, &d[i], CH_LEFT + step * (double)i, bw);
	out = report_rw_raw(w);
	buf_printf(out, "<path class=\"ax\" d=\"M%d %d V%d H%d\"/>\n"
	    "<text class=\"lb\" x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>"
	    "\n<text class=\"lb\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%u"
	    "</text>\n", CH_LEFT, CH_TOP, TL_HEIGHT - CH_BOTTOM,
	    CH_WIDTH - CH_RIGHT, CH_LEFT - 4, TL_HEIGHT - CH_BOTTOM,
	    CH_LEFT - 4, CH_TOP + 8, top);
	buf_printf(out, "<text class=\"lb\" x=\"%d\" y=\"%d\">", CH_LEFT,
	    TL_HEIGHT - 12);
	label(out, d[0].date);
	buf_addstr(out, "</text>\n");
	if (n > 1) {
		buf_printf(out, "<text class=\"lb\" x=\"%.1f\" y=\"%d\" "
		    "text-anchor=\"end\">", CH_LEFT + step * (double)(n - 1) +
		    bw, TL_HEIGHT - 12);
		label(out, d[n - 1].date);
		buf_addstr(out, "</text>\n");
	}
	svg_close(w);
	legend(w, cls, names, unseen > 0 ? 4 : 3);
	note(w, I18N_CHART_TIMELINE_NOTE, NULL, 0);
	if (unseen > 0)
		note(w, I18N_CHART_UNSEEN_NOTE, NULL, 0);
}

void
report_charts(struct report_rw *w, const struct report_charts *c)
{
	if (c == NULL || (c->matrix.modelsz == 0 && c->quotasz == 0 &&
	    c->usagesz == 0 && c->daysz == 0))
		return;
	REPORT_LINE0(w, REPORT_B_H2, I18N_H_CHARTS);
	chart_timeline(w, c->days, c->daysz);
	chart_matrix(w, &c->matrix);
	chart_quotas(w, c);
	chart_usage(w, c->usage, c->usagesz);
}
