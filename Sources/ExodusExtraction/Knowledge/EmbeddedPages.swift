// The models and gazetteers are compiled into the binary (ExodusLexiconData). Reading them makes
// their pages resident, and with the kernel's fault-around each lookup maps whole 64 KB runs, so
// after one extraction pass about 1.8 MiB of them stay counted against the process although an idle
// server does not read them until its next reload.

import ExodusLexiconData

/// The pages of the embedded knowledge and model files.
public enum EmbeddedPages {
    /// Gives the resident pages of the embedded models and gazetteers, and of the program's own
    /// code, back to the kernel. Call it when an extraction pass is over; the next read or call
    /// brings the pages back from the binary, so lookups, models and code behave exactly as before.
    public static func release() {
        exodus_release_embedded_pages()
        exodus_release_code_pages()
    }
}
