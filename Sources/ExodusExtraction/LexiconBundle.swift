// Loading the lexicon files shipped as this module's resources. SwiftPM's
// generated `Bundle.module` accessor needs Foundation on Linux; this file is
// the only one in the module that imports it.
import Foundation

extension Lexicon {
    /// The lexicon bundled with the module (`Lexicon/` in its resources).
    public static func bundled() throws -> Lexicon {
        guard let dir = Bundle.module.resourcePath.map({ $0 + "/Lexicon" }) else {
            throw LexiconError(file: "Lexicon", line: 0, problem: "resource folder not found in the module bundle")
        }
        return try load(directory: dir)
    }

    /// Loads the lexicon files from a directory.
    public static func load(directory: String) throws -> Lexicon {
        var files: [String: String] = [:]
        for name in fileNames {
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else {
                throw LexiconError(file: name, line: 0, problem: "cannot read the file")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw LexiconError(file: name, line: 0, problem: "not UTF-8")
            }
            files[name] = text
        }
        return try Lexicon(files: files)
    }
}
