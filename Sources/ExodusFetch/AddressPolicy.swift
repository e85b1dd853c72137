// Which network addresses a fetch may connect to. A source's URL, or a redirect from it,
// must not reach the host itself or the private network around it (a cloud metadata
// service, an admin port, a database): by default only public unicast addresses are allowed.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The reason an address is not public, or nil when it is.
public enum AddressRange: String, Sendable, Hashable {
    case unspecified = "an unspecified address"
    case loopback = "a loopback address"
    case privateNetwork = "a private-network address"
    case sharedCGNAT = "a carrier-grade NAT address"
    case linkLocal = "a link-local address"
    case uniqueLocal = "a unique-local address"
    case siteLocal = "a site-local address"
    case multicast = "a multicast address"
    case reserved = "a reserved address"

    /// The range an IPv4 address (four bytes, network order) falls in, nil for a public one.
    public static func of(ipv4 a: [UInt8]) -> AddressRange? {
        guard a.count == 4 else { return .reserved }
        switch (a[0], a[1]) {
        case (0, _): return .unspecified  // 0.0.0.0/8, "this network"
        case (10, _): return .privateNetwork  // 10/8
        case (100, 64...127): return .sharedCGNAT  // 100.64/10
        case (127, _): return .loopback  // 127/8
        case (169, 254): return .linkLocal  // 169.254/16
        case (172, 16...31): return .privateNetwork  // 172.16/12
        case (192, 168): return .privateNetwork  // 192.168/16
        case (192, 0) where a[2] == 0: return .reserved  // 192.0.0/24, protocol assignments
        case (198, 18...19): return .reserved  // 198.18/15, benchmarking
        case (224...239, _): return .multicast  // 224/4
        case (240...255, _): return .reserved  // 240/4 and broadcast
        default: return nil
        }
    }

    /// The range an IPv6 address (sixteen bytes) falls in, nil for a public one. An IPv4
    /// address carried inside one (mapped, compatible, NAT64, 6to4) is judged as IPv4.
    public static func of(ipv6 a: [UInt8]) -> AddressRange? {
        guard a.count == 16 else { return .reserved }
        let firstTenZero = a[0..<10].allSatisfy { $0 == 0 }
        if firstTenZero && a[10] == 0xFF && a[11] == 0xFF {  // ::ffff:a.b.c.d
            return of(ipv4: Array(a[12..<16]))
        }
        if firstTenZero && a[10] == 0 && a[11] == 0 {
            if a[12..<15].allSatisfy({ $0 == 0 }) {
                if a[15] == 0 { return .unspecified }  // ::
                if a[15] == 1 { return .loopback }  // ::1
            }
            return of(ipv4: Array(a[12..<16]))  // ::a.b.c.d (deprecated form)
        }
        if a[0] == 0x00, a[1] == 0x64, a[2] == 0xFF, a[3] == 0x9B {  // 64:ff9b::/96 and /48, NAT64
            return of(ipv4: Array(a[12..<16]))
        }
        if a[0] == 0x20, a[1] == 0x02 {  // 2002::/16, 6to4
            return of(ipv4: Array(a[2..<6]))
        }
        if a[0] == 0xFE && a[1] & 0xC0 == 0x80 { return .linkLocal }  // fe80::/10
        if a[0] == 0xFE && a[1] & 0xC0 == 0xC0 { return .siteLocal }  // fec0::/10
        if a[0] & 0xFE == 0xFC { return .uniqueLocal }  // fc00::/7
        if a[0] == 0xFF { return .multicast }  // ff00::/8
        if a[0] == 0x01, a[1..<8].allSatisfy({ $0 == 0 }) { return .reserved }  // 100::/64, discard
        if a[0] == 0x20, a[1] == 0x01, a[2] == 0x0D, a[3] == 0xB8 { return .reserved }  // documentation
        return nil
    }
}

/// One address a connection was about to be made to, as text and with its range.
struct AddressVerdict {
    var text: String
    var range: AddressRange?
}

enum SocketAddress {
    /// Reads a `sockaddr_in` or `sockaddr_in6`; nil for anything else.
    static func verdict(family: Int32, address: UnsafeRawPointer, length: Int) -> AddressVerdict? {
        switch family {
        case Int32(AF_INET) where length >= MemoryLayout<sockaddr_in>.size:
            var sin = sockaddr_in()
            withUnsafeMutableBytes(of: &sin) { $0.copyMemory(from: UnsafeRawBufferPointer(start: address, count: $0.count)) }
            let bytes = withUnsafeBytes(of: sin.sin_addr) { Array($0) }
            return AddressVerdict(text: bytes.map(String.init).joined(separator: "."), range: AddressRange.of(ipv4: bytes))
        case Int32(AF_INET6) where length >= MemoryLayout<sockaddr_in6>.size:
            var sin6 = sockaddr_in6()
            withUnsafeMutableBytes(of: &sin6) { $0.copyMemory(from: UnsafeRawBufferPointer(start: address, count: $0.count)) }
            let bytes = withUnsafeBytes(of: sin6.sin6_addr) { Array($0) }
            return AddressVerdict(text: ipv6Text(bytes), range: AddressRange.of(ipv6: bytes))
        default:
            return nil
        }
    }

    /// Eight groups of hex, without zero compression: only for messages.
    static func ipv6Text(_ b: [UInt8]) -> String {
        stride(from: 0, to: 16, by: 2).map { String(UInt16(b[$0]) << 8 | UInt16(b[$0 + 1]), radix: 16) }.joined(separator: ":")
    }
}
