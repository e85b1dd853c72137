// libFuzzer target: HTML bytes -> text (ExodusHTML), the most hostile input the service
// reads, since any page a source links to arrives here.
//
// The first byte picks the Content-Type (none, UTF-8, Windows-1252 or an unsupported
// charset); the rest is the body. Each input goes through charset detection, the
// tokenizer, entities and the text walker, and the result is checked against what the
// module promises:
// - the same bytes give the same result (no hidden state);
// - every block is non-empty, with no leading, trailing or doubled space, and no control
//   character or no-break space left in it;
// - the text is at most 4 bytes of UTF-8 per input byte (a Windows-1252 byte becomes up
//   to 3, plus a line break between blocks; entities never grow);
// - metadata values keep to the length cap and hold no control characters;
// - a body declared UTF-8 that reads as UTF-8 really is valid UTF-8;
// - with a <script> put in front of the body, nothing of the script reaches the output.
import ExodusHTML

private let contentTypes: [String?] = [
    nil, "text/html; charset=utf-8", "text/html; charset=windows-1252", "text/html; charset=koi8-r",
]
private let marker = Array("QQSCRIPTQQ".utf8)
private let scriptPrefix = Array("<script>var s = \"QQSCRIPTQQ\";</script>".utf8)

private func check(_ page: HTMLDocumentText, inputCount: Int) {
    for block in page.blocks {
        let scalars = Array(block.text.unicodeScalars)
        precondition(!scalars.isEmpty, "an empty block")
        precondition(scalars.first != " " && scalars.last != " ", "a block with an outer space: \(block.text.debugDescription)")
        for (i, s) in scalars.enumerated() {
            precondition(s.value >= 0x20 && s.value != 0x7F, "a control character in a block: \(block.text.debugDescription)")
            precondition(s != "\u{A0}", "a no-break space left in a block")
            precondition(!(s == " " && i > 0 && scalars[i - 1] == " "), "a doubled space in a block")
        }
    }
    let text = page.text
    precondition(text.utf8.count <= 4 * inputCount, "text of \(text.utf8.count) bytes from \(inputCount) input bytes")
    for value in [page.title, page.publisher].compactMap({ $0 }) {
        precondition(!value.isEmpty && value.unicodeScalars.count <= 1000, "metadata out of bounds: \(value.count) characters")
        precondition(value.unicodeScalars.allSatisfy { $0.value >= 0x20 }, "a control character in metadata")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let contentType = contentTypes[Int(data[0]) % contentTypes.count]
    let body = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))

    let first = Result { () throws(HTMLTextError) in try HTMLText.extract(body, contentType: contentType) }
    let again = Result { () throws(HTMLTextError) in try HTMLText.extract(body, contentType: contentType) }
    precondition(first == again, "two runs over the same bytes differ")

    if case .success(let page) = first {
        check(page, inputCount: body.count)
        if contentType == "text/html; charset=utf-8" {
            precondition(String(validating: body, as: UTF8.self) != nil, "invalid UTF-8 read as declared UTF-8")
        }
    }

    // A script element at the top is raw text the walker must drop whole, whatever follows.
    // A body that can spell the marker itself (literally, or with numeric references such
    // as &#81;), or starts with a byte-order mark (which must stay first), says nothing
    // about that.
    let spellsMarker = body.firstRange(of: marker) != nil || body.firstRange(of: Array("&#".utf8)) != nil
    if !spellsMarker, !body.starts(with: [0xEF, 0xBB, 0xBF]), !body.starts(with: [0xFE, 0xFF]), !body.starts(with: [0xFF, 0xFE]),
        let page = try? HTMLText.extract(scriptPrefix + body, contentType: contentType)
    {
        check(page, inputCount: scriptPrefix.count + body.count)
        for value in [page.text, page.title ?? "", page.publisher ?? "", page.language ?? "", page.published?.raw ?? ""] {
            precondition(Array(value.utf8).firstRange(of: marker) == nil, "script text reached the output: \(value.prefix(200).debugDescription)")
        }
    }
    return 0
}
