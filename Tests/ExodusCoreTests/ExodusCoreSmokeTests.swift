import Testing
@testable import ExodusCore

@Test func moduleLinks() { #expect(Bool(true)) }
