// libFuzzer target: the extraction pipeline.
//
// The first byte chooses the route: even, the rest is read as UTF-8 text (invalid
// sequences replaced) and extracted; odd, the rest is a page body that HTMLText.extract
// decodes (charset sniffing, tokenizer, entities) and whose text is then extracted.
// Checked: every evidence quote is a substring of the document text, and no departure
// is empty.
import ExodusCore
import ExodusExtraction
import ExodusHTML

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExtraction(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let text: String
    if data[0] & 1 == 0 {
        text = String(decoding: bytes, as: UTF8.self)
    } else {
        let contentType: String? = data[0] & 2 == 0 ? nil : "text/html; charset=iso-8859-1"
        guard let page = try? HTMLText.extract(bytes, contentType: contentType) else { return 0 }
        text = page.text
    }
    let document = Document(id: "fuzz", text: text)
    for departure in Extractor.standard.extract(document) {
        precondition(!departure.organisation.isEmpty, "a departure without an organisation")
        precondition(!departure.evidence.isEmpty, "a departure without evidence")
        for e in departure.evidence {
            precondition(e.document == "fuzz", "evidence names another document")
            precondition(!e.quote.isEmpty && text.contains(e.quote), "evidence quote is not in the text: \(e.quote.debugDescription)")
        }
    }
    return 0
}
