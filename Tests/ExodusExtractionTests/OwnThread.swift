import Foundation

/// Runs long, CPU-bound test work on a thread of its own and waits for it without holding a
/// thread of Swift Testing's cooperative pool. The pool is as wide as the machine (two
/// threads here), so a five-minute replay of training that sits on one of them leaves every
/// other suite queued behind the second, and the suites with a time limit start their clock
/// while they wait.
func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try work() }) }
        thread.stackSize = 16 << 20
        thread.start()
    }
}
