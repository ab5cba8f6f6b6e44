/*
 * check_report.c: the reporter, against golden files.
 *
 * Every output (text, Markdown, JSON; English and Japanese) is compared
 * byte for byte with tests/golden/.  Run with UPDATE_GOLDEN=1 to rewrite
 * the golden files after an intended change, then review the diff.  The
 * fixture holds a change on every path and of every severity, failed and
 * not-compared regions, and hostile strings from "AWS".
 */
#include <check.h>
#include <cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "entry.h"
#include "escape.h"
#include "playbook.h"
#include "i18n.h"
#include "report.h"
#include "util.h"
#include "../src/report_int.h"
#include "helper_check.h"

/* Region statuses, short for the fixture tables. */
#define S_OK		REGION_STATUS_OK
#define S_FAIL		REGION_STATUS_FAILED
#define S_NC		REGION_STATUS_NOT_COMPARED
#define GOLDEN_DIR		"tests/golden/"
#define GOLDEN_MAX_BYTES	(4 * 1024 * 1024)
#define LONG_NAME_CHARS		5000

/* A name an attacker (or a bug) might put in a model or quota name. */
#define HOSTILE_NAME	"Evil *bold* _it_ [link](http://x.example) # | " \
	"<script>alert(1)</script> \x1b[31mred\x1b[0m \xff\xfe end"
#define HOSTILE_MSG	"User: arn:aws:iam::123456789012:user/cron is not " \
	"authorized <b>bold</b> | `code` \x1b[2J\r\nnext line"

static struct change_list	 fx_changes;
static struct entry_list	 fx_entries;
static struct report_region	 fx_regions[11];
static struct report_input	 fx_in;
static char			*fx_long;	/* LONG_NAME_CHARS of 'L' */

static void
set(char **field, const char *value)
{
	free(*field);
	*field = xstrdup(value);
}

static struct change *
add(enum change_kind kind, enum change_path path, enum change_severity sev,
    const char *region, const char *subject, const char *name,
    const char *old_value, const char *new_value)
{
	struct change	*c = change_new();

	c->change_id = (long long)fx_changes.len + 101;
	c->run_id = 42;
	c->first_run = 42;
	set(&c->first_seen, "2025-06-02T03:00:00Z");
	set(&c->region, region);
	c->kind = kind;
	set(&c->subject, subject);
	set(&c->subject_name, name);
	set(&c->old_value, old_value);
	set(&c->new_value, new_value);
	c->path = path;
	c->severity = sev;
	change_list_push(&fx_changes, c);
	return c;
}

static void
fixture_models(void)
{
	struct change	*c;

	c = add(CHANGE_ACCESS_LOST, PATH_P1, SEVERITY_ACTION, "us-east-1",
	    "anthropic.claude-3-haiku-20240307-v1:0", "Claude 3 Haiku",
	    "AUTHORIZED", "NOT_AUTHORIZED");
	set(&c->entitlement, "AVAILABLE");
	c = add(CHANGE_ACCESS_LOST, PATH_P1, SEVERITY_ACTION, "eu-west-1",
	    "evil.model-v1:0", HOSTILE_NAME, "AUTHORIZED", "NOT_AUTHORIZED");
	set(&c->entitlement, "AVAILABLE");
	c = add(CHANGE_MODEL_REMOVED, PATH_P2, SEVERITY_ACTION, "us-west-2",
	    "anthropic.claude-v2:1", "Claude", "AUTHORIZED", "");
	set(&c->alt_regions, "us-east-1,eu-central-1");
	set(&c->alt_profiles, "us.anthropic.claude-v2:1");
	add(CHANGE_REGION_AVAILABILITY_CHANGED, PATH_P2, SEVERITY_ACTION,
	    "ap-northeast-1", "meta.llama3-70b-instruct-v1:0",
	    "Llama 3 70B Instruct", "AVAILABLE", "NOT_AVAILABLE");
	c = add(CHANGE_ENTITLEMENT_CHANGED, PATH_P3, SEVERITY_ACTION,
	    "ap-northeast-1", "anthropic.claude-3-5-sonnet-20240620-v1:0",
	    "Claude 3.5 Sonnet", "AVAILABLE", "NOT_AVAILABLE");
	set(&c->entitlement, "NOT_AVAILABLE");
	c = add(CHANGE_MODEL_INFERENCE_TYPES_CHANGED, PATH_P5, SEVERITY_ACTION,
	    "us-east-1", "anthropic.claude-3-7-sonnet-20250219-v1:0",
	    "Claude 3.7 Sonnet", "INFERENCE_PROFILE,ON_DEMAND",
	    "INFERENCE_PROFILE");
	set(&c->alt_profiles, "us.anthropic.claude-3-7-sonnet-20250219-v1:0");
	add(CHANGE_MODEL_LIFECYCLE_CHANGED, PATH_INFO, SEVERITY_WARNING,
	    "us-east-1", "anthropic.claude-3-sonnet-20240229-v1:0",
	    "Claude 3 Sonnet", "ACTIVE", "LEGACY");
	add(CHANGE_MODEL_ADDED, PATH_INFO, SEVERITY_INFO, "us-east-1",
	    "amazon.nova-premier-v1:0", "Nova Premier", "", "ACTIVE");
	/* Issue #10: an agreement that failed while the model is entitled. */
	c = add(CHANGE_AGREEMENT_CHANGED, PATH_P1, SEVERITY_ACTION,
	    "eu-west-1", "cohere.command-r-v1:0", "Command R", "AVAILABLE",
	    "ERROR");
	set(&c->entitlement, "AVAILABLE");
	set(&c->agreement_message, "Payment instrument declined "
	    "\xe2\x80\xae<b>x</b>");
	/* Issue #10: a model leaving a region it was never enabled in. */
	add(CHANGE_MODEL_REMOVED, PATH_INFO, SEVERITY_INFO, "us-west-2",
	    "mistral.mistral-7b-instruct-v0:2", "Mistral 7B Instruct",
	    "NOT_AUTHORIZED", "");
	c = add(CHANGE_PROFILE_REMOVED, PATH_INFO, SEVERITY_WARNING,
	    "us-east-1", "us.meta.llama3-2-1b-instruct-v1:0",
	    "US Meta Llama 3.2 1B Instruct",
	    "arn:aws:bedrock:us-east-1::foundation-model/"
	    "meta.llama3-2-1b-instruct-v1:0", "");
	set(&c->alt_profiles, "us.meta.llama3-2-3b-instruct-v1:0");
	add(CHANGE_PROFILE_ADDED, PATH_INFO, SEVERITY_INFO, "eu-central-1",
	    "eu.anthropic.claude-3-7-sonnet-20250219-v1:0",
	    "EU Claude 3.7 Sonnet", "", "ACTIVE");
}

/* The quota context of "c": applied values, default, adjustable. */
static void
quota_ctx(struct change *c, const char *old_applied, const char *new_applied,
    const char *new_default, int adjustable)
{
	set(&c->old_applied, old_applied);
	set(&c->new_applied, new_applied);
	set(&c->new_default, new_default);
	c->adjustable = adjustable;
}

/* The evidence of a usage finding change (issue 13's example numbers). */
static void
usage_ev(struct change *c, const char *model, double peak, long long at,
    double quota, int minutes, double suggested, int tokens)
{
	set(&c->usage_model, model);
	set(&c->level, "ACCOUNT");
	c->usage.set = 1;
	c->usage.peak = peak;
	c->usage.peak_at = at;
	c->usage.quota = quota;
	c->usage.percent = 100.0 * peak / quota;
	c->usage.throttled_minutes = minutes;
	c->usage.suggested = suggested;
	c->usage.tokens = tokens;
}

/*
 * Usage findings that started: near the quota (P4), throttled below it
 * (P5, its own case draft), throttled at a quota that is not adjustable
 * (P6, the suggestion in the draft), and one that ended (info).
 */
static void
fixture_usage_changes(void)
{
	struct change	*c;

	c = add(CHANGE_USAGE_NEAR_QUOTA, PATH_P4, SEVERITY_WARNING,
	    "us-east-1", "L-USE41200", "On-demand model inference tokens per "
	    "minute for Anthropic Claude Sonnet 4", "none", "near_quota");
	quota_ctx(c, "50000", "50000", "50000", 1);
	usage_ev(c, "anthropic.claude-sonnet-4-20250514-v1:0", 41200,
	    1748873220 /* 2025-06-02 14:07 */, 50000, 0, 62000, 1);
	c = add(CHANGE_THROTTLED_BELOW_QUOTA, PATH_P5, SEVERITY_ACTION,
	    "eu-west-1", "L-USETHR30", "On-demand model inference requests "
	    "per minute for Meta Llama 3.1 8B Instruct", "none",
	    "throttled_below_quota");
	quota_ctx(c, "800", "800", "800", 1);
	usage_ev(c, "meta.llama3-1-8b-instruct-v1:0", 240,
	    1748786820 /* 2025-06-01 14:07 */, 800, 42, 360, 0);
	set(&c->alt_profiles, "eu.meta.llama3-1-8b-instruct-v1:0");
	c = add(CHANGE_THROTTLED_AT_QUOTA, PATH_P6, SEVERITY_ACTION,
	    "ap-northeast-1", "L-USEAT100", "On-demand model inference tokens "
	    "per minute for Amazon Nova Pro", "none", "throttled_at_quota");
	quota_ctx(c, "300000", "300000", "300000", 0);
	usage_ev(c, "amazon.nova-pro-v1:0", 300000,
	    1748786400 /* 2025-06-01 14:00 */, 300000, 12, 450000, 1);
	c->usage.approximate = 1;
	c = add(CHANGE_USAGE_NEAR_QUOTA, PATH_INFO, SEVERITY_INFO,
	    "us-west-2", "L-USEEND00", "On-demand model inference tokens per "
	    "minute for Mistral Large", "near_quota", "none");
	quota_ctx(c, "400000", "400000", "400000", 1);
	usage_ev(c, "mistral.mistral-large-2402-v1:0", 120000,
	    1748700000, 400000, 0, 180000, 1);
}

static void
fixture_quotas(void)
{
	struct change	*c;

	c = add(CHANGE_QUOTA_DEFAULT_CHANGED, PATH_P4, SEVERITY_ACTION,
	    "us-east-1", "L-2DC80978", "On-demand InvokeModel requests per "
	    "minute for Anthropic Claude 3 Haiku", "1000", "200");
	quota_ctx(c, "1000", "200", "200", 1);
	c->applied_followed = 1;
	c = add(CHANGE_QUOTA_VALUE_CHANGED, PATH_P6, SEVERITY_ACTION,
	    "eu-central-1", "L-254CACF4", "On-demand InvokeModel requests "
	    "per minute for Anthropic Claude 3.5 Sonnet", "20", "10");
	quota_ctx(c, "20", "10", "20", 0);
	c = add(CHANGE_QUOTA_REQUEST_STATUS_CHANGED, PATH_P6, SEVERITY_ACTION,
	    "us-east-1", "3f8e1c2a9b7d4e6f", "On-demand InvokeModel requests "
	    "per minute for Anthropic Claude 3 Sonnet", "PENDING", "DENIED");
	set(&c->quota_code, "L-F406804E");
	set(&c->desired_value, "1000");
	c = add(CHANGE_QUOTA_ADJUSTABLE_CHANGED, PATH_P6, SEVERITY_WARNING,
	    "us-west-2", "L-TESTLONG", fx_long, "true", "false");
	set(&c->new_applied, "5");
	c->adjustable = 0;
	c = add(CHANGE_QUOTA_VALUE_CHANGED, PATH_INFO, SEVERITY_INFO,
	    "us-west-2", "L-4BF37C17", "Cross-Region InvokeModel tokens per "
	    "minute for Anthropic Claude 3.5 Haiku", "4000000", "8000000");
	c->adjustable = 1;
	/* Issue #10: the default lowered under the account's override. */
	c = add(CHANGE_QUOTA_DEFAULT_CHANGED, PATH_INFO, SEVERITY_INFO,
	    "ap-northeast-1", "L-DEF00009", "Model invocation max tokens per "
	    "day for Amazon Nova Premier", "3", "2");
	quota_ctx(c, "9", "9", "2", 1);
	/* Issue #10: adjustable turned false, nothing lowered (P6 warning). */
	c = add(CHANGE_QUOTA_ADJUSTABLE_CHANGED, PATH_P6, SEVERITY_WARNING,
	    "ap-northeast-1", "L-ADJ01260", "On-demand InvokeModel tokens per "
	    "minute for Amazon Nova Pro", "true", "false");
	quota_ctx(c, "1260000", "1260000", "1260000", 0);
	/* The denied request's quota, made non-adjustable: one entry. */
	c = add(CHANGE_QUOTA_ADJUSTABLE_CHANGED, PATH_P6, SEVERITY_WARNING,
	    "us-east-1", "L-F406804E", "On-demand InvokeModel requests per "
	    "minute for Anthropic Claude 3 Sonnet", "true", "false");
	set(&c->new_applied, "200");
	c->adjustable = 0;
	/* Lost and granted again within the range: changed and reverted. */
	c = add(CHANGE_ACCESS_LOST, PATH_P1, SEVERITY_ACTION, "us-west-2",
	    "amazon.titan-text-express-v1", "Titan Text G1 - Express",
	    "AUTHORIZED", "NOT_AUTHORIZED");
	set(&c->entitlement, "AVAILABLE");
	add(CHANGE_ACCESS_GRANTED, PATH_INFO, SEVERITY_INFO, "us-west-2",
	    "amazon.titan-text-express-v1", "Titan Text G1 - Express",
	    "NOT_AUTHORIZED", "AUTHORIZED");
	fixture_usage_changes();
}

/*
 * The lifecycle of the models with lifecycle problems, seen from the
 * newest run (2025-06-02T03:00:00Z): two past their end of life in one
 * region, end of life in 3 days, LEGACY with public extended access in 29 days (and its end of
 * life past every window), end of life in 74 days without other dates.
 */
static const struct report_open_life fx_life_gone = {
	"2025-05-01T00:00:00Z", 0, "2024-11-01T00:00:00Z",
	"2025-02-01T00:00:00Z", "2025-05-01T00:00:00Z" };
static const struct report_open_life fx_life_gone_earlier = {
	"2025-04-30T00:00:00Z", 0, NULL, NULL, "2025-04-30T00:00:00Z" };
static const struct report_open_life fx_life_week = {
	"2025-06-05T00:00:00Z", 7, NULL, NULL, "2025-06-05T00:00:00Z" };
static const struct report_open_life fx_life_legacy = {
	"2025-06-01T00:00:00Z", -1, "2025-06-01T00:00:00Z",
	"2025-07-01T00:00:00Z", "2025-10-01T00:00:00Z" };
static const struct report_open_life fx_life_ext = {
	"2025-07-01T00:00:00Z", 30, "2025-06-01T00:00:00Z",
	"2025-07-01T00:00:00Z", "2025-10-01T00:00:00Z" };
static const struct report_open_life fx_life_later = {
	"2025-08-15T00:00:00Z", 90, NULL, NULL, "2025-08-15T00:00:00Z" };

/* Open problems, in report order (view.c sorts them). */
#define V(p, s, r)	{ PATH_##p, SEVERITY_##s, PLAYBOOK_REASON_##r }
/* Usage evidence: a model near its TPM quota, one throttled below RPM. */
static const struct report_usage fx_usage[] = {
	{ "123456789012", "us-east-1", "anthropic.claude-3-haiku-20240307-v1:0",
	    "L-C0000001", USAGE_FINDING_NEAR_QUOTA,
	    { PATH_P4, SEVERITY_WARNING, PLAYBOOK_REASON_USAGE_NEAR_QUOTA },
	    42500, "2025-06-01T14:07:00Z", 50000, 85, 64000, 0, 1, 0, 0 },
	{ "123456789012", "us-east-1", "amazon.nova-pro-v1:0", "L-C0000002",
	    USAGE_FINDING_THROTTLED_BELOW,
	    { PATH_P5, SEVERITY_ACTION, PLAYBOOK_REASON_THROTTLED_BELOW_QUOTA },
	    30, "2025-06-01T14:07:00Z", 100, 30, 45, 42, 0, 1, 0 },
};

static const struct report_usage_unknown fx_usage_unknown[] = {
	{ "eu-west-1", "ListMetrics", "AccessDeniedException",
	    "cloudwatch:ListMetrics" },
	{ "us-west-2", "GetMetricData", "InternalServiceError", NULL },
};

