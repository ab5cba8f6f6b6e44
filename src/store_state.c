/*
 * store_state.c: the change-only state history of each region.  See
 * store.h.
 *
 * The four kinds of state row (models, quotas, inference profiles, quota
 * requests) are handled by one engine driven by a table per kind that
 * names each column and where its value lives in the C struct, so that
 * loading, comparing and writing cannot disagree about the columns.
 */
#include <assert.h>
#include <err.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <sqlite3.h>

#include "change.h"
#include "snapshot.h"
#include "store.h"
#include "store_int.h"
#include "util.h"

enum store_ftype {
	FT_TEXT,		/* char *; NULL is written as "" */
	FT_OPTTEXT,		/* char *; NULL is written as NULL */
	FT_REAL,		/* double, NOT NULL */
	FT_OPTREAL,		/* double and an int "has" flag; NULL: unset */
	FT_BOOL			/* int, stored 0 or 1 */
};

/* One column of a state table. */
struct store_field {
	const char	*param;		/* ":column"; column name without ':' */
	enum store_ftype type;
	size_t		 off;		/* offset of the value in the row */
	size_t		 has_off;	/* FT_OPTREAL: offset of the flag */
};

/* One kind of state row. */
struct store_table {
	const char		 *what;		/* "model", for messages */
	size_t			  rowsz;	/* sizeof the row struct */
	/* [0 .. keysz) are the key, FT_TEXT, in the order of "cmp" */
	const struct store_field *fields;
	size_t			  fieldsz;
	size_t			  keysz;
	/* snapshot.h's order of two rows: 0 exactly when the keys are equal */
	int			(*cmp)(const void *, const void *);
	size_t			  first_run_off; /* of the row's first_run */
	void			*(*add)(struct snapshot *);
	const void		*(*rows)(const struct snapshot *, size_t *);
	/* SELECT fields..., since_run WHERE :region, :run; ORDER BY key */
	const struct store_sql	 *load;
	/* close the open row of :region and the key as of :run */
	const struct store_sql	 *close;
	/* insert :region, the fields and since_run = :run */
	const struct store_sql	 *insert;
};

#define FIELD(s, col, type, m)	{ ":" col, type, offsetof(struct s, m), 0 }
#define OPTREAL(s, col, m, has) \
	{ ":" col, FT_OPTREAL, offsetof(struct s, m), offsetof(struct s, has) }

static const struct store_field model_fields[] = {
	FIELD(model, "model_id", FT_TEXT, model_id),
	FIELD(model, "model_name", FT_TEXT, model_name),
	FIELD(model, "provider", FT_TEXT, provider),
	FIELD(model, "lifecycle_status", FT_TEXT, lifecycle),
	FIELD(model, "inference_types", FT_TEXT, inference_types),
	FIELD(model, "authorization_status", FT_TEXT, authorization),
	FIELD(model, "entitlement_availability", FT_TEXT, entitlement),
	FIELD(model, "agreement_status", FT_TEXT, agreement),
	FIELD(model, "region_availability", FT_TEXT, region_availability),
	FIELD(model, "start_of_life_time", FT_OPTTEXT, start_of_life),
	FIELD(model, "legacy_time", FT_OPTTEXT, legacy_time),
	FIELD(model, "public_extended_access_time", FT_OPTTEXT,
	    extended_access),
	FIELD(model, "end_of_life_time", FT_OPTTEXT, end_of_life),
	FIELD(model, "agreement_message", FT_OPTTEXT, agreement_message),
};

static const struct store_field quota_fields[] = {
	FIELD(quota, "quota_code", FT_TEXT, quota_code),
	FIELD(quota, "applied_at_level", FT_TEXT, level),
	FIELD(quota, "context_scope", FT_TEXT, context_scope),
	FIELD(quota, "context_id", FT_TEXT, context_id),
	FIELD(quota, "quota_name", FT_TEXT, quota_name),
	OPTREAL(quota, "applied_value", applied_value, has_applied),
	OPTREAL(quota, "default_value", default_value, has_default),
	FIELD(quota, "unit", FT_TEXT, unit),
	FIELD(quota, "adjustable", FT_BOOL, adjustable),
	FIELD(quota, "global_quota", FT_BOOL, global_quota),
	OPTREAL(quota, "period_value", period_value, has_period),
	FIELD(quota, "period_unit", FT_OPTTEXT, period_unit),
	FIELD(quota, "error_code", FT_OPTTEXT, error_code),
	FIELD(quota, "error_message", FT_OPTTEXT, error_message),
};

