/*
 * org.h: the entries of several accounts folded across accounts, for the
 * organization-wide report.
 *
 * Each account's changes of a range are first folded into entries on
 * their own (entry.h); org_fold() then puts the entries of every account
 * that are about one (region, subject) into one group.  Within a group,
 * the entries whose net changes are the same (the same fields moved from
 * the same old value to the same new value) are "alike": the form most
 * accounts share is the group's lead, and the accounts whose entry
 * differs from it, or that were collected in the range without any such
 * change, are the ones "where it differed".  A group covering one
 * account only is that account's own problem.  The group takes the
 * highest severity (and then the first path) of its entries, for the
 * report's order: the playbook decided each entry's, the fold only
 * picks.  An account counts in M (org_list.collected) when the caller
 * says it was collected in the range.  Pure: no I/O; equal input gives
 * equal output.
 */
#ifndef BEDROCK_AUDIT_ORG_H
#define BEDROCK_AUDIT_ORG_H

#include <stddef.h>

#include "change.h"
#include "entry.h"

/* One account's input to org_fold().  Borrowed. */
struct org_account {
	const char		*account_id;	/* 12 digits */
	const struct entry_list	*entries;	/* its range's; NULL: none */
	int			 collected;	/* 1: collected in the range */
};

/* One account's entry of a group.  Borrowed from the input. */
struct org_part {
	const char		*account_id;
	const struct entry	*entry;
	int			 alike;		/* 1: same net change as lead */
};

struct org_group {
	size_t			 number;	/* 1, 2, ... in report order */
	size_t			 acct;	/* input index of parts[0]'s account */
	const char		*region;	/* borrowed */
	const char		*subject;	/* borrowed */
	const struct entry	*lead;	/* the form most accounts share */
	struct org_part		*parts;	/* owned; in the input's order */
	size_t			 partsz;	/* N: the accounts it was seen in */
	size_t			 alike;	/* parts whose entry equals lead's */
	/* accounts collected in the range with no such entry; owned
	   array of borrowed IDs, in the input's order */
	const char		**absent;
	size_t			 absentsz;
	enum change_path	 path;		/* of the most severe part */
	enum change_severity	 severity;	/* the highest of the parts */
};

struct org_list {
	struct org_group	*items;		/* owned */
	size_t			 len;
	size_t			 collected;	/* M: accounts collected */
};

/*
 * Fold the entries of accounts a[0..n) (borrowed; must outlive "out")
 * into *out (zeroed first): one group per (region, subject), in the
 * order the report shows them, numbered from 1: the groups seen in
 * several accounts first, then each account's own in the input's account
 * order; within each, by severity (action first), path (P1..P6, info),
 * region, the lead's kind and subject.  Every entry is in exactly one group.
 * Free with org_list_free().
 */
void	org_fold(const struct org_account *a, size_t n, struct org_list *out);

/* 1 if entries "x" and "y" have the same net changes, else 0. */
int	org_entry_alike(const struct entry *x, const struct entry *y);

void	org_list_free(struct org_list *l);		/* NULL-safe */

#endif /* BEDROCK_AUDIT_ORG_H */
