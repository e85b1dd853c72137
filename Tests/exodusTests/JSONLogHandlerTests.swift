@testable import exodus
import Foundation
import Testing

/// Log injection: whatever a client or a fetched page puts in a value (a source URL, a
/// failure reason, a header) stays inside one JSON string on one line.
@Suite struct JSONLogHandlerTests {
    @Test(arguments: ["a\r\nb", "x\n{\"level\":\"critical\"}", "tab\tand\u{0}nul", "line\u{2028}sep\u{2029}", "del\u{7F}", "quote\" back\\"])
    func hostileValuesStayOnOneLine(_ value: String) throws {
        var out = ""
        JSONLogHandler.appendString(value, to: &out)
        #expect(!out.contains("\n") && !out.contains("\r") && !out.contains("\u{2028}") && !out.contains("\u{2029}"))
        #expect(!out.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        let decoded = try JSONSerialization.jsonObject(with: Data("[\(out)]".utf8)) as? [String]
        #expect(decoded == [value])
    }
}
