import ExodusJSONInput
import ExodusCore
#if canImport(Glibc)
    import Glibc
#endif

/// Reads the seed folder: every `<name>.txt` or `<name>.html` is a document,
/// with optional `<name>.json` metadata and `<name>.corrections.json`.
///
/// A broken file is reported as `path:line: problem` and skipped; it never
/// stops the other documents from loading.
package struct SeedFolder {
    package let path: String
    /// Turns an HTML page into plain text plus what its metadata says.
    package var htmlToText: @Sendable ([UInt8]) -> Result<ReducedPage, FileProblemMessage>

    package init(path: String, htmlToText: @escaping @Sendable ([UInt8]) -> Result<ReducedPage, FileProblemMessage>) {
        self.path = path
        self.htmlToText = htmlToText
    }

    package struct ReducedPage: Sendable {
        var text: String
        var title: String? = nil
        var published: String? = nil
        var publisher: String? = nil
        var language: String? = nil
    }

    package struct FileProblemMessage: Error, Sendable {
        let message: String
        init(_ message: String) { self.message = message }
    }

    /// A document as read from disk, before extraction.
    package struct Entry: Sendable {
        package var document: Document
        var corrections: Corrections?
        /// Where the text came from, for messages.
        var textPath: String
        /// The corrections file exists but reported a problem: only part of it (or none) is in
        /// `corrections`. A reload then keeps the document's last good version instead.
        var correctionsFailed = false
    }

    struct Result_: Sendable {
        var entries: [Entry] = []
        /// Files skipped or partly read; each is a reason for `exodus check` to fail.
        var problems: [FileProblem] = []
        /// Text paths of the documents that are in the folder but could not be loaded.
        var failed: Set<String> = []
        /// The folder itself could not be listed.
        var unreadable = false
    }

    package static let textExtensions = ["txt", "html", "htm"]
    /// Larger documents are refused rather than read.
    static let maxDocumentBytes = 8 * 1024 * 1024

    func load() -> Result_ {
        var result = Result_()
        let names: [String]
        switch Self.list(path) {
        case .success(let n): names = n
        case .failure(let p): result.problems.append(p); result.unreadable = true; return result
        }
        var usedIDs: Set<String> = []
        for name in names {
            let (stem, ext) = Self.stem(of: name)
            let full = join(path, name)
            if Self.textExtensions.contains(ext) {
                if let entry = loadDocument(
                    stem: stem, ext: ext, textPath: full, siblings: names,
                    usedIDs: &usedIDs, problems: &result.problems)
                {
                    result.entries.append(entry)
                } else {
                    result.failed.insert(full)
                }
            } else if ext == "json" {
                let base = stem.hasSuffix(".corrections") ? String(stem.dropLast(".corrections".count)) : stem
                let hasText = Self.textExtensions.contains { names.contains(base + "." + $0) }
                if !hasText {
                    result.problems.append(
                        FileProblem(
                            path: full, line: nil,
                            "no document \(base).txt or \(base).html beside this file; it is ignored"))
                }
            } else if !name.hasPrefix(".") {
                result.problems.append(
                    FileProblem(
                        path: full, line: nil,
                        "not a seed document (expected .txt, .html or .json); it is ignored"))
            }
        }
        return result
    }

    /// Reads one document and its sidecar files; nil (with the reason recorded) when it must be skipped.
    package func loadDocument(
        stem: String, ext: String, textPath: String, siblings: [String],
        usedIDs: inout Set<String>, problems: inout [FileProblem]
    ) -> Entry? {
        // The id is taken before the file is read, so one that fails to load does not shift
        // the ids of the others (a.txt and a.html stay "a" and "a-2").
        var id = slug(stem)
        var n = 2
        while usedIDs.contains(id) { id = slug(stem) + "-\(n)"; n += 1 }
        usedIDs.insert(id)
        let bytes: [UInt8]
        switch SettingsLoader.readFile(textPath) {
        case .success(let b): bytes = b
        case .failure(let p): problems.append(p); return nil
        }
        guard bytes.count <= Self.maxDocumentBytes else {
            problems.append(FileProblem(path: textPath, line: nil, "larger than \(Self.maxDocumentBytes) bytes; skipped"))
            return nil
        }
        var text: String
        var page = ReducedPage(text: "")
        if ext == "txt" {
            if let bad = Self.firstInvalidUTF8(bytes) {
                problems.append(FileProblem(path: textPath, line: bad.line, "not valid UTF-8 (byte \(bad.offset)); skipped"))
                return nil
            }
            text = String(decoding: bytes, as: UTF8.self)
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        } else {
            switch htmlToText(bytes) {
            case .success(let p): page = p; text = p.text
            case .failure(let m):
                problems.append(FileProblem(path: textPath, line: nil, "\(m.message); skipped"))
                return nil
            }
        }
        text = Self.normaliseNewlines(text)
        if text.allSatisfy(\.isWhitespace) {
            problems.append(FileProblem(path: textPath, line: nil, "has no text; skipped"))
            return nil
        }

        var document = Document(
            id: id, title: page.title, url: nil, publisher: page.publisher,
            published: page.published.flatMap { PartialDate(iso: $0.prefix(10)) },
            language: page.language, text: text)

        if siblings.contains(stem + ".json") {
            let sidecarPath = join(path, stem + ".json")
            guard Sidecar.apply(path: sidecarPath, to: &document, problems: &problems) else { return nil }
        }
        var corrections: Corrections? = nil
        var correctionsFailed = false
        if siblings.contains(stem + ".corrections.json") {
            let correctionsPath = join(path, stem + ".corrections.json")
            let before = problems.count
            corrections = Corrections.load(path: correctionsPath, text: text, problems: &problems)
            correctionsFailed = corrections == nil || problems.count > before
        }
        return Entry(document: document, corrections: corrections, textPath: textPath, correctionsFailed: correctionsFailed)
    }

    /// CRLF and CR become LF, so quotes and line numbers mean the same everywhere.
    static func normaliseNewlines(_ text: String) -> String {
        guard text.utf8.contains(13) else { return text }
        var out = String.UnicodeScalarView()
        var previousCR = false
        for s in text.unicodeScalars {
            if s == "\r" { out.append("\n"); previousCR = true; continue }
            if s == "\n" && previousCR { previousCR = false; continue }
            previousCR = false
            out.append(s)
        }
        return String(out)
    }

    /// The first byte that is not part of valid UTF-8, with its line.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> (offset: Int, line: Int)? {
        var line = 1
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 { if b == 0x0A { line += 1 }; i += 1; continue }
            let need: Int
            let minScalar: UInt32
            var scalar: UInt32
            switch b {
            case 0xC2...0xDF: need = 1; scalar = UInt32(b & 0x1F); minScalar = 0x80
            case 0xE0...0xEF: need = 2; scalar = UInt32(b & 0x0F); minScalar = 0x800
            case 0xF0...0xF4: need = 3; scalar = UInt32(b & 0x07); minScalar = 0x10000
            default: return (i, line)
            }
            guard i + need < bytes.count else { return (i, line) }
            for k in 1...need {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return (i, line) }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            if scalar < minScalar || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return (i, line) }
            i += need + 1
        }
        return nil
    }

    package static func stem(of name: String) -> (stem: String, ext: String) {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (name, "") }
        return (String(name[..<dot]), String(name[name.index(after: dot)...]).lowercased())
    }

    static func list(_ path: String) -> Result<[String], FileProblem> {
        guard let dir = opendir(path) else {
            return .failure(FileProblem(path: path, line: nil, "cannot open seed folder: \(String(cString: strerror(errno)))"))
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            var st = stat()
            if stat(join(path, name), &st) == 0 {
                if (st.st_mode & S_IFMT) == S_IFREG { names.append(name) }
            } else if lstat(join(path, name), &st) == 0 {
                // A link to nowhere (or a loop): the file is there but unreadable, which a
                // reload must tell apart from a deleted file.
                names.append(name)
            }
        }
        return .success(names.sorted())
    }
}

package func join(_ folder: String, _ name: String) -> String {
    folder.hasSuffix("/") ? folder + name : folder + "/" + name
}