static const struct report_open fx_open[] = {
	{ "eu-west-1", "evil.model-v1:0", HOSTILE_NAME,
	    V(P1, ACTION, NOT_AUTHORIZED), 42, "2025-06-02T03:00:00Z", NULL },
	{ "us-east-1", "ai21.jamba-1-5-large-v1:0", "Jamba 1.5 Large",
	    V(P1, ACTION, NOT_AUTHORIZED), 12, "2025-05-22T03:00:00Z", NULL },
	{ "us-east-1", "anthropic.claude-3-haiku-20240307-v1:0",
	    "Claude 3 Haiku", V(P1, ACTION, NOT_AUTHORIZED), 42,
	    "2025-06-02T03:00:00Z", NULL },
	{ "us-east-1", "cohere.command-r-v1:0", "Command R",
	    V(P1, ACTION, NOT_AUTHORIZED), 1, "2025-05-11T03:00:00Z", NULL },
	{ "us-east-1", "meta.llama3-8b-instruct-v1:0", "Llama 3 8B Instruct",
	    V(P1, ACTION, NOT_AUTHORIZED), 1, "2025-05-11T03:00:00Z", NULL },
	{ "us-east-1", "mistral.mistral-large-2402-v1:0", "Mistral Large",
	    V(P1, ACTION, NOT_AUTHORIZED), 30, "2025-05-30T03:00:00Z", NULL },
	{ "ap-northeast-1", "meta.llama3-70b-instruct-v1:0",
	    "Llama 3 70B Instruct", V(P2, ACTION, REGION_UNAVAILABLE), 42,
	    "2025-06-02T03:00:00Z", NULL },
	{ "ap-northeast-1", "anthropic.claude-3-5-sonnet-20240620-v1:0",
	    "Claude 3.5 Sonnet", V(P3, ACTION, ENTITLEMENT), 42,
	    "2025-06-02T03:00:00Z", NULL },
	{ "eu-central-1", "L-254CACF4", "On-demand InvokeModel requests per "
	    "minute for Anthropic Claude 3.5 Sonnet",
	    V(P6, ACTION, BELOW_DEFAULT), 42, "2025-06-02T03:00:00Z", NULL },
	{ "us-east-1", "3f8e1c2a9b7d4e6f", "On-demand InvokeModel requests "
	    "per minute for Anthropic Claude 3 Sonnet",
	    V(P6, ACTION, REQUEST_DENIED), 42, "2025-06-02T03:00:00Z", NULL },
	{ "ap-south-1", "ap-south-1", "", V(INFO, ACTION, REGION_FAILING),
	    40, "2025-05-31T03:00:00Z", NULL },
	{ "us-east-1", "ai21.j2-ultra-v1", "Jurassic-2 Ultra",
	    V(INFO, ACTION, END_OF_LIFE), 1, "2025-05-11T03:00:00Z",
	    &fx_life_gone_earlier },
	{ "us-east-1", "anthropic.claude-instant-v1", "Claude Instant",
	    V(INFO, ACTION, END_OF_LIFE), 1, "2025-05-11T03:00:00Z",
	    &fx_life_gone },
	{ "us-east-1", "meta.llama2-13b-chat-v1", "Llama 2 Chat 13B",
	    V(INFO, ACTION, END_OF_LIFE), 39, "2025-05-30T03:00:00Z",
	    &fx_life_week },
	{ "us-east-1", "anthropic.claude-3-sonnet-20240229-v1:0",
	    "Claude 3 Sonnet", V(INFO, WARNING, LEGACY), 42,
	    "2025-06-02T03:00:00Z", &fx_life_legacy },
	{ "us-east-1", "anthropic.claude-3-sonnet-20240229-v1:0",
	    "Claude 3 Sonnet", V(INFO, WARNING, EXTENDED_ACCESS), 42,
	    "2025-06-02T03:00:00Z", &fx_life_ext },
	{ "eu-central-1", "amazon.titan-text-lite-v1", "Titan Text G1 - Lite",
	    V(INFO, WARNING, END_OF_LIFE), 39, "2025-05-30T03:00:00Z",
	    &fx_life_later },
};
#undef V

static void
fixture_regions(void)
{
	static const struct report_region r[] = {
		{ "us-east-1", S_OK, NULL, 0, NULL, NULL, 0, 0 },
		{ "us-west-2", S_OK, NULL, 0, NULL, NULL, 0, 0 },
		{ "ap-northeast-1", S_OK, NULL, 0, NULL, NULL, 0, 0 },
		{ "eu-central-1", S_OK, NULL, 0, NULL, NULL, 0, 0 },
		{ "eu-west-1", S_OK, NULL, 0, NULL, NULL, 0, 0 },
		{ "eu-west-3", S_FAIL, "ListServiceQuotas", 403,
		    "AccessDeniedException", HOSTILE_MSG, 0, 0 },
		{ "sa-east-1", S_NC, NULL, 0, NULL, NULL,
		    41, 0 },
		{ "ap-south-1", S_FAIL, "GetCallerIdentity", 400,
		    "ExpiredTokenException",
		    "The security token included in the request is expired",
		    0, 0 },
		{ "ca-central-1", S_FAIL, "ListFoundationModels", 0,
		    "CouldntConnect", "Failed to connect to "
		    "bedrock.ca-central-1.amazonaws.com port 443", 0, 0 },
		{ "ap-southeast-2", REGION_STATUS_PARTIAL,
		    "GetFoundationModelAvailability", 503,
		    "ServiceUnavailableException", "Service is unavailable",
		    0, 3 },
		{ "me-central-1", REGION_STATUS_NOT_ENABLED, "ListFoundationModels",
		    403, "UnrecognizedClientException", "The security token "
		    "included in the request is invalid.", 0, 0 },
	};

	memcpy(fx_regions, r, sizeof(r));
}

/*
 * The charts of the fixture (HTML only): the access matrix of four
 * regions, a hostile model ID among its rows; the step charts of the
 * lowered default and of a hostile quota; two usage bars; the two days.
 */
static const char *const fx_mx_regions[] = { "us-east-1", "us-west-2",
    "eu-west-1", "ap-northeast-1" };
static const char *const fx_mx_models[] = {
    "anthropic.claude-3-haiku-20240307-v1:0", "cohere.command-r-v1:0",
    "meta.llama3-70b-instruct-v1:0", HOSTILE_NAME };
#define A_OK	PLAYBOOK_ACCESS_AUTHORIZED
static const enum playbook_access fx_mx_cells[] = {
    PLAYBOOK_ACCESS_NOT_AUTHORIZED, A_OK, A_OK, A_OK,
    A_OK, PLAYBOOK_ACCESS_NOT_OFFERED, PLAYBOOK_ACCESS_AGREEMENT, A_OK,
    A_OK, A_OK, PLAYBOOK_ACCESS_NOT_OFFERED, PLAYBOOK_ACCESS_NOT_OFFERED,
    PLAYBOOK_ACCESS_NOT_ENTITLED, PLAYBOOK_ACCESS_UNKNOWN,
    PLAYBOOK_ACCESS_NOT_AUTHORIZED, A_OK };
#undef A_OK
static const unsigned char fx_mx_changed[] = {
    1, 0, 0, 0,  0, 0, 1, 0,  0, 0, 0, 1,  0, 0, 1, 0 };
static const struct report_quota_point fx_q1[] = {
    { 1, "2025-05-01T03:00:00Z", 1000, 1, 1000, 1 },
    { 30, "2025-05-20T03:00:00Z", 1500, 1, 1000, 1 },
    { 42, "2025-06-02T03:00:00Z", 200, 1, 200, 1 } };
static const struct report_quota_point fx_q2[] = {
    { 1, "2025-05-01T03:00:00Z", 5, 1, 0, 0 } };
static const struct report_quota_series fx_quotas[] = {
    { "us-east-1", "L-2DC80978", "On-demand InvokeModel requests per "
      "minute for Anthropic Claude 3 Haiku", fx_q1, 3,
      "2025-06-02T03:00:00Z" },
    { "us-west-2", "L-TESTHOST", HOSTILE_NAME, fx_q2, 1,
      "2025-06-02T03:00:00Z" } };
static const struct report_usage_bar fx_bars[] = {
    { "us-east-1", "On-demand InvokeModel requests per minute for "
      "Anthropic Claude 3 Haiku", 200, 184, 92 },
    { "eu-west-1", HOSTILE_NAME, 1000, 500, 50 } };
static const struct report_day fx_days[] = {
    { "2025-06-01", 0, 0, 0, 0 }, { "2025-06-02", 11, 5, 7, 1 } };
static const struct report_charts fx_charts = {
    { fx_mx_regions, 4, fx_mx_models, 4, fx_mx_cells, fx_mx_changed },
    fx_quotas, 2, fx_bars, 2, fx_days, 2 };

static void
setup(void)
{
	size_t	i;

	memset(&fx_changes, 0, sizeof(fx_changes));
	fx_long = xmalloc(LONG_NAME_CHARS + 1);
	memset(fx_long, 'L', LONG_NAME_CHARS);
	fx_long[LONG_NAME_CHARS] = '\0';
	fixture_models();
	fixture_quotas();
	/* The fixtures are written as text, as the store keeps them. */
	for (i = 0; i < fx_changes.len; i++)
		change_parse_nums(fx_changes.items[i]);
	fixture_regions();
	memset(&fx_in, 0, sizeof(fx_in));
	fx_in.from_run = 41;
	fx_in.to_run = 42;
	fx_in.from_time = "2025-06-01T03:00:00Z";
	fx_in.to_time = "2025-06-02T03:00:00Z";
	fx_in.account_id = "123456789012";
	fx_in.regions = fx_regions;
	fx_in.regionsz = sizeof(fx_regions) / sizeof(fx_regions[0]);
	fx_in.changes = &fx_changes;
	entry_build(&fx_changes, &fx_entries);
	fx_in.entries = &fx_entries;
	fx_in.collection = (struct report_collection){ .run = 42,
	    .status = RUN_STATUS_PARTIAL,
	    .started_at = "2025-06-02T03:00:00Z",
	    .finished_at = "2025-06-02T03:04:10Z", .data_run = 42,
	    .data_time = "2025-06-02T03:00:00Z" };
	fx_in.open = fx_open;
	fx_in.opensz = sizeof(fx_open) / sizeof(fx_open[0]);
	fx_in.charts = &fx_charts;
	fx_in.usage = fx_usage;
	fx_in.usagesz = sizeof(fx_usage) / sizeof(fx_usage[0]);
	fx_in.usage_unknown = fx_usage_unknown;
	fx_in.usage_unknownsz = sizeof(fx_usage_unknown) /
	    sizeof(fx_usage_unknown[0]);
}

static void
teardown(void)
{
	entry_list_free(&fx_entries);
	change_list_free(&fx_changes);
	free(fx_long);
}

/* The change in the fixture with path "p" (the first one). */
static const struct change *
find_path(enum change_path p)
{
	size_t	i;

	for (i = 0; i < fx_changes.len; i++)
		if (fx_changes.items[i]->path == p)
			return fx_changes.items[i];
	ck_abort_msg("fixture has no change on path %d", (int)p);
	return NULL;
}

/* Output captured in memory. */
struct capture {
	FILE	*fp;
	char	*data;
	size_t	 len;
};

static void
capture_open(struct capture *c)
{
	c->data = NULL;
	c->len = 0;
	c->fp = open_memstream(&c->data, &c->len);
	ck_assert_ptr_nonnull(c->fp);
}

static void
capture_close(struct capture *c)
{
	ck_assert_int_eq(fclose(c->fp), 0);
}

/* Read "path" whole; NULL if it does not exist. */
static char *
slurp(const char *path, size_t *len)
{
	FILE	*fp;
	char	*data;

	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	data = xmalloc(GOLDEN_MAX_BYTES);
	*len = fread(data, 1, GOLDEN_MAX_BYTES, fp);
	ck_assert_msg(*len < GOLDEN_MAX_BYTES, "%s: too large", path);
	(void)fclose(fp);
	return data;
}

/* Line number of the first difference, for the failure message. */
static size_t
first_diff_line(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t	i, line = 1;

	for (i = 0; i < alen && i < blen && a[i] == b[i]; i++)
		if (a[i] == '\n')
			line++;
	return line;
}

/* Compare "data" with golden file "name", or rewrite it on request. */
static void
golden(const char *name, const char *data, size_t len)
{
	char	 path[256], *want;
	size_t	 wantlen = 0;
	FILE	*fp;

	(void)snprintf(path, sizeof(path), "%s%s", GOLDEN_DIR, name);
	if (getenv("UPDATE_GOLDEN") != NULL) {
		ck_assert_ptr_nonnull(fp = fopen(path, "wb"));
		ck_assert_uint_eq(fwrite(data, 1, len, fp), len);
		ck_assert_int_eq(fclose(fp), 0);
		return;
	}
	want = slurp(path, &wantlen);
	ck_assert_msg(want != NULL, "%s: missing (run with UPDATE_GOLDEN=1)",
	    path);
	ck_assert_msg(wantlen == len && memcmp(want, data, len) == 0,
	    "%s: output differs from line %zu", path,
	    first_diff_line(want, wantlen, data, len));
	free(want);
}

static const char *const fmt_names[] = { "txt", "md", "json", "html" };
static const char *const lang_names[] = { "en", "ja" };

/* Render the fixture report and compare it; returns the text, owned. */
static char *
report_golden(const char *prefix, const struct report_input *in,
    enum report_format f, enum report_lang l, size_t *len)
{
	struct capture	cap;
	char		name[64];

	capture_open(&cap);
	ck_assert_int_eq(report_write(cap.fp, in, f, l), 0);
	capture_close(&cap);
	(void)snprintf(name, sizeof(name), "%s.%s.%s", prefix, lang_names[l],
	    fmt_names[f]);
	golden(name, cap.data, cap.len);
	*len = cap.len;
	return cap.data;
}

/* Is "s" (length "len") valid UTF-8 throughout? */
static int
valid_utf8(const char *s, size_t len)
{
	unsigned int	cp;
	size_t		i, n;

	for (i = 0; i < len; i += n)
		if ((n = escape_utf8_decode(s + i, &cp)) == 0)
			return 0;
	return 1;
}

/* Whether "line" (length "len") is a whole line of "text". */
static int
has_line(const char *text, const char *line, size_t len)
{
	const char	*p;

	for (p = text; p != NULL && *p != '\0';
	    p = strchr(p, '\n') != NULL ? strchr(p, '\n') + 1 : NULL)
		if (strncmp(p, line, len) == 0 &&
		    (p[len] == '\n' || p[len] == '\0'))
			return 1;
	return 0;
}

/*
 * Assert that no line of "s" is wider than the text width, except the
 * lines of "drafts" (NULL: none): case drafts are never wrapped, so
 * that they can be pasted.
 */
static void
assert_width(const char *s, const char *drafts)
{
	char	*copy, *line, *save = NULL;
	size_t	 lineno = 0;

	copy = xstrdup(s);
	for (line = strtok_r(copy, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		lineno++;
		if (drafts != NULL && has_line(drafts, line, strlen(line)))
			continue;
		ck_assert_msg(escape_width(line) <= REPORT_TEXT_WIDTH_COLS,
		    "line %zu is %zu columns: %s", lineno, escape_width(line),
		    line);
	}
	free(copy);
}

/*
 * The verbatim part of a case draft: its subject, description and
 * body, laid out in "mode" and "l" as report_case_draft() does.  Owned
 * by the caller.
 */
static char *
draft_text(const struct change *c, enum report_mode mode,
    enum i18n_lang l)
{
	struct report_rw	w;
	struct buf		out = BUF_INIT, subject = BUF_INIT;

	report_rw_init(&w, mode, l, &out);
	report_rw_verbatim(&w, 1);
	report_case_subject(&w, &subject, c);
	report_rw_line(&w, REPORT_B_QUOTE, I18N_CASE_SUBJECT,
	    REPORT_ARGS(RR(subject.data)));
	report_rw_gap(&w);
	report_rw_line(&w, REPORT_B_QUOTE, I18N_CASE_BODY, NULL, 0);
	report_case_body(&w, c, "123456789012");
	report_rw_free(&w);
	buf_free(&subject);
	return buf_detach(&out);
}

/* The text drafts of every change of the fixture that has one. */
static char *
all_drafts(enum report_lang l)
{
	struct buf	 all = BUF_INIT;
	char		*d;
	size_t		 i;

	buf_addstr(&all, "");
	for (i = 0; i < fx_changes.len; i++) {
		if (!report_has_case(fx_changes.items[i]))
			continue;
		d = draft_text(fx_changes.items[i], REPORT_MODE_TEXT,
		    (enum i18n_lang)l);
		buf_addstr(&all, d);
		free(d);
	}
	return buf_detach(&all);
}

/* Assert that "s" holds no control character but the newline. */
static void
assert_no_controls(const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++)
		ck_assert_msg(((unsigned char)s[i] >= 0x20 && s[i] != 0x7f) ||
		    s[i] == '\n', "control byte 0x%02x at offset %zu",
		    (unsigned char)s[i], i);
}

/* "md" without its fenced code blocks (``` and longer).  Owned. */
static char *
outside_fences(const char *md)
{
	struct buf	 b = BUF_INIT;
	const char	*p, *e;
	size_t		 fence = 0, n;

	buf_addstr(&b, "");
	for (p = md; *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		if ((e = strchr(p, '\n')) == NULL)
			e = p + strlen(p);
		n = strspn(p, "`");
		if (n >= 3 && (fence == 0 || (n == fence && p + n == e))) {
			fence = fence == 0 ? n : 0;
			continue;
		}
		if (fence == 0) {
			buf_add(&b, p, (size_t)(e - p));
			buf_addch(&b, '\n');
		}
	}
	ck_assert_msg(fence == 0, "unclosed code fence");
	return buf_detach(&b);
}

/* Longest run of byte "c" in "s". */
static size_t
longest_run(const char *s, char c)
{
	size_t	run = 0, best = 0;

	for (; *s != '\0'; s++) {
		run = *s == c ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	return best;
}

START_TEST(test_report_golden)
{
	enum report_format	 f = (enum report_format)(_i % 4);
	enum report_lang	 l = (enum report_lang)(_i / 4);
	char			*out, *drafts;
	size_t			 len;

	out = report_golden("report", &fx_in, f, l, &len);
	ck_assert_msg(valid_utf8(out, len), "output is not valid UTF-8");
	if (f != REPORT_JSON)
		assert_no_controls(out, len);
	drafts = all_drafts(l);
	if (f == REPORT_TEXT)
		assert_width(out, drafts);
	free(drafts);
	free(out);
}
END_TEST

START_TEST(test_empty_golden)
{
	static const struct change_list	 none;
	enum report_format		 f = (enum report_format)(_i % 4);
	enum report_lang		 l = (enum report_lang)(_i / 4);
	struct report_input		 in = fx_in;
	char				*out;
	size_t				 len;

	in.changes = &none;
	in.entries = NULL;
	in.regionsz = 5;	/* the regions that were collected */
	in.opensz = 10;		/* without the failing region */
	in.collection.status = RUN_STATUS_COMPLETE;
	out = report_golden("empty", &in, f, l, &len);
	/* Issue #10: the day after, the open problems are still counted. */
	if (f == REPORT_JSON)
		ck_assert_ptr_nonnull(strstr(out, "\"entries\": []"));
	else
		ck_assert_ptr_nonnull(strstr(out, l == REPORT_LANG_EN ?
		    "No new changes; 10 problems still open" :
		    "未解決の問題が 10 件残っています"));
	free(out);
}
END_TEST

START_TEST(test_empty_null_list)
{
	struct report_input	in = fx_in;
	struct capture		cap;

	in.changes = NULL;
	in.entries = NULL;
	in.open = NULL;
	in.opensz = 0;
	capture_open(&cap);
	ck_assert_int_eq(report_write(cap.fp, &in, REPORT_TEXT,
	    REPORT_LANG_EN), 0);
	capture_close(&cap);
	ck_assert_ptr_nonnull(strstr(cap.data,
	    "No new changes, and no open problems."));
	ck_assert_ptr_null(strstr(cap.data, "Action required"));
	free(cap.data);
}
END_TEST

/* The fixture as a newest run that failed, with no run of data before. */
static void
nothing_collected(struct report_input *in)
{
	static const struct change_list	 none;

	in->changes = &none;
	in->entries = NULL;
	in->regionsz = 0;
	in->open = NULL;
	in->opensz = 0;
	in->usagesz = 0;
	in->collection.status = RUN_STATUS_FAILED;
	in->collection.data_run = 0;
	in->collection.data_time = "";
}

/*
 * A member role's fix as one line (collect's warning, the JSON "fix"):
 * the external ID is named as sent only when it was, not at all when it
 * was not, and hedged when that is not recorded (an earlier version).
 */
START_TEST(test_assume_fix_text)
{
	static const struct {
		enum playbook_assume_fix f;
		const char		*en, *ja, *not_en;
	} t[] = {
		{ PLAYBOOK_ASSUME_TRUST, "must allow the caller's principal, "
		  "and the caller needs sts:AssumeRole on it.",
		  "プリンシパルを許可する必要があります。", "ExternalId" },
		{ PLAYBOOK_ASSUME_EXTERNAL_ID, "sts:ExternalId condition equal "
		  "to the --external-id sent (a wrong external ID is refused "
		  "the same way)", "送信した --external-id と同じ値",
		  "if it has one" },
		{ PLAYBOOK_ASSUME_TRUST_ANY, "equal to --external-id, if it has "
		  "one)", "条件がある場合は --external-id", "sent" },
		{ PLAYBOOK_ASSUME_CALLER, "(check with bedrock-audit whoami)",
		  "（確認: bedrock-audit whoami）", "ExternalId" } };
	char	*en, *ja;
	size_t	 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		en = report_assume_fix_text(t[i].f, REPORT_LANG_EN);
		ja = report_assume_fix_text(t[i].f, REPORT_LANG_JA);
		ck_assert_msg(strstr(en, t[i].en) != NULL, "%zu: %s", i, en);
		ck_assert_msg(strstr(ja, t[i].ja) != NULL, "%zu: %s", i, ja);
		ck_assert_msg(strstr(en, t[i].not_en) == NULL, "%zu: %s", i,
		    en);
		ck_assert_ptr_null(strchr(en, '\n'));
		free(en);
		free(ja);
	}
}
END_TEST

