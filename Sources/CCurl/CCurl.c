/*
 * libcurl, opened with dlopen on first use instead of linked.
 *
 * Why: a linked libcurl is mapped at every start, and with it its TLS, Kerberos, LDAP,
 * SSH and IDN libraries (Debian's libcurl4: libcrypto, libssl, libgnutls, libkrb5,
 * libldap, libssh2, libnettle, libp11-kit and more), about 7 MiB of resident memory in
 * a process that may never fetch anything: `exodus serve` with only seed files, or
 * `exodus extract`. Loaded here, they cost nothing until the first URL source is fetched.
 *
 * The price is this file: a table of nine libcurl functions, resolved once under
 * pthread_once. The ABI is libcurl's stable one (soname libcurl.so.4 since 2006), and
 * the types and constants still come from curl's own header, so they cannot drift.
 * When the library is missing, the first fetch fails with a message saying so (install
 * Debian's libcurl4) and everything else keeps working.
 */
#include "CCurl.h"

#include <dlfcn.h>
#include <sys/socket.h>
#include <pthread.h>
#include <stdio.h>

#if defined(__APPLE__)
#define EXODUS_LIBCURL "libcurl.4.dylib"
#else
#define EXODUS_LIBCURL "libcurl.so.4"
#endif

static struct {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *handle);
    CURLcode (*easy_perform)(CURL *handle);
    const char *(*easy_strerror)(CURLcode code);
    CURLcode (*easy_setopt)(CURL *handle, CURLoption option, ...);
    CURLcode (*easy_getinfo)(CURL *handle, CURLINFO info, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *string);
    void (*slist_free_all)(struct curl_slist *list);
} api;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static const char *load_failure = "libcurl was not loaded";
static char load_message[512];

static int resolve(void *library, void **slot, const char *symbol) {
    *slot = dlsym(library, symbol);
    if (*slot) return 1;
    snprintf(load_message, sizeof load_message, "%s has no %s; libcurl 7.17 or later is needed",
             EXODUS_LIBCURL, symbol);
    return 0;
}

static void load(void) {
    void *library = dlopen(EXODUS_LIBCURL, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const char *why = dlerror();
        snprintf(load_message, sizeof load_message,
                 "cannot load libcurl (%s); install it (Debian: apt-get install libcurl4)",
                 why ? why : EXODUS_LIBCURL);
        load_failure = load_message;
        return;
    }
    /* Never closed: the process keeps libcurl once it has needed it. */
#define RESOLVE(field, symbol) \
    if (!resolve(library, (void **)&api.field, #symbol)) { load_failure = load_message; return; }
    RESOLVE(global_init, curl_global_init)
    RESOLVE(easy_init, curl_easy_init)
    RESOLVE(easy_cleanup, curl_easy_cleanup)
    RESOLVE(easy_perform, curl_easy_perform)
    RESOLVE(easy_strerror, curl_easy_strerror)
    RESOLVE(easy_setopt, curl_easy_setopt)
    RESOLVE(easy_getinfo, curl_easy_getinfo)
    RESOLVE(slist_append, curl_slist_append)
    RESOLVE(slist_free_all, curl_slist_free_all)
#undef RESOLVE
    /* curl_global_init must run once before any other call and not concurrently with
       one; pthread_once gives both. */
    CURLcode code = api.global_init(CURL_GLOBAL_ALL);
    if (code != CURLE_OK) {
        snprintf(load_message, sizeof load_message, "curl_global_init failed: %s", api.easy_strerror(code));
        load_failure = load_message;
        return;
    }
    load_failure = NULL;
}

const char *exodus_curl_load(void) {
    pthread_once(&load_once, load);
    return load_failure;
}

#define READY_OR(failure) \
    if (exodus_curl_load() != NULL) return failure

CURL *exodus_curl_easy_init(void) {
    READY_OR(NULL);
    return api.easy_init();
}

void exodus_curl_easy_cleanup(CURL *handle) {
    if (exodus_curl_load() == NULL && handle) api.easy_cleanup(handle);
}

CURLcode exodus_curl_easy_perform(CURL *handle) {
    READY_OR(CURLE_FAILED_INIT);
    return api.easy_perform(handle);
}

const char *exodus_curl_easy_strerror(CURLcode code) {
    READY_OR("libcurl is not available");
    return api.easy_strerror(code);
}

struct curl_slist *exodus_curl_slist_append(struct curl_slist *list, const char *string) {
    READY_OR(NULL);
    return api.slist_append(list, string);
}

void exodus_curl_slist_free_all(struct curl_slist *list) {
    if (exodus_curl_load() == NULL && list) api.slist_free_all(list);
}

CURLcode exodus_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    READY_OR(CURLE_FAILED_INIT);
    return api.easy_setopt(handle, option, value);
}

CURLcode exodus_curl_setopt_offset(CURL *handle, CURLoption option, curl_off_t value) {
    READY_OR(CURLE_FAILED_INIT);
    return api.easy_setopt(handle, option, value);
}

CURLcode exodus_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    READY_OR(CURLE_FAILED_INIT);
    return api.easy_setopt(handle, option, value);
}

CURLcode exodus_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    READY_OR(CURLE_FAILED_INIT);
    return api.easy_setopt(handle, option, value);
}

CURLcode exodus_curl_setopt_callback(CURL *handle, CURLoption option, exodus_curl_data_callback callback) {
    READY_OR(CURLE_FAILED_INIT);
    return api.easy_setopt(handle, option, callback);
}

/* Uses the string form where the headers offer it. */
CURLcode exodus_curl_restrict_protocols(CURL *handle) {
    READY_OR(CURLE_FAILED_INIT);
    CURLcode code;
#if LIBCURL_VERSION_NUM >= 0x075500
    code = api.easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https,file");
    if (code != CURLE_OK) return code;
    code = api.easy_setopt(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
    code = api.easy_setopt(handle, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS | CURLPROTO_FILE));
    if (code != CURLE_OK) return code;
    code = api.easy_setopt(handle, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    return code;
}

static curl_socket_t guarded_open_socket(void *data, curlsocktype purpose, struct curl_sockaddr *address) {
    struct exodus_curl_address_guard *guard = data;
    (void)purpose;
    if (!guard || !guard->check || !address) return CURL_SOCKET_BAD;
    if (address->family != AF_INET && address->family != AF_INET6) return CURL_SOCKET_BAD;
    if (!guard->check(guard->context, address->family, &address->addr, address->addrlen)) return CURL_SOCKET_BAD;
    return socket(address->family, address->socktype, address->protocol);
}

CURLcode exodus_curl_guard_addresses(CURL *handle, struct exodus_curl_address_guard *guard) {
    READY_OR(CURLE_FAILED_INIT);
    CURLcode code = api.easy_setopt(handle, CURLOPT_OPENSOCKETDATA, (void *)guard);
    if (code != CURLE_OK) return code;
    return api.easy_setopt(handle, CURLOPT_OPENSOCKETFUNCTION, guarded_open_socket);
}

CURLcode exodus_curl_getinfo_long(CURL *handle, CURLINFO info, long *out) {
    READY_OR(CURLE_FAILED_INIT);
    return api.easy_getinfo(handle, info, out);
}

CURLcode exodus_curl_getinfo_offset(CURL *handle, CURLINFO info, curl_off_t *out) {
    READY_OR(CURLE_FAILED_INIT);
    return api.easy_getinfo(handle, info, out);
}

CURLcode exodus_curl_getinfo_string(CURL *handle, CURLINFO info, char **out) {
    READY_OR(CURLE_FAILED_INIT);
    return api.easy_getinfo(handle, info, out);
}
