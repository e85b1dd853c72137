import Testing
@testable import ExodusAPI

@Test func moduleLinks() { #expect(Bool(true)) }
