import Dispatch

/// Work spread over the machine's cores for building a snapshot and its representations,
/// which otherwise run on one core while the others idle. Callers pass pure functions of
/// immutable inputs; results come back in order, so the output is what a loop would give.
package enum Parallel {
    /// `transform(i)` for every i in `0..<count`, in contiguous chunks over the cores.
    package static func map<T>(_ count: Int, _ transform: (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(transform) }
        return withoutActuallyEscaping(transform) { transform in
            [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                nonisolated(unsafe) let out = buffer.baseAddress!
                nonisolated(unsafe) let transform = transform
                // A few chunks per core keep the cores busy to the end without much scheduling.
                let chunk = max(1, count / 32)
                DispatchQueue.concurrentPerform(iterations: (count + chunk - 1) / chunk) { c in
                    for i in (c * chunk)..<min(count, (c + 1) * chunk) { (out + i).initialize(to: transform(i)) }
                }
                initialized = count
            }
        }
    }

    /// `a()` and `b()` at the same time; both results.
    package static func both<A, B>(_ a: () -> A, _ b: () -> B) -> (A, B) {
        withoutActuallyEscaping(a) { a in
            withoutActuallyEscaping(b) { b in
                nonisolated(unsafe) var ra: A?
                nonisolated(unsafe) var rb: B?
                nonisolated(unsafe) let a = a, b = b
                DispatchQueue.concurrentPerform(iterations: 2) { i in
                    if i == 0 { ra = a() } else { rb = b() }
                }
                return (ra!, rb!)
            }
        }
    }
}
