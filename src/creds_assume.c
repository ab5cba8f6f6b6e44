/*
 * creds_assume.c: assume-role profiles (step 2).  A profile with
 * role_arn gets its source credentials from source_profile (any kind
 * of profile, itself an assume-role profile too: chains of any length)
 * or from credential_source (Environment, Ec2InstanceMetadata,
 * EcsContainer), then calls STS AssumeRole with them (creds_sts.c).
 * Every refresh walks the whole chain again.
 *
 * As in botocore, static keys in a source profile win over its own
 * role_arn, which is what lets a profile name itself as source_profile;
 * any other way back to a profile already on the walk is a cycle.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "aws.h"
#include "config.h"
#include "creds.h"
#include "creds_int.h"
#include "util.h"

/* The profiles of one walk, outermost first, to find cycles. */
struct role_walk {
	const char	*name[CREDS_MAX_ROLE_CHAIN];
	size_t		 n;
};

static int	assume_profile(struct creds_provider *, struct role_walk *,
		    const char *, struct creds *);

/* Append " -> name" for every profile on the walk, then "last". */
static char *
walk_text(const struct role_walk *w, const char *last)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	for (i = 0; i < w->n; i++)
		buf_printf(&b, "%s -> ", w->name[i]);
	buf_addstr(&b, last);
	return buf_detach(&b);
}

/*
 * The credentials profile "name" yields as a source_profile, in
 * botocore's order: static keys, its own role, web identity, SSO,
 * credential_process.
 */
static int
source_profile(struct creds_provider *p, struct role_walk *w,
    const char *name, struct creds *c)
{
	size_t	mark = p->why.len;
	int	rc;

	if (!config_profile_exists(p->cfg, name)) {
		creds_why(p, "profile %s: source_profile %s not found in %s "
		    "or %s", w->name[w->n - 1], name, p->cfg->config_file,
		    p->cfg->credentials_file);
		return SRC_FAILED;
	}
	if ((rc = creds_profile_static(p, name, c)) != SRC_ABSENT)
		return rc;
	creds_why_rewind(p, mark);
	if (config_profile_lookup(p->cfg, name, "role_arn") != NULL &&
	    config_profile_lookup(p->cfg, name,
	    "web_identity_token_file") == NULL)
		return assume_profile(p, w, name, c);
	if ((rc = creds_web_identity_of(p, name, c)) != SRC_ABSENT ||
	    (rc = creds_sso_of(p, name, c)) != SRC_ABSENT ||
	    (rc = creds_process_of(p, name, c)) != SRC_ABSENT)
		return rc;
	creds_why_rewind(p, mark);
	creds_why(p, "profile %s: source_profile %s has no credentials",
	    w->name[w->n - 1], name);
	return SRC_FAILED;
}

/* The credentials named by credential_source "cs" of profile "name". */
static int
credential_source(struct creds_provider *p, const char *name,
    const char *cs, struct creds *c)
{
	int	rc;

	if (strcmp(cs, "Environment") == 0)
		rc = creds_env_keys(p, c);
	else if (strcmp(cs, "Ec2InstanceMetadata") == 0)
		rc = creds_src_imds(p, c);
	else if (strcmp(cs, "EcsContainer") == 0)
		rc = creds_src_container(p, c);
	else {
		creds_why(p, "profile %s: credential_source must be "
		    "Environment, Ec2InstanceMetadata or EcsContainer", name);
		return SRC_FAILED;
	}
	if (rc == SRC_ABSENT) {
		creds_why(p, "profile %s: credential_source %s has no "
		    "credentials", name, cs);
		rc = SRC_FAILED;
	}
	return rc;
}

/*
 * Check what profile "name" says about its role into "a"; the source
 * (exactly one of the two) into *src_profile or *cs.  -1 after a reason.
 */
static int
role_config(struct creds_provider *p, const char *name,
    struct aws_assume_role *a, const char **src_profile, const char **cs)
{
	const struct aws_config	*cfg = p->cfg;

	memset(a, 0, sizeof(*a));
	a->role_arn = config_profile_lookup(cfg, name, "role_arn");
	a->session_name = config_profile_lookup(cfg, name,
	    "role_session_name");
	a->external_id = config_profile_lookup(cfg, name, "external_id");
	*src_profile = config_profile_lookup(cfg, name, "source_profile");
	*cs = config_profile_lookup(cfg, name, "credential_source");
	/* A cron job cannot type a code: say so rather than fail at STS. */
	if (config_profile_lookup(cfg, name, "mfa_serial") != NULL) {
		creds_why(p, "profile %s: mfa_serial is set, but an MFA code "
		    "cannot be prompted for in an unattended run; use a role "
		    "without an MFA condition", name);
		return -1;
	}
	if ((*src_profile == NULL) == (*cs == NULL)) {
		creds_why(p, "profile %s: role_arn needs exactly one of "
		    "source_profile and credential_source", name);
		return -1;
	}
	return creds_profile_num(p, name, "duration_seconds", 900, 43200,
	    &a->duration_sec);
}

