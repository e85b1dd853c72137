import Testing
@testable import ExodusHTTP

@Test func moduleLinks() { #expect(Bool(true)) }
