/*
 * store_change.c: the change log.  See store.h.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "store.h"
#include "store_int.h"
#include "util.h"

static const struct store_sql q_change_insert = { SLOT_CHANGE_INSERT,
    "insert change",
    "INSERT INTO change_log (run_id, account_id, region, first_run, kind, subject,"
    " subject_name, old_value, new_value, old_applied, new_applied,"
    " new_default, applied_followed, adjustable, entitlement, quota_code,"
    " path, severity, alt_regions, alt_profiles, desired_value, field,"
    " applied_unknown, applied_at_level, context_scope, context_id)"
    " VALUES (:run_id, :account, :region,"
    " :first_run, :kind, :subject, :subject_name, :old_value, :new_value,"
    " :old_applied, :new_applied, :new_default, :applied_followed,"
    " :adjustable, :entitlement, :quota_code, :path, :severity,"
    " :alt_regions, :alt_profiles, :desired_value, :field,"
    " :applied_unknown, :applied_at_level, :context_scope, :context_id)" };

/* Read through the public view, so first_seen has one definition. */
#define CHANGE_COLUMNS \
    "SELECT change_id, run_id, first_run, first_seen, region, kind,"	\
    " subject, subject_name, old_value, new_value, old_applied,"	\
    " new_applied, new_default, applied_followed, adjustable,"		\
    " entitlement, quota_code, path, severity, alt_regions, alt_profiles,"\
    " desired_value, field, applied_unknown, applied_at_level,"	\
    " context_scope, context_id"					\
    " FROM changes"

static const struct store_sql q_change_range = { SLOT_CHANGE_RANGE,
    "changes of runs",
    CHANGE_COLUMNS " WHERE account_id = :account AND run_id > :from_run"
    " AND run_id <= :to_run"
    " ORDER BY change_id" };

static const struct store_sql q_change_account = { SLOT_CHANGE_ACCOUNT,
    "change account",
    "SELECT account_id FROM change_log WHERE change_id = :change_id" };

static const struct store_sql q_change_get = { SLOT_CHANGE_GET,
    "get change",
    CHANGE_COLUMNS " WHERE change_id = :change_id" };

int
store_change_insert(struct store *st, long long run_id, const struct change *c)
{
	struct store_stmt	*q;

	if ((q = store_stmt(st, &q_change_insert)) == NULL)
		return -1;
	store_bind_int(q, ":run_id", run_id);
	store_bind_text(q, ":region", str_or_empty(c->region));
	store_bind_int(q, ":first_run", c->first_run > 0 ? c->first_run :
	    run_id);
	store_bind_text(q, ":kind", change_kind_name(c->kind));
	store_bind_text(q, ":subject", str_or_empty(c->subject));
	store_bind_text(q, ":subject_name", str_or_empty(c->subject_name));
	store_bind_text(q, ":old_value", str_or_empty(c->old_value));
	store_bind_text(q, ":new_value", str_or_empty(c->new_value));
	store_bind_text(q, ":old_applied", str_or_empty(c->old_applied));
	store_bind_text(q, ":new_applied", str_or_empty(c->new_applied));
	store_bind_text(q, ":new_default", str_or_empty(c->new_default));
	store_bind_int(q, ":applied_followed", c->applied_followed != 0);
	if (c->adjustable < 0)
		store_bind_null(q, ":adjustable");
	else
		store_bind_int(q, ":adjustable", c->adjustable != 0);
	store_bind_text(q, ":entitlement", str_or_empty(c->entitlement));
	store_bind_text(q, ":quota_code", str_or_empty(c->quota_code));
	store_bind_text(q, ":desired_value", str_or_empty(c->desired_value));
	store_bind_text(q, ":path", change_path_name(c->path));
	store_bind_text(q, ":severity", change_severity_name(c->severity));
	store_bind_text(q, ":alt_regions", str_or_empty(c->alt_regions));
	store_bind_text(q, ":alt_profiles", str_or_empty(c->alt_profiles));
	store_bind_text(q, ":field", str_or_empty(c->field));
	store_bind_int(q, ":applied_unknown", c->applied_unknown != 0);
	store_bind_text(q, ":applied_at_level", str_or_empty(c->level));
	store_bind_text(q, ":context_scope", str_or_empty(c->context_scope));
	store_bind_text(q, ":context_id", str_or_empty(c->context_id));
	return store_exec(q);
}

/* Replace the owned string *dst with "v" (taking ownership). */
static void
replace(char **dst, char *v)
{
	free(*dst);
	*dst = v;
}

