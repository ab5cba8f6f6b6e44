/*
 * playbook.h: which troubleshooting path of playbook.md applies to a
 * change, how urgent it is, and the facts the advice names.
 *
 * Severity measures impact: "action" when something got worse for this
 * account (access, an offered model or a quota was lost or lowered),
 * "warning" when it is worth knowing but nothing is lost yet or the
 * cause is unclear, "info" otherwise.  The path is the advice the data
 * supports; when the data cannot tell which path applies the path is
 * "info", whatever the severity.  The full rule table is at the top of
 * playbook.c.  Pure: no I/O, no clock, no globals; knows no output
 * format.
 */
#ifndef BEDROCK_AUDIT_PLAYBOOK_H
#define BEDROCK_AUDIT_PLAYBOOK_H

#include <stddef.h>

struct change;
struct snapshot;

/*
 * Decide c->path and c->severity of one change from its kind, values and
 * context fields (change.h), by the rules of playbook.md.  Changes
 * nothing else.  A change of an unknown kind is info/info.
 */
void		 playbook_classify(struct change *c);

/*
 * For a model change (model_added .. region_availability_changed), fill
 * c->alt_regions with the regions other than c->region whose snapshot
 * lists the model (c->subject) and does not mark it regionAvailability
 * NOT_AVAILABLE, and c->alt_profiles with the inference profiles whose
 * model_ids include it: those of c->region's snapshot if there are any,
 * else those of every region.  Profiles with a status other than ACTIVE
 * (or empty) are left out.  Both lists are sorted, without duplicates,
 * ','-joined, "" when empty.  "regions" (the "to" state of every region,
 * each sorted by snapshot_sort()) is only read; the old strings of "c"
 * are freed.  Other kinds are left alone.
 */
void		 playbook_context(struct change *c,
		    const struct snapshot *regions, size_t regionsz);

/*
 * The IAM action a collector operation needs, for "collection problem"
 * advice: "ListFoundationModels" -> "bedrock:ListFoundationModels",
 * "ListServiceQuotas" -> "servicequotas:ListServiceQuotas",
 * "GetCallerIdentity" -> "sts:GetCallerIdentity", "GetMetricData" ->
 * "cloudwatch:GetMetricData".  The operation name is matched exactly
 * (API spelling).  Returns a static string, or NULL if unknown or NULL.
 */
const char	*playbook_iam_action(const char *operation);

#endif /* BEDROCK_AUDIT_PLAYBOOK_H */
