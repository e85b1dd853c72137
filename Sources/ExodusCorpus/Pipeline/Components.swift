import ExodusJSONInput
import ExodusCore
import ExodusExtraction
import ExodusHTML

/// The concrete extractor and HTML reducer the commands use.
package enum Components {
    package static let pipeline = Pipeline(
        extract: { Extractor.standard.extract($0) },
        htmlToText: { bytes in reduceHTML(bytes, contentType: nil) }
    )

    /// HTML → plain text and the metadata the page itself declares.
    package static func reduceHTML(_ bytes: [UInt8], contentType: String?) -> Result<SeedFolder.ReducedPage, SeedFolder.FileProblemMessage> {
        do {
            let page = try HTMLText.extract(bytes, contentType: contentType)
            return .success(
                SeedFolder.ReducedPage(
                    text: page.text, title: page.title, published: page.published?.isoDay,
                    publisher: page.publisher, language: page.language))
        } catch {
            return .failure(.init("\(error)"))
        }
    }
}
