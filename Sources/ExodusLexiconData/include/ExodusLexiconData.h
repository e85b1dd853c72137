#ifndef EXODUS_LEXICON_DATA_H
#define EXODUS_LEXICON_DATA_H

/*
 * The extractor's word lists (the text files in Sources/ExodusExtraction/Lexicon/),
 * compiled into the binary. See LexiconData.c for why they are embedded this way.
 */

/* The UTF-8 text of the lexicon file with this name (e.g. "cues.txt"), NUL-terminated,
   or NULL when no such file is embedded. The text lives as long as the process. */
const char *exodus_lexicon_file(const char *name);

#include <stddef.h>

/* The bytes of the gazetteer file with this name (e.g. "places.tsv", from
   Sources/ExodusExtraction/Data/), not NUL-terminated, with their count in *size; or NULL (and
   *size 0) when no such file is embedded. The bytes live as long as the process. */
const unsigned char *exodus_data_file(const char *name, size_t *size);

/* Releases the resident pages of the embedded models and gazetteers; their bytes stay valid and
   are read back from the binary when next touched. Safe to call from any thread at any time. */
void exodus_release_embedded_pages(void);

/* Gives the resident pages of the program's own code back to the kernel (Linux; a no-op
   elsewhere). They are read back from the binary when next executed. */
void exodus_release_code_pages(void);

#endif
