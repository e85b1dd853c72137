import Testing
@testable import ExodusFetch

@Test func moduleLinks() { #expect(Bool(true)) }
