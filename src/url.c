/*
 * url.c: the URL policy shared by http.c, aws.c and the credential
 * chain.  See url.h.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "url.h"
#include "util.h"

int
url_host_is_loopback(const char *host)
{
	struct in_addr	 a4;
	struct in6_addr	 a6;
	char		 tmp[INET6_ADDRSTRLEN];
	size_t		 len;

	if (host == NULL)
		return 0;
	if (strcasecmp(host, "localhost") == 0)
		return 1;
	/* glibc and the BSDs take only four decimal parts here. */
	if (inet_pton(AF_INET, host, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	len = strlen(host);
	if (len < 2 || host[0] != '[' || host[len - 1] != ']' ||
	    len - 2 >= sizeof(tmp))
		return 0;
	memcpy(tmp, host + 1, len - 2);
	tmp[len - 2] = '\0';
	return inet_pton(AF_INET6, tmp, &a6) == 1 &&
	    IN6_IS_ADDR_LOOPBACK(&a6);
}

int
url_split(const char *url, char **scheme, char **host)
{
	CURLU	*u;
	char	*s = NULL, *h = NULL;
	int	 rc = -1;

	*scheme = *host = NULL;
	if (url == NULL || (u = curl_url()) == NULL)
		return -1;
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &s, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &h, 0) != CURLUE_OK)
		goto out;
	*scheme = xstrdup(s);
	*host = xstrdup(h);
	rc = 0;
out:
	curl_free(s);
	curl_free(h);
	curl_url_cleanup(u);
	return rc;
}

int
url_allowed(const char *url)
{
	char	*scheme = NULL, *host = NULL;
	int	 ok = 0;

	if (url_split(url, &scheme, &host) == 0)
		ok = strcmp(scheme, "https") == 0 ||
		    (strcmp(scheme, "http") == 0 &&
		    url_host_is_loopback(host));
	free(scheme);
	free(host);
	return ok;
}
