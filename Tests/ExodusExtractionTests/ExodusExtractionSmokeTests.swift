import Testing
@testable import ExodusExtraction

@Test func moduleLinks() { #expect(Bool(true)) }
