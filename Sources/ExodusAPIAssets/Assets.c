/*
 * The API's static files, embedded with C23 #embed as ExodusLexiconData embeds the
 * extractor's word lists (and for the same reasons: no `Bundle.module`, so no full
 * Foundation and ICU in every process). The files stay real files in
 * Sources/ExodusAPI/Assets/, where editors highlight them and linters check them
 * (`make lint-assets`); the compiler records them as dependencies, so editing one
 * recompiles this file only, not the ExodusAPI module.
 *
 * A new asset needs a line here and a reader in ExodusAPI (APIAssets.swift).
 */
#include "ExodusAPIAssets.h"
#include <string.h>

#pragma clang diagnostic ignored "-Wc23-extensions"

static const unsigned char index_html[] = {
#embed "../ExodusAPI/Assets/index.html"
};
static const unsigned char dashboard_css[] = {
#embed "../ExodusAPI/Assets/dashboard.css"
};
static const unsigned char dashboard_js[] = {
#embed "../ExodusAPI/Assets/dashboard.js"
};
static const unsigned char openapi_json[] = {
#embed "../ExodusAPI/Assets/openapi.json"
};

static const struct {
    const char *name;
    const unsigned char *bytes;
    size_t size;
} assets[] = {
    {"index.html", index_html, sizeof index_html},
    {"dashboard.css", dashboard_css, sizeof dashboard_css},
    {"dashboard.js", dashboard_js, sizeof dashboard_js},
    {"openapi.json", openapi_json, sizeof openapi_json},
};

const unsigned char *exodus_api_asset(const char *name, size_t *size) {
    for (size_t i = 0; i < sizeof assets / sizeof assets[0]; i++) {
        if (strcmp(assets[i].name, name) == 0) {
            *size = assets[i].size;
            return assets[i].bytes;
        }
    }
    *size = 0;
    return NULL;
}
