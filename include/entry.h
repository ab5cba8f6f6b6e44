/*
 * entry.h: the changes of a range folded into one entry per problem.
 *
 * A report over a range of runs shows each (region, subject) once: the
 * changes of one model, one quota (with the changes of its increase
 * requests) or one inference profile form one entry.  Within an entry,
 * the changes of one field are folded into the net change over the
 * range (the first old value -> the last new value), classified afresh
 * by the playbook when more than one change was folded; a field that
 * came back to its old value is left out ("changed and reverted").  The
 * entry takes the path and severity of the change playbook_entry()
 * picks.  Pure: no I/O; the order is total, so equal input gives equal
 * output.
 */
#ifndef BEDROCK_AUDIT_ENTRY_H
#define BEDROCK_AUDIT_ENTRY_H

#include <stddef.h>

#include "change.h"

struct entry {
	size_t		 number;	/* 1, 2, ... in report order */
	const char	*region;	/* borrowed from the changes */
	/* model ID, quota code (also for its requests) or profile ID */
	const char	*subject;
	const char	*subject_name;	/* borrowed; "" if none */
	/* every change of the entry, change_id order; array owned */
	const struct change **raw;
	size_t		 rawsz;
	/* net change of each field that moved, classified; owned */
	struct change_list net;
	size_t		 lead;		/* net.items[lead] decides; if net.len */
	enum change_path path;		/* the lead's, PATH_INFO if reverted */
	enum change_severity severity;	/* the lead's, info if reverted */
	long long	 first_seen_run;	/* earliest run of its changes */
};

struct entry_list {
	struct entry	*items;		/* owned */
	size_t		 len;
};

/*
 * Fold "changes" (borrowed; must outlive "out") into *out (zeroed
 * first), sorted by severity (action first), path (P1..P6, info), region,
 * the lead's kind and subject, and numbered from 1.  Every change is in
 * exactly one entry.  Free with entry_list_free().
 */
void		 entry_build(const struct change_list *changes,
		    struct entry_list *out);

/* The change that decides entry "e", or NULL when all of it reverted. */
const struct change *entry_lead(const struct entry *e);

void		 entry_list_free(struct entry_list *l);	/* NULL-safe */

#endif /* BEDROCK_AUDIT_ENTRY_H */
