/*
 * collect.h: snapshot every requested region, concurrently.
 *
 * For each region the collector runs three independent chains on one
 * shared client (client.h), so all regions are in flight in one loop:
 *   Bedrock:        ListFoundationModels, then one
 *                   GetFoundationModelAvailability per listed model;
 *                   ListInferenceProfiles, page after page;
 *   Service Quotas: ListServiceQuotas and ListAWSDefaultServiceQuotas,
 *                   page after page, merged when both are complete;
 *                   ListRequestedServiceQuotaChangeHistory, page after page.
 * A region is complete when every chain has ended.  One failed call
 * (after the engine's retries) fails the region, not the run: the region
 * is then reported with that call's error and no snapshot, so that the
 * store keeps its previous state (unknown is not empty).
 */
#ifndef BEDROCK_AUDIT_COLLECT_H
#define BEDROCK_AUDIT_COLLECT_H

#include <stddef.h>

#include "snapshot.h"

struct client;

/* Pagination ceilings: a reply that exceeds them fails its region. */
#define COLLECT_MAX_PAGES_PER_CALL	1000

/* How one region ended. */
struct collect_region {
	const char	*region;	/* borrowed from the caller's list */
	int		 ok;		/* 1: snapshot is complete */
	struct snapshot	 snap;		/* sorted; valid only if ok */
	const char	*operation;	/* failed call, if !ok */
	long		 http_status;	/* 0 when no reply (transport) */
	char		*error_code;	/* AWS or transport code, if !ok */
	char		*error_message;	/* made safe for logs, if !ok */
};

/*
 * Called once per region after it ends, in completion order: as soon as
 * the engine has no reply waiting to be read (so that slow work in the
 * callback never delays the other regions' calls), or once the run is
 * over.  It runs inside collect_regions(), never concurrently.  The
 * callee may take the snapshot (move it out and zero r->snap); whatever
 * is left in "r" is freed after the callback returns.
 */
typedef void (*collect_region_fn)(void *arg, struct collect_region *r);

/*
 * Collect "regions" (regionsz names) through "c" until every region has
 * ended or "deadline_ms" (util_now_ms() clock, 0: none) has passed; a
 * region unfinished at the deadline fails with "DeadlineExceeded".
 * Returns 0, or -1 after warnx(3) if the engine itself failed.
 */
int	collect_regions(struct client *c, char *const *regions,
	    size_t regionsz, long long deadline_ms, collect_region_fn done,
	    void *arg);

#endif /* BEDROCK_AUDIT_COLLECT_H */