/*
 * A member account whose role could never be assumed: the report says
 * why and what fixes it, and that its problems are unknown, never "no
 * open problems" (nothing was collected to judge).
 */
START_TEST(test_account_never_collected)
{
	static const struct report_org_account	 fa = {
		.account_id = "444444444444", .named = 1,
		.status = ACCOUNT_STATUS_FAILED, .org_status = "",
		.operation = "AssumeRole", .error_code = "AccessDenied",
		.error_message = "not authorized to perform: sts:AssumeRole",
		.fix = PLAYBOOK_ASSUME_EXTERNAL_ID };
	enum report_format	 f = _i % 2 ? REPORT_JSON : REPORT_MARKDOWN;
	enum report_lang	 l = (enum report_lang)(_i / 2);
	struct report_input	 in = fx_in;
	struct capture		 cap;

	nothing_collected(&in);
	in.collection.account_failed = &fa;
	capture_open(&cap);
	ck_assert_int_eq(report_write(cap.fp, &in, f, l), 0);
	capture_close(&cap);
	ck_assert_ptr_nonnull(strstr(cap.data, "AccessDenied"));
	ck_assert_ptr_nonnull(strstr(cap.data, "--external-id"));
	if (f == REPORT_JSON) {
		ck_assert_ptr_nonnull(strstr(cap.data,
		    "\"fix_kind\": \"trust_policy\""));
		ck_assert_ptr_nonnull(strstr(cap.data, "\"open\": null"));
	} else {
		ck_assert_ptr_nonnull(strstr(cap.data, l == REPORT_LANG_EN ?
		    "Unknown until a run collects this account." :
		    "このアカウントを収集できる実行があるまで不明です。"));
		ck_assert_ptr_null(strstr(cap.data, l == REPORT_LANG_EN ?
		    "no open problems" : "未解決の問題もありません"));
		ck_assert_ptr_null(strstr(cap.data, l == REPORT_LANG_EN ?
		    "No open problems" : "未解決の問題はありません"));
	}
	free(cap.data);
}
END_TEST

/*
 * A run that stopped before its first region: the report says which
 * step failed, what was answered and the fix; a credential chain that
 * found nothing is a reason, not "no HTTP response".
 */
START_TEST(test_run_failure)
{
	static const struct report_region sts = {
		.region = "", .status = REGION_STATUS_FAILED,
		.operation = "GetCallerIdentity", .http_status = 403,
		.error_code = "SignatureDoesNotMatch",
		.error_message = "The request signature we calculated" },
	    creds = {
		.region = "", .status = REGION_STATUS_FAILED,
		.operation = RUN_STEP_CREDENTIALS, .error_code = "",
		.error_message = "SSO (profile x): no cached token: run "
		    "\"aws sso login --profile x\"" };
	enum report_lang	 l = (enum report_lang)(_i / 2);
	struct report_input	 in = fx_in;
	struct capture		 cap;
	int			 use_creds = _i % 2;

	nothing_collected(&in);
	in.collection.run_failure = use_creds ? &creds : &sts;
	capture_open(&cap);
	ck_assert_int_eq(report_write(cap.fp, &in, REPORT_MARKDOWN, l), 0);
	capture_close(&cap);
	if (use_creds) {
		ck_assert_ptr_nonnull(strstr(cap.data, l == REPORT_LANG_EN ?
		    "No credentials could be found or obtained" :
		    "認証情報が見つからないか取得できなかった"));
		ck_assert_ptr_nonnull(strstr(cap.data, "aws sso login"));
		ck_assert_ptr_nonnull(strstr(cap.data, "IAM Identity Center"));
		ck_assert_ptr_null(strstr(cap.data, l == REPORT_LANG_EN ?
		    "no HTTP response" : "HTTP 応答なし"));
	} else {
		ck_assert_ptr_nonnull(strstr(cap.data, "GetCallerIdentity"));
		ck_assert_ptr_nonnull(strstr(cap.data, "SignatureDoesNotMatch"));
		ck_assert_ptr_nonnull(strstr(cap.data, l == REPORT_LANG_EN ?
		    "The run stopped before its first region" :
		    "実行は最初のリージョンの前に止まりました"));
	}
	free(cap.data);
	capture_open(&cap);
	ck_assert_int_eq(report_write(cap.fp, &in, REPORT_JSON, l), 0);
	capture_close(&cap);
	ck_assert_ptr_nonnull(strstr(cap.data, use_creds ?
	    "\"operation\": \"credentials\"" :
	    "\"code\": \"SignatureDoesNotMatch\""));
	free(cap.data);
}
END_TEST

START_TEST(test_case_golden)
{
	static const enum change_path	 paths[] = { PATH_P3, PATH_P5,
	    PATH_P6 };
	enum change_path		 p = paths[_i / 6];
	enum report_format		 f = (enum report_format)(_i % 3);
	enum report_lang		 l = (enum report_lang)((_i / 3) % 2);
	struct capture			 cap;
	char				 name[64], *drafts;

	capture_open(&cap);
	ck_assert_int_eq(report_case(cap.fp, find_path(p), "123456789012",
	    f, l), 0);
	capture_close(&cap);
	(void)snprintf(name, sizeof(name), "case-%s.%s.%s",
	    change_path_name(p), lang_names[l], fmt_names[f]);
	golden(name, cap.data, cap.len);
	ck_assert_ptr_nonnull(strstr(cap.data, "123456789012"));
	ck_assert_ptr_nonnull(strstr(cap.data, find_path(p)->region));
	drafts = draft_text(find_path(p), REPORT_MODE_TEXT, (enum i18n_lang)l);
	if (f == REPORT_TEXT)
		assert_width(cap.data, drafts);
	free(drafts);
	free(cap.data);
}
END_TEST

START_TEST(test_case_no_account)
{
	struct capture	cap;

	capture_open(&cap);
	ck_assert_int_eq(report_case(cap.fp, find_path(PATH_P3), NULL,
	    REPORT_TEXT, REPORT_LANG_EN), 0);
	capture_close(&cap);
	ck_assert_ptr_nonnull(strstr(cap.data, "AWS account ID: unknown"));
	ck_assert_ptr_nonnull(strstr(cap.data, "Bedrock Allowlisting"));
	free(cap.data);
	capture_open(&cap);
	ck_assert_int_eq(report_case(cap.fp, find_path(PATH_P6), NULL,
	    REPORT_MARKDOWN, REPORT_LANG_JA), 0);
	capture_close(&cap);
	ck_assert_ptr_nonnull(strstr(cap.data, "AWS アカウント ID: 不明"));
	ck_assert_ptr_nonnull(strstr(cap.data, "このクォータのページを開く"));
	ck_assert_ptr_null(strstr(cap.data, "Bedrock Allowlisting"));
	free(cap.data);
}
END_TEST

START_TEST(test_case_not_needed)
{
	struct capture	cap;

	capture_open(&cap);
	ck_assert_int_eq(report_case(cap.fp, find_path(PATH_P4), NULL,
	    REPORT_TEXT, REPORT_LANG_EN), 1);
	capture_close(&cap);
	ck_assert_ptr_nonnull(strstr(cap.data, "No support case is needed"));
	ck_assert_ptr_null(strstr(cap.data, "Subject:"));
	free(cap.data);
	capture_open(&cap);
	ck_assert_int_eq(report_case(cap.fp, find_path(PATH_P1), NULL,
	    REPORT_JSON, REPORT_LANG_JA), 1);
	capture_close(&cap);
	ck_assert_ptr_nonnull(strstr(cap.data, "\"case\": null"));
	ck_assert_ptr_nonnull(strstr(cap.data, "サポートケースは不要"));
	free(cap.data);
}
END_TEST

/*
 * The status fixture's LEGACY models: one with its dates (end of life in
 * 60 days), one AWS gives no dates for.
 */
static const struct report_open_life st_life_legacy = {
	"2025-02-01T00:00:00Z", -1, "2025-02-01T00:00:00Z", NULL,
	"2025-08-01T00:00:00Z" };
static const struct report_open_life st_life_eol = {
	"2025-08-01T00:00:00Z", 90, "2025-02-01T00:00:00Z", NULL,
	"2025-08-01T00:00:00Z" };
static const struct report_open_life st_life_none = {
	NULL, -1, NULL, NULL, NULL };

/* The open problems of the status fixture's rows (view.c's order). */
#define V(p, s, r)	{ PATH_##p, SEVERITY_##s, PLAYBOOK_REASON_##r }
static const struct report_open st_open[] = {
	{ "eu-central-1", "cohere.command-r-v1:0", "Command R",
	    V(P1, ACTION, NOT_AUTHORIZED), 40, "2025-05-31T03:00:00Z", NULL },
	{ "us-east-1", "anthropic.claude-3-haiku-20240307-v1:0",
	    "Claude 3 Haiku", V(P1, ACTION, NOT_AUTHORIZED), 42,
	    "2025-06-02T03:00:00Z", NULL },
	{ "us-west-2", "meta.llama3-70b-instruct-v1:0", "Llama 3 70B Instruct",
	    V(P2, ACTION, REGION_UNAVAILABLE), 41, "2025-06-01T03:00:00Z",
	    NULL },
	{ "ap-northeast-1", "anthropic.claude-3-5-sonnet-20240620-v1:0",
	    "Claude 3.5 Sonnet", V(P3, ACTION, ENTITLEMENT), 42,
	    "2025-06-02T03:00:00Z", NULL },
	{ "eu-west-1", "evil.model-v1:0", HOSTILE_NAME,
	    V(P3, ACTION, AGREEMENT), 42, "2025-06-02T03:00:00Z", NULL },
	{ "us-east-1", "L-2DC80978", "On-demand InvokeModel requests per "
	    "minute for Anthropic Claude 3 Haiku", V(P4, ACTION, BELOW_DEFAULT),
	    42, "2025-06-02T03:00:00Z", NULL },
	{ "eu-central-1", "L-254CACF4", "On-demand InvokeModel requests per "
	    "minute for Anthropic Claude 3.5 Sonnet",
	    V(P6, ACTION, BELOW_DEFAULT), 42, "2025-06-02T03:00:00Z", NULL },
	{ "eu-west-1", "mistral.odd-v1:0", "Odd",
	    V(INFO, ACTION, ACCESS_UNCLEAR), 42, "2025-06-02T03:00:00Z", NULL },
	{ "eu-central-1", "cohere.embed-v4:0", "Embed v4",
	    V(INFO, WARNING, AGREEMENT_PENDING), 41, "2025-06-01T03:00:00Z",
	    NULL },
	{ "us-east-1", "amazon.titan-embed-text-v1", "Titan Embeddings G1 - "
	    "Text", V(INFO, WARNING, LEGACY), 1, "2025-05-11T03:00:00Z",
	    &st_life_none },
	{ "us-east-1", "anthropic.claude-3-sonnet-20240229-v1:0",
	    "Claude 3 Sonnet", V(INFO, WARNING, LEGACY), 1,
	    "2025-05-11T03:00:00Z", &st_life_legacy },
	{ "us-east-1", "anthropic.claude-3-sonnet-20240229-v1:0",
	    "Claude 3 Sonnet", V(INFO, WARNING, END_OF_LIFE), 1,
	    "2025-05-11T03:00:00Z", &st_life_eol },
	{ "us-east-1", "3f8e1c2a9b7d4e6f", "On-demand InvokeModel tokens per "
	    "minute for Anthropic Claude 3 Haiku", V(INFO, INFO, REQUEST_OPEN),
	    39, "2025-05-30T03:00:00Z", NULL },
	{ "us-west-2", "9a8b7c6d", "Cross-Region InvokeModel tokens per "
	    "minute for Anthropic Claude 3.5 Haiku",
	    V(INFO, INFO, REQUEST_OPEN), 42, "2025-06-02T03:00:00Z", NULL },
};
#undef V

static void
status_fixture(struct report_status *s)
{
	static const struct report_status_model m[] = {
		{ "us-east-1", "anthropic.claude-3-haiku-20240307-v1:0",
		    "Claude 3 Haiku", "NOT_AUTHORIZED", "AVAILABLE",
		    "AVAILABLE", "AVAILABLE", { PATH_P1, SEVERITY_ACTION,
		    PLAYBOOK_REASON_NOT_AUTHORIZED } },
		{ "us-west-2", "meta.llama3-70b-instruct-v1:0",
		    "Llama 3 70B Instruct", "AUTHORIZED", "AVAILABLE",
		    "AVAILABLE", "NOT_AVAILABLE", { PATH_P2, SEVERITY_ACTION,
		    PLAYBOOK_REASON_REGION_UNAVAILABLE } },
		{ "ap-northeast-1", "anthropic.claude-3-5-sonnet-20240620-v1:0",
		    "Claude 3.5 Sonnet", "NOT_AUTHORIZED", "NOT_AVAILABLE",
		    "NOT_AVAILABLE", "AVAILABLE", { PATH_P3, SEVERITY_ACTION,
		    PLAYBOOK_REASON_ENTITLEMENT } },
		{ "eu-central-1", "cohere.command-r-v1:0", "Command R",
		    "NOT_AUTHORIZED", "AVAILABLE", "PENDING", "AVAILABLE",
		    { PATH_P1, SEVERITY_ACTION,
		    PLAYBOOK_REASON_NOT_AUTHORIZED } },
		{ "eu-central-1", "cohere.embed-v4:0", "Embed v4",
		    "AUTHORIZED", "AVAILABLE", "PENDING", "AVAILABLE",
		    { PATH_INFO, SEVERITY_WARNING,
		    PLAYBOOK_REASON_AGREEMENT_PENDING } },
		{ "eu-west-1", "evil.model-v1:0", HOSTILE_NAME,
		    "NOT_AUTHORIZED", "AVAILABLE", "ERROR", "AVAILABLE",
		    { PATH_P1, SEVERITY_ACTION, PLAYBOOK_REASON_AGREEMENT } },
		{ "eu-west-1", "mistral.odd-v1:0", "Odd", "NOT_AUTHORIZED",
		    "", "AVAILABLE", "", { PATH_INFO, SEVERITY_ACTION,
		    PLAYBOOK_REASON_ACCESS_UNCLEAR } },
	};
	static const struct report_status_quota q[] = {
		{ "us-east-1", "L-2DC80978", "On-demand InvokeModel requests "
		    "per minute for Anthropic Claude 3 Haiku", 200, 1000, 1,
		    { PATH_P4, SEVERITY_ACTION,
		    PLAYBOOK_REASON_BELOW_DEFAULT } },
		{ "eu-central-1", "L-254CACF4", "On-demand InvokeModel "
		    "requests per minute for Anthropic Claude 3.5 Sonnet", 10,
		    20, 0, { PATH_P6, SEVERITY_ACTION,
		    PLAYBOOK_REASON_BELOW_DEFAULT } },
	};
	static const struct report_status_request r[] = {
		{ "us-east-1", "3f8e1c2a9b7d4e6f", "L-8CE99163",
		    "On-demand InvokeModel tokens per minute for Anthropic "
		    "Claude 3 Haiku", 4000000, "CASE_OPENED", "case-1234567890",
		    "2025-05-30T10:00:00Z" },
		{ "us-west-2", "9a8b7c6d", "L-4BF37C17", "Cross-Region "
		    "InvokeModel tokens per minute for Anthropic Claude 3.5 "
		    "Haiku", 0.5, "PENDING", "", "" },
	};

	memset(s, 0, sizeof(*s));
	s->open = st_open;
	s->opensz = sizeof(st_open) / sizeof(st_open[0]);
	s->closest = fx_usage;
	s->closestsz = sizeof(fx_usage) / sizeof(fx_usage[0]);
	s->run_id = 42;
	s->run_time = "2025-06-02T03:00:00Z";
	s->account_id = "123456789012";
	s->regions = fx_regions;
	s->regionsz = sizeof(fx_regions) / sizeof(fx_regions[0]);
	s->models = m;
	s->modelsz = sizeof(m) / sizeof(m[0]);
	s->quotas = q;
	s->quotasz = sizeof(q) / sizeof(q[0]);
	s->requests = r;
	s->requestsz = sizeof(r) / sizeof(r[0]);
}

