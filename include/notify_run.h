/*
 * notify_run.h: one run told to every target of a --notify file, with
 * the bookkeeping that makes it at most once per run and target
 * (notify.c over store_notify.c).  Used by collect --notify and the
 * notify command, after the run is committed.
 */
#ifndef BEDROCK_AUDIT_NOTIFY_RUN_H
#define BEDROCK_AUDIT_NOTIFY_RUN_H

#include "notify.h"
#include "session.h"

struct store;

/* What the commands hand over; zero it, then set the borrowed fields. */
struct notify_job {
	struct store			*st;	/* writable; borrowed */
	const struct notify_config	*cfg;	/* borrowed */
	const char			*db;	/* BEDROCK_AUDIT_DB; borrowed */
	const char			*profile; /* --profile or NULL */
	const char			*region;  /* --region or NULL */
	/*
	 * 0: the run's own notification, at most once per target, only at
	 * or above its threshold; 1: notify --run, sent again regardless
	 */
	int				 resend;
	/* opened on the first sns or eventbridge target; -1: failed */
	struct session			 session;
	int				 session_state;
};

/*
 * Tell every target of job->cfg about run "run" (its report against
 * run "from"), recording each attempt.  Returns 0 when every target was
 * sent to, skipped or already notified; -1 when one failed (each said
 * in one warning line).  Never exits.
 */
int	notify_job_run(struct notify_job *job, long long from, long long run);

/* Close the AWS session of "job" if one was opened. */
void	notify_job_close(struct notify_job *job);

#endif /* BEDROCK_AUDIT_NOTIFY_RUN_H */
