/*
 * ingest.h: record how one region of a collect run ended.
 *
 * A region that was collected is compared with the state the store holds
 * for it (diff.h), each difference is classified by the playbook
 * (playbook.h), and the region's new state, its 'ok' row and its changes
 * are committed in one transaction (store.h).  A region seen for the
 * first time is a baseline: its state, no changes.  An unchanged region
 * (the usual day) writes only its 'ok' row.  A partial region records
 * what it learnt and keeps the last known state of the rest (a model
 * whose access is unknown keeps its last known access; one never
 * recorded is not recorded yet); its failures and unknown entities are
 * stored with its 'partial' row.  A region that failed or is not
 * enabled, or whose snapshot could not be stored, writes no state and
 * keeps its last known state: unknown is not empty.
 */
#ifndef BEDROCK_AUDIT_INGEST_H
#define BEDROCK_AUDIT_INGEST_H

#include <stddef.h>

struct collect_region;
struct store;

/*
 * Record region "r" (collect.h; borrowed, but a partial region's
 * snapshot is filled in with the last known state of what it does not
 * know) in run "run_id", which must be
 * 'running', of "st", whose writer lock this process holds (store_lock():
 * the state read for the comparison is the one the commit replaces).
 *
 * Returns 1 when r->ok (OK or PARTIAL) and its snapshot was recorded;
 * the number of changes recorded is added to *nchanges.  Returns 0 when
 * the region was recorded without a state instead: r->ok is 0 (stored
 * as failed or not_enabled, with every failure), or its snapshot could
 * not be stored (after one warnx(3); stored as failed, operation
 * "store", error "StoreError").  If even
 * the failure cannot be written, the store has said why with warnx(3)
 * and 0 is returned all the same.  Nothing of a region that returns 0
 * changes its state.
 */
int	ingest_region(struct store *st, long long run_id,
	    struct collect_region *r, size_t *nchanges);

/*
 * Judge the usage of "region" of account "account" after run "run_id"
 * (which began at "started", epoch seconds) stored it: each mapped
 * account-level quota over the stored days of the USAGE_JUDGE_DAYS UTC
 * days up to the day the run began (usage_judge(), as the report's view
 * judges it), compared with the finding the previous judging run left
 * for it (store_usage_open_findings()).  A finding that started or ended
 * is a change (diff_usage()), classified by the playbook and recorded
 * with its evidence in one transaction, with the quota's finding now
 * (store_usage_changes()); their number is added to *nchanges.  When
 * "baseline" (the region's first run), only the findings are recorded:
 * no change, as for its state.  A quota whose applied value is unknown
 * keeps its finding (unknown is not none).  Call only when the region's
 * usage was read (status ok): usage unknown ends nothing.  0, or -1
 * after warnx(3) (nothing recorded).
 */
int	ingest_usage(struct store *st, long long run_id, long long started,
	    const char *account, const char *region, int baseline,
	    size_t *nchanges);

#endif /* BEDROCK_AUDIT_INGEST_H */
