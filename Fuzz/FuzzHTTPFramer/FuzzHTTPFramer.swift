// libFuzzer target: the HTTP/1.1 request framer over arbitrary bytes.
//
// Each input is framed whole, then again delivered in two and in three pieces (cut points
// derived from the input), and (when short) one byte at a time. A connection receives
// bytes however TCP splits them, so every delivery must give the same requests, the same
// failure, and the same leftover state. The same is checked with tiny limits, to reach
// the 414/431/413 paths. Spans outside the buffer trap inside `FramingProbe`.
import ExodusHTTP

private func check(_ bytes: [UInt8], limits: FramingLimits, cutSeeds: (Int, Int)) {
    let whole = FramingProbe.frame(bytes, limits: limits)
    var deliveries: [[Int]] = [[cutSeeds.0], [cutSeeds.0, cutSeeds.1]]
    if bytes.count <= 256 { deliveries.append(Array(1..<max(1, bytes.count))) }
    for cuts in deliveries {
        let split = FramingProbe.frame(bytes, cuts: cuts, limits: limits)
        if split.items != whole.items || (split.pending == 0) != (whole.pending == 0) {
            print("whole: \(whole.items) pending=\(whole.pending)")
            print("cuts \(cuts.prefix(8)): \(split.items) pending=\(split.pending)")
            fatalError("framing depends on how the bytes were split")
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPFramer(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    let n = UInt64(max(bytes.count, 1))
    let cuts = (Int(h % n), Int((h >> 32) % n))
    check(bytes, limits: FramingLimits(), cutSeeds: cuts)
    check(bytes, limits: FramingLimits.small, cutSeeds: cuts)
    return 0
}
