/*
 * notify_aws.c: the two AWS targets, Amazon SNS (Publish) and Amazon
 * EventBridge (PutEvents), signed and sent like every other AWS call:
 * the session's credential chain, SigV4 and the engine's retries
 * (client.c), the endpoint overrides of the configuration
 * (AWS_ENDPOINT_URL_SNS, AWS_ENDPOINT_URL_EVENTBRIDGE).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aws.h"
#include "client.h"
#include "http.h"
#include "notify.h"
#include "session.h"
#include "util.h"

/* What one call's callback leaves. */
struct aws_result {
	int	 ok;
	char	*body;		/* the 2xx reply */
	size_t	 bodysz;
	char	*why;		/* the failure */
};

static void
aws_done(void *arg, const struct http_response *resp,
    const struct http_error *err)
{
	struct aws_result	*r = arg;
	char			 line[HTTP_ERROR_LEN];

	if (resp != NULL) {
		r->ok = 1;
		r->body = xstrndup(resp->body, resp->bodysz);
		r->bodysz = resp->bodysz;
		return;
	}
	r->why = xstrdup(http_error_fmt(err, line, sizeof(line)));
}

/*
 * Send "req" (heap-allocated; taken, as client_submit() takes it) to
 * "region" and wait at most "timeout_sec".
 */
static int
aws_call(struct session *s, const char *region, struct aws_request *req,
    int timeout_sec, struct aws_result *r, char **why)
{
	memset(r, 0, sizeof(*r));
	if (client_submit(s->client, region, req, aws_done, r) == -1) {
		*why = xstrdup("the endpoint could not be resolved");
		return -1;
	}
	(void)client_run(s->client, util_now_ms() + timeout_sec * 1000LL);
	if (r->ok)
		return 0;
	*why = r->why != NULL ? r->why : xstrdup("no reply in time");
	r->why = NULL;
	return -1;
}

int
notify_sns_send(const struct notify_target *t, const struct notify_ctx *ctx,
    char **why)
{
	struct aws_request	*req = xcalloc(1, sizeof(*req));
	struct aws_result	 r;
	char			*subject = NULL, *message = NULL, *id = NULL;
	int			 rc = -1;

	notify_msg_sns(ctx->facts, ctx->archive_url, ctx->lang, &subject,
	    &message);
	if (aws_req_sns_publish(req, t->topic_arn, subject, message) == -1) {
		aws_request_free(req);
		free(req);
		*why = xstrdup("the message could not be built");
		goto out;
	}
	if (aws_call(ctx->session, t->region, req, t->timeout_sec, &r,
	    why) == -1)
		goto out;
	rc = aws_parse_sns_publish(r.body, r.bodysz, &id, why);
	free(r.body);
out:
	free(subject);
	free(message);
	free(id);
	return rc;
}

/* One PutEvents call; -1 with *why when any entry failed. */
static int
events_batch(const struct notify_target *t, const struct notify_ctx *ctx,
    const char *region, const struct notify_batch *b, char **why)
{
	struct aws_request	*req = xcalloc(1, sizeof(*req));
	struct aws_result	 r;
	size_t			 failed;
	char			*code = NULL;
	int			 rc;

	if (aws_req_put_events(req, b->body, b->bodysz) == -1) {
		aws_request_free(req);
		free(req);
		*why = xstrdup("the events could not be built");
		return -1;
	}
	if (aws_call(ctx->session, region, req, t->timeout_sec, &r,
	    why) == -1)
		return -1;
	rc = aws_parse_put_events(r.body, r.bodysz, b->entries, &failed,
	    &code, why);
	free(r.body);
	if (rc == 0 && failed > 0) {
		*why = xasprintf("PutEvents: %zu of %zu events failed (%s)",
		    failed, b->entries, code);
		rc = -1;
	}
	free(code);
	return rc;
}

int
notify_events_send(const struct notify_target *t,
    const struct notify_ctx *ctx, char **why)
{
	struct notify_batches	 bs;
	const char		*region = t->region != NULL ? t->region :
				    ctx->session->home_region;
	size_t			 i;
	int			 rc = 0;

	notify_msg_events(ctx->facts, t->event_bus, 0, &bs);
	for (i = 0; i < bs.len && rc == 0; i++)
		rc = events_batch(t, ctx, region, &bs.v[i], why);
	notify_batches_free(&bs);
	return rc;
}