static const struct store_field profile_fields[] = {
	FIELD(profile, "profile_id", FT_TEXT, profile_id),
	FIELD(profile, "profile_name", FT_TEXT, profile_name),
	FIELD(profile, "profile_type", FT_TEXT, profile_type),
	FIELD(profile, "status", FT_TEXT, status),
	FIELD(profile, "model_ids", FT_TEXT, model_ids),
	FIELD(profile, "regions", FT_TEXT, regions),
};

static const struct store_field request_fields[] = {
	FIELD(qrequest, "request_id", FT_TEXT, request_id),
	FIELD(qrequest, "quota_code", FT_TEXT, quota_code),
	FIELD(qrequest, "quota_name", FT_TEXT, quota_name),
	OPTREAL(qrequest, "desired_value", desired_value, has_desired),
	FIELD(qrequest, "status", FT_TEXT, status),
	FIELD(qrequest, "case_id", FT_TEXT, case_id),
	FIELD(qrequest, "created", FT_TEXT, created),
	FIELD(qrequest, "last_updated", FT_TEXT, last_updated),
	FIELD(qrequest, "request_type", FT_OPTTEXT, request_type),
	FIELD(qrequest, "requested_at_level", FT_OPTTEXT, level),
	FIELD(qrequest, "requester", FT_OPTTEXT, requester),
};

/* The as-of condition of docs/schema.md; :run = LLONG_MAX means "now". */
#define AS_OF	" WHERE account_id = :account AND region = :region" \
		" AND since_run <= :run" \
		" AND (until_run IS NULL OR until_run > :run)"

static const struct store_sql q_model_load = { SLOT_MODEL_LOAD,
    "load models",
    "SELECT model_id, model_name, provider, lifecycle_status,"
    " inference_types, authorization_status, entitlement_availability,"
    " agreement_status, region_availability, start_of_life_time,"
    " legacy_time, public_extended_access_time, end_of_life_time,"
    " agreement_message, since_run FROM model_state"
    AS_OF " ORDER BY model_id" };
static const struct store_sql q_model_close = { SLOT_MODEL_CLOSE,
    "close model",
    "UPDATE model_state SET until_run = :run WHERE account_id = :account"
    " AND region = :region"
    " AND model_id = :model_id AND until_run IS NULL" };
static const struct store_sql q_model_insert = { SLOT_MODEL_INSERT,
    "insert model",
    "INSERT INTO model_state (account_id, region, model_id, model_name, provider,"
    " lifecycle_status, inference_types, authorization_status,"
    " entitlement_availability, agreement_status, region_availability,"
    " start_of_life_time, legacy_time, public_extended_access_time,"
    " end_of_life_time, agreement_message,"
    " since_run) VALUES (:account, :region, :model_id, :model_name, :provider,"
    " :lifecycle_status, :inference_types, :authorization_status,"
    " :entitlement_availability, :agreement_status, :region_availability,"
    " :start_of_life_time, :legacy_time, :public_extended_access_time,"
    " :end_of_life_time, :agreement_message, :run)" };

static const struct store_sql q_quota_load = { SLOT_QUOTA_LOAD,
    "load quotas",
    "SELECT quota_code, applied_at_level, context_scope, context_id,"
    " quota_name, applied_value, default_value, unit, adjustable,"
    " global_quota, period_value, period_unit, error_code, error_message,"
    " since_run FROM quota_state"
    AS_OF " ORDER BY quota_code, applied_at_level, context_scope,"
    " context_id" };
/*
 * The quotas whose applied value is below their default: the only ones
 * playbook_quota() can call an open problem (it needs both values and
 * applied < default), which still judges each row.  A report of a large
 * account reads some rows instead of 12,000.
 */
static const struct store_sql q_quota_load_below = { SLOT_QUOTA_LOAD_BELOW,
    "load quotas below default",
    "SELECT quota_code, applied_at_level, context_scope, context_id,"
    " quota_name, applied_value, default_value, unit, adjustable,"
    " global_quota, period_value, period_unit, error_code, error_message,"
    " since_run FROM quota_state"
    AS_OF " AND applied_value < default_value"
    " ORDER BY quota_code, applied_at_level, context_scope, context_id" };
static const struct store_sql q_quota_close = { SLOT_QUOTA_CLOSE,
    "close quota",
    "UPDATE quota_state SET until_run = :run WHERE account_id = :account"
    " AND region = :region"
    " AND quota_code = :quota_code AND applied_at_level = :applied_at_level"
    " AND context_scope = :context_scope AND context_id = :context_id"
    " AND until_run IS NULL" };
static const struct store_sql q_quota_insert = { SLOT_QUOTA_INSERT,
    "insert quota",
    "INSERT INTO quota_state (account_id, region, quota_code, applied_at_level,"
    " context_scope, context_id, quota_name, applied_value, default_value,"
    " unit, adjustable, global_quota, period_value, period_unit,"
    " error_code, error_message, since_run) VALUES (:account, :region,"
    " :quota_code,"
    " :applied_at_level, :context_scope, :context_id, :quota_name,"
    " :applied_value, :default_value, :unit, :adjustable, :global_quota,"
    " :period_value, :period_unit, :error_code, :error_message, :run)" };

