import ExodusJSONInput
@testable import exodus
import Testing

@Suite struct LocatedJSONTests {
    func parse(_ s: String) -> Result<LocatedJSON, LocatedJSON.SyntaxError> {
        do { return .success(try LocatedJSON.parse(Array(s.utf8))) } catch { return .failure(error) }
    }

    @Test func parsesValuesWithLines() throws {
        let v = try parse("{\n\"a\": [1, 2.5e3, true, null],\n\"b\": \"\\u00e9\\ud83d\\ude00\"\n}").get()
        guard case .object(let members, _) = v else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["a", "b"])
        #expect(members.map(\.line) == [2, 3])
        if case .string(let s, _) = members[1].value { #expect(s == "é😀") } else { Issue.record("b is not a string") }
    }

    @Test(arguments: [
        ("{\"a\":1,}", 1, "expected a quoted key"),
        ("{\"a\":1,\"a\":2}", 1, "duplicate key \"a\""),
        ("[1,\n2,\n03]", 3, "a number may not start with 0"),
        ("\"abc", 1, "unterminated string"),
        ("{} x", 1, "unexpected text after the JSON value"),
        ("\"a\u{01}\"", 1, "control character in string (escape it)"),
        ("\"\\ud800\"", 1, "lone high surrogate in \\u escape"),
    ])
    func rejectsWithLine(input: String, line: Int, message: String) {
        guard case .failure(let e) = parse(input) else { Issue.record("accepted \(input)"); return }
        #expect(e.line == line)
        #expect(e.message == message)
    }

    @Test func capsNesting() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        guard case .failure(let e) = parse(deep) else { Issue.record("accepted"); return }
        #expect(e.message.contains("nested deeper"))
    }
}
