// Outbound fetches and the network around the host: by default nothing but public
// addresses, checked on the address actually connected to, redirects included. Every
// origin here listens on 127.0.0.0/8 and nothing else is ever connected to.

import Foundation
import Testing
@testable import ExodusFetch

private func ipv4(_ text: String) -> [UInt8] { text.split(separator: ".").map { UInt8($0)! } }

private func ipv6(_ text: String) -> [UInt8] {
    var address = in6_addr()
    precondition(inet_pton(AF_INET6, text, &address) == 1, text)
    return withUnsafeBytes(of: address) { Array($0) }
}

// Ten minutes: the limit is there to end a hang, not to judge speed. The clock starts when
// the test is scheduled, and under the sanitizers on two cores a test can wait minutes for a
// thread before its body runs (CI failed this way with one minute).
@Suite("Address policy", .timeLimit(.minutes(10)))
struct AddressPolicyTests {
    @Test(arguments: [
        ("127.0.0.1", AddressRange.loopback), ("127.255.0.9", .loopback), ("10.1.2.3", .privateNetwork),
        ("172.16.0.1", .privateNetwork), ("172.31.255.255", .privateNetwork), ("192.168.1.1", .privateNetwork),
        ("169.254.169.254", .linkLocal), ("100.64.0.1", .sharedCGNAT), ("0.0.0.0", .unspecified),
        ("224.0.0.1", .multicast), ("255.255.255.255", .reserved),
    ])
    func privateIPv4RangesAreNamed(_ text: String, _ range: AddressRange) {
        #expect(AddressRange.of(ipv4: ipv4(text)) == range)
    }

    @Test(arguments: ["8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1", "93.184.215.14"])
    func publicIPv4IsAllowed(_ text: String) {
        #expect(AddressRange.of(ipv4: ipv4(text)) == nil)
    }

    @Test(arguments: [
        ("::1", AddressRange.loopback), ("::", .unspecified), ("fe80::1", .linkLocal), ("fc00::1", .uniqueLocal),
        ("fd12:3456::1", .uniqueLocal), ("::ffff:127.0.0.1", .loopback), ("::ffff:10.0.0.1", .privateNetwork),
        ("::ffff:169.254.169.254", .linkLocal), ("64:ff9b::a9fe:a9fe", .linkLocal), ("2002:7f00:1::", .loopback),
        ("ff02::1", .multicast),
    ])
    func privateIPv6RangesAndMappedIPv4AreNamed(_ text: String, _ range: AddressRange) {
        #expect(AddressRange.of(ipv6: ipv6(text)) == range)
    }

    @Test(arguments: ["2606:4700::1111", "2a00:1450:4001::200e", "::ffff:8.8.8.8"])
    func publicIPv6IsAllowed(_ text: String) {
        #expect(AddressRange.of(ipv6: ipv6(text)) == nil)
    }

    @Test func theDefaultPolicyRefusesLoopbackWithAClearError() throws {
        let origin = try makeOrigin()
        defer { origin.stop() }
        let fetcher = Fetcher(policy: testPolicy { $0.allowPrivateNetworks = false })
        let failure = try #require(fetcher.fetch(FetchRequest(url: origin.url("/article"))).failure)
        #expect(failure.kind == .forbiddenAddress("127.0.0.1 (a loopback address)"))
        #expect(failure.attempts == 1, "a refusal is not retried")
        #expect(failure.description.contains("refused to connect to 127.0.0.1"))
        #expect(failure.description.contains("sources.allowPrivateNetworks"))
        #expect(origin.requests.isEmpty, "nothing reached the origin")
        #expect(FetchPolicy(version: "1").allowPrivateNetworks == false)
    }

    @Test func allowingPrivateNetworksReachesLoopback() throws {
        let origin = try makeOrigin()
        defer { origin.stop() }
        let resource = try #require(
            Fetcher(policy: testPolicy { $0.allowPrivateNetworks = true })
                .fetch(FetchRequest(url: origin.url("/article"))).resource)
        #expect(resource.status == 200)
    }

    @Test func aRedirectFromAnAllowedOriginIntoLoopbackIsRefused() throws {
        // The "inside" origin on 127.0.0.2 stands for a metadata service or an admin port.
        let inside = try TestOriginServer(host: "127.0.0.2") { _, _ in
            .send(TestOriginServer.response(200, "OK", headers: [("Content-Type", "text/plain")], text: "secret credentials"))
        }
        defer { inside.stop() }
        let outside = try TestOriginServer { _, _ in
            .send(TestOriginServer.response(302, "Found", headers: [("Location", inside.url("/latest/meta-data"))]))
        }
        defer { outside.stop() }
        // 127.0.0.1 plays a public origin; every other address keeps the default policy.
        let fetcher = Fetcher(
            policy: testPolicy {
                $0.allowPrivateNetworks = false
                $0.addressesAllowedForTesting = ["127.0.0.1"]
            })
        let outcome = fetcher.fetch(FetchRequest(url: outside.url("/article")))
        let failure = try #require(outcome.failure, "\(outcome)")
        #expect(failure.kind == .forbiddenAddress("127.0.0.2 (a loopback address)"))
        #expect(outside.requests.count == 1)
        #expect(inside.requests.isEmpty, "the redirect target was never connected to")

        // With private networks allowed the same redirect is followed.
        let open = Fetcher(policy: testPolicy { $0.allowPrivateNetworks = true })
        #expect(try #require(open.fetch(FetchRequest(url: outside.url("/article"))).resource).body == Array("secret credentials".utf8))
    }
}
