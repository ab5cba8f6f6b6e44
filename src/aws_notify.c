/*
 * aws_notify.c: the two AWS calls of the notifications: SNS Publish
 * (awsQuery, XML reply) and EventBridge PutEvents (awsJson1_1, whose
 * HTTP 200 may still carry failed entries).  See aws.h and
 * shared/aws-apis.md 9.6.  Pure.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "aws.h"
#include "aws_impl.h"
#include "json.h"
#include "sigv4.h"
#include "util.h"

#define OP_PUBLISH		"Publish"
#define OP_PUT_EVENTS		"PutEvents"
#define SNS_VERSION		"2010-03-31"
#define FORM_CONTENT_TYPE	"application/x-www-form-urlencoded; charset=utf-8"
#define EVENTS_CONTENT_TYPE	"application/x-amz-json-1.1"
#define EVENTS_TARGET		"AWSEvents.PutEvents"
#define ERROR_CODE_BYTES	256

static void
form_add(struct buf *b, const char *name, const char *value)
{
	char	*enc = sigv4_uri_encode(value, strlen(value), 0);

	buf_printf(b, "&%s=%s", name, enc);
	free(enc);
}

int
aws_req_sns_publish(struct aws_request *r, const char *topic_arn,
    const char *subject, const char *message)
{
	struct buf	 b = BUF_INIT;

	aws_req_init(r, AWS_SVC_SNS, OP_PUBLISH, "POST");
	r->content_type = xstrdup(FORM_CONTENT_TYPE);
	buf_addstr(&b, "Action=" OP_PUBLISH "&Version=" SNS_VERSION);
	form_add(&b, "TopicArn", topic_arn);
	if (subject != NULL && *subject != '\0')
		form_add(&b, "Subject", subject);
	form_add(&b, "Message", message);
	if (b.len > AWS_MAX_NOTIFY_BODY_BYTES) {
		warnx("%s: request of %zu bytes is too large", OP_PUBLISH,
		    b.len);
		buf_free(&b);
		return -1;
	}
	free(r->body);
	r->bodysz = b.len;
	r->body = buf_detach(&b);
	return 0;
}

int
aws_parse_sns_publish(const char *body, size_t len, char **id, char **cause)
{
	int	r;

	*id = NULL;
	r = aws_xml_text(body, len, "PublishResult", "MessageId", id);
	if (r == 1 && **id != '\0')
		return 0;
	free(*id);
	*id = NULL;
	*cause = xstrdup(r == -1 ? "Publish: malformed MessageId" :
	    "Publish: no MessageId in the reply");
	return -1;
}

int
aws_req_put_events(struct aws_request *r, const char *body, size_t bodysz)
{
	aws_req_init(r, AWS_SVC_EVENTS, OP_PUT_EVENTS, "POST");
	if (bodysz > AWS_MAX_NOTIFY_BODY_BYTES) {
		warnx("%s: request of %zu bytes is too large", OP_PUT_EVENTS,
		    bodysz);
		return -1;
	}
	r->content_type = xstrdup(EVENTS_CONTENT_TYPE);
	r->target = xstrdup(EVENTS_TARGET);
	free(r->body);
	r->body = xstrndup(body, bodysz);
	r->bodysz = bodysz;
	return 0;
}

/* The ErrorCode of the first entry that has one; "unknown" if none. */
static char *
first_error(const cJSON *root)
{
	const cJSON	*ents, *e;
	const char	*code;
	char		 safe[ERROR_CODE_BYTES];

	ents = cJSON_GetObjectItemCaseSensitive(root, "Entries");
	if (!cJSON_IsArray(ents))
		return xstrdup("unknown");
	cJSON_ArrayForEach(e, ents)
		if ((code = json_str(e, "ErrorCode")) != NULL && *code != '\0')
			return xstrdup(log_safe(code, safe, sizeof(safe)));
	return xstrdup("unknown");
}

int
aws_parse_put_events(const char *body, size_t len, size_t entries,
    size_t *failed, char **code, char **cause)
{
	cJSON	*root;
	double	 n;
	int	 rc = -1;

	*failed = 0;
	*code = NULL;
	/*
	 * Not json_parse(), which warns: the notifier tells a failure in
	 * one line of its own, with the cause.
	 */
	if ((root = cJSON_ParseWithLength(body, len)) == NULL ||
	    !cJSON_IsObject(root)) {
		*cause = xstrdup("PutEvents: the reply is not a JSON object");
		cJSON_Delete(root);
		return -1;
	}
	if (json_num(root, "FailedEntryCount", &n) == -1 || n < 0 ||
	    n > (double)entries || n != (double)(size_t)n) {
		*cause = xstrdup("PutEvents: FailedEntryCount missing or out "
		    "of range");
		goto out;
	}
	*failed = (size_t)n;
	if (*failed > 0)
		*code = first_error(root);
	rc = 0;
out:
	cJSON_Delete(root);
	return rc;
}
