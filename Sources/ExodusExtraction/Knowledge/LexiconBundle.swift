// The lexicon shipped with the module. Its files (`Lexicon/*.txt`) are compiled into the
// binary by the ExodusLexiconData C target (with #embed; see LexiconData.c there), not
// loaded as SwiftPM resources: those need Foundation's `Bundle.module` at run time, and
// full Foundation costs every process about 6 MiB of resident memory.

import ExodusLexiconData

extension Lexicon {
    /// The lexicon bundled with the module (`Lexicon/`).
    public static func bundled() throws -> Lexicon {
        var files: [String: String] = [:]
        for name in fileNames {
            guard let text = exodus_lexicon_file(name) else {
                throw LexiconError(file: name, line: 0, problem: "not embedded in the binary (see ExodusLexiconData)")
            }
            files[name] = String(cString: text)
        }
        return try Lexicon(files: files)
    }
}