static const struct store_sql q_profile_load = { SLOT_PROFILE_LOAD,
    "load profiles",
    "SELECT profile_id, profile_name, profile_type, status, model_ids,"
    " regions, since_run FROM profile_state"
    AS_OF " ORDER BY profile_id" };
static const struct store_sql q_profile_close = { SLOT_PROFILE_CLOSE,
    "close profile",
    "UPDATE profile_state SET until_run = :run WHERE account_id = :account"
    " AND region = :region"
    " AND profile_id = :profile_id AND until_run IS NULL" };
static const struct store_sql q_profile_insert = { SLOT_PROFILE_INSERT,
    "insert profile",
    "INSERT INTO profile_state (account_id, region, profile_id, profile_name,"
    " profile_type, status, model_ids, regions, since_run) VALUES"
    " (:account, :region, :profile_id, :profile_name, :profile_type, :status,"
    " :model_ids, :regions, :run)" };

static const struct store_sql q_request_load = { SLOT_REQUEST_LOAD,
    "load quota requests",
    "SELECT request_id, quota_code, quota_name, desired_value, status,"
    " case_id, created, last_updated, request_type, requested_at_level,"
    " requester, since_run FROM quota_request_state"
    AS_OF " ORDER BY request_id" };
static const struct store_sql q_request_close = { SLOT_REQUEST_CLOSE,
    "close quota request",
    "UPDATE quota_request_state SET until_run = :run WHERE account_id = :account"
    " AND region = :region"
    " AND request_id = :request_id AND until_run IS NULL" };
static const struct store_sql q_request_insert = { SLOT_REQUEST_INSERT,
    "insert quota request",
    "INSERT INTO quota_request_state (account_id, region, request_id, quota_code,"
    " quota_name, desired_value, status, case_id, created, last_updated,"
    " request_type, requested_at_level, requester,"
    " since_run) VALUES (:account, :region, :request_id, :quota_code, :quota_name,"
    " :desired_value, :status, :case_id, :created, :last_updated,"
    " :request_type, :requested_at_level, :requester, :run)" };

static const struct store_sql q_region_ok = { SLOT_REGION_OK,
    "insert ok region",
    "INSERT INTO region_run (run_id, account_id, region, status)"
    " VALUES (:run_id, :account, :region, 'ok')" };

static const struct store_sql q_region_known = { SLOT_REGION_KNOWN,
    "region known",
    "SELECT run_id FROM region_run WHERE account_id = :account"
    " AND region = :region"
    " AND status IN ('ok', 'partial')"
    " AND run_id <= :run ORDER BY run_id DESC LIMIT 1" };

/* Whether any run up to :run has known the whole part :part. */
static const struct store_sql q_part_known = { SLOT_PART_KNOWN,
    "part known",
    "SELECT 1 FROM region_parts_known WHERE account_id = :account"
    " AND region = :region"
    " AND run_id <= :run AND part = :part LIMIT 1" };

static const struct store_sql q_digest_get = { SLOT_DIGEST_GET,
    "read region digest",
    "SELECT digest FROM region_digest WHERE account_id = :account"
    " AND region = :region" };

static const struct store_sql q_digest_put = { SLOT_DIGEST_PUT,
    "write region digest",
    "INSERT INTO region_digest (account_id, region, digest, run_id)"
    " VALUES (:account, :region, :digest, :run)"
    " ON CONFLICT (account_id, region) DO UPDATE SET digest = excluded.digest,"
    " run_id = excluded.run_id" };

/* Type-safe adaptors from the generic engine to snapshot.h. */
static void *
add_model(struct snapshot *s)
{
	return snapshot_add_model(s);
}

static void *
add_quota(struct snapshot *s)
{
	return snapshot_add_quota(s);
}

static void *
add_profile(struct snapshot *s)
{
	return snapshot_add_profile(s);
}

static void *
add_request(struct snapshot *s)
{
	return snapshot_add_request(s);
}

static const void *
rows_model(const struct snapshot *s, size_t *n)
{
	*n = s->modelsz;
	return s->models;
}

static const void *
rows_quota(const struct snapshot *s, size_t *n)
{
	*n = s->quotasz;
	return s->quotas;
}

static const void *
rows_profile(const struct snapshot *s, size_t *n)
{
	*n = s->profilesz;
	return s->profiles;
}