/*
 * A newer run that failed: status says its state may be out of date, with
 * the failed run's number and time (and in the reader's zone), in JSON
 * as failed_run; nothing of it when the state's run is the newest.
 */
START_TEST(test_status_newer_failed)
{
	enum report_lang	l = (enum report_lang)_i;
	struct report_status	s;
	struct capture		cap;

	status_fixture(&s);
	s.failed_run = 9;
	s.failed_time = "2025-06-03T03:00:00Z";
	s.failed_time_local = "2025-06-03 12:00 JST";
	capture_open(&cap);
	ck_assert_int_eq(report_status_write(cap.fp, &s, REPORT_MARKDOWN, l),
	    0);
	capture_close(&cap);
	ck_assert_ptr_nonnull(strstr(cap.data, l == REPORT_LANG_EN ?
	    "The newest run, #9 (2025-06-03T03:00:00Z / 2025-06-03 12:00 JST), "
	    "failed and collected nothing: this state may be out of date" :
	    "最新の実行 #9（2025-06-03T03:00:00Z / 2025-06-03 12:00 JST）は"
	    "失敗し"));
	free(cap.data);
	capture_open(&cap);
	ck_assert_int_eq(report_status_write(cap.fp, &s, REPORT_JSON, l), 0);
	capture_close(&cap);
	ck_assert_ptr_nonnull(strstr(cap.data, "\"failed_run\": 9,"));
	ck_assert_ptr_nonnull(strstr(cap.data, "\"failed_run_time\": "
	    "\"2025-06-03T03:00:00Z\""));
	free(cap.data);
	s.failed_run = 0;
	capture_open(&cap);
	ck_assert_int_eq(report_status_write(cap.fp, &s, REPORT_TEXT, l), 0);
	capture_close(&cap);
	ck_assert_ptr_null(strstr(cap.data, "#9"));
	free(cap.data);
}
END_TEST

START_TEST(test_status_golden)
{
	enum report_format	f = (enum report_format)(_i % 3);
	enum report_lang	l = (enum report_lang)(_i / 3);
	struct report_status	s;
	struct capture		cap;
	char			name[64];

	status_fixture(&s);
	capture_open(&cap);
	ck_assert_int_eq(report_status_write(cap.fp, &s, f, l), 0);
	capture_close(&cap);
	(void)snprintf(name, sizeof(name), "status.%s.%s", lang_names[l],
	    fmt_names[f]);
	golden(name, cap.data, cap.len);
	ck_assert(valid_utf8(cap.data, cap.len));
	if (f == REPORT_TEXT)
		assert_width(cap.data, NULL);
	if (f == REPORT_MARKDOWN)
		ck_assert_ptr_null(strchr(cap.data, '<'));
	/* Status lists every LEGACY model with its dates, earliest first. */
	if (f == REPORT_TEXT && l == REPORT_LANG_EN) {
		ck_assert_ptr_nonnull(strstr(cap.data, "us-east-1: "
		    "anthropic.claude-3-sonnet-20240229-v1:0 (run #1): legacy "
		    "from\n    2025-02-01; end of life on 2025-08-01\n"
		    "  - us-east-1: amazon.titan-embed-text-v1 (run #1): AWS "
		    "gives no lifecycle\n    dates"));
	}
	free(cap.data);
}
END_TEST

START_TEST(test_status_empty)
{
	struct report_status	s;
	struct capture		cap;

	status_fixture(&s);
	s.modelsz = s.quotasz = s.requestsz = 0;
	s.regionsz = 1;
	capture_open(&cap);
	ck_assert_int_eq(report_status_write(cap.fp, &s, REPORT_TEXT,
	    REPORT_LANG_EN), 0);
	capture_close(&cap);
	ck_assert_ptr_nonnull(strstr(cap.data, "Every model offered"));
	ck_assert_ptr_nonnull(strstr(cap.data, "No quota is below"));
	ck_assert_ptr_nonnull(strstr(cap.data, "No quota increase request"));
	free(cap.data);
}
END_TEST

/* Render the fixture as JSON in "l" and parse it back. */
static cJSON *
json_report(enum report_lang l)
{
	struct capture	 cap;
	cJSON		*root;

	capture_open(&cap);
	ck_assert_int_eq(report_write(cap.fp, &fx_in, REPORT_JSON, l), 0);
	capture_close(&cap);
	ck_assert(valid_utf8(cap.data, cap.len));
	root = cJSON_ParseWithLength(cap.data, cap.len);
	ck_assert_msg(root != NULL, "JSON does not parse near: %.40s",
	    cJSON_GetErrorPtr());
	free(cap.data);
	return root;
}

static const char *
jstr(const cJSON *obj, const char *key)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(obj, key);

	ck_assert_msg(cJSON_IsString(v), "%s is not a string", key);
	return v->valuestring;
}

static double
jnum(const cJSON *obj, const char *key)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(obj, key);

	ck_assert_msg(cJSON_IsNumber(v), "%s is not a number", key);
	return v->valuedouble;
}

static int
jnull(const cJSON *obj, const char *key)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(obj, key);

	ck_assert_msg(v != NULL, "%s is missing", key);
	return cJSON_IsNull(v);
}

/* The top level holds exactly the documented members. */
static void
check_top(const cJSON *root)
{
	static const char *const keys[] = { "from_run", "to_run",
	    "account_id", "collection", "summary", "entries", "open",
	    "usage", "changes" };
	const cJSON	*v;
	size_t		 n = 0;

	cJSON_ArrayForEach(v, root)
		n++;
	ck_assert_uint_eq(n, sizeof(keys) / sizeof(keys[0]));
	for (n = 0; n < sizeof(keys) / sizeof(keys[0]); n++)
		ck_assert_ptr_nonnull(cJSON_GetObjectItemCaseSensitive(root,
		    keys[n]));
	ck_assert(jnum(root, "from_run") == 41);
	ck_assert(jnum(root, "to_run") == 42);
	ck_assert_str_eq(jstr(root, "account_id"), "123456789012");
}

static void
check_regions(const cJSON *regions)
{
	const cJSON	*r, *e;
	size_t		 i;

	ck_assert_int_eq(cJSON_GetArraySize(regions),
	    (int)(sizeof(fx_regions) / sizeof(fx_regions[0])));
	for (i = 0; i < sizeof(fx_regions) / sizeof(fx_regions[0]); i++) {
		r = cJSON_GetArrayItem(regions, (int)i);
		ck_assert_str_eq(jstr(r, "region"), fx_regions[i].region);
		ck_assert_str_eq(jstr(r, "status"),
		    status_region_name(fx_regions[i].status));
		ck_assert_int_eq(jnull(r, "error"),
		    fx_regions[i].status == REGION_STATUS_OK);
	}
	e = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(regions, 5),
	    "error");
	ck_assert_str_eq(jstr(e, "operation"), "ListServiceQuotas");
	ck_assert(jnum(e, "http_status") == 403);
	ck_assert_str_eq(jstr(e, "code"), "AccessDeniedException");
	ck_assert_str_eq(jstr(e, "message"), HOSTILE_MSG);
	ck_assert_str_eq(jstr(e, "iam_action"),
	    "servicequotas:ListServiceQuotas");
	ck_assert_ptr_nonnull(strstr(jstr(e, "fix"),
	    "servicequotas:ListServiceQuotas"));
	e = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(regions, 6),
	    "error");
	ck_assert(jnull(e, "http_status"));
	ck_assert_ptr_nonnull(strstr(jstr(e, "reason"), "#41"));
}

/* "s" with each invalid UTF-8 byte replaced by U+FFFD, as JSON does. */
static char *
replaced(const char *s)
{
	struct buf	b = BUF_INIT;
	unsigned int	cp;
	size_t		n;

	while (*s != '\0') {
		if ((n = escape_utf8_decode(s, &cp)) == 0) {
			buf_addstr(&b, "\xef\xbf\xbd");
			s++;
		} else {
			buf_add(&b, s, n);
			s += n;
		}
	}
	return buf_detach(&b);
}

static void
check_change(const cJSON *j, const struct change *c)
{
	const cJSON	*cs;
	char		*name;

	ck_assert(jnum(j, "id") == (double)c->change_id);
	ck_assert_str_eq(jstr(j, "region"), c->region);
	ck_assert_str_eq(jstr(j, "kind"), change_kind_name(c->kind));
	ck_assert_str_eq(jstr(j, "subject"), c->subject);
	name = replaced(c->subject_name);
	ck_assert_str_eq(jstr(j, "subject_name"), name);
	free(name);
	ck_assert_str_eq(jstr(j, "old"), c->old_value);
	ck_assert_str_eq(jstr(j, "new"), c->new_value);
	ck_assert_str_eq(jstr(j, "path"), change_path_name(c->path));
	ck_assert_str_eq(jstr(j, "severity"),
	    change_severity_name(c->severity));
	ck_assert_ptr_nonnull(strstr(jstr(j, "advice"), c->region));
	cs = cJSON_GetObjectItemCaseSensitive(j, "case");
	ck_assert_int_eq(cJSON_IsNull(cs), !report_has_case(c));
	if (!report_has_case(c))
		return;
	ck_assert_ptr_nonnull(strchr(jstr(cs, "where"), '?'));
	ck_assert_ptr_nonnull(strstr(jstr(cs, "subject"), "Amazon Bedrock"));
	ck_assert_ptr_nonnull(strstr(jstr(cs, "body"), "123456789012"));
	ck_assert_ptr_nonnull(strstr(jstr(cs, "body"), c->region));
}

/*
 * The open problems carry their lifecycle dates: the date each is about,
 * its window (0: reached) and every date; null for other problems.
 */
static void
check_open_dates(const cJSON *open)
{
	const cJSON	*o, *life;
	int		 dated = 0;

	cJSON_ArrayForEach(o, open) {
		life = cJSON_GetObjectItemCaseSensitive(o, "lifecycle");
		if (strcmp(jstr(o, "subject"),
		    "meta.llama2-13b-chat-v1") == 0) {
			ck_assert_str_eq(jstr(o, "problem"), "end_of_life");
			ck_assert_str_eq(jstr(o, "date"),
			    "2025-06-05T00:00:00Z");
			ck_assert(jnum(o, "within_days") == 7);
			ck_assert_str_eq(jstr(life, "end_of_life"),
			    "2025-06-05T00:00:00Z");
			ck_assert(jnull(life, "legacy"));
			dated++;
		} else if (strcmp(jstr(o, "problem"), "legacy") == 0) {
			ck_assert_str_eq(jstr(o, "date"),
			    "2025-06-01T00:00:00Z");
			ck_assert(jnull(o, "within_days"));
			ck_assert_str_eq(jstr(life, "public_extended_access"),
			    "2025-07-01T00:00:00Z");
			dated++;
		} else if (strcmp(jstr(o, "subject"),
		    "anthropic.claude-instant-v1") == 0) {
			ck_assert(jnum(o, "within_days") == 0);
			dated++;
		} else if (strcmp(jstr(o, "problem"), "below_default") == 0) {
			ck_assert(jnull(o, "date"));
			ck_assert(jnull(o, "within_days"));
			ck_assert(jnull(o, "lifecycle"));
		}
	}
	ck_assert_int_eq(dated, 3);
}

/*
 * Issue #10: every change is in exactly one entry, the summary counts
 * the entries, and one quota with a denied request is one entry with one
 * case draft, on the path of its strongest change.
 */
static void
check_entries(const cJSON *root)
{
	const cJSON	*entries, *e, *ids, *id, *sum;
	int		 seen[64] = { 0 }, sev[3] = { 0 }, joined = 0;
	size_t		 i;

	entries = cJSON_GetObjectItemCaseSensitive(root, "entries");
	cJSON_ArrayForEach(e, entries) {
		ids = cJSON_GetObjectItemCaseSensitive(e, "change_ids");
		cJSON_ArrayForEach(id, ids)
			seen[(int)id->valuedouble - 101]++;
		sev[strcmp(jstr(e, "severity"), "action") == 0 ? 0 :
		    strcmp(jstr(e, "severity"), "warning") == 0 ? 1 : 2]++;
		if (strcmp(jstr(e, "subject"), "L-F406804E") != 0)
			continue;
		joined++;
		ck_assert_int_eq(cJSON_GetArraySize(ids), 2);
		ck_assert_str_eq(jstr(e, "path"), "P6");
		ck_assert_str_eq(jstr(e, "severity"), "action");
		ck_assert(!jnull(e, "case"));
	}
	ck_assert_int_eq(joined, 1);
	for (i = 0; i < fx_changes.len; i++)
		ck_assert_int_eq(seen[i], 1);
	sum = cJSON_GetObjectItemCaseSensitive(root, "summary");
	ck_assert(jnum(sum, "action") == sev[0]);
	ck_assert(jnum(sum, "warning") == sev[1]);
	ck_assert(jnum(sum, "info") == sev[2]);
	ck_assert(jnum(sum, "open") == 17);
	ck_assert_int_eq(cJSON_GetArraySize(
	    cJSON_GetObjectItemCaseSensitive(root, "open")), 17);
	check_open_dates(cJSON_GetObjectItemCaseSensitive(root, "open"));
}

/* "usage": exactly the fields issue 13 names, with the numbers. */
static void
check_usage(const cJSON *u)
{
	static const char *const keys[] = { "account_id", "region",
	    "model_id", "quota_code", "finding", "peak_per_minute", "peak_at",
	    "quota_value", "throttled_minutes" };
	const cJSON	*o, *v;
	size_t		 n, k;

	ck_assert_int_eq(cJSON_GetArraySize(u), 2);
	for (k = 0; k < 2; k++) {
		o = cJSON_GetArrayItem(u, (int)k);
		n = 0;
		cJSON_ArrayForEach(v, o)
			n++;
		ck_assert_uint_eq(n, sizeof(keys) / sizeof(keys[0]));
		for (n = 0; n < sizeof(keys) / sizeof(keys[0]); n++)
			ck_assert_ptr_nonnull(cJSON_GetObjectItemCaseSensitive(
			    o, keys[n]));
	}
	o = cJSON_GetArrayItem(u, 0);
	ck_assert_str_eq(jstr(o, "finding"), "near_quota");
	ck_assert(jnum(o, "peak_per_minute") == 42500);
	ck_assert(jnum(o, "quota_value") == 50000);
	ck_assert_str_eq(jstr(o, "peak_at"), "2025-06-01T14:07:00Z");
	ck_assert_str_eq(jstr(o, "account_id"), "123456789012");
	o = cJSON_GetArrayItem(u, 1);
	ck_assert_str_eq(jstr(o, "finding"), "throttled_below_quota");
	ck_assert(jnum(o, "throttled_minutes") == 42);
	ck_assert_str_eq(jstr(o, "model_id"), "amazon.nova-pro-v1:0");
}

START_TEST(test_json_fields)
{
	cJSON		*root, *changes;
	size_t		 i;

	root = json_report((enum report_lang)_i);
	check_top(root);
	check_regions(cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetObjectItemCaseSensitive(root, "collection"), "regions"));
	check_entries(root);
	check_usage(cJSON_GetObjectItemCaseSensitive(root, "usage"));
	changes = cJSON_GetObjectItemCaseSensitive(root, "changes");
	ck_assert_int_eq(cJSON_GetArraySize(changes), (int)fx_changes.len);
	for (i = 0; i < fx_changes.len; i++)
		check_change(cJSON_GetArrayItem(changes, (int)i),
		    fx_changes.items[i]);
	cJSON_Delete(root);
}
END_TEST

START_TEST(test_json_long_name_whole)
{
	cJSON		*root, *changes;
	const char	*name;
	int		 i, found = 0;

	root = json_report(REPORT_LANG_EN);
	changes = cJSON_GetObjectItemCaseSensitive(root, "changes");
	for (i = 0; i < cJSON_GetArraySize(changes); i++) {
		name = jstr(cJSON_GetArrayItem(changes, i), "subject_name");
		if (strcmp(name, fx_long) == 0)
			found = 1;
	}
	ck_assert(found);
	cJSON_Delete(root);
}
END_TEST

START_TEST(test_json_status_fields)
{
	struct report_status	 s;
	struct capture		 cap;
	cJSON			*root, *a;

	status_fixture(&s);
	capture_open(&cap);
	ck_assert_int_eq(report_status_write(cap.fp, &s, REPORT_JSON,
	    REPORT_LANG_EN), 0);
	capture_close(&cap);
	ck_assert_ptr_nonnull(root = cJSON_ParseWithLength(cap.data,
	    cap.len));
	ck_assert(jnum(root, "run_id") == 42);
	/* Issue #10: every open problem, by name. */
	a = cJSON_GetObjectItemCaseSensitive(root, "open");
	ck_assert_int_eq(cJSON_GetArraySize(a), 14);
	/* A LEGACY model AWS gives no dates for: still listed, dates null. */
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(a, 9), "subject"),
	    "amazon.titan-embed-text-v1");
	ck_assert(jnull(cJSON_GetArrayItem(a, 9), "date"));
	ck_assert(jnull(cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetArrayItem(a, 9), "lifecycle"), "end_of_life"));
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(a, 4), "problem"),
	    "agreement");
	ck_assert(jnum(cJSON_GetArrayItem(a, 12), "since_run") == 39);
	a = cJSON_GetObjectItemCaseSensitive(root, "models_without_access");
	ck_assert_int_eq(cJSON_GetArraySize(a), 7);
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(a, 0), "path"), "P1");
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(a, 1), "path"), "P2");
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(a, 2), "path"), "P3");
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(a, 4), "path"), "info");
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(a, 4), "severity"),
	    "warning");
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(a, 6), "severity"),
	    "action");
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(a, 1),
	    "region_availability"), "NOT_AVAILABLE");
	a = cJSON_GetObjectItemCaseSensitive(root, "quotas_below_default");
	ck_assert(jnum(cJSON_GetArrayItem(a, 0), "applied") == 200);
	ck_assert(jnum(cJSON_GetArrayItem(a, 0), "default") == 1000);
	ck_assert(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetArrayItem(a, 0), "adjustable")));
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(a, 1), "path"), "P6");
	a = cJSON_GetObjectItemCaseSensitive(root, "open_requests");
	ck_assert(jnum(cJSON_GetArrayItem(a, 1), "desired") == 0.5);
	ck_assert(jnull(cJSON_GetArrayItem(a, 1), "case_id"));
	ck_assert_str_eq(jstr(cJSON_GetArrayItem(a, 0), "status"),
	    "CASE_OPENED");
	cJSON_Delete(root);
	free(cap.data);
}
END_TEST

