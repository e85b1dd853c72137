#ifndef EXODUS_CCURL_SHIM_H
#define EXODUS_CCURL_SHIM_H
#include <curl/curl.h>

/*
 * Swift cannot call C variadic functions, and curl_easy_setopt and
 * curl_easy_getinfo are variadic. These small typed wrappers give Swift one
 * non-variadic entry point per argument type. They do nothing else.
 */

/* Signature shared by CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION. */
typedef size_t (*exodus_curl_data_callback)(char *data, size_t size, size_t count, void *context);

static inline CURLcode exodus_curl_global_init(void) {
    return curl_global_init(CURL_GLOBAL_ALL);
}

static inline CURLcode exodus_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode exodus_curl_setopt_offset(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

/* libcurl copies string options (since 7.17), so the caller's buffer may go away after the call. */
static inline CURLcode exodus_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

/* For options whose argument is a pointer libcurl keeps (error buffer, header list, callback context). */
static inline CURLcode exodus_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode exodus_curl_setopt_callback(CURL *handle, CURLoption option, exodus_curl_data_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

/*
 * Allows http, https and file for the request itself, and only http and https
 * as redirect targets (a web page must never be able to redirect us into the
 * local file system). Uses the string form where the headers offer it.
 */
static inline CURLcode exodus_curl_restrict_protocols(CURL *handle) {
    CURLcode code;
#if LIBCURL_VERSION_NUM >= 0x075500
    code = curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https,file");
    if (code != CURLE_OK) return code;
    code = curl_easy_setopt(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
    code = curl_easy_setopt(handle, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS | CURLPROTO_FILE));
    if (code != CURLE_OK) return code;
    code = curl_easy_setopt(handle, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    return code;
}

static inline CURLcode exodus_curl_getinfo_long(CURL *handle, CURLINFO info, long *out) {
    return curl_easy_getinfo(handle, info, out);
}

static inline CURLcode exodus_curl_getinfo_offset(CURL *handle, CURLINFO info, curl_off_t *out) {
    return curl_easy_getinfo(handle, info, out);
}

/* The returned string belongs to the handle and dies with it; copy it before curl_easy_cleanup. */
static inline CURLcode exodus_curl_getinfo_string(CURL *handle, CURLINFO info, char **out) {
    return curl_easy_getinfo(handle, info, out);
}

#endif