static const void *
rows_request(const struct snapshot *s, size_t *n)
{
	*n = s->requestsz;
	return s->requests;
}

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const struct store_table tables[] = {
	{ "model", sizeof(struct model), model_fields, NELEM(model_fields),
	    1, snapshot_model_cmp,
	    offsetof(struct model, first_run), add_model, rows_model,
	    &q_model_load, &q_model_close, &q_model_insert },
	{ "quota", sizeof(struct quota), quota_fields, NELEM(quota_fields),
	    4, snapshot_quota_cmp,
	    offsetof(struct quota, first_run), add_quota, rows_quota,
	    &q_quota_load, &q_quota_close, &q_quota_insert },
	{ "inference profile", sizeof(struct profile), profile_fields,
	    NELEM(profile_fields), 1, snapshot_profile_cmp,
	    offsetof(struct profile, first_run),
	    add_profile, rows_profile,
	    &q_profile_load, &q_profile_close, &q_profile_insert },
	{ "quota request", sizeof(struct qrequest), request_fields,
	    NELEM(request_fields), 1, snapshot_request_cmp,
	    offsetof(struct qrequest, first_run),
	    add_request, rows_request,
	    &q_request_load, &q_request_close, &q_request_insert },
};

/* Field access inside a row struct. */
#define FPTR(row, off)	((const char *)(row) + (off))
#define FTEXT(row, f)	(*(char *const *)FPTR(row, (f)->off))
#define FREAL(row, f)	(*(const double *)FPTR(row, (f)->off))
#define FINT(row, off)	(*(const int *)FPTR(row, off))

/* The first part of the key of "row": its first field. */
static const char *
row_key(const struct store_table *t, const void *row)
{
	return FTEXT(row, &t->fields[0]);
}

/* Fill the zeroed "row" from the current row of the load statement. */
static void
row_read(struct store_stmt *q, const struct store_table *t, void *row)
{
	const struct store_field	*f;
	char				*p;
	size_t				 i;

	for (i = 0; i < t->fieldsz; i++) {
		f = &t->fields[i];
		p = (char *)row + f->off;
		switch (f->type) {
		case FT_TEXT:
			*(char **)p = store_col_text(q, (int)i);
			break;
		case FT_OPTTEXT:
			if (!store_col_isnull(q, (int)i))
				*(char **)p = store_col_text(q, (int)i);
			break;
		case FT_REAL:
			*(double *)p = store_col_real(q, (int)i);
			break;
		case FT_OPTREAL:
			if (store_col_isnull(q, (int)i))
				break;
			*(double *)p = store_col_real(q, (int)i);
			*(int *)((char *)row + f->has_off) = 1;
			break;
		case FT_BOOL:
			*(int *)p = store_col_int(q, (int)i) != 0;
			break;
		}
	}
	*(long long *)((char *)row + t->first_run_off) =
	    store_col_int(q, (int)t->fieldsz);
}

/* 1 if rows "a" and "b" hold the same values in every field. */
static int
row_equal(const struct store_table *t, const void *a, const void *b)
{
	const struct store_field	*f;
	size_t				 i;

	for (i = 0; i < t->fieldsz; i++) {
		f = &t->fields[i];
		switch (f->type) {
		case FT_TEXT:
			if (strcmp(str_or_empty(FTEXT(a, f)),
			    str_or_empty(FTEXT(b, f))) != 0)
				return 0;
			break;
		case FT_OPTTEXT:
			/* NULL (absent) is not "" (sent empty). */
			if ((FTEXT(a, f) == NULL) != (FTEXT(b, f) == NULL) ||
			    (FTEXT(a, f) != NULL &&
			    strcmp(FTEXT(a, f), FTEXT(b, f)) != 0))
				return 0;
			break;
		case FT_OPTREAL:
			if ((FINT(a, f->has_off) != 0) !=
			    (FINT(b, f->has_off) != 0))
				return 0;
			if (!FINT(a, f->has_off))
				break;
			/* FALLTHROUGH */
		case FT_REAL:
			if (FREAL(a, f) != FREAL(b, f))
				return 0;
			break;
		case FT_BOOL:
			if ((FINT(a, f->off) != 0) != (FINT(b, f->off) != 0))
				return 0;
			break;
		}
	}
	return 1;
}

/* Bind every field of "row" to its :column parameter. */
static void
row_bind(struct store_stmt *q, const struct store_table *t, const void *row)
{
	const struct store_field	*f;
	size_t				 i;

	for (i = 0; i < t->fieldsz; i++) {
		f = &t->fields[i];
		switch (f->type) {
		case FT_TEXT:
			store_bind_text(q, f->param, str_or_empty(FTEXT(row, f)));
			break;
		case FT_OPTTEXT:
			if (FTEXT(row, f) != NULL)
				store_bind_text(q, f->param, FTEXT(row, f));
			else
				store_bind_null(q, f->param);
			break;
		case FT_REAL:
			store_bind_real(q, f->param, FREAL(row, f));
			break;
		case FT_OPTREAL:
			if (FINT(row, f->has_off))
				store_bind_real(q, f->param, FREAL(row, f));
			else
				store_bind_null(q, f->param);
			break;
		case FT_BOOL:
			store_bind_int(q, f->param, FINT(row, f->off) != 0);
			break;
		}
	}
}

