/*
 * curlfloor: what libcurl and the kernel alone cost per request, the
 * floor under bedrock-audit's "client CPU per signed request".
 *
 *	curlfloor URL REQUESTS IN_FLIGHT
 *
 * GETs URL (fastsim's /_sim/health: a reply of 30 bytes, no signature,
 * no latency) REQUESTS times over keep-alive connections, IN_FLIGHT at a
 * time, the way the collector drives libcurl: a multi handle, each
 * finished easy handle added again at once.  Nothing is signed, parsed
 * or recorded, so the CPU it spends is the least any libcurl client
 * spends per request on this machine at that concurrency (bedrock-audit
 * also sends 1 KB of signed headers and reads replies of up to 36 KB).
 * Prints one JSON object: requests, wall and CPU seconds, us_per_request.
 * Loopback only: bench.py gives it fastsim's URL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <curl/curl.h>

#define FLOOR_MAX_REQUESTS	10000000L
#define FLOOR_MAX_IN_FLIGHT	1024L

/* CURLOPT_WRITEFUNCTION: the reply is read and dropped. */
static size_t
sink(char *p, size_t size, size_t n, void *arg)
{
	(void)p;
	(void)arg;
	return size * n;
}

/* A whole number in [1, max] from "s"; -1 if it is not one. */
static long
count_arg(const char *s, long max)
{
	char	*end;
	long	 v;

	v = strtol(s, &end, 10);
	return *s == '\0' || *end != '\0' || v < 1 || v > max ? -1 : v;
}

static double
seconds(const struct timeval *tv)
{
	return (double)tv->tv_sec + (double)tv->tv_usec / 1e6;
}

static double
now_s(void)
{
	struct timespec	ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Add one more transfer of "url" on "e" (a new handle when NULL). */
static CURL *
start(CURLM *m, CURL *e, const char *url)
{
	if (e == NULL) {
		if ((e = curl_easy_init()) == NULL ||
		    curl_easy_setopt(e, CURLOPT_URL, url) != CURLE_OK ||
		    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, sink) !=
		    CURLE_OK)
			return NULL;
	}
	return curl_multi_add_handle(m, e) == CURLM_OK ? e : NULL;
}

/* Run "total" requests, "inflight" at a time; 0, or -1 after a message. */
static int
run(CURLM *m, const char *url, long total, long inflight)
{
	CURLMsg	*msg;
	long	 started = 0, done = 0;
	int	 still, left;

	for (; started < inflight && started < total; started++)
		if (start(m, NULL, url) == NULL) {
			fprintf(stderr, "curlfloor: cannot start a transfer\n");
			return -1;
		}
	while (done < total) {
		if (curl_multi_perform(m, &still) != CURLM_OK)
			return -1;
		while ((msg = curl_multi_info_read(m, &left)) != NULL) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			if (msg->data.result != CURLE_OK) {
				fprintf(stderr, "curlfloor: %s\n",
				    curl_easy_strerror(msg->data.result));
				return -1;
			}
			done++;
			(void)curl_multi_remove_handle(m, msg->easy_handle);
			if (started < total) {
				if (start(m, msg->easy_handle, url) == NULL)
					return -1;
				started++;
			} else
				curl_easy_cleanup(msg->easy_handle);
		}
		if (done < total &&
		    curl_multi_poll(m, NULL, 0, 1000, NULL) != CURLM_OK)
			return -1;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	struct rusage	 ru;
	CURLM		*m;
	double		 t0, wall, cpu;
	long		 total, inflight;
	int		 rc;

	if (argc != 4 || strncmp(argv[1], "http://127.0.0.1:", 17) != 0 ||
	    (total = count_arg(argv[2], FLOOR_MAX_REQUESTS)) == -1 ||
	    (inflight = count_arg(argv[3], FLOOR_MAX_IN_FLIGHT)) == -1) {
		fprintf(stderr, "usage: curlfloor http://127.0.0.1:PORT/PATH "
		    "REQUESTS IN_FLIGHT\n");
		return 2;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK ||
	    (m = curl_multi_init()) == NULL) {
		fprintf(stderr, "curlfloor: libcurl did not start\n");
		return 1;
	}
	(void)curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, inflight);
	/* Only the loop is measured: not the libraries' start-up. */
	if (getrusage(RUSAGE_SELF, &ru) == -1)
		return 1;
	cpu = -(seconds(&ru.ru_utime) + seconds(&ru.ru_stime));
	t0 = now_s();
	rc = run(m, argv[1], total, inflight);
	wall = now_s() - t0;
	if (getrusage(RUSAGE_SELF, &ru) == -1)
		return 1;
	cpu += seconds(&ru.ru_utime) + seconds(&ru.ru_stime);
	if (rc == -1)
		return 1;
	printf("{\"requests\": %ld, \"in_flight\": %ld, \"wall\": %.6f, "
	    "\"cpu\": %.6f, \"us_per_request\": %.2f}\n", total, inflight,
	    wall, cpu, 1e6 * cpu / (double)total);
	return 0;
}