/* The fixture report in "f" and "l", owned by the caller. */
static char *
render(enum report_format f, enum report_lang l)
{
	struct capture	cap;

	capture_open(&cap);
	ck_assert_int_eq(report_write(cap.fp, &fx_in, f, l), 0);
	capture_close(&cap);
	return cap.data;
}

/*
 * Assert that "needle" is in "hay", where the text layout may have
 * broken a line between any two words: a newline and the indentation
 * after it count as one space.
 */
static void
assert_has(const char *hay, const char *needle)
{
	struct buf	 flat = BUF_INIT;
	const char	*p;

	for (p = hay; *p != '\0'; p++) {
		if (*p != '\n') {
			buf_addch(&flat, *p);
			continue;
		}
		while (flat.len > 0 && flat.data[flat.len - 1] == ' ')
			flat.len--;
		buf_addch(&flat, ' ');
		while (p[1] == ' ')
			p++;
	}
	ck_assert_msg(strstr(flat.data, needle) != NULL, "missing: %s",
	    needle);
	buf_free(&flat);
}

START_TEST(test_hostile_markdown)
{
	char	*md = render(REPORT_MARKDOWN, (enum report_lang)_i);
	char	*prose = outside_fences(md);

	/* Raw markup only inside code fences, where it is shown as is. */
	ck_assert_ptr_null(strchr(prose, '<'));
	free(prose);
	ck_assert_ptr_null(strchr(md, '\x1b'));
	assert_has(md, "Evil \\*bold\\* \\_it\\_ \\[link\\]\\(http://x.example"
	    "\\) \\# \\| &lt;script&gt;alert\\(1\\)&lt;/script&gt; "
	    "\\x1b\\[31mred\\x1b\\[0m \\xff\\xfe end");
	assert_has(md, "&lt;b&gt;bold&lt;/b&gt; \\| \\`code\\` \\x1b\\[2J"
	    "\\x0d\\x0anext line");
	ck_assert_uint_lt(longest_run(md, 'L'), REPORT_MD_FIELD_MAX_CHARS + 1);
	assert_has(md, "LLL...");
	free(md);
}
END_TEST

START_TEST(test_hostile_text)
{
	char	*txt = render(REPORT_TEXT, (enum report_lang)_i);
	char	*drafts = all_drafts((enum report_lang)_i);

	ck_assert_ptr_null(strchr(txt, '\x1b'));
	ck_assert_ptr_null(strchr(txt, '\r'));
	assert_has(txt, "\\x1b[31mred\\x1b[0m \\xff\\xfe end");
	assert_has(txt, "\\x1b[2J\\x0d\\x0anext line");
	/* Cut, though a draft line is not wrapped. */
	ck_assert_uint_le(longest_run(txt, 'L'), REPORT_TEXT_FIELD_MAX_COLS);
	assert_width(txt, drafts);
	free(drafts);
	assert_has(txt, "LLL...");
	free(txt);
}
END_TEST

START_TEST(test_content_en)
{
	char		*txt = render(REPORT_TEXT, REPORT_LANG_EN);
	const char	*a, *b, *c, *d;

	assert_has(txt, "Account: 123456789012");
	assert_has(txt, "run #41 (2025-06-01T03:00:00Z) -> run #42");
	assert_has(txt, "per account and per region");
	/* P2: the alternatives, and saying so when there are none. */
	assert_has(txt, "offered: us-east-1, eu-central-1.");
	assert_has(txt, "include it: us.anthropic.claude-v2:1.");
	assert_has(txt, "has not seen the model offered in any other");
	assert_has(txt, "Regions where bedrock-audit last saw the model "
	    "offered");
	assert_has(txt, "bedrock-audit saw no inference profile that includes");
	/* P4: where to click, the quota, its values, the IAM action. */
	assert_has(txt, "Request increase at account level");
	assert_has(txt, "L-2DC80978");
	assert_has(txt, "Before this change the value was 1,000");
	assert_has(txt, "servicequotas:RequestServiceQuotaIncrease");
	/* P6: the wanted value is the old one when the value went down. */
	assert_has(txt, "Value we need: 20");
	assert_has(txt, "Value we need: <value you need>");
	/* P3, P5: the case paths. */
	assert_has(txt, "Bedrock Allowlisting");
	assert_has(txt, "Inference types before: inference profile, on-demand");
	/* Usage findings: the numbers, the suggestion labelled as such. */
	assert_has(txt, "Usage (anthropic.claude-sonnet-4-20250514-v1:0)");
	assert_has(txt, "41,200 tokens/min");
	assert_has(txt, "2025-06-02 14:07 UTC against a quota of 50,000 (82%)");
	assert_has(txt, "value: 62,000, 1.5 times the peak");
	assert_has(txt, "Value we need: 450,000 (a suggestion: 1.5 times the "
	    "observed peak of 300,000, rounded up)");
	assert_has(txt, "us-west-2/L-USEEND00");
	assert_has(txt, "yes (near_quota) -> no");
	/* Nothing observed says anything was throttled or tried. */
	ck_assert_ptr_null(strstr(txt, "ThrottlingException"));
	ck_assert_ptr_null(strstr(txt, "tried with"));
	/* Regions that failed, and their fixes. */
	assert_has(txt, "Fix: Allow the IAM action "
	    "servicequotas:ListServiceQuotas");
	assert_has(txt, "aws sso login");
	assert_has(txt, "AWS_ENDPOINT_URL");
	assert_has(txt, "Not collected successfully in run #41");
	/* Issue #10: health first, the digest, then sections by severity. */
	a = strstr(txt, "\nMonitoring");
	b = strstr(txt, "\nAt a glance");
	c = strstr(txt, "Action required (12)");
	d = strstr(txt, "\nWarnings (5)");
	ck_assert(a != NULL && b != NULL && c != NULL && d != NULL);
	ck_assert(a < b && b < c && c < d);
	a = strstr(txt, "For information (7)");
	b = strstr(txt, "Open problems (17)");
	c = strstr(txt, "\nOpening a support case");
	ck_assert(d < a && a != NULL && b != NULL && c != NULL);
	ck_assert(a < b && b < c);
	/* Where to open a case: once, however many drafts. */
	ck_assert_ptr_null(strstr(strstr(txt, "Bedrock Allowlisting") + 1,
	    "Bedrock Allowlisting"));
	assert_has(txt, "changed and reverted (access no longer authorized; "
	    "access granted)");
	/* Lifecycle problems: each model with its date, by window. */
	assert_has(txt, "1 enabled model(s) reaching end of life within 7 "
	    "days");
	assert_has(txt, "us-east-1: meta.llama2-13b-chat-v1: end of life on "
	    "2025-06-05");
	assert_has(txt, "2 enabled model(s) past their end of life");
	assert_has(txt, "us-east-1: 2, the earliest ai21.j2-ultra-v1: end of "
	    "life on 2025-04-30");
	free(txt);
}
END_TEST

START_TEST(test_content_ja)
{
	char	*txt = render(REPORT_TEXT, REPORT_LANG_JA);

	assert_has(txt, "アカウント: 123456789012");
	assert_has(txt, "「アカウントレベルでの引き上げをリクエスト」");
	assert_has(txt, "「アカウントと請求」→「Account Activation」");
	assert_has(txt, "希望する値: 20");
	assert_has(txt, "希望する値: <必要な値>");
	assert_has(txt, "対応が必要な変更");
	ck_assert_ptr_null(strstr(txt, "Action required"));
	free(txt);
}
END_TEST

START_TEST(test_japanese_wrap)
{
	static const char *const bad_start[] = { "、", "。", "）", "」" };
	char	*txt = render(REPORT_TEXT, REPORT_LANG_JA), *p;
	size_t	 i;

	for (p = txt; (p = strchr(p, '\n')) != NULL; p++) {
		while (p[1] == ' ')
			p++;
		for (i = 0; i < sizeof(bad_start) / sizeof(bad_start[0]); i++)
			ck_assert_msg(strncmp(p + 1, bad_start[i],
			    strlen(bad_start[i])) != 0,
			    "line starts with %s", bad_start[i]);
	}
	free(txt);
}
END_TEST

START_TEST(test_format_parse)
{
	enum report_format	f;
	enum report_lang	l;

	ck_assert_int_eq(report_format_parse("text", &f), 0);
	ck_assert_int_eq(f, REPORT_TEXT);
	ck_assert_int_eq(report_format_parse("markdown", &f), 0);
	ck_assert_int_eq(f, REPORT_MARKDOWN);
	ck_assert_int_eq(report_format_parse("json", &f), 0);
	ck_assert_int_eq(f, REPORT_JSON);
	ck_assert_int_eq(report_format_parse("JSON", &f), -1);
	ck_assert_int_eq(report_format_parse("", &f), -1);
	ck_assert_int_eq(report_format_parse(NULL, &f), -1);
	ck_assert_int_eq(report_lang_parse("ja", &l), 0);
	ck_assert_int_eq(l, REPORT_LANG_JA);
	ck_assert_int_eq(report_lang_parse("en", &l), 0);
	ck_assert_int_eq(l, REPORT_LANG_EN);
	ck_assert_int_eq(report_lang_parse("jp", &l), -1);
	ck_assert_int_eq(report_lang_parse(NULL, &l), -1);
}
END_TEST


/* Error -> fix: region status, operation, HTTP status, code, message. */
static const struct {
	struct report_region	 r;
	enum i18n_msg		 fix;
	const char		*arg;
} fixes[] = {
	{ { "r", S_FAIL, "ListInferenceProfiles", 403,
	    "AccessDeniedException", "no", 0, 0 }, I18N_FIX_IAM,
	    "bedrock:ListInferenceProfiles" },
	{ { "r", S_FAIL, "Frobnicate", 403, "AccessDenied", "", 0, 0 },
	    I18N_FIX_IAM_UNKNOWN, "Frobnicate" },
	{ { "r", S_FAIL, "ListServiceQuotas", 400, "ExpiredToken", "",
	    0, 0 }, I18N_FIX_EXPIRED, NULL },
	{ { "r", S_FAIL, "ListServiceQuotas", 403,
	    "InvalidSignatureException", "", 0, 0 }, I18N_FIX_SIGNATURE,
	    NULL },
	{ { "r", S_FAIL, "GetCallerIdentity", 403, "SignatureDoesNotMatch",
	    "", 0, 0 }, I18N_FIX_SIGNATURE, NULL },
	{ { "r", S_FAIL, "ListFoundationModels", 403,
	    "UnrecognizedClientException", "", 0, 0 }, I18N_FIX_KEY, NULL },
	{ { "r", S_FAIL, "ListFoundationModels", 429,
	    "ThrottlingException", "", 0, 0 }, I18N_FIX_THROTTLED, NULL },
	/* Throttling is retry.h's list: codes beyond the three it once had. */
	{ { "r", S_FAIL, "ListServiceQuotas", 400,
	    "ThrottledException", "", 0, 0 }, I18N_FIX_THROTTLED, NULL },
	{ { "r", S_FAIL, "ListServiceQuotas", 400,
	    "LimitExceededException", "", 0, 0 }, I18N_FIX_THROTTLED, NULL },
	{ { "r", S_FAIL, "ListFoundationModels", 0, "Timeout",
	    "timed out", 0, 0 }, I18N_FIX_NETWORK, NULL },
	{ { "r", S_FAIL, "ListFoundationModels", 503, "ServiceUnavailable",
	    "", 0, 0 }, I18N_FIX_SERVER, NULL },
	{ { "r", S_FAIL, "ListFoundationModels", 400, "ValidationException",
	    "", 0, 0 }, I18N_FIX_OTHER, NULL },
	{ { "r", S_NC, NULL, 0, NULL, NULL, 41, 0 },
	    I18N_FIX_NOT_COMPARED, NULL },
	{ { "r", S_FAIL, NULL, 0, "AccessDeniedExceptionX", NULL, 0, 0 },
	    I18N_FIX_NETWORK, NULL },
};

START_TEST(test_region_fix)
{
	const char	*arg = "unset";

	ck_assert_int_eq(report_region_fix(&fixes[_i].r, &arg),
	    fixes[_i].fix);
	if (fixes[_i].arg == NULL)
		ck_assert_ptr_null(arg);
	else
		ck_assert_str_eq(arg, fixes[_i].arg);
}
END_TEST

START_TEST(test_write_error)
{
	FILE	*fp;

	if ((fp = fopen("/dev/full", "w")) == NULL)
		return;		/* not Linux: nothing to test with */
	ck_assert_int_eq(report_write(fp, &fx_in, REPORT_TEXT,
	    REPORT_LANG_EN), -1);
	ck_assert_int_eq(report_case(fp, find_path(PATH_P3), NULL,
	    REPORT_MARKDOWN, REPORT_LANG_EN), -1);
	(void)fclose(fp);
}
END_TEST

START_TEST(test_bad_arguments)
{
	struct capture	cap;

	capture_open(&cap);
	ck_assert_int_eq(report_write(cap.fp, &fx_in, (enum report_format)7,
	    REPORT_LANG_EN), -1);
	ck_assert_int_eq(report_write(cap.fp, &fx_in, REPORT_TEXT,
	    (enum report_lang)9), -1);
	capture_close(&cap);
	ck_assert_uint_eq(cap.len, 0);
	free(cap.data);
}
END_TEST

START_TEST(test_catalogue_complete)
{
	enum i18n_msg	m;

	for (m = 0; m < I18N__COUNT; m++) {
		ck_assert_msg(*i18n_get(m, I18N_LANG_EN) != '\0',
		    "message %d has no English text", (int)m);
		ck_assert_msg(*i18n_get(m, I18N_LANG_JA) != '\0',
		    "message %d has no Japanese text", (int)m);
		ck_assert_msg(i18n_placeholders(i18n_get(m, I18N_LANG_EN)) ==
		    i18n_placeholders(i18n_get(m, I18N_LANG_JA)),
		    "message %d: placeholders differ between languages",
		    (int)m);
	}
	ck_assert_str_eq(i18n_get(I18N__COUNT, I18N_LANG_EN), "");
	ck_assert_str_eq(i18n_get(I18N_TITLE_REPORT, I18N_LANG__COUNT), "");
}
END_TEST

/* Every Japanese paragraph is written in the polite (desu/masu) style. */
START_TEST(test_catalogue_polite)
{
	static const enum i18n_msg	 prose[] = { I18N_BACKGROUND,
	    I18N_PATH_INTRO_P1, I18N_PATH_INTRO_P2, I18N_PATH_INTRO_P3,
	    I18N_PATH_INTRO_P4, I18N_PATH_INTRO_P5, I18N_PATH_INTRO_P6,
	    I18N_P1_REGION, I18N_P2_MOVE, I18N_P4_IAM, I18N_P6_CASE,
	    I18N_REGIONS_INTRO, I18N_FIX_NETWORK, I18N_CASE_P3_ASK };
	const char			*s, *end;
	size_t				 i;

	for (i = 0; i < sizeof(prose) / sizeof(prose[0]); i++) {
		s = i18n_get(prose[i], I18N_LANG_JA);
		end = s + strlen(s) - strlen("。");
		ck_assert_msg(strcmp(end, "。") == 0, "%s: no full stop", s);
		ck_assert_msg(strstr(s, "す。") != NULL ||
		    strstr(s, "ません。") != NULL ||
		    strstr(s, "さい。") != NULL, "%s: not polite", s);
	}
}
END_TEST

/* Collects an expansion as "[lit]" and "<arg N>" pieces. */
static void
t_lit(void *ctx, const char *text, size_t len)
{
	buf_addch(ctx, '[');
	buf_add(ctx, text, len);
	buf_addch(ctx, ']');
}

static void
t_arg(void *ctx, size_t idx)
{
	buf_printf(ctx, "<%zu>", idx);
}

START_TEST(test_catalogue_expand)
{
	struct buf	b = BUF_INIT;

	i18n_expand("{2} and {1}.", 2, t_lit, t_arg, &b);
	ck_assert_str_eq(b.data, "<1>[ and ]<0>[.]");
	buf_reset(&b);
	i18n_expand("{3} {0} {x", 2, t_lit, t_arg, &b);
	ck_assert_str_eq(b.data, "[{3} {0} {x]");
	buf_reset(&b);
	i18n_expand("{1}{1}", 1, t_lit, t_arg, &b);
	ck_assert_str_eq(b.data, "<0><0>");
	buf_free(&b);
	ck_assert_uint_eq(i18n_placeholders("{1} {3} {9} {0}"), 0x105);
	ck_assert_str_eq(i18n_lang_name(I18N_LANG_JA), "ja");
}
END_TEST