/* AssumeRole for profile "name", whose role_arn is set. */
static int
assume_profile(struct creds_provider *p, struct role_walk *w,
    const char *name, struct creds *c)
{
	struct aws_assume_role	 a;
	struct creds		 src;
	const char		*sp, *cs;
	char			*text, *label;
	size_t			 i;
	int			 rc;

	for (i = 0; i < w->n && strcmp(w->name[i], name) != 0; i++)
		;
	if (i < w->n || w->n == NITEMS(w->name)) {
		text = walk_text(w, name);
		creds_why(p, "profile %s: source_profile %s: %s", w->name[0],
		    i < w->n ? "cycle" : "chain too long", text);
		free(text);
		return SRC_FAILED;
	}
	w->name[w->n++] = name;
	if (role_config(p, name, &a, &sp, &cs) == -1)
		return SRC_FAILED;
	memset(&src, 0, sizeof(src));
	rc = sp != NULL ? source_profile(p, w, sp, &src) :
	    credential_source(p, name, cs, &src);
	if (rc == SRC_FOUND) {
		label = xasprintf("profile %s", name);
		rc = creds_sts_assume(p, label, &src, &a,
		    CREDS_SOURCE_ASSUME_ROLE, xasprintf("role %s of profile %s "
		    "(source: %s)", a.role_arn, name, src.source_detail), c);
		free(label);
	}
	creds_clear(&src);
	return rc;
}

int
creds_src_assume_role(struct creds_provider *p, struct creds *c)
{
	const struct aws_config	*cfg = p->cfg;
	struct role_walk	 w;

	/* Silent when absent: the static-key steps name the profile. */
	if (config_profile_lookup(cfg, cfg->profile, "role_arn") == NULL)
		return SRC_ABSENT;
	/* role_arn with only a token file is web identity (step 3). */
	if (config_profile_lookup(cfg, cfg->profile, "source_profile") ==
	    NULL && config_profile_lookup(cfg, cfg->profile,
	    "credential_source") == NULL && config_profile_lookup(cfg,
	    cfg->profile, "web_identity_token_file") != NULL)
		return SRC_ABSENT;
	memset(&w, 0, sizeof(w));
	return assume_profile(p, &w, cfg->profile, c);
}

/* The AssumeRole of member provider "p": its role, session name, ID. */
static void
member_assume_args(const struct creds_provider *p, struct aws_assume_role *a)
{
	memset(a, 0, sizeof(*a));
	a->role_arn = p->member_arn;
	a->session_name = CREDS_MEMBER_SESSION_NAME;
	a->external_id = p->member_external_id;
}

/*
 * A member account's role (collect --accounts): AssumeRole of
 * p->member_arn, signed with the credentials of the caller's own
 * provider, which refreshes them as it does for any command.  Every
 * refresh assumes the role again.
 */
int
creds_src_member(struct creds_provider *p, struct creds *c)
{
	struct aws_assume_role	 a;
	const struct creds	*src;
	char			*label;
	int			 rc;

	label = xasprintf("member role %s", p->member_arn);
	if ((src = creds_provider_get(p->member_source, p->now)) == NULL) {
		creds_why(p, "%s: no caller credentials", label);
		free(label);
		return SRC_FAILED;
	}
	member_assume_args(p, &a);
	rc = creds_sts_assume(p, label, src, &a, CREDS_SOURCE_ASSUME_ROLE,
	    xasprintf("member role %s", p->member_arn), c);
	free(label);
	return rc;
}

int
creds_member_request(struct creds_provider *p, struct aws_request *req)
{
	struct aws_assume_role	 a;
	char			*cause = NULL;

	assert(p->member_source != NULL);
	buf_reset(&p->why);
	member_assume_args(p, &a);
	if (aws_req_assume_role(req, &a, &cause) == 0)
		return 0;
	creds_why(p, "member role %s: %s", p->member_arn, cause);
	free(cause);
	return -1;
}

int
creds_member_reply(struct creds_provider *p, time_t now,
    const struct creds_member_outcome *o)
{
	struct creds	 fresh;
	char		*label;
	int		 rc = SRC_FAILED;

	assert(p->member_source != NULL);
	memset(&fresh, 0, sizeof(fresh));
	buf_reset(&p->why);
	p->now = now;
	label = xasprintf("member role %s", p->member_arn);
	/* As creds_sts_assume() says it: an STS reply, or none. */
	if (o->status == 200)
		rc = creds_sts_take(p, label, o->body, o->bodysz, 0,
		    CREDS_SOURCE_ASSUME_ROLE, xasprintf("member role %s",
		    p->member_arn), &fresh);
	else if (o->status > 0)
		creds_sts_failed(p, label, "AssumeRole", o->status, o->code,
		    o->message);
	else
		creds_why(p, "%s: AssumeRole: %s", label, o->message != NULL ?
		    o->message : "no reply");
	free(label);
	return creds_provider_take(p, now, rc, &fresh) != NULL ? 0 : -1;
}
