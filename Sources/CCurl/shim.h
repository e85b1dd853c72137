#ifndef EXODUS_CCURL_SHIM_H
#define EXODUS_CCURL_SHIM_H
#include <curl/curl.h>
#endif