START_TEST(test_layout_wrap)
{
	struct buf		out = BUF_INIT;
	struct report_rw	w;
	const char		*word = "abcdefghij ";
	char			*line, *save = NULL, *joined;
	struct buf		all = BUF_INIT;
	int			i;

	report_rw_init(&w, REPORT_MODE_TEXT, I18N_LANG_EN, &out);
	w.depth = 2;
	report_rw_begin(&w, REPORT_B_NUMBER, 12);
	for (i = 0; i < 30; i++)
		report_rw_str(&w, word);
	report_rw_end(&w);
	report_rw_free(&w);
	ck_assert(strncmp(out.data, "    12. abcdefghij", 18) == 0);
	assert_width(out.data, NULL);
	for (line = strtok_r(out.data, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		ck_assert(strncmp(line, "    ", 4) == 0);
		buf_addstr(&all, line + (line[4] == '1' ? 8 : 8));
		buf_addch(&all, ' ');
	}
	joined = buf_detach(&all);
	for (i = 0; i < 30; i++)
		ck_assert(strncmp(joined + i * strlen(word), word,
		    strlen(word)) == 0);
	free(joined);
	buf_free(&out);
}
END_TEST

START_TEST(test_layout_md_quote)
{
	struct buf		out = BUF_INIT;
	struct report_rw	w;

	report_rw_init(&w, REPORT_MODE_MD, I18N_LANG_EN, &out);
	report_rw_begin(&w, REPORT_B_QUOTE, 0);
	report_rw_str(&w, "a\\");
	report_rw_begin(&w, REPORT_B_QUOTE, 0);
	report_rw_str(&w, "b");
	report_rw_gap(&w);
	report_rw_begin(&w, REPORT_B_QUOTE, 0);
	report_rw_str(&w, "c");
	report_rw_begin(&w, REPORT_B_PARA, 0);
	report_rw_str(&w, "d");
	report_rw_free(&w);
	ck_assert_str_eq(out.data, "> a\\\\\\\\\\\n> b\n>\n> c\n\nd\n");
	buf_free(&out);
}
END_TEST

START_TEST(test_layout_table)
{
	static const enum i18n_msg	 head[] = { I18N_COL_REGION,
	    I18N_COL_NAME };
	const char			*cells[] = { "us-east-1", "a|b",
	    "eu-west-1", NULL };
	struct buf			 out = BUF_INIT;
	struct report_rw		 w;

	report_rw_init(&w, REPORT_MODE_MD, I18N_LANG_EN, &out);
	report_rw_table(&w, 2, head, cells, 2);
	report_rw_free(&w);
	ck_assert_str_eq(out.data, "| Region | Name |\n| --- | --- |\n"
	    "| us-east-1 | a\\|b |\n| eu-west-1 |  |\n");
	buf_reset(&out);
	report_rw_init(&w, REPORT_MODE_TEXT, I18N_LANG_EN, &out);
	report_rw_table(&w, 2, head, cells, 2);
	report_rw_free(&w);
	ck_assert_str_eq(out.data, "Region     Name\n---------  ----\n"
	    "us-east-1  a|b\neu-west-1\n");
	buf_free(&out);
}
END_TEST

/* Japanese: no space between an argument and kana when both are wide. */
START_TEST(test_layout_ja_spacing)
{
	struct buf		out = BUF_INIT;
	struct report_rw	w;

	report_rw_init(&w, REPORT_MODE_PLAIN, I18N_LANG_JA, &out);
	REPORT_LINE(&w, REPORT_B_PARA, I18N_P1_ENABLE, RA("モデル"));
	REPORT_LINE(&w, REPORT_B_PARA, I18N_P1_ENABLE, RA("m（x）"));
	REPORT_LINE(&w, REPORT_B_PARA, I18N_P1_ENABLE, RA("us-east-1"));
	REPORT_LINE(&w, REPORT_B_PARA, I18N_F_APPLIED, RA("なし"), RA("5"));
	report_rw_free(&w);
#define ENABLE_JA	"「モデルアクセス」ページは 2025 年後半に廃止され、" \
	"サーバーレスのモデルは最初の呼び出しで有効になります。" \
	"このリージョンで"
	ck_assert_str_eq(out.data,
	    ENABLE_JA "モデルを一度呼び出してください。\n"
	    ENABLE_JA " m（x）を一度呼び出してください。\n"
	    ENABLE_JA " us-east-1 を一度呼び出してください。\n"
	    "適用値: なし → 5\n");
#undef ENABLE_JA
	buf_free(&out);
}
END_TEST


/* --- issue #10: advice states only what was observed --- */

/* The change of the fixture about "subject". */
static struct change *
find_subject(const char *subject)
{
	size_t	i;

	for (i = 0; i < fx_changes.len; i++)
		if (strcmp(fx_changes.items[i]->subject, subject) == 0)
			return fx_changes.items[i];
	ck_abort_msg("fixture has no change about %s", subject);
	return NULL;
}

/* Heading, facts and advice of "c" as the JSON "advice" string has it. */
static char *
advice_of(const struct change *c, enum i18n_lang l)
{
	struct report_rw	w;
	struct buf		out = BUF_INIT;

	report_rw_init(&w, REPORT_MODE_PLAIN, l, &out);
	report_item_facts(&w, c);
	report_item_advice(&w, c);
	report_rw_free(&w);
	return buf_detach(&out);
}

/*
 * Each issue #10 change of the fixture has the path and severity the
 * playbook gives it, so the texts below are tested on what the
 * classifier really decides.
 */
START_TEST(test_scenario_paths)
{
	static const char *const subjects[] = { "cohere.command-r-v1:0",
	    "mistral.mistral-7b-instruct-v0:2", "L-DEF00009", "L-ADJ01260",
	    "anthropic.claude-3-7-sonnet-20250219-v1:0",
	    "anthropic.claude-v2:1" };
	struct change	*c, copy;
	size_t		 i;

	for (i = 0; i < sizeof(subjects) / sizeof(subjects[0]); i++) {
		c = find_subject(subjects[i]);
		copy = *c;
		playbook_classify(&copy);
		ck_assert_msg(copy.path == c->path &&
		    copy.severity == c->severity, "%s: playbook says %s/%s",
		    subjects[i], change_path_name(copy.path),
		    change_severity_name(copy.severity));
	}
}
END_TEST

START_TEST(test_scenario_default_under_override)
{
	char	*en = advice_of(find_subject("L-DEF00009"), I18N_LANG_EN);
	char	*ja = advice_of(find_subject("L-DEF00009"), I18N_LANG_JA);

	ck_assert_ptr_nonnull(strstr(en, "AWS lowered the default from 3 to "
	    "2; your applied value of 9 is unaffected."));
	ck_assert_ptr_nonnull(strstr(en, "Applied value: 9 (unchanged)"));
	ck_assert_ptr_null(strstr(en, "Before this change"));
	ck_assert_ptr_nonnull(strstr(ja, "適用値 9 は影響を受けません"));
	ck_assert_ptr_nonnull(strstr(ja, "適用値: 9（変化なし）"));
	free(en);
	free(ja);
}
END_TEST

/* A quota change of "kind" on quota L-1 in "region", "oldv" -> "newv". */
static struct change *
quota_change(enum change_kind kind, const char *region, const char *oldv,
    const char *newv)
{
	struct change	*c = change_new();

	c->kind = kind;
	set(&c->region, region);
	set(&c->subject, "L-1");
	set(&c->old_value, oldv);
	set(&c->new_value, newv);
	return c;
}

/* A lowered default is never "the value before" (only an applied one). */
START_TEST(test_scenario_value_before_is_applied)
{
	struct change	*c;
	char		*en;

	c = quota_change(CHANGE_QUOTA_DEFAULT_CHANGED, "us-east-1", "1000",
	    "500");
	set(&c->new_default, "500");
	c->adjustable = 1;
	change_parse_nums(c);
	playbook_classify(c);
	ck_assert_int_eq(c->path, PATH_P4);
	en = advice_of(c, I18N_LANG_EN);
	ck_assert_ptr_null(strstr(en, "Before this change"));
	free(en);
	set(&c->old_applied, "9000");
	set(&c->new_applied, "500");
	c->applied_followed = 1;
	change_parse_nums(c);
	en = advice_of(c, I18N_LANG_EN);
	ck_assert_ptr_nonnull(strstr(en, "Before this change the value was "
	    "9,000;"));
	free(en);
	change_free(c);
}
END_TEST

START_TEST(test_scenario_agreement_error)
{
	const struct change	*c = find_subject("cohere.command-r-v1:0");
	char			*en = advice_of(c, I18N_LANG_EN);
	char			*ja = advice_of(c, I18N_LANG_JA);

	ck_assert_int_eq(c->path, PATH_P1);
	ck_assert_ptr_nonnull(strstr(en, "aws-marketplace:ViewSubscriptions"));
	ck_assert_ptr_nonnull(strstr(en, "valid payment method"));
	ck_assert_ptr_nonnull(strstr(en, "call the model once more"));
	/* AWS's message, verbatim but made safe (U+202E escaped). */
	ck_assert_ptr_nonnull(strstr(en, "AWS's error message for the "
	    "agreement: Payment instrument declined"));
	ck_assert_ptr_null(strstr(en, "\xe2\x80\xae"));
	ck_assert_ptr_nonnull(strstr(ja, "Payment instrument declined"));
	ck_assert_ptr_nonnull(strstr(en, "Bedrock Allowlisting"));
	ck_assert_ptr_null(strstr(en, "not entitled"));
	ck_assert_ptr_null(strstr(en, "no entitlement"));
	ck_assert_ptr_nonnull(strstr(ja, "支払い方法"));
	ck_assert_ptr_null(strstr(ja, "利用資格が付与されておらず"));
	ck_assert_int_eq(report_has_case(c), 0);
	free(en);
	free(ja);
}
END_TEST

START_TEST(test_scenario_on_demand_dropped)
{
	const struct change	*c;
	char			*body, *en;

	c = find_subject("anthropic.claude-3-7-sonnet-20250219-v1:0");
	body = draft_text(c, REPORT_MODE_PLAIN, I18N_LANG_EN);
	en = advice_of(c, I18N_LANG_EN);
	ck_assert_ptr_nonnull(strstr(body, "Inference types before: inference "
	    "profile, on-demand (INFERENCE_PROFILE,ON_DEMAND); now: "
	    "inference profile (INFERENCE_PROFILE)."));
	ck_assert_ptr_nonnull(strstr(body, "no longer accepts on-demand"));
	ck_assert_ptr_null(strstr(body, "Throttl"));
	ck_assert_ptr_null(strstr(body, "throttl"));
	ck_assert_ptr_null(strstr(body, "tried"));
	ck_assert_ptr_nonnull(strstr(en, "Call the model through an inference "
	    "profile that includes it, instead of its model ID: "
	    "us.anthropic.claude-3-7-sonnet-20250219-v1:0."));
	ck_assert_ptr_null(strstr(en, "CloudWatch"));
	free(body);
	free(en);
}
END_TEST

START_TEST(test_scenario_not_adjustable)
{
	const struct change	*c = find_subject("L-ADJ01260");
	char			*en = advice_of(c, I18N_LANG_EN);
	struct capture		 cap;

	ck_assert_int_eq(c->path, PATH_P6);
	ck_assert_int_eq(c->severity, SEVERITY_WARNING);
	ck_assert_ptr_nonnull(strstr(en, "From now on an increase of this "
	    "quota can only be asked for through AWS Support; the current "
	    "value is 1,260,000."));
	ck_assert_ptr_null(strstr(en, "Check whether this affects"));
	capture_open(&cap);
	ck_assert_int_eq(report_case(cap.fp, c, "123456789012", REPORT_TEXT,
	    REPORT_LANG_EN), 0);
	capture_close(&cap);
	ck_assert_ptr_nonnull(strstr(cap.data, "Quota code: L-ADJ01260"));
	ck_assert_ptr_nonnull(strstr(cap.data, "Current applied value: "
	    "1,260,000"));
	ck_assert_ptr_nonnull(strstr(cap.data, "it links to the case form"));
	free(cap.data);
	free(en);
}
END_TEST

START_TEST(test_scenario_removed_never_accessible)
{
	const struct change	*c;
	char			*txt = render(REPORT_TEXT, REPORT_LANG_EN);
	char			*en, *act, *warn, *info, *p;

	c = find_subject("mistral.mistral-7b-instruct-v0:2");
	ck_assert_int_eq(c->severity, SEVERITY_INFO);
	act = strstr(txt, "Action required");
	warn = strstr(txt, "\nWarnings");
	info = strstr(txt, "For information");
	ck_assert(act != NULL && warn != NULL && info != NULL);
	/* In the one-line list at the top, as an Info entry. */
	ck_assert_ptr_nonnull(p = strstr(txt, "mistral.mistral-7b"));
	ck_assert(p < act);
	while (p > txt && strncmp(p, "- [", 3) != 0)
		p--;
	p += 3 + strspn(p + 3, "0123456789");
	ck_assert_msg(strncmp(p, "] Info", 6) == 0, "listed as: %.20s", p);
	*warn = '\0';
	ck_assert_ptr_null(strstr(act, "mistral.mistral-7b"));
	en = advice_of(c, I18N_LANG_EN);
	ck_assert_ptr_nonnull(strstr(en, "The account had no access to this "
	    "model in us-west-2"));
	free(en);
	free(txt);
}
END_TEST

START_TEST(test_scenario_profile_removed)
{
	char	*en = advice_of(find_subject(
	    "us.meta.llama3-2-1b-instruct-v1:0"), I18N_LANG_EN);

	ck_assert_ptr_nonnull(strstr(en, "Calls that use the inference profile "
	    "ID us.meta.llama3-2-1b-instruct-v1:0 fail from now on."));
	ck_assert_ptr_nonnull(strstr(en, "still include the same models: "
	    "us.meta.llama3-2-3b-instruct-v1:0."));
	free(en);
}
END_TEST

/*
 * A quota too low whose adjustability is unknown has no path: it gets
 * its own sentence, not a generic one.
 */
START_TEST(test_scenario_adjustability_unknown)
{
	struct change	*c;
	char		*en;

	c = quota_change(CHANGE_QUOTA_VALUE_CHANGED, "eu-west-1", "1000",
	    "10");
	quota_ctx(c, "1000", "10", "1000", -1);
	change_parse_nums(c);
	playbook_classify(c);
	ck_assert_int_eq(c->path, PATH_INFO);
	ck_assert_int_eq(c->severity, SEVERITY_ACTION);
	en = advice_of(c, I18N_LANG_EN);
	ck_assert_ptr_nonnull(strstr(en, "does not know whether it can be "
	    "raised in Service Quotas; open it in Service Quotas in "
	    "eu-west-1"));
	ck_assert_ptr_null(strstr(en, "Check whether this affects"));
	free(en);
	change_free(c);
}
END_TEST

/* Thousands separators in prose, in both languages; raw IDs untouched. */
START_TEST(test_group_number)
{
	static const char *const rows[][2] = { { "1260000", "1,260,000" },
	    { "1000", "1,000" }, { "999", "999" }, { "0.5", "0.5" },
	    { "12345.25", "12,345.25" }, { "-4000", "-4,000" },
	    { "1e+10", "1e+10" }, { "L-1000", "L-1000" }, { "", "" },
	    { "1000.", "1000." }, { "100000000", "100,000,000" } };
	struct buf	b = BUF_INIT;
	size_t		i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		buf_reset(&b);
		buf_addstr(&b, "");
		report_rw_group_number(&b, rows[i][0]);
		ck_assert_str_eq(b.data, rows[i][1]);
	}
	buf_free(&b);
}
END_TEST

/* The reader's time next to UTC, where the command filled it in. */
START_TEST(test_local_time)
{
	struct change		*c = find_subject("L-254CACF4");
	struct report_status	 st;
	struct capture		 cap;
	char			*en, *ja;

	set(&c->first_seen_local, "2025-06-02 12:00 JST");
	en = advice_of(c, I18N_LANG_EN);
	ck_assert_ptr_nonnull(strstr(en, "First seen: run #42 "
	    "(2025-06-02T03:00:00Z / 2025-06-02 12:00 JST)"));
	free(en);
	ja = draft_text(c, REPORT_MODE_PLAIN, I18N_LANG_JA);
	ck_assert_ptr_nonnull(strstr(ja, "2025-06-02T03:00:00Z / "
	    "2025-06-02 12:00 JST より前は 20 でした"));
	free(ja);
	status_fixture(&st);
	st.run_time_local = "2025-06-02 12:00 JST";
	capture_open(&cap);
	ck_assert_int_eq(report_status_write(cap.fp, &st, REPORT_TEXT,
	    REPORT_LANG_EN), 0);
	capture_close(&cap);
	ck_assert_ptr_nonnull(strstr(cap.data, "As of run #42 "
	    "(2025-06-02T03:00:00Z / 2025-06-02 12:00 JST)"));
	free(cap.data);
}
END_TEST

/* --- paste-safe drafts --- */

/*
 * Text: every line of the draft, as the JSON "case" strings have it
 * (never wrapped), is a whole, unindented line of the text output, in
 * the report and in the case document; the long subject stays one line.
 */
START_TEST(test_paste_text)
{
	enum i18n_lang	 l = (enum i18n_lang)_i;
	const struct change *c = find_subject("L-254CACF4");
	char		*plain = draft_text(c, REPORT_MODE_PLAIN, l);
	char		*txt = render(REPORT_TEXT, (enum report_lang)l);
	char		*p, *e;
	struct capture	 cap;
	size_t		 wide = 0;

	capture_open(&cap);
	ck_assert_int_eq(report_case(cap.fp, c, "123456789012", REPORT_TEXT,
	    (enum report_lang)l), 0);
	capture_close(&cap);
	for (p = plain; *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		e = strchr(p, '\n') != NULL ? strchr(p, '\n') : p + strlen(p);
		if (e == p)
			continue;
		ck_assert_msg(has_line(txt, p, (size_t)(e - p)),
		    "report: draft line not whole: %.*s", (int)(e - p), p);
		ck_assert_msg(has_line(cap.data, p, (size_t)(e - p)),
		    "case: draft line not whole: %.*s", (int)(e - p), p);
		*e = '\0';
		wide += escape_width(p) > REPORT_TEXT_WIDTH_COLS;
		*e = '\n';
	}
	ck_assert_uint_gt(wide, 0);
	free(cap.data);
	free(txt);
	free(plain);
}
END_TEST

/*
 * Markdown: the draft is a fenced code block, longer than any backtick
 * run inside, holding the text without Markdown escapes; controls are
 * still escaped.
 */
START_TEST(test_paste_markdown)
{
	struct change	*c;
	struct capture	 cap;
	char		*prose;

	c = find_subject("anthropic.claude-3-5-sonnet-20240620-v1:0");
	set(&c->subject_name, "Tick `a` ```b``` *c* _d_ <e> "
	    "\x1b[0m\xe2\x80\xae");
	capture_open(&cap);
	ck_assert_int_eq(report_case(cap.fp, c, "123456789012",
	    REPORT_MARKDOWN, REPORT_LANG_EN), 0);
	capture_close(&cap);
	ck_assert_ptr_nonnull(strstr(cap.data, "\n````\nSubject: Amazon "
	    "Bedrock: cannot enable"));
	ck_assert_ptr_nonnull(strstr(cap.data, "\nModel name: Tick `a` ```b``` "
	    "*c* _d_ <e> \\x1b[0m\\u202e\n"));
	ck_assert_ptr_nonnull(strstr(cap.data, "to our account.\n````\n"));
	ck_assert_ptr_null(strstr(cap.data, "\n> "));
	prose = outside_fences(cap.data);
	ck_assert_ptr_null(strstr(prose, "Model name:"));
	/* Outside the fence the same name is escaped for Markdown. */
	ck_assert_ptr_nonnull(strstr(prose, "\\*c\\*"));
	free(prose);
	free(cap.data);
}
END_TEST

