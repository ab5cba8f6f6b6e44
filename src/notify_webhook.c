/*
 * notify_webhook.c: the Slack incoming webhook and the Microsoft Teams
 * Workflows webhook: one JSON POST each, on the shared HTTP engine
 * (http.c: https only, or http to loopback; no redirects; retries as
 * retry.c decides, within the target's time limit).
 *
 * The target's time limit is split over WEBHOOK_ATTEMPTS attempts and no
 * later round is asked for (http_run() without a deadline), so that a
 * hook that answers 500 is told as "HTTP 500", not as a deadline, and
 * the whole send takes about the limit (plus retry.c's back-off).
 *
 * The URL holds the webhook's token: it goes to the engine and nowhere
 * else.  A failure is told by its HTTP status or transport code only,
 * never with the URL (libcurl's own messages may name the host).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"
#include "notify.h"
#include "util.h"

#define WEBHOOK_ATTEMPTS	2	/* a retry, then the failure is told */

/* What the done callback leaves. */
struct webhook_result {
	int	 done;
	int	 ok;
	char	*why;
};

static void
webhook_done(void *arg, const struct http_response *resp,
    const struct http_error *err)
{
	struct webhook_result	*r = arg;

	r->done = 1;
	if (resp != NULL) {
		r->ok = 1;
		return;
	}
	if (err->status > 0)
		r->why = xasprintf("HTTP %ld after %d attempts", err->status,
		    err->attempts);
	else
		r->why = xasprintf("%s after %d attempts",
		    err->code != NULL ? err->code : "no reply", err->attempts);
}

/* POST "body" to the target's URL; 0, or -1 with *why. */
static int
webhook_post(const struct notify_target *t, const struct buf *body,
    char **why)
{
	struct http_config	 hc;
	struct http_call	 call;
	struct http_headers	 h = { NULL, 0 };
	struct webhook_result	 r = { 0, 0, NULL };
	struct http		*eng;
	char			*key;

	memset(&hc, 0, sizeof(hc));
	hc.request_timeout_ms = t->timeout_sec * 1000L / WEBHOOK_ATTEMPTS;
	if (hc.request_timeout_ms < 1000)
		hc.request_timeout_ms = 1000;
	hc.connect_timeout_ms = hc.request_timeout_ms;
	hc.max_attempts = WEBHOOK_ATTEMPTS;
	hc.max_in_flight = 1;
	hc.max_per_endpoint = 1;
	hc.ca_bundle = getenv("AWS_CA_BUNDLE");
	hc.seed = (uint64_t)util_now_ms();
	if ((eng = http_new(&hc)) == NULL) {
		*why = xstrdup("the HTTP engine could not start");
		return -1;
	}
	http_headers_add(&h, "Content-Type", "application/json");
	key = xasprintf("webhook/%s", t->name);
	memset(&call, 0, sizeof(call));
	call.method = "POST";
	call.url = t->url;
	call.headers = &h;
	call.body = body->data;
	call.bodysz = body->len;
	call.endpoint_key = key;
	call.operation = notify_type_name(t->type);
	call.region = "-";
	if (http_submit(eng, &call, webhook_done, &r) == 0)
		(void)http_run(eng, 0);
	http_free(eng);
	http_headers_free(&h);
	free(key);
	if (r.ok)
		return 0;
	*why = r.why != NULL ? r.why : xstrdup("not sent");
	return -1;
}

int
notify_webhook_send(const struct notify_target *t,
    const struct notify_ctx *ctx, char **why)
{
	struct buf	 b = BUF_INIT;
	int		 rc;

	if (t->type == NOTIFY_SLACK)
		notify_msg_slack(&b, ctx->facts, ctx->archive_url, ctx->lang);
	else
		notify_msg_teams(&b, ctx->facts, ctx->archive_url, ctx->lang);
	rc = webhook_post(t, &b, why);
	buf_free(&b);
	return rc;
}
