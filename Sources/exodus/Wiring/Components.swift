import ExodusCore

/// The concrete extractor and HTML reducer the commands use.
enum Components {
    static let pipeline = Pipeline(
        extract: { _ in [] },
        htmlToText: { _ in .failure(.init("HTML documents are not supported yet")) }
    )
}
