#ifndef EXODUS_CCURL_H
#define EXODUS_CCURL_H
/*
 * libcurl for Swift, loaded on first use. Swift sees curl's own header for the types and
 * constants (CURLcode, CURLOPT_..., curl_slist), but calls libcurl only through the
 * exodus_curl_ functions below: the binary does not link libcurl, and CCurl.c opens it
 * with dlopen the first time one of them is called (see there for why). Calling a
 * curl_ function directly fails at link time, by design.
 */
#include <curl/curl.h>

/* Loads libcurl and runs curl_global_init, once per process (thread-safe). Returns NULL
   when libcurl is ready, else a message saying what failed (it lives as long as the
   process). Every function below calls it first and fails as noted when it fails. */
const char *exodus_curl_load(void);

/* curl_easy_init; NULL when libcurl could not be loaded. */
CURL *exodus_curl_easy_init(void);
void exodus_curl_easy_cleanup(CURL *handle);
CURLcode exodus_curl_easy_perform(CURL *handle);
const char *exodus_curl_easy_strerror(CURLcode code);
/* Copies the string; NULL on failure (the list passed in is then left as it was). */
struct curl_slist *exodus_curl_slist_append(struct curl_slist *list, const char *string);
void exodus_curl_slist_free_all(struct curl_slist *list);

/*
 * Swift cannot call C variadic functions, and curl_easy_setopt and curl_easy_getinfo are
 * variadic. These typed wrappers give Swift one non-variadic entry point per argument type.
 */

/* Signature shared by CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION. */
typedef size_t (*exodus_curl_data_callback)(char *data, size_t size, size_t count, void *context);

CURLcode exodus_curl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode exodus_curl_setopt_offset(CURL *handle, CURLoption option, curl_off_t value);
/* libcurl copies string options (since 7.17), so the caller's buffer may go away after the call. */
CURLcode exodus_curl_setopt_string(CURL *handle, CURLoption option, const char *value);
/* For options whose argument is a pointer libcurl keeps (error buffer, header list, callback context). */
CURLcode exodus_curl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode exodus_curl_setopt_callback(CURL *handle, CURLoption option, exodus_curl_data_callback callback);

/* Allows http, https and file for the request itself, and only http and https as redirect
   targets (a web page must never be able to redirect us into the local file system). */
CURLcode exodus_curl_restrict_protocols(CURL *handle);

/* Decides whether a connection may be made to one address, before libcurl opens the socket:
   `address` is `length` bytes of a struct sockaddr_in or sockaddr_in6 (family AF_INET or
   AF_INET6). Returns nonzero to allow. Called on the thread running the transfer. */
typedef int (*exodus_curl_address_check)(void *context, int family, const void *address, unsigned int length);

/* The check and its context. The caller owns it, and it must outlive the transfer. */
struct exodus_curl_address_guard {
    exodus_curl_address_check check;
    void *context;
};

/* Installs an open-socket callback that asks `guard->check` about every address libcurl is
   about to connect to (the first request, every redirect, every address a name resolves to)
   and refuses the connection when it says no: libcurl then fails with CURLE_COULDNT_CONNECT
   without a packet being sent. It checks the address actually connected to, so neither DNS
   answers nor redirects get around it. */
CURLcode exodus_curl_guard_addresses(CURL *handle, struct exodus_curl_address_guard *guard);

CURLcode exodus_curl_getinfo_long(CURL *handle, CURLINFO info, long *out);
CURLcode exodus_curl_getinfo_offset(CURL *handle, CURLINFO info, curl_off_t *out);
/* The returned string belongs to the handle and dies with it; copy it before cleanup. */
CURLcode exodus_curl_getinfo_string(CURL *handle, CURLINFO info, char **out);

#endif