/* Parse the three identifiers of a stored change into "c". */
static int
change_names(struct store *st, struct change *c, const char *kind,
    const char *path, const char *severity)
{
	char	safe[LOG_SAFE_LEN];

	if (change_kind_parse(kind, &c->kind) == -1) {
		warnx("%s: change %lld: unknown kind %s", st->path,
		    c->change_id, log_safe(kind, safe, sizeof(safe)));
		return -1;
	}
	if (change_path_parse(path, &c->path) == -1) {
		warnx("%s: change %lld: unknown path %s", st->path,
		    c->change_id, log_safe(path, safe, sizeof(safe)));
		return -1;
	}
	if (change_severity_parse(severity, &c->severity) == -1) {
		warnx("%s: change %lld: unknown severity %s", st->path,
		    c->change_id, log_safe(severity, safe, sizeof(safe)));
		return -1;
	}
	return 0;
}

/*
 * A new change from the current row of a CHANGE_COLUMNS statement, or
 * NULL after warnx(3).  The caller resets the statement on failure.
 */
static struct change *
change_read(struct store_stmt *q)
{
	struct change	*c;
	char		*kind = NULL, *path = NULL, *severity = NULL;
	int		 rc = -1;

	c = change_new();
	c->change_id = store_col_int(q, 0);
	c->run_id = store_col_int(q, 1);
	c->first_run = store_col_int(q, 2);
	replace(&c->first_seen, store_col_text(q, 3));
	replace(&c->region, store_col_text(q, 4));
	kind = store_col_text(q, 5);
	replace(&c->subject, store_col_text(q, 6));
	replace(&c->subject_name, store_col_text(q, 7));
	replace(&c->old_value, store_col_text(q, 8));
	replace(&c->new_value, store_col_text(q, 9));
	replace(&c->old_applied, store_col_text(q, 10));
	replace(&c->new_applied, store_col_text(q, 11));
	replace(&c->new_default, store_col_text(q, 12));
	c->applied_followed = store_col_int(q, 13) != 0;
	c->adjustable = store_col_isnull(q, 14) ? -1 :
	    store_col_int(q, 14) != 0;
	replace(&c->entitlement, store_col_text(q, 15));
	replace(&c->quota_code, store_col_text(q, 16));
	path = store_col_text(q, 17);
	severity = store_col_text(q, 18);
	replace(&c->alt_regions, store_col_text(q, 19));
	replace(&c->alt_profiles, store_col_text(q, 20));
	replace(&c->desired_value, store_col_text(q, 21));
	replace(&c->field, store_col_text(q, 22));
	c->applied_unknown = store_col_int(q, 23) != 0;
	replace(&c->level, store_col_text(q, 24));
	replace(&c->context_scope, store_col_text(q, 25));
	replace(&c->context_id, store_col_text(q, 26));
	if (store_row_ok(q) == -1 ||
	    change_names(q->st, c, kind, path, severity) == -1)
		goto out;
	/* usage findings: their evidence (schema 0007) */
	if (change_kind_is_usage(c->kind) &&
	    store_change_usage_read(q->st, c) == -1)
		goto out;
	change_parse_nums(c);		/* needs the kind */
	rc = 0;
out:
	free(kind);
	free(path);
	free(severity);
	if (rc == -1) {
		change_free(c);
		c = NULL;
	}
	return c;
}

int
store_changes(struct store *st, long long from_run, long long to_run,
    struct change_list *out)
{
	struct store_stmt	*q;
	struct change		*c;
	size_t			 n = 0;
	int			 r;

	if ((q = store_stmt(st, &q_change_range)) == NULL)
		return -1;
	store_bind_int(q, ":from_run", from_run);
	store_bind_int(q, ":to_run", to_run);
	while ((r = store_step(q)) == 1) {
		if (++n > STORE_MAX_CHANGES) {
			warnx("%s: runs %lld to %lld: more than %d changes",
			    st->path, from_run, to_run, STORE_MAX_CHANGES);
			r = -1;
			break;
		}
		if ((c = change_read(q)) == NULL) {
			r = -1;
			break;
		}
		change_list_push(out, c);
	}
	store_reset(q);
	return r;
}

int
store_change_get(struct store *st, long long change_id, struct change **out,
    int *found)
{
	struct store_stmt	*q;
	int			 r;

	*out = NULL;
	*found = 0;
	if ((q = store_stmt(st, &q_change_get)) == NULL)
		return -1;
	store_bind_int(q, ":change_id", change_id);
	if ((r = store_step(q)) != 1)
		return r;
	*out = change_read(q);
	store_reset(q);
	if (*out == NULL)
		return -1;
	*found = 1;
	return 0;
}

int
store_change_account(struct store *st, long long change_id, char **account)
{
	struct store_stmt	*q;
	int			 r;

	*account = NULL;
	if ((q = store_stmt(st, &q_change_account)) == NULL)
		return -1;
	store_bind_int(q, ":change_id", change_id);
	if ((r = store_step(q)) == 1) {
		*account = store_col_text(q, 0);
		r = store_row_ok(q);
		store_reset(q);
	} else if (r == 0)
		warnx("%s: no change %lld", st->path, change_id);
	if (r != 0 || *account == NULL) {
		free(*account);
		*account = NULL;
		return -1;
	}
	return 0;
}
