/*
 * ingest.c: one region's outcome into the store: diff against the stored
 * state, classify, commit in one transaction; or record the failure.
 */
#include <string.h>

#include "change.h"
#include "collect.h"
#include "diff.h"
#include "ingest.h"
#include "playbook.h"
#include "snapshot.h"
#include "store.h"

/*
 * Diff the snapshot "snap" of a region against the stored state and
 * commit state and changes; add their number to *nchanges.  0, or -1
 * after warnx(3) with nothing of the region written.
 */
static int
ingest_snapshot(struct store *st, long long run_id,
    const struct snapshot *snap, size_t *nchanges)
{
	struct snapshot		old;
	struct change_list	changes = { NULL, 0, 0 };
	size_t			i;
	int			found = 0, rc = -1, r;

	/* The usual day: the same digest, only the region row to write. */
	if ((r = store_region_unchanged(st, run_id, snap)) != 0)
		return r == 1 ? 0 : -1;
	memset(&old, 0, sizeof(old));
	if (store_load_current(st, snap->region, &old, &found) == -1)
		goto out;
	diff_region(found ? &old : NULL, snap, run_id, &changes);
	for (i = 0; i < changes.len; i++)
		playbook_classify(changes.items[i]);
	/* The lock is held: "old" is still the state, no need to reread. */
	if (store_region_ok_from(st, run_id, found ? &old : NULL, snap,
	    &changes) == -1)
		goto out;
	*nchanges += changes.len;
	rc = 0;
out:
	snapshot_free(&old);
	change_list_free(&changes);
	return rc;
}

int
ingest_region(struct store *st, long long run_id,
    const struct collect_region *r, size_t *nchanges)
{
	if (!r->ok) {
		(void)store_region_failed(st, run_id, r->region, r->operation,
		    r->http_status, r->error_code, r->error_message);
		return 0;
	}
	if (ingest_snapshot(st, run_id, &r->snap, nchanges) == 0)
		return 1;
	(void)store_region_failed(st, run_id, r->region, "store", 0,
	    "StoreError", "the region could not be saved");
	return 0;
}