/* --- Japanese: no English sentence in a ja report --- */

/* Phrases that are commands or code, not English prose. */
static const char *const code_phrases[] = { "aws sso login" };

/*
 * The first run of "min" or more English words in "s", or NULL.  A word
 * is a run of ASCII letters (with inner '-' or '\'') that has a
 * lowercase letter; words count as a run when only spaces separate
 * them.  IDs, code and enum values (a character of "_:./@0-9" or no
 * lowercase letter, like NOT_AUTHORIZED, AWS or us-east-1) break a run.
 */
static const char *
english_run(const char *s, size_t min)
{
	const char	*p = s, *start = NULL, *tok;
	size_t		 n = 0, i, len;
	int		 lower, code;

	while (*p != '\0') {
		for (i = 0; i < sizeof(code_phrases) / sizeof(code_phrases[0]);
		    i++)
			if (strncmp(p, code_phrases[i],
			    strlen(code_phrases[i])) == 0) {
				p += strlen(code_phrases[i]);
				n = 0;
			}
		if (*p == ' ') {
			p++;
			continue;
		}
		tok = p;
		lower = code = 0;
		while (*p != '\0' && *p != ' ' && (unsigned char)*p < 0x80) {
			if (*p >= 'a' && *p <= 'z')
				lower = 1;
			else if (strchr("_:./@0123456789", *p) != NULL)
				code = 1;
			else if (!(*p >= 'A' && *p <= 'Z') && *p != '-' &&
			    *p != '\'')
				break;
			p++;
		}
		len = (size_t)(p - tok);
		if (len == 0) {
			/* Punctuation or a wide character: a new sentence. */
			n = 0;
			p += (unsigned char)*p < 0x80 ? 1 : 1 +
			    ((unsigned char)*p >= 0xe0) +
			    ((unsigned char)*p >= 0xf0);
			continue;
		}
		if (!lower || code) {
			n = 0;
			continue;
		}
		if (n++ == 0)
			start = tok;
		if (n >= min)
			return start;
	}
	return NULL;
}

START_TEST(test_english_run)
{
	ck_assert_ptr_nonnull(english_run("「Request increase at account "
	    "level」を選びます", 3));
	ck_assert_ptr_nonnull(english_run("x: the model is offered", 3));
	ck_assert_ptr_null(english_run("AWS Support Center のページ", 3));
	ck_assert_ptr_null(english_run("Service Quotas（us-east-1）", 3));
	ck_assert_ptr_null(english_run("aws-marketplace:Subscribe、"
	    "aws-marketplace:Unsubscribe", 3));
	ck_assert_ptr_null(english_run("未許可（NOT_AUTHORIZED）→ 許可済み",
	    3));
	ck_assert_ptr_null(english_run("Amazon Bedrock の Model access", 3));
	ck_assert_ptr_null(english_run("aws sso login で再ログイン", 3));
	ck_assert_ptr_nonnull(english_run("is not authorized", 3));
}
END_TEST

/* Every Japanese template, without its placeholders. */
START_TEST(test_ja_catalogue_no_english)
{
	enum i18n_msg	 m;
	const char	*s, *hit;

	for (m = 0; m < I18N__COUNT; m++) {
		s = i18n_get(m, I18N_LANG_JA);
		hit = english_run(s, 3);
		ck_assert_msg(hit == NULL, "message %d: English in ja: %s",
		    (int)m, hit);
	}
}
END_TEST

/* Assert that "out" has no run of 3 English words; "what" names it. */
static void
assert_no_english(const char *what, const char *out)
{
	const char	*hit = english_run(out, 3);

	ck_assert_msg(hit == NULL, "%s: English in ja output: %.60s", what,
	    hit);
}

/*
 * The ja report, case drafts and status view of the fixture, with the
 * strings that come from AWS (names, error messages) replaced by
 * Japanese ones: what is left is the program's own text.
 */
START_TEST(test_ja_output_no_english)
{
	static const enum report_format	 fmts[] = { REPORT_TEXT,
	    REPORT_MARKDOWN };
	struct report_status		 st;
	struct report_status_model	 m[16];
	struct report_status_quota	 q[8];
	struct report_status_request	 r[8];
	struct report_open		 ja_open[32];
	struct capture			 cap;
	char				*out;
	size_t				 i, k;

	for (i = 0; i < fx_changes.len; i++) {
		set(&fx_changes.items[i]->subject_name, "名前");
		set(&fx_changes.items[i]->agreement_message, "メッセージ");
	}
	for (i = 0; i < sizeof(fx_regions) / sizeof(fx_regions[0]); i++) {
		if (fx_regions[i].error_message != NULL)
			fx_regions[i].error_message = "メッセージ";
	}
	/* The entries copy the changes: fold them again. */
	entry_list_free(&fx_entries);
	entry_build(&fx_changes, &fx_entries);
	/* The open problems' names come from AWS too. */
	ck_assert_uint_le(fx_in.opensz, sizeof(ja_open) / sizeof(ja_open[0]));
	for (i = 0; i < fx_in.opensz; i++) {
		ja_open[i] = fx_in.open[i];
		ja_open[i].subject_name = "名前";
	}
	fx_in.open = ja_open;
	for (k = 0; k < sizeof(fmts) / sizeof(fmts[0]); k++) {
		out = render(fmts[k], REPORT_LANG_JA);
		assert_no_english("report", out);
		free(out);
		for (i = 0; i < fx_changes.len; i++) {
			capture_open(&cap);
			(void)report_case(cap.fp, fx_changes.items[i],
			    "123456789012", fmts[k], REPORT_LANG_JA);
			capture_close(&cap);
			assert_no_english("case", cap.data);
			free(cap.data);
		}
		status_fixture(&st);
		ck_assert_uint_le(st.modelsz, 16);
		memcpy(m, st.models, st.modelsz * sizeof(*m));
		memcpy(q, st.quotas, st.quotasz * sizeof(*q));
		memcpy(r, st.requests, st.requestsz * sizeof(*r));
		for (i = 0; i < st.modelsz; i++)
			m[i].model_name = "名前";
		for (i = 0; i < st.quotasz; i++)
			q[i].quota_name = "名前";
		for (i = 0; i < st.requestsz; i++)
			r[i].quota_name = "名前";
		st.models = m;
		st.quotas = q;
		st.requests = r;
		capture_open(&cap);
		ck_assert_int_eq(report_status_write(cap.fp, &st, fmts[k],
		    REPORT_LANG_JA), 0);
		capture_close(&cap);
		assert_no_english("status", cap.data);
		free(cap.data);
	}
}
END_TEST

/* Occurrences of "needle" in "hay". */
static size_t
count(const char *hay, const char *needle)
{
	size_t	n = 0;

	for (; (hay = strstr(hay, needle)) != NULL; hay += strlen(needle))
		n++;
	return n;
}

/* The fixture report as HTML in language "l", with charts "c".  Owned. */
static char *
html_report(enum report_lang l, const struct report_charts *c)
{
	struct report_input	in = fx_in;
	struct capture		cap;

	in.charts = c;
	capture_open(&cap);
	ck_assert_int_eq(report_write(cap.fp, &in, REPORT_HTML, l), 0);
	capture_close(&cap);
	return cap.data;
}

/* Every element that the writer opens, it closes. */
START_TEST(test_html_balanced)
{
	static const char *const tags[][2] = { { "<ul", "</ul>" },
	    { "<ol", "</ol>" }, { "<li", "</li>" }, { "<svg", "</svg>" },
	    { "<pre", "</pre>" }, { "<table", "</table>" }, { "<p ", "</p>" },
	    { "<h2", "</h2>" }, { "<h3", "</h3>" }, { "<h4", "</h4>" },
	    { "<main>", "</main>" }, { "<title>", "</title>" } };
	char	*out = html_report((enum report_lang)_i, &fx_charts);
	size_t	 i;

	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		ck_assert_msg(count(out, tags[i][0]) == count(out, tags[i][1]),
		    "%s: %zu opened, %zu closed", tags[i][0],
		    count(out, tags[i][0]), count(out, tags[i][1]));
	ck_assert_ptr_nonnull(strstr(out, _i == 0 ? "<html lang=\"en\">" :
	    "<html lang=\"ja\">"));
	ck_assert_uint_eq(count(out, "<h1"), 1);
	free(out);
}
END_TEST

/*
 * Hostile names (in the changes and in every chart) stay text: the one
 * <script> element is the page's own, no attribute is broken out of,
 * no bidi override or terminal control reaches the page, and the page
 * fetches nothing (no src, no link element, no url()).
 */
START_TEST(test_html_hostile)
{
	char	*out = html_report((enum report_lang)_i, &fx_charts);

	ck_assert_uint_eq(count(out, "<script"), 1);
	ck_assert_uint_eq(count(out, "<b>"), 0);
	ck_assert_uint_ge(count(out, "&lt;script&gt;alert(1)&lt;/script&gt;"),
	    3);
	/* Chart labels are cut: the name's start, its Markdown as is. */
	ck_assert_uint_ge(count(out, "Evil *bold* _it_ [link](http://x.example)"
	    " # | &lt;s..."), 6);
	ck_assert_ptr_null(strstr(out, "\xe2\x80\xae"));
	ck_assert_ptr_nonnull(strstr(out, "\\u202e&lt;b&gt;"));
	assert_no_controls(out, strlen(out));
	ck_assert_uint_eq(count(out, "src="), 0);
	ck_assert_uint_eq(count(out, "<link"), 0);
	ck_assert_uint_eq(count(out, "url("), 0);
	ck_assert_uint_eq(count(out, "<img"), 0);
	ck_assert_ptr_nonnull(strstr(out, "Content-Security-Policy"));
	ck_assert_ptr_nonnull(strstr(out, "default-src 'none'"));
	free(out);
}
END_TEST

/* The matrix: a cell per model and region, the changed ones marked. */
START_TEST(test_html_matrix)
{
	char	*out = html_report(REPORT_LANG_EN, &fx_charts);

	ck_assert_uint_eq(count(out, " chg\""), 4);
	ck_assert_uint_eq(count(out, "<rect class=\"a0"), 8);
	ck_assert_uint_eq(count(out, "<rect class=\"a4"), 3);
	ck_assert_uint_eq(count(out, "<rect class=\"a5"), 1);
	ck_assert_ptr_nonnull(strstr(out, "<title>us-east-1, "
	    "anthropic.claude-3-haiku-20240307-v1:0: not authorized"));
	ck_assert_ptr_nonnull(strstr(out, "<title>eu-west-1, "
	    "cohere.command-r-v1:0: agreement problem"));
	ck_assert_ptr_nonnull(strstr(out, "4 models in 4 regions"));
	free(out);
}
END_TEST

/* A step chart labels each change point, and only those. */
START_TEST(test_html_quota_steps)
{
	char	*out = html_report(REPORT_LANG_EN, &fx_charts);

	ck_assert_uint_eq(count(out, "<text class=\"vl ap\""), 4);
	ck_assert_uint_eq(count(out, "<text class=\"vl df\""), 2);
	ck_assert_ptr_nonnull(strstr(out, ">1,500</text>"));
	ck_assert_ptr_nonnull(strstr(out, ">2025-05-01</text>"));
	ck_assert_ptr_nonnull(strstr(out, "(L-2DC80978)</h4>"));
	free(out);
}
END_TEST

/*
 * Usage bars: one per quota, as long as its percentage, the 80% line;
 * nothing at all when there is no usage (synthetic list: the data
 * source is wired by the view).
 */
START_TEST(test_html_usage)
{
	struct report_charts	 c = fx_charts;
	char			*out = html_report(REPORT_LANG_EN, &c);

	ck_assert_uint_eq(count(out, "<rect class=\"ub\""), 2);
	/* The bar span is 640 - 8 - 56 = 576 units at 100%. */
	ck_assert_ptr_nonnull(strstr(out, "width=\"529.9\""));
	ck_assert_ptr_nonnull(strstr(out, "width=\"288.0\""));
	ck_assert_ptr_nonnull(strstr(out, "<path class=\"ul\" d=\"M468.8 "));
	ck_assert_ptr_nonnull(strstr(out, "us-east-1: On-demand InvokeModel "
	    "requests per minute for Anthropic Claude 3 Haiku: peak 184 per "
	    "minute, 92% of 200"));
	free(out);
	c.usage = NULL;
	c.usagesz = 0;
	out = html_report(REPORT_LANG_EN, &c);
	ck_assert_uint_eq(count(out, "class=\"ub\""), 0);
	ck_assert_ptr_null(strstr(out, "Peak usage against quota"));
	free(out);
}
END_TEST

/*
 * The timeline: a bar group per observed day, a dashed box (not a bar of
 * zero) for a day no run recorded data on, explained only when there is
 * one; no charts at all without data.
 */
START_TEST(test_html_timeline)
{
	static const struct report_charts	 none;
	static const struct report_day		 seen[] = {
	    { "2025-06-01", 0, 0, 0, 1 }, { "2025-06-02", 11, 5, 7, 1 } };
	struct report_charts			 all = fx_charts;
	char					*out;

	out = html_report(REPORT_LANG_JA, &fx_charts);
	ck_assert_ptr_nonnull(strstr(out, "2025-06-02: 対応 11 件、警告 5 件、"
	    "情報 7 件"));
	ck_assert_ptr_nonnull(strstr(out, "<title>2025-06-01: データを記録した"
	    "実行がないため、変更は不明です</title>"));
	ck_assert_uint_eq(count(out, "<rect class=\"bg\""), 1);
	ck_assert_uint_eq(count(out, "<rect class=\"nd\""), 1);
	ck_assert_ptr_nonnull(strstr(out, "<span class=\"sw nd\"></span>"
	    "データなし"));
	ck_assert_ptr_nonnull(strstr(out, "破線の枠は"));
	free(out);
	out = html_report(REPORT_LANG_EN, &fx_charts);
	ck_assert_ptr_nonnull(strstr(out, "<title>2025-06-01: no run recorded "
	    "data, so its changes are unknown</title>"));
	ck_assert_ptr_null(strstr(out, "2025-06-01: 0 action"));
	ck_assert_ptr_nonnull(strstr(out, "A dashed box is a day on which no "
	    "run recorded data"));
	free(out);
	all.days = seen;
	out = html_report(REPORT_LANG_EN, &all);
	ck_assert_uint_eq(count(out, "<rect class=\"bg\""), 2);
	ck_assert_uint_eq(count(out, "<rect class=\"nd\""), 0);
	ck_assert_ptr_nonnull(strstr(out, "2025-06-01: 0 action, 0 warning, "
	    "0 info"));
	ck_assert_ptr_null(strstr(out, "sw nd"));
	ck_assert_ptr_null(strstr(out, "A dashed box"));
	free(out);
	out = html_report(REPORT_LANG_EN, &none);
	ck_assert_uint_eq(count(out, "<svg"), 0);
	ck_assert_ptr_null(strstr(out, "<h2 class=\"d0\">Charts</h2>"));
	free(out);
	out = html_report(REPORT_LANG_EN, NULL);
	ck_assert_uint_eq(count(out, "<svg"), 0);
	free(out);
}
END_TEST

/*
 * The archive's index: a calendar and a table per month, newest first,
 * each day linked in both, its counts and its run's health.
 */
START_TEST(test_archive_index)
{
	static const struct report_archive_day	 days[] = {
		{ "2025-06-02", 42, RUN_STATUS_PARTIAL, 3, 1 },
		{ "2025-06-01", 41, RUN_STATUS_COMPLETE, 0, 0 },
		{ "2025-05-31", 40, RUN_STATUS_FAILED, 0, 2 },
	};
	struct capture				 cap;
	enum report_lang			 l = (enum report_lang)_i;

	capture_open(&cap);
	ck_assert_int_eq(report_archive_index(cap.fp, days, 3, l), 0);
	capture_close(&cap);
	ck_assert_uint_eq(count(cap.data, "<table class=\"cal\">"), 2);
	ck_assert_uint_eq(count(cap.data, "<h2 class=\"d0\">"), 2);
	ck_assert_ptr_nonnull(strstr(cap.data, "<h2 class=\"d0\">2025-06</h2>"));
	ck_assert(strstr(cap.data, "2025-06</h2>") <
	    strstr(cap.data, "2025-05</h2>"));
	ck_assert_uint_eq(count(cap.data, "href=\"2025-06-02.html\""), 2);
	ck_assert_uint_eq(count(cap.data, "href=\"2025-05-31.json\""), 1);
	/* 2025-06-01 was a Sunday: six empty cells before it. */
	ck_assert_ptr_nonnull(strstr(cap.data, "<tr><td></td><td></td>"
	    "<td></td><td></td><td></td><td></td><td class=\"ok\">"));
	ck_assert_ptr_nonnull(strstr(cap.data, "<td class=\"partial\"><a "
	    "href=\"2025-06-02.html\""));
	ck_assert_ptr_nonnull(strstr(cap.data, "<tr class=\"failed\"><td>"
	    "<a href=\"2025-05-31.html\">2025-05-31</a></td><td>#40</td>"
	    "<td>0</td><td>2</td>"));
	ck_assert_ptr_nonnull(strstr(cap.data, l == REPORT_LANG_EN ?
	    "<th>Mon</th>" : "<th>月</th>"));
	ck_assert_uint_eq(count(cap.data, "<table"), count(cap.data,
	    "</table>"));
	free(cap.data);
}
END_TEST

/* The text formats never carry the charts. */
START_TEST(test_charts_html_only)
{
	struct capture	cap;

	capture_open(&cap);
	ck_assert_int_eq(report_write(cap.fp, &fx_in, REPORT_MARKDOWN,
	    REPORT_LANG_EN), 0);
	capture_close(&cap);
	ck_assert_ptr_null(strstr(cap.data, "svg"));
	ck_assert_ptr_null(strstr(cap.data, "Charts"));
	free(cap.data);
}
END_TEST

/* --- the organization-wide report (report_org_write()) --- */

#define ORG_A	"111111111111"
#define ORG_B	"222222222222"
#define ORG_C	"333333333333"