/*
 * Append the rows of kind "t" of "region" as of "run" to "out".  The
 * column names of the SELECT must be the field names, in order.
 */
static int
table_load(struct store *st, const struct store_table *t,
    const struct store_sql *load, const char *region, long long run,
    struct snapshot *out)
{
	struct store_stmt	*q;
	size_t			 i, n = 0;
	int			 r;

	if ((q = store_stmt(st, load)) == NULL)
		return -1;
	for (i = 0; i < t->fieldsz; i++)
		assert(strcmp(sqlite3_column_name(q->stmt, (int)i),
		    t->fields[i].param + 1) == 0);
	store_bind_text(q, ":region", region);
	store_bind_int(q, ":run", run);
	while ((r = store_step(q)) == 1) {
		if (++n > STORE_MAX_ROWS) {
			warnx("%s: %s: more than %d %s rows", st->path,
			    region, STORE_MAX_ROWS, t->what);
			store_reset(q);
			return -1;
		}
		row_read(q, t, t->add(out));
		if (store_row_ok(q) == -1)
			return -1;
	}
	return r;
}

int
store_state_load(struct store *st, const char *region, long long run,
    unsigned what, struct snapshot *out)
{
	/* STORE_LOAD_* of each entry of tables[], in its order. */
	static const unsigned	 bit[NELEM(tables)] = { STORE_LOAD_MODELS,
	    STORE_LOAD_QUOTAS, STORE_LOAD_PROFILES, STORE_LOAD_REQUESTS };
	const struct store_sql	*load;
	size_t			 i;

	for (i = 0; i < NELEM(tables); i++) {
		load = tables[i].load;
		if (bit[i] == STORE_LOAD_QUOTAS &&
		    (what & STORE_LOAD_QUOTAS_BELOW) != 0)
			load = &q_quota_load_below;
		else if ((what & bit[i]) == 0)
			continue;
		if (table_load(st, &tables[i], load, region, run, out) == -1)
			return -1;
	}
	return 0;
}

/* The new rows must have keys, in strictly ascending order. */
static int
rows_check(struct store *st, const struct store_table *t, const char *region,
    const char *rows, size_t n)
{
	const char	*key, *row, *prev = NULL;
	char		 safe[LOG_SAFE_LEN];
	size_t		 i;
	int		 c;

	if (n > STORE_MAX_ROWS) {
		warnx("%s: %s: more than %d %s rows", st->path, region,
		    STORE_MAX_ROWS, t->what);
		return -1;
	}
	for (i = 0; i < n; i++, prev = row) {
		row = rows + i * t->rowsz;
		key = row_key(t, row);
		if (key == NULL || *key == '\0') {
			warnx("%s: %s: %s without an ID", st->path, region,
			    t->what);
			return -1;
		}
		if (prev != NULL && (c = t->cmp(prev, row)) >= 0) {
			warnx("%s: %s: %s %s: %s", st->path, region, t->what,
			    log_safe(key, safe, sizeof(safe)),
			    c == 0 ? "duplicate" : "snapshot not sorted");
			return -1;
		}
	}
	return 0;
}

/* Close the open row of "row"'s key: it changed or vanished in "run". */
static int
row_close(struct store *st, const struct store_table *t, long long run,
    const char *region, const void *row)
{
	struct store_stmt	*q;
	size_t			 i;

	if ((q = store_stmt(st, t->close)) == NULL)
		return -1;
	store_bind_int(q, ":run", run);
	store_bind_text(q, ":region", region);
	for (i = 0; i < t->keysz; i++)
		store_bind_text(q, t->fields[i].param,
		    str_or_empty(FTEXT(row, &t->fields[i])));
	if (store_exec(q) == -1)
		return -1;
	if (sqlite3_changes(st->db) != 1) {
		warnx("%s: %s: %s row vanished while being closed", st->path,
		    region, t->what);
		return -1;
	}
	return 0;
}

/* Open a row for "row", first seen in "run". */
static int
row_insert(struct store *st, const struct store_table *t, long long run,
    const char *region, const void *row)
{
	struct store_stmt	*q;

	if ((q = store_stmt(st, t->insert)) == NULL)
		return -1;
	store_bind_text(q, ":region", region);
	store_bind_int(q, ":run", run);
	row_bind(q, t, row);
	return store_exec(q);
}

