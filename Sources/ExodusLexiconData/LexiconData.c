/*
 * The extractor's word lists, embedded with C23 #embed: the files stay plain text in
 * Sources/ExodusExtraction/Lexicon/ (edit them and rebuild; the compiler records them as
 * dependencies, so a change recompiles this file) and end up as read-only data in the
 * binary, which then needs no files beside it.
 *
 * Why not SwiftPM resources: a resource bundle is reached through the generated
 * `Bundle.module`, which needs full Foundation on Linux, and full Foundation brings ICU
 * and FoundationInternationalization with it: about 6 MiB of every process's resident
 * memory, for 18 KB of text.
 * Why not a build-tool plugin with a generator executable: the fuzz build
 * (`--sanitize=fuzzer`, Fuzz/run.sh) compiles and links every executable of the package
 * with libFuzzer, whose own `main` clashes with the generator's.
 *
 * A new lexicon file needs a line here and its name in `Lexicon.fileNames`.
 */
#include "ExodusLexiconData.h"
#include <string.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>

#pragma clang diagnostic ignored "-Wc23-extensions"

static const char platforms[] = {
#embed "../ExodusExtraction/Lexicon/platforms.txt" suffix(,)
    0};
static const char triggers[] = {
#embed "../ExodusExtraction/Lexicon/triggers.txt" suffix(,)
    0};
static const char cues[] = {
#embed "../ExodusExtraction/Lexicon/cues.txt" suffix(,)
    0};
static const char kinds[] = {
#embed "../ExodusExtraction/Lexicon/kinds.txt" suffix(,)
    0};
static const char countries[] = {
#embed "../ExodusExtraction/Lexicon/countries.txt" suffix(,)
    0};

static const char families[] = {
#embed "../ExodusExtraction/Lexicon/families.txt" suffix(,)
    0};

/* The row confidence model, written by `make train` (see ExodusExtraction/Confidence). */
static const char row_model[] = {
#embed "../ExodusExtraction/Model/row-model.txt" suffix(,)
    0};

/* The clause classifier, written by `make train` (see ExodusExtraction/Clauses). */
static const char clause_model[] = {
#embed "../ExodusExtraction/Model/clause-model.txt" suffix(,)
    0};

static const struct {
    const char *name;
    const char *text;
} files[] = {
    {"platforms.txt", platforms},
    {"triggers.txt", triggers},
    {"cues.txt", cues},
    {"kinds.txt", kinds},
    {"countries.txt", countries},
    {"families.txt", families},
    {"row-model.txt", row_model},
    {"clause-model.txt", clause_model},
};

/*
 * The gazetteers (the .tsv files in Sources/ExodusExtraction/Data, built by Scripts/build-gazetteers.py):
 * sorted lines that Gazetteer.swift binary-searches in place, so they are reached by pointer and
 * length and never copied into Swift strings. A page of them becomes resident only when a lookup
 * touches it. A new data file needs a line here and its name in `Gazetteer.fileNames`.
 */
static const unsigned char gaz_letters[] = {
#embed "../ExodusExtraction/Data/letters.tsv"
};
static const unsigned char gaz_demonyms[] = {
#embed "../ExodusExtraction/Data/demonyms.tsv"
};
static const unsigned char gaz_places[] = {
#embed "../ExodusExtraction/Data/places.tsv"
};
static const unsigned char gaz_cities[] = {
#embed "../ExodusExtraction/Data/cities.tsv"
};
static const unsigned char gaz_regions[] = {
#embed "../ExodusExtraction/Data/regions.tsv"
};
static const unsigned char gaz_organisations[] = {
#embed "../ExodusExtraction/Data/organisations.tsv"
};
static const unsigned char gaz_headwords[] = {
#embed "../ExodusExtraction/Data/headwords.tsv"
};

static const struct {
    const char *name;
    const unsigned char *bytes;
    size_t size;
} data_files[] = {
    {"letters.tsv", gaz_letters, sizeof gaz_letters},
    {"demonyms.tsv", gaz_demonyms, sizeof gaz_demonyms},
    {"places.tsv", gaz_places, sizeof gaz_places},
    {"cities.tsv", gaz_cities, sizeof gaz_cities},
    {"regions.tsv", gaz_regions, sizeof gaz_regions},
    {"organisations.tsv", gaz_organisations, sizeof gaz_organisations},
    {"headwords.tsv", gaz_headwords, sizeof gaz_headwords},
};

const unsigned char *exodus_data_file(const char *name, size_t *size) {
    for (size_t i = 0; i < sizeof data_files / sizeof data_files[0]; i++) {
        if (strcmp(data_files[i].name, name) == 0) {
            *size = data_files[i].size;
            return data_files[i].bytes;
        }
    }
    *size = 0;
    return NULL;
}

const char *exodus_lexicon_file(const char *name) {
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        if (strcmp(files[i].name, name) == 0) return files[i].text;
    }
    return NULL;
}

/*
 * Hands the resident pages of the embedded files back to the kernel. The models are
 * parsed once into weight arrays, and the gazetteers are read only while text is extracted, so an
 * idle server has no use for their pages; a later read faults them in again from the binary on
 * disk (they are never written, so nothing is lost). Only pages wholly inside a file's bytes are
 * released: the pages at either end may hold other data.
 */
static void release_pages(const void *start, size_t size) {
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t first = ((uintptr_t)start + page - 1) & ~(page - 1);
    uintptr_t end = ((uintptr_t)start + size) & ~(page - 1);
    if (end > first) (void)madvise((void *)first, end - first, MADV_DONTNEED);
}

void exodus_release_embedded_pages(void) {
    release_pages(row_model, sizeof row_model);
    release_pages(clause_model, sizeof clause_model);
    for (size_t i = 0; i < sizeof data_files / sizeof data_files[0]; i++) {
        release_pages(data_files[i].bytes, data_files[i].size);
    }
    /* The word lists are parsed into the lexicon once; their text is read again only by a new run. */
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        release_pages(files[i].text, strlen(files[i].text));
    }
}

/*
 * Hands the resident pages of the program's own code back to the kernel. Start-up and the first
 * extraction pass run code an idle server will not run again until its next reload, and the
 * kernel's fault-around maps 64 KB runs of the binary around each page executed, so several MiB
 * of code stay counted against the process. Code is never written, so a later call faults the
 * pages it needs back in from the binary. Linux only: the executable's mappings are found in
 * /proc/self/maps by the path /proc/self/exe links to; elsewhere this does nothing.
 */
void exodus_release_code_pages(void) {
#ifdef __linux__
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return;
    exe[n] = 0;
    FILE *maps = fopen("/proc/self/maps", "r");
    if (!maps) return;
    char line[4608];
    while (fgets(line, sizeof line, maps)) {
        unsigned long start, end;
        char perms[8];
        int path_at = 0;
        if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %n", &start, &end, perms, &path_at) < 3 || path_at <= 0) continue;
        char *path = line + path_at;
        size_t len = strlen(path);
        if (len > 0 && path[len - 1] == '\n') path[len - 1] = 0;
        if (perms[2] != 'x' || strcmp(path, exe) != 0) continue;
        (void)madvise((void *)start, end - start, MADV_DONTNEED);
    }
    fclose(maps);
#endif
}