/* The fixture's change about "subject" in "region". */
static const struct change *
fx_find(const char *region, const char *subject)
{
	size_t	i;

	for (i = 0; i < fx_changes.len; i++)
		if (strcmp(fx_changes.items[i]->region, region) == 0 &&
		    strcmp(fx_changes.items[i]->subject, subject) == 0)
			return fx_changes.items[i];
	ck_abort_msg("no fixture change %s/%s", region, subject);
	return NULL;
}

/* A copy of fixture change region/subject into "l", with "old" if set. */
static struct change *
org_copy(struct change_list *l, const char *region, const char *subject,
    const char *old)
{
	struct change	*c = change_dup(fx_find(region, subject));

	c->change_id += 1000 * (long long)(l->len + 1);
	if (old != NULL) {
		set(&c->old_value, old);
		change_parse_nums(c);
	}
	change_list_push(l, c);
	return c;
}

/*
 * Three accounts: A saw every change of the fixture; B the Haiku access
 * lost and the new model alike, the lowered default from another old
 * value, and one of its own (Haiku in us-west-2); C the Haiku access
 * lost.  A fourth failed (hostile message) and no run ever collected
 * it, a fifth was skipped, a sixth was not in the newest run; three
 * (account, region) gaps.
 */
struct org_fx {
	struct change_list		 b, c;
	struct entry_list		 eb, ec;
	struct org_account		 in[3];
	struct org_list			 groups;
	struct report_org_account	 acct[6];
	struct report_org_gap		 gaps[3];
	struct report_org_open		 open[4];
	struct report_org_changes	 changes[3];
	struct report_org		 o;
};

static void
org_fixture(struct org_fx *x)
{
	struct change	*c;
	size_t		 i;

	memset(x, 0, sizeof(*x));
	org_copy(&x->b, "us-east-1", "anthropic.claude-3-haiku-20240307-v1:0",
	    NULL);
	org_copy(&x->b, "us-east-1", "amazon.nova-premier-v1:0", NULL);
	org_copy(&x->b, "us-east-1", "L-2DC80978", "2000");
	c = org_copy(&x->b, "us-east-1",
	    "anthropic.claude-3-haiku-20240307-v1:0", NULL);
	set(&c->region, "us-west-2");
	org_copy(&x->c, "us-east-1", "anthropic.claude-3-haiku-20240307-v1:0",
	    NULL);
	entry_build(&x->b, &x->eb);
	entry_build(&x->c, &x->ec);
	x->in[0] = (struct org_account){ ORG_A, &fx_entries, 1 };
	x->in[1] = (struct org_account){ ORG_B, &x->eb, 1 };
	x->in[2] = (struct org_account){ ORG_C, &x->ec, 1 };
	org_fold(x->in, 3, &x->groups);
	for (i = 0; i < 6; i++) {
		x->acct[i].named = 1;
		x->acct[i].status = ACCOUNT_STATUS_COLLECTED;
		x->acct[i].org_status = "ACTIVE";
		x->acct[i].operation = x->acct[i].error_code =
		    x->acct[i].error_message = "";
	}
	x->acct[0].account_id = ORG_A;
	x->acct[1].account_id = ORG_B;
	x->acct[2].account_id = ORG_C;
	x->acct[3].account_id = "444444444444";
	x->acct[3].status = ACCOUNT_STATUS_FAILED;
	x->acct[3].operation = "AssumeRole";
	x->acct[3].error_code = "AccessDenied";
	x->acct[3].error_message = "not authorized \x1b[31m<b>x</b>";
	x->acct[3].fix = PLAYBOOK_ASSUME_TRUST;
	x->acct[4].account_id = "555555555555";
	x->acct[4].status = ACCOUNT_STATUS_SKIPPED;
	x->acct[4].org_status = "SUSPENDED";
	x->acct[5].account_id = "666666666666";
	x->acct[5].named = 0;
	x->acct[5].org_status = "";
	x->gaps[0] = (struct report_org_gap){ ORG_A, "eu-west-1", 0,
	    REGION_STATUS_FAILED, "AccessDeniedException" };
	x->gaps[1] = (struct report_org_gap){ ORG_B, "ap-northeast-1", 1,
	    REGION_STATUS_OK, "" };
	x->gaps[2] = (struct report_org_gap){ ORG_C, "us-west-2", 0,
	    REGION_STATUS_NOT_ENABLED, "" };
	for (i = 0; i < 3; i++)
		x->open[i].known = 1;
	x->open[0].account_id = ORG_A;
	for (i = 0; i < fx_in.opensz; i++) {
		x->open[0].count[fx_in.open[i].verdict.path]++;
		x->open[0].total++;
	}
	x->open[1].account_id = ORG_B;
	x->open[2].account_id = ORG_C;
	x->open[2].count[PATH_P4] = 2;
	x->open[2].total = 2;
	x->open[3].account_id = "444444444444";	/* never collected */
	x->changes[0] = (struct report_org_changes){ ORG_A, &fx_changes };
	x->changes[1] = (struct report_org_changes){ ORG_B, &x->b };
	x->changes[2] = (struct report_org_changes){ ORG_C, &x->c };
	x->o.from_run = 41;
	x->o.to_run = 42;
	x->o.from_time = "2025-06-01T03:00:00Z";
	x->o.to_time = "2025-06-02T03:00:00Z";
	x->o.collection = fx_in.collection;
	x->o.accounts = x->acct;
	x->o.accountsz = 6;
	x->o.collected = x->groups.collected;
	x->o.regionsz = 6;
	x->o.gaps = x->gaps;
	x->o.gapsz = 3;
	x->o.groups = &x->groups;
	x->o.changes = x->changes;
	x->o.changesz = 3;
	x->o.open = x->open;
	x->o.opensz = 4;
}

static void
org_fixture_free(struct org_fx *x)
{
	org_list_free(&x->groups);
	entry_list_free(&x->eb);
	entry_list_free(&x->ec);
	change_list_free(&x->b);
	change_list_free(&x->c);
}

/* Render "o" and compare it with golden "prefix.LANG.FMT"; owned text. */
static char *
org_golden(const char *prefix, const struct report_org *o,
    enum report_format f, enum report_lang l, size_t *len)
{
	struct capture	cap;
	char		name[64];

	capture_open(&cap);
	ck_assert_int_eq(report_org_write(cap.fp, o, f, l), 0);
	capture_close(&cap);
	(void)snprintf(name, sizeof(name), "%s.%s.%s", prefix, lang_names[l],
	    fmt_names[f]);
	golden(name, cap.data, cap.len);
	*len = cap.len;
	return cap.data;
}

/* The org page's elements are balanced; one h1; the hostile text inert. */
static void
assert_org_html(const char *out)
{
	static const char *const tags[][2] = { { "<ul", "</ul>" },
	    { "<li", "</li>" }, { "<table", "</table>" }, { "<p ", "</p>" },
	    { "<h2", "</h2>" }, { "<h3", "</h3>" }, { "<main>", "</main>" } };
	size_t	i;

	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		ck_assert_msg(count(out, tags[i][0]) == count(out, tags[i][1]),
		    "%s: %zu opened, %zu closed", tags[i][0],
		    count(out, tags[i][0]), count(out, tags[i][1]));
	ck_assert_uint_eq(count(out, "<h1"), 1);
	ck_assert_uint_eq(count(out, "<table"), 2);	/* gaps, open */
	ck_assert_ptr_null(strstr(out, "<b>x"));
}

START_TEST(test_org_golden)
{
	enum report_format	 f = (enum report_format)(_i % 4);
	enum report_lang	 l = (enum report_lang)(_i / 4);
	struct org_fx		 x;
	char			*out;
	size_t			 len;

	org_fixture(&x);
	out = org_golden("org", &x.o, f, l, &len);
	ck_assert_msg(valid_utf8(out, len), "output is not valid UTF-8");
	if (f != REPORT_JSON)
		assert_no_controls(out, len);
	if (f == REPORT_HTML)
		assert_org_html(out);
	/* The Haiku access lost of A, B and C: one entry, 3 of 3. */
	if (f == REPORT_TEXT && l == REPORT_LANG_EN)
		ck_assert_ptr_nonnull(strstr(out, "Seen in 3 of 3 accounts: "
		    ORG_A ", " ORG_B ", " ORG_C));
	free(out);
	x.o.status = 1;
	out = org_golden("org-status", &x.o, f, l, &len);
	ck_assert_ptr_null(strstr(out, "L-2DC80978\n"));
	free(out);
	org_fixture_free(&x);
}
END_TEST

/* "o" rendered in format "f" and language "l"; the caller frees it. */
static char *
org_render(const struct report_org *o, enum report_format f,
    enum report_lang l)
{
	struct capture	cap;

	capture_open(&cap);
	ck_assert_int_eq(report_org_write(cap.fp, o, f, l), 0);
	capture_close(&cap);
	return cap.data;
}

/*
 * Open problems of the organization: an account no run has collected is
 * named as unknown, and "no account has an open problem" is said only
 * when every account is known.
 */
START_TEST(test_org_open_unknown)
{
	struct org_fx	 x;
	char		*out;
	size_t		 i;

	org_fixture(&x);
	for (i = 0; i < 4; i++) {
		memset(x.open[i].count, 0, sizeof(x.open[i].count));
		x.open[i].total = 0;
	}
	out = org_render(&x.o, REPORT_TEXT, REPORT_LANG_EN);
	ck_assert_ptr_nonnull(strstr(out, "No account that a run has "
	    "collected has an open problem."));
	ck_assert_ptr_nonnull(strstr(out, "Not known for 444444444444: "
	    "no run has collected it yet"));
	ck_assert_ptr_null(strstr(out, "No account has an open"));
	free(out);
	/* Not named by the newest run either: the coverage says so too. */
	x.acct[3].named = 0;
	out = org_render(&x.o, REPORT_MARKDOWN, REPORT_LANG_EN);
	ck_assert_ptr_nonnull(strstr(out, "444444444444: not part of "
	    "the newest run, and no run has collected it yet"));
	ck_assert_ptr_nonnull(strstr(out, "666666666666: not part of "
	    "the newest run; what this report shows"));
	free(out);
	x.open[3].known = 1;
	out = org_render(&x.o, REPORT_MARKDOWN, REPORT_LANG_EN);
	ck_assert_ptr_nonnull(strstr(out, "No account has an open "
	    "problem."));
	ck_assert_ptr_null(strstr(out, "Not known for"));
	free(out);
	org_fixture_free(&x);
}
END_TEST

/*
 * The organization report says why the newest run collected nothing:
 * as the run's own failure when it failed as a whole, as a shard's when
 * the run (merged) collected other accounts; JSON: coverage.run_failure.
 */
START_TEST(test_org_run_failure)
{
	static const struct report_region creds = {
		.region = "", .status = REGION_STATUS_FAILED,
		.operation = RUN_STEP_CREDENTIALS, .error_code = "",
		.error_message = "SSO (profile x): no cached token: run "
		    "\"aws sso login --profile x\"" };
	enum report_lang	 l = (enum report_lang)(_i % 2);
	int			 whole = _i / 2;
	struct org_fx		 x;
	char			*out;

	org_fixture(&x);
	x.o.collection.run_failure = &creds;
	x.o.collection.status = whole ? RUN_STATUS_FAILED :
	    RUN_STATUS_PARTIAL;
	out = org_render(&x.o, REPORT_MARKDOWN, l);
	ck_assert_ptr_nonnull(strstr(out, "aws sso login --profile x"));
	ck_assert_ptr_nonnull(strstr(out, whole ? (l == REPORT_LANG_EN ?
	    "No credentials could be found or obtained" :
	    "認証情報が見つからないか取得できなかった") : (l ==
	    REPORT_LANG_EN ? "Part of this run collected nothing: a shard" :
	    "この実行の一部は何も収集していません")));
	free(out);
	out = org_render(&x.o, REPORT_JSON, l);
	ck_assert_ptr_nonnull(strstr(out, "\"run_failure\": {"));
	ck_assert_ptr_nonnull(strstr(out, "\"operation\": "
	    "\"credentials\""));
	free(out);
	org_fixture_free(&x);
}
END_TEST

/* The JSON's members: each change once with its account, per_account. */
START_TEST(test_org_json)
{
	struct org_fx	 x;
	struct capture	 cap;
	cJSON		*root, *e, *p, *it;
	size_t		 n = 0, want;
	int		 seen3 = 0;

	org_fixture(&x);
	capture_open(&cap);
	ck_assert_int_eq(report_org_write(cap.fp, &x.o, REPORT_JSON,
	    REPORT_LANG_EN), 0);
	capture_close(&cap);
	ck_assert_ptr_nonnull(root = cJSON_Parse(cap.data));
	want = fx_changes.len + x.b.len + x.c.len;
	cJSON_ArrayForEach(it, cJSON_GetObjectItem(root, "changes")) {
		ck_assert(cJSON_IsString(cJSON_GetObjectItem(it,
		    "account_id")));
		n++;
	}
	ck_assert_uint_eq(n, want);
	cJSON_ArrayForEach(e, cJSON_GetObjectItem(root, "entries")) {
		p = cJSON_GetObjectItem(e, "per_account");
		ck_assert_int_eq(cJSON_GetArraySize(p), cJSON_GetArraySize(
		    cJSON_GetObjectItem(e, "accounts")));
		ck_assert_int_eq(cJSON_GetArraySize(p), cJSON_GetObjectItem(e,
		    "seen_in")->valueint);
		if (cJSON_GetObjectItem(e, "seen_in")->valueint == 3)
			seen3++;
	}
	/* Haiku in us-east-1: the one change all three saw alike. */
	ck_assert_int_eq(seen3, 1);
	ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(
	    cJSON_GetObjectItem(root, "coverage"), "gaps")), 3);
	/* The account no run collected: its counts are null, not 0. */
	it = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "open"), 3);
	ck_assert_str_eq(cJSON_GetObjectItem(it, "account_id")->valuestring,
	    "444444444444");
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(it, "total")));
	ck_assert(cJSON_IsNull(cJSON_GetObjectItem(it, "by_path")));
	it = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "open"), 2);
	ck_assert_int_eq(cJSON_GetObjectItem(it, "total")->valueint, 2);
	cJSON_Delete(root);
	free(cap.data);
	org_fixture_free(&x);
}
END_TEST

static Suite *
report_suite(void)
{
	Suite	*s = suite_create("report");
	TCase	*tc;

	tc = tcase_create("golden");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_report_golden, 0, 8);
	tcase_add_loop_test(tc, test_empty_golden, 0, 8);
	tcase_add_test(tc, test_empty_null_list);
	tcase_add_test(tc, test_assume_fix_text);
	tcase_add_loop_test(tc, test_account_never_collected, 0, 4);
	tcase_add_loop_test(tc, test_run_failure, 0, 4);
	tcase_add_loop_test(tc, test_case_golden, 0, 18);
	tcase_add_test(tc, test_case_not_needed);
	tcase_add_test(tc, test_case_no_account);
	tcase_add_loop_test(tc, test_status_golden, 0, 6);
	tcase_add_loop_test(tc, test_status_newer_failed, 0, 2);
	tcase_add_test(tc, test_status_empty);
	tcase_add_loop_test(tc, test_org_golden, 0, 8);
	tcase_add_test(tc, test_org_open_unknown);
	tcase_add_loop_test(tc, test_org_run_failure, 0, 4);
	tcase_add_test(tc, test_org_json);
	suite_add_tcase(s, tc);

	tc = tcase_create("html");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_html_balanced, 0, 2);
	tcase_add_loop_test(tc, test_html_hostile, 0, 2);
	tcase_add_test(tc, test_html_matrix);
	tcase_add_test(tc, test_html_quota_steps);
	tcase_add_test(tc, test_html_usage);
	tcase_add_test(tc, test_html_timeline);
	tcase_add_test(tc, test_charts_html_only);
	tcase_add_loop_test(tc, test_archive_index, 0, 2);
	suite_add_tcase(s, tc);

	tc = tcase_create("json");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_json_fields, 0, 2);
	tcase_add_test(tc, test_json_long_name_whole);
	tcase_add_test(tc, test_json_status_fields);
	suite_add_tcase(s, tc);

	tc = tcase_create("hostile");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_hostile_markdown, 0, 2);
	tcase_add_loop_test(tc, test_hostile_text, 0, 2);
	suite_add_tcase(s, tc);

	tc = tcase_create("content");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_content_en);
	tcase_add_test(tc, test_content_ja);
	tcase_add_test(tc, test_japanese_wrap);
	suite_add_tcase(s, tc);

	tc = tcase_create("api");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_format_parse);
	tcase_add_loop_test(tc, test_region_fix, 0,
	    (int)(sizeof(fixes) / sizeof(fixes[0])));
	tcase_add_test(tc, test_write_error);
	tcase_add_test(tc, test_bad_arguments);
	suite_add_tcase(s, tc);

	tc = tcase_create("issue10");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_scenario_paths);
	tcase_add_test(tc, test_scenario_default_under_override);
	tcase_add_test(tc, test_scenario_value_before_is_applied);
	tcase_add_test(tc, test_scenario_agreement_error);
	tcase_add_test(tc, test_scenario_on_demand_dropped);
	tcase_add_test(tc, test_scenario_not_adjustable);
	tcase_add_test(tc, test_scenario_removed_never_accessible);
	tcase_add_test(tc, test_scenario_profile_removed);
	tcase_add_test(tc, test_scenario_adjustability_unknown);
	tcase_add_test(tc, test_group_number);
	tcase_add_test(tc, test_local_time);
	tcase_add_loop_test(tc, test_paste_text, 0, 2);
	tcase_add_test(tc, test_paste_markdown);
	tcase_add_test(tc, test_english_run);
	tcase_add_test(tc, test_ja_catalogue_no_english);
	tcase_add_test(tc, test_ja_output_no_english);
	suite_add_tcase(s, tc);

	tc = tcase_create("catalogue");
	tcase_add_test(tc, test_catalogue_complete);
	tcase_add_test(tc, test_catalogue_polite);
	tcase_add_test(tc, test_catalogue_expand);
	suite_add_tcase(s, tc);

	tc = tcase_create("layout");
	tcase_add_test(tc, test_layout_wrap);
	tcase_add_test(tc, test_layout_md_quote);
	tcase_add_test(tc, test_layout_table);
	tcase_add_test(tc, test_layout_ja_spacing);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_main(report_suite());
}