/*
 * Walk the current rows "cur" and the new rows of "snap" (both sorted by
 * key) side by side: close what vanished or changed, insert what is new
 * or changed, leave equal rows alone.
 */
static int
table_merge(struct store *st, const struct store_table *t, long long run,
    const struct snapshot *cur, const struct snapshot *snap)
{
	const char	*a, *b, *ra = NULL, *rb = NULL;
	size_t		 na, nb, i = 0, j = 0;
	int		 c, changed;

	a = t->rows(cur, &na);
	b = t->rows(snap, &nb);
	if (rows_check(st, t, snap->region, b, nb) == -1)
		return -1;
	while (i < na || j < nb) {
		if (i < na)
			ra = a + i * t->rowsz;
		if (j < nb)
			rb = b + j * t->rowsz;
		if (i == na)
			c = 1;
		else if (j == nb)
			c = -1;
		else
			c = t->cmp(ra, rb);
		changed = c == 0 && !row_equal(t, ra, rb);
		if ((c < 0 || changed) &&
		    row_close(st, t, run, snap->region, ra) == -1)
			return -1;
		if ((c > 0 || changed) &&
		    row_insert(st, t, run, snap->region, rb) == -1)
			return -1;
		i += c <= 0;
		j += c >= 0;
	}
	return 0;
}

/* Merge "snap" against the region's current rows "cur" (sorted). */
static int
state_merge(struct store *st, long long run_id, const struct snapshot *cur,
    const struct snapshot *snap)
{
	size_t	i;

	for (i = 0; i < NELEM(tables); i++)
		if (table_merge(st, &tables[i], run_id, cur, snap) == -1)
			return -1;
	return 0;
}

int
store_state_merge(struct store *st, long long run_id,
    const struct snapshot *snap)
{
	struct snapshot	cur;
	int		rc = -1;

	memset(&cur, 0, sizeof(cur));
	if (store_state_load(st, snap->region, LLONG_MAX, STORE_LOAD_ALL,
	    &cur) == -1)
		goto out;
	rc = state_merge(st, run_id, &cur, snap);
out:
	snapshot_free(&cur);
	return rc;
}

/*
 * Whether "region" had a successful collection in run "run" or before:
 * *found.  Fails if "run" (other than LLONG_MAX, "now") does not exist.
 */
static int
region_known(struct store *st, const char *region, long long run, int *found)
{
	struct store_stmt	*q;
	enum run_status		 status;
	int			 r;

	*found = 0;
	if (run != LLONG_MAX) {
		if (store_run_status(st, run, &status, &r) == -1)
			return -1;
		if (!r) {
			warnx("%s: no run %lld", st->path, run);
			return -1;
		}
	}
	if ((q = store_stmt(st, &q_region_known)) == NULL)
		return -1;
	store_bind_text(q, ":region", region);
	store_bind_int(q, ":run", run);
	if ((r = store_step(q)) == 1) {
		*found = 1;
		store_reset(q);
	}
	return r == -1 ? -1 : 0;
}

int
store_region_seen(struct store *st, long long run_id, const char *region,
    int *found)
{
	int	rc;

	*found = 0;
	if (run_id <= 0 || run_id == LLONG_MAX) {
		warnx("%s: no run %lld", st->path, run_id);
		return -1;
	}
	if (store_begin(st, 0) == -1)
		return -1;
	rc = region_known(st, region, run_id, found);
	if (rc == 0)
		rc = store_commit(st);
	if (rc == -1) {
		store_rollback(st);
		*found = 0;
	}
	return rc;
}

/*
 * The whole parts of "region" that no run up to "run" has known (a
 * region whose first collections were partial): *unknown, a set of
 * REGION_PART_BIT()s.
 */
static int
parts_unknown(struct store *st, const char *region, long long run,
    unsigned *unknown)
{
	static const enum region_part	 parts[] = { REGION_PART_MODELS,
	    REGION_PART_QUOTAS, REGION_PART_PROFILES, REGION_PART_REQUESTS };
	struct store_stmt		*q;
	size_t				 i;
	int				 r;

	*unknown = 0;
	for (i = 0; i < NELEM(parts); i++) {
		if ((q = store_stmt(st, &q_part_known)) == NULL)
			return -1;
		store_bind_text(q, ":region", region);
		store_bind_int(q, ":run", run);
		store_bind_text(q, ":part", status_part_name(parts[i]));
		if ((r = store_step(q)) == -1)
			return -1;
		if (r == 1)
			store_reset(q);
		else
			*unknown |= REGION_PART_BIT(parts[i]);
	}
	return 0;
}

