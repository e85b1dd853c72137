#ifndef EXODUS_LEXICON_DATA_H
#define EXODUS_LEXICON_DATA_H

/*
 * The extractor's word lists (the text files in Sources/ExodusExtraction/Lexicon/),
 * compiled into the binary. See LexiconData.c for why they are embedded this way.
 */

/* The UTF-8 text of the lexicon file with this name (e.g. "cues.txt"), NUL-terminated,
   or NULL when no such file is embedded. The text lives as long as the process. */
const char *exodus_lexicon_file(const char *name);

#endif
