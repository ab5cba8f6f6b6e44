/*
 * diff.h: what changed in one region between two runs.
 *
 * The differ walks two sorted snapshots of the same region side by side
 * (a merge join on each array's key) and appends one struct change per
 * difference.  It decides nothing about what to do: path and severity
 * are the playbook's (playbook.h).  Pure: no I/O, no clock, no globals.
 *
 * What counts as a change, per row kind (values are change.h text):
 *
 *  models (key model_id)
 *	model_added / model_removed: old or new value is the model's
 *	    authorizationStatus on the side where the model exists.
 *	One change per changed field otherwise, in this order:
 *	model_lifecycle_changed, model_lifecycle_date_changed (one per
 *	date, in lifecycle order: start of life, legacy, public extended
 *	access, end of life), model_inference_types_changed,
 *	access_granted / access_lost, entitlement_changed,
 *	agreement_changed, region_availability_changed.
 *	Access is held exactly when authorizationStatus is "AUTHORIZED":
 *	access_granted when it becomes held, access_lost when it stops
 *	(so AUTHORIZED -> an unknown new value is access_lost, and a move
 *	between two values that are both not AUTHORIZED is no change).
 *	For these enumerations an empty side means "not collected" and
 *	yields no change: unknown is not empty (playbook.md), so nothing
 *	is reported as lost because one call failed.  The inference types
 *	are a set: "" there is the empty set and is compared like any
 *	other set.  A lifecycle date is a change only when it moves: set
 *	on both sides and different (values: the dates; field: the
 *	models_now column); a date that appears or goes is none, as rows
 *	stored before the dates were collected have none.  Context:
 *	entitlement = the new row's (unset when removed).
 *  quotas (key quota_code, level, context_scope, context_id; subject:
 *	the code, and the other three parts in the change's level,
 *	context_scope and context_id)
 *	quota_added / quota_removed: value is the applied value ("" when
 *	    not set).
 *	quota_default_changed: old/new AWS default ("" when not set).
 *	    applied_followed is 1 when the applied value is set on both
 *	    sides and moved in the same direction as the default; the
 *	    applied move is then part of this one change.
 *	quota_value_changed: the applied value moved on its own (set <->
 *	    not set included, or against the default's direction).
 *	quota_adjustable_changed: "true" / "false".
 *	An applied value AWS could not tell (snapshot_quota_unknown(): an
 *	ErrorReason) is unknown: its coming or going is no
 *	quota_value_changed.
 *	Context on every quota change: old_applied and new_applied,
 *	new_default, adjustable now (-1 when removed), applied_unknown (1
 *	when either side's applied value is unknown).
 *  requests (key request_id)
 *	quota_request_created: a request ID not seen before; value is
 *	    its status.  quota_request_status_changed: old/new status.
 *	A request that leaves the history is not a change (the history
 *	is a sliding window).  subject_name is the quota's name and
 *	quota_code its code; desired_value "" when AWS sent none;
 *	old_applied, new_applied, new_default, adjustable and
 *	applied_unknown come from that code's first (account-level) rows
 *	in the two snapshots.
 *  profiles (key profile_id)
 *	profile_added / profile_removed: value is the profile's model_ids.
 *	A profile whose fields change is not a change (no kind for it).
 *
 * Unknown is not a change: a part a snapshot does not know
 * (snapshot.unknown: its call failed, or no run has known it yet) yields
 * no change of that group on either side (a quota list that failed
 * removes no quota), and a model whose availability call failed
 * (access_unknown) yields no access, entitlement, agreement or region
 * availability change, is not removed and, new, is not added.
 *
 * Order: models, quotas, requests, profiles; within a group ascending
 * subject (strcmp); within a subject the order of enum change_kind.
 * When a key appears more than once in an array (snapshot_sort() leaves
 * duplicates adjacent) only its first row is used.
 */
#ifndef BEDROCK_AUDIT_DIFF_H
#define BEDROCK_AUDIT_DIFF_H

#include <stddef.h>

#include "change.h"

struct snapshot;
struct change_list;

/*
 * Compare two sorted snapshots (snapshot_sort()) of the same region and
 * append one change per difference to "out".  "old" == NULL means the
 * region was never collected before: a baseline, no changes.  "new" must
 * not be NULL.  "run_id" is the run that observed "new"; each change gets
 * run_id = "run_id" and first_run = the new row's first_run if nonzero,
 * else "run_id".  The changes are owned by "out"; the snapshots are only
 * read.  Missing (NULL, size 0) arrays are empty.  Returns the number of
 * changes appended.  Cannot fail (allocation failure exits in xmalloc).
 */
size_t	 diff_region(const struct snapshot *old, const struct snapshot *new,
	    long long run_id, struct change_list *out);

/*
 * One account-level quota's usage finding: the one the change log last
 * recorded as open ("before") and the one the run's window gives now
 * (usage_judge()), with the evidence of the window.  Strings borrowed.
 */
struct diff_usage_quota {
	const char	*quota_code;
	const char	*quota_name;	/* "" if unknown */
	const char	*model_id;	/* the series measuring it */
	const char	*applied;	/* applied value as text ("" unknown) */
	const char	*default_value;	/* AWS default as text ("" unknown) */
	int		 adjustable;	/* 1, 0, -1 unknown */
	int		 before;	/* enum usage_finding */
	int		 now;		/* enum usage_finding */
	struct change_usage ev;		/* the window's numbers (set = 1) */
};

/*
 * Usage findings that started or ended in region "region": for each of
 * the "n" quotas whose finding moved, the end of the one before (its
 * kind, old_value its name, new_value CHANGE_USAGE_NONE) and then the
 * start of the one now (CHANGE_USAGE_NONE -> its name), each with the
 * window's evidence, subject the quota code, level "ACCOUNT", the
 * applied value as old and new applied value, the default as
 * new_default.  Appends to "out";
 * returns the number appended.  Pure.
 */
size_t	 diff_usage(const char *region, long long run_id,
	    const struct diff_usage_quota *q, size_t n, struct change_list *out);

#endif /* BEDROCK_AUDIT_DIFF_H */