/* store_load_current() and store_load_at(), in one read transaction. */
static int
load_region(struct store *st, long long run, const char *region,
    unsigned what, struct snapshot *out, int *found)
{
	int	rc = -1;

	memset(out, 0, sizeof(*out));
	*found = 0;
	if (store_begin(st, 0) == -1)
		return -1;
	if (region_known(st, region, run, found) == -1)
		goto out;
	if (*found && (store_state_load(st, region, run, what, out) == -1 ||
	    parts_unknown(st, region, run, &out->unknown) == -1))
		goto out;
	out->region = xstrdup(region);
	rc = store_commit(st);
out:
	if (rc == -1) {
		store_rollback(st);
		*found = 0;
	}
	return rc;
}

int
store_load_current(struct store *st, const char *region,
    struct snapshot *out, int *found)
{
	return load_region(st, LLONG_MAX, region, STORE_LOAD_ALL, out, found);
}

int
store_load_at(struct store *st, long long run_id, const char *region,
    struct snapshot *out, int *found)
{
	return store_load_parts(st, run_id, region, STORE_LOAD_ALL, out,
	    found);
}

int
store_load_parts(struct store *st, long long run_id, const char *region,
    unsigned what, struct snapshot *out, int *found)
{
	if (run_id <= 0 || run_id == LLONG_MAX) {
		warnx("%s: no run %lld", st->path, run_id);
		memset(out, 0, sizeof(*out));
		*found = 0;
		return -1;
	}
	return load_region(st, run_id, region, what, out, found);
}

/* Every change must belong to the region being recorded. */
static int
changes_check(struct store *st, const char *region,
    const struct change_list *changes)
{
	size_t	i;

	for (i = 0; changes != NULL && i < changes->len; i++)
		if (changes->items[i]->region == NULL ||
		    strcmp(changes->items[i]->region, region) != 0) {
			warnx("%s: %s: change %zu is for another region",
			    st->path, region, i);
			return -1;
		}
	return 0;
}

/* Append one field of "row" to "b" in a form that equal values share. */
static void
digest_field(struct buf *b, const struct store_field *f, const void *row)
{
	const char	*txt;
	uint64_t	 len;
	double		 v;

	switch (f->type) {
	case FT_OPTTEXT:
		if (FTEXT(row, f) == NULL) {
			buf_addch(b, 'N');
			return;
		}
		/* FALLTHROUGH */
	case FT_TEXT:
		txt = str_or_empty(FTEXT(row, f));
		len = strlen(txt);
		buf_addch(b, 'T');
		buf_add(b, &len, sizeof(len));
		buf_add(b, txt, len);
		return;
	case FT_OPTREAL:
		if (!FINT(row, f->has_off)) {
			buf_addch(b, 'N');
			return;
		}
		/* FALLTHROUGH */
	case FT_REAL:
		v = FREAL(row, f);
		if (v == 0)
			v = 0;		/* -0.0 equals 0.0: one form for both */
		buf_addch(b, 'R');
		buf_add(b, &v, sizeof(v));
		return;
	case FT_BOOL:
		buf_addch(b, FINT(row, f->off) != 0 ? '1' : '0');
		return;
	}
}

/*
 * The SHA-256 (lowercase hex) of every stored column of every row of the
 * sorted snapshot "s": equal for two snapshots exactly when the merge
 * would find every row equal (row_equal()).  Native byte order: a file
 * moved to another architecture only takes the long way once.
 */
static int
state_digest(struct store *st, const struct snapshot *s, char out[65])
{
	static const char	 hex[] = "0123456789abcdef";
	struct buf		 b = BUF_INIT;
	unsigned char		 h[32];
	unsigned int		 hlen = 0;
	const char		*rows;
	uint64_t		 n;
	size_t			 i, j, k, cnt;
	int			 ok;

	for (i = 0; i < NELEM(tables); i++) {
		rows = tables[i].rows(s, &cnt);
		n = cnt;
		buf_add(&b, &n, sizeof(n));
		for (j = 0; j < cnt; j++)
			for (k = 0; k < tables[i].fieldsz; k++)
				digest_field(&b, &tables[i].fields[k],
				    rows + j * tables[i].rowsz);
	}
	ok = EVP_Digest(b.data, b.len, h, &hlen, EVP_sha256(), NULL) == 1 &&
	    hlen == sizeof(h);
	buf_free(&b);
	if (!ok) {
		warnx("%s: %s: SHA-256 failed", st->path, s->region);
		return -1;
	}
	for (i = 0; i < sizeof(h); i++) {
		out[2 * i] = hex[h[i] >> 4];
		out[2 * i + 1] = hex[h[i] & 15];
	}
	out[64] = '\0';
	return 0;
}

