import ExodusCorpus
import ExodusJSONInput
import ArgumentParser
import ExodusAPI
import ExodusCore

/// `exodus extract FILE...`: the extractor on files of your choice.
struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the departures found in one or more documents.",
        discussion: """
            Each FILE is a plain-text (.txt) or HTML (.html) article. Relative dates such as \
            "last Wednesday" need the publication date: it comes from --published, else from \
            a sidecar FILE-stem.json beside the file, else it is unknown and those dates stay null.

            Prints a JSON array (the same rows as GET /departures), or a table with \
            --format table (the default when the output is a terminal). Rows whose confidence \
            is under --min-confidence are left out, with the same default as the API's \
            min_confidence, so both print the same rows; --min-confidence 0 prints every row.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, table
    }

    @Argument(help: ArgumentHelp("Article files (.txt or .html).", valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp("Publication date, YYYY-MM-DD or YYYY-MM, for resolving relative dates.", valueName: "date"))
    var published: String?

    @Option(help: "Output format: json or table.")
    var format: Format?

    @Option(help: ArgumentHelp("Leave out rows whose confidence is below this (0 to 1).", valueName: "number"))
    var minConfidence: Double = Confidence.defaultMinimum

    func validate() throws {
        if let published, PartialDate(iso: published) == nil {
            throw ValidationError("--published must be YYYY-MM-DD or YYYY-MM, not \"\(published)\"")
        }
        guard minConfidence.isFinite, (0...1).contains(minConfidence) else {
            throw ValidationError("--min-confidence must be a number from 0 to 1")
        }
    }

    func run() throws {
        var extracted: [(document: Document, departures: [Departure])] = []
        var failed = false
        // One file named twice is read once; two files with one name get distinct ids.
        var seenFiles: Set<String> = []
        var ids: Set<String> = []
        for path in files {
            if !seenFiles.insert(canonicalPath(path)).inserted {
                printError("\(path): listed more than once; read once")
                continue
            }
            switch Self.loadDocument(path, usedIDs: &ids) {
            case .failure(let problem):
                printError(problem.description)
                failed = true
            case .success(var document):
                if let published { document.published = PartialDate(iso: published) }
                extracted.append((document, Components.pipeline.extract(document)))
            }
        }
        var rows: [Departure]
        if extracted.count == 1 {
            rows = extracted[0].departures
        } else {
            rows = Array(Snapshot(extracted: extracted, builtAt: 0).departures)
        }
        rows = rows.filter { $0.confidence >= minConfidence }
        if (format ?? (stdoutIsTerminal ? .table : .json)) == .table {
            print(DepartureTable.render(rows), terminator: "")
        } else {
            writeStdout(DomainJSON.array(rows) + [0x0A])
        }
        if failed { throw ExitCode(1) }
    }

    /// Reads one file the way the seed folder does, sidecar included.
    static func loadDocument(_ path: String, usedIDs ids: inout Set<String>) -> Result<Document, FileProblem> {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let (stem, ext) = SeedFolder.stem(of: name)
        guard SeedFolder.textExtensions.contains(ext) else {
            return .failure(FileProblem(path: path, line: nil, "expected a .txt or .html file"))
        }
        var problems: [FileProblem] = []
        let folderReader = SeedFolder(path: folder, htmlToText: Components.pipeline.htmlToText)
        let siblings = [stem + ".json", stem + ".corrections.json"].filter { fileExists(join(folder, $0)) }
        guard
            let entry = folderReader.loadDocument(
                stem: stem, ext: ext, textPath: path, siblings: siblings,
                usedIDs: &ids, problems: &problems)
        else {
            return .failure(problems.first ?? FileProblem(path: path, line: nil, "could not be read"))
        }
        for p in problems { printError(p.description) }
        return .success(entry.document)
    }
}

/// A readable table of departures for a terminal, with each quote in full below its row.
enum DepartureTable {
    static func render(_ rows: [Departure]) -> String {
        let header = ["organisation", "kind", "country", "status", "announced", "effective", "platforms", "confidence"]
        var lines: [[String]] = []
        for d in rows {
            lines.append([
                d.organisation + (d.group != nil ? " (member)" : ""), d.kind.rawValue, d.country?.rawValue ?? "-",
                d.status.rawValue, d.announced?.iso ?? "-", d.effective?.iso ?? "-",
                d.platforms.isEmpty ? "-" : d.platforms.map(\.rawValue).joined(separator: ","),
                String(d.confidence),
            ])
        }
        var widths = header.map(\.count)
        for l in lines { for (i, c) in l.enumerated() { widths[i] = max(widths[i], c.count) } }
        func format(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in c + String(repeating: " ", count: widths[i] - c.count) }
                .joined(separator: "  ").trimmingTrailingSpaces()
        }
        var out = format(header) + "\n" + format(widths.map { String(repeating: "-", count: $0) }) + "\n"
        for (d, l) in zip(rows, lines) {
            out += format(l) + "\n"
            for e in d.evidence { out += "    \u{201C}\(e.quote)\u{201D}\n" }
        }
        out += "\(rows.count) departure\(rows.count == 1 ? "" : "s")\n"
        return out
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
