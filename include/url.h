/*
 * url.h: the one URL policy the HTTP engine (http.c), the endpoint
 * resolver (aws.c) and the credential chain (creds_imds.c) share: how a
 * URL splits as libcurl will see it, and which hosts count as loopback,
 * the only ones plain http may reach.
 */
#ifndef BEDROCK_AUDIT_URL_H
#define BEDROCK_AUDIT_URL_H

/*
 * Whether "host" (a URL's host part, NUL-terminated) is a loopback host:
 *   - "localhost" in any case (no trailing dot, no subdomain);
 *   - an IPv4 address in 127.0.0.0/8 written as a strict dotted quad:
 *     four decimal parts 0-255 without leading zeros, so "127.1",
 *     "0x7f000001" and "127.0.0.1.evil.com" are refused;
 *   - an IPv6 loopback address in brackets ("[::1]", "[0:0::1]"); no zone.
 * NULL is not loopback.  Pure.  libcurl rewrites "127.1" or "0x7f000001"
 * as "127.0.0.1" when it parses a URL, so a host from url_split()
 * passes exactly when curl would connect to loopback.
 */
int	url_host_is_loopback(const char *host);

/*
 * Split "url" as libcurl will see it into *scheme (lower case) and *host
 * (IPv6 in brackets, numeric IPv4 normalised), both freed by the caller.
 * Returns 0, or -1 with both NULL if libcurl cannot parse it.  Never
 * warns.
 */
int	url_split(const char *url, char **scheme, char **host);

/*
 * Whether a request may go to "url": https anywhere, plain http only to a
 * loopback host (url_host_is_loopback(), on the host as libcurl parses
 * it).  An unparsable URL is refused.  The engine checks every call with
 * it; the configuration checks endpoint overrides with it at start-up.
 */
int	url_allowed(const char *url);

#endif /* BEDROCK_AUDIT_URL_H */