/* Store the digest of "snap", the region's state as of "run". */
static int
digest_put(struct store *st, long long run, const struct snapshot *snap)
{
	struct store_stmt	*q;
	char			 d[65];

	if (state_digest(st, snap, d) == -1 ||
	    (q = store_stmt(st, &q_digest_put)) == NULL)
		return -1;
	store_bind_text(q, ":region", snap->region);
	store_bind_text(q, ":digest", d);
	store_bind_int(q, ":run", run);
	return store_exec(q);
}

/* The stored digest of "region" into "out" ("" if none); -1 on error. */
static int
digest_get(struct store *st, const char *region, char out[65])
{
	struct store_stmt	*q;
	char			*d;
	int			 r;

	out[0] = '\0';
	if ((q = store_stmt(st, &q_digest_get)) == NULL)
		return -1;
	store_bind_text(q, ":region", region);
	if ((r = store_step(q)) != 1)
		return r;
	d = store_col_text(q, 0);
	if (store_row_ok(q) == 0 && strlen(d) == 64)
		memcpy(out, d, 65);
	free(d);
	store_reset(q);
	return 0;
}

int
store_region_unchanged(struct store *st, long long run_id,
    const struct snapshot *snap)
{
	struct store_stmt	*q;
	char			 want[65], have[65];

	if (snap->region == NULL) {
		warnx("%s: snapshot without a region", st->path);
		return -1;
	}
	if (state_digest(st, snap, want) == -1 || store_begin(st, 1) == -1)
		return -1;
	if (store_run_check_running(st, run_id) == -1 ||
	    digest_get(st, snap->region, have) == -1)
		goto fail;
	if (strcmp(have, want) != 0) {
		store_rollback(st);
		return 0;
	}
	/* Exactly what store_region_ok() writes when nothing changed. */
	if ((q = store_stmt(st, &q_region_ok)) == NULL)
		goto fail;
	store_bind_int(q, ":run_id", run_id);
	store_bind_text(q, ":region", snap->region);
	if (store_exec(q) == -1 || store_commit(st) == -1)
		goto fail;
	return 1;
fail:
	store_rollback(st);
	return -1;
}

/*
 * store_region_ok(), store_region_ok_from() and store_region_partial():
 * "cur" is the region's current state when the caller has it, NULL to
 * read it here; "o" is NULL for an ok region.
 */
static int
region_ok(struct store *st, long long run_id, const struct snapshot *cur,
    const struct snapshot *snap, const struct change_list *changes,
    const struct store_outcome *o)
{
	struct store_stmt	*q;
	size_t			 i;

	if (snap->region == NULL) {
		warnx("%s: snapshot without a region", st->path);
		return -1;
	}
	if (changes_check(st, snap->region, changes) == -1 ||
	    store_begin(st, 1) == -1)
		return -1;
	/* The region row first: the state rows reference it. */
	if (store_run_check_running(st, run_id) == -1)
		goto fail;
	if (o != NULL) {
		if (store_region_outcome_rows(st, run_id, snap->region, o) ==
		    -1)
			goto fail;
	} else {
		if ((q = store_stmt(st, &q_region_ok)) == NULL)
			goto fail;
		store_bind_int(q, ":run_id", run_id);
		store_bind_text(q, ":region", snap->region);
		if (store_exec(q) == -1)
			goto fail;
	}
	if ((cur != NULL ?
	    state_merge(st, run_id, cur, snap) :
	    store_state_merge(st, run_id, snap)) == -1 ||
	    digest_put(st, run_id, snap) == -1)
		goto fail;
	for (i = 0; changes != NULL && i < changes->len; i++)
		if (store_change_insert(st, run_id, changes->items[i]) == -1)
			goto fail;
	if (store_commit(st) == -1)
		goto fail;
	return 0;
fail:
	store_rollback(st);
	return -1;
}

int
store_region_ok(struct store *st, long long run_id,
    const struct snapshot *snap, const struct change_list *changes)
{
	return region_ok(st, run_id, NULL, snap, changes, NULL);
}

int
store_region_ok_from(struct store *st, long long run_id,
    const struct snapshot *cur, const struct snapshot *snap,
    const struct change_list *changes)
{
	static const struct snapshot	none;	/* never collected: no rows */

	return region_ok(st, run_id, cur != NULL ? cur : &none, snap,
	    changes, NULL);
}

int
store_region_partial(struct store *st, long long run_id,
    const struct snapshot *snap, const struct change_list *changes,
    const struct store_outcome *o)
{
	if (o->status != REGION_STATUS_PARTIAL) {
		warnx("%s: %s: not a partial region", st->path,
		    str_or_empty(snap->region));
		return -1;
	}
	return region_ok(st, run_id, NULL, snap, changes, o);
}
