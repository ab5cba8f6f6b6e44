/*
 * view_chart.h: what the HTML report's charts show, assembled from the
 * store and a report view (view.h).  The playbook classifies each access
 * cell (playbook_access()); this module only selects and arranges: which
 * models and regions, which quotas (those the range changed and those
 * with an open problem), which days.  It owns everything it points to;
 * view_charts_free() releases it all.
 */
#ifndef BEDROCK_AUDIT_VIEW_CHART_H
#define BEDROCK_AUDIT_VIEW_CHART_H

#include "report.h"
#include "store.h"
#include "view.h"

/* Most models and regions in the access matrix (the rest are left out). */
#define VIEW_CHART_MAX_MODELS		400
/* Most quotas drawn as step charts (changed first, then open ones). */
#define VIEW_CHART_MAX_QUOTAS		40
/* Most quotas with usage bars (the closest to their limit). */
#define VIEW_CHART_MAX_USAGE		30
/* Most days in the timeline (the newest ones). */
#define VIEW_CHART_MAX_DAYS		366

struct view_charts {
	struct report_charts		 out;	/* what to render */
	char				**regions;	/* matrix columns */
	char				**models;	/* matrix rows */
	enum playbook_access		*cells;
	unsigned char			*changed;
	struct report_quota_series	*series;	/* out.quotas */
	struct store_quota_point	**points;	/* one list each */
	struct report_quota_point	**rpoints;	/* the same, rendered */
	size_t				*pointsz;
	struct report_day		*days;		/* out.days */
	struct report_usage_bar		*usage;		/* out.usage */
	char				**labels;	/* one per bar */
};

/*
 * The charts of report view "v" (view_recorded() filled it): the access
 * matrix of the state the view's open problems come from (every region
 * with models, every model any of them lists), the cells the range's
 * model changes touched marked; the history of each quota that a change
 * of the range or an open problem names, up to the newest run; the
 * changes per day (UTC) of the range, each day marked observed or not
 * (none observed: no timeline); usage against each mapped quota
 * over the view's usage window (view_usage_row()), closest to its limit
 * first.  Returns 0, or -1 after warnx(3);
 * either way free *c with view_charts_free().
 */
int	view_charts(struct store *st, const struct view *v,
	    struct view_charts *c);
void	view_charts_free(struct view_charts *c);	/* NULL-safe */

#endif /* BEDROCK_AUDIT_VIEW_CHART_H */
