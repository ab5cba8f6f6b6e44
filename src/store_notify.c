/*
 * store_notify.c: the notification table (schema/NNNN-notifications.sql):
 * an attempt is committed as 'sending' before anything is sent, so that
 * a crash between sending and recording the outcome leaves a row that
 * keeps the run from being sent to that target again.  A row is about
 * the run of the handle's account (store_set_account()).
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_int.h"
#include "util.h"

#define NOTIFY_REASON_MAX_BYTES	1024

static const struct store_sql q_notify_insert = { SLOT_NOTIFY_INSERT,
    "insert notification",
    "INSERT INTO notification (run_id, account_id, target, type, resend,"
    " state, reason, started_at, finished_at) VALUES (:run_id, :account,"
    " :target, :type, :resend, :state, :reason, :at, :finished)"
    /* only the uniqueness of notification_once; CHECKs still fail */
    " ON CONFLICT DO NOTHING" };

static const struct store_sql q_notify_finish = { SLOT_NOTIFY_FINISH,
    "finish notification",
    "UPDATE notification SET state = :state, reason = :reason,"
    " finished_at = :at WHERE notification_id = :id"
    " AND state = 'sending'" };

static const struct store_sql q_notify_find = { SLOT_NOTIFY_FIND,
    "find notification",
    "SELECT notification_id FROM notification WHERE run_id = :run_id"
    " AND account_id = :account AND target = :target AND resend = 0" };

static const char *const state_names[] = {
	[STORE_NOTIFY_SENDING] = "sending",
	[STORE_NOTIFY_SENT] = "sent",
	[STORE_NOTIFY_FAILED] = "failed",
	[STORE_NOTIFY_SKIPPED] = "skipped",
};

/* "reason" cut to the column's limit on a UTF-8 boundary; caller frees. */
static char *
reason_text(const char *reason)
{
	size_t	n;

	if (reason == NULL || *reason == '\0')
		return NULL;
	if ((n = strlen(reason)) > NOTIFY_REASON_MAX_BYTES) {
		n = NOTIFY_REASON_MAX_BYTES;
		while (n > 0 && ((unsigned char)reason[n] & 0xc0) == 0x80)
			n--;
	}
	return xstrndup(reason, n);
}

int
store_notify_begin(struct store *st, long long run_id, const char *target,
    const char *type, int resend, enum store_notify_state state,
    const char *reason, time_t now, long long *id)
{
	struct store_stmt	*q;
	char			 at[UTIL_ISO8601_LEN];
	char			*why = reason_text(reason);
	int			 rc = -1;

	*id = 0;
	util_iso8601(now, at);
	if ((q = store_stmt(st, &q_notify_insert)) == NULL)
		goto out;
	store_bind_int(q, ":run_id", run_id);
	store_bind_text(q, ":target", target);
	store_bind_text(q, ":type", type);
	store_bind_int(q, ":resend", resend != 0);
	store_bind_text(q, ":state", state_names[state]);
	store_bind_text(q, ":reason", why);
	store_bind_text(q, ":at", at);
	store_bind_text(q, ":finished", state == STORE_NOTIFY_SENDING ?
	    NULL : at);
	/* Autocommit: the row is durable before the caller sends. */
	if (store_exec(q) == -1)
		goto out;
	if (sqlite3_changes(st->db) == 0) {
		rc = 0;
		goto out;
	}
	*id = sqlite3_last_insert_rowid(st->db);
	rc = 1;
out:
	free(why);
	return rc;
}

int
store_notify_finish(struct store *st, long long id,
    enum store_notify_state state, const char *reason, time_t now)
{
	struct store_stmt	*q;
	char			 at[UTIL_ISO8601_LEN];
	char			*why = reason_text(reason);
	int			 rc = -1;

	util_iso8601(now, at);
	if ((q = store_stmt(st, &q_notify_finish)) == NULL)
		goto out;
	store_bind_int(q, ":id", id);
	store_bind_text(q, ":state", state_names[state]);
	store_bind_text(q, ":reason", why);
	store_bind_text(q, ":at", at);
	if (store_exec(q) == -1)
		goto out;
	if (sqlite3_changes(st->db) != 1) {
		warnx("notification %lld: not being sent", id);
		goto out;
	}
	rc = 0;
out:
	free(why);
	return rc;
}

int
store_notify_recorded(struct store *st, long long run_id, const char *target,
    int *found)
{
	struct store_stmt	*q;
	int			 r;

	*found = 0;
	if ((q = store_stmt(st, &q_notify_find)) == NULL)
		return -1;
	store_bind_int(q, ":run_id", run_id);
	store_bind_text(q, ":target", target);
	if ((r = store_step(q)) == -1)
		return -1;
	*found = r == 1;
	store_reset(q);
	return 0;
}
