#ifndef EXODUS_API_ASSETS_H
#define EXODUS_API_ASSETS_H

#include <stddef.h>

/*
 * The API's static files (Sources/ExodusAPI/Assets/: the dashboard's HTML, CSS and
 * JavaScript, and the OpenAPI description), compiled into the binary. See Assets.c.
 */

/* The bytes of the asset with this name (e.g. "dashboard.js"), not NUL-terminated, with
   their count in *size; or NULL (and *size 0) when no such asset is embedded. The bytes
   live as long as the process. */
const unsigned char *exodus_api_asset(const char *name, size_t *size);

#endif
