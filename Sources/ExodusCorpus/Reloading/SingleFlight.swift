import Dispatch
import Synchronization

/// One run at a time on a serial queue, and no request lost: a request that arrives while a run
/// is under way (`startSoon`) makes one more run after it, however many arrive. The reloader and
/// the snapshot follower both reload this way.
final class SingleFlight: Sendable {
    let queue: DispatchQueue
    private let running = Atomic<Bool>(false)
    /// A run was asked for while one ran; it starts once that one ends.
    private let pending = Atomic<Bool>(false)

    init(label: String) {
        queue = DispatchQueue(label: label, qos: .utility)
    }

    /// Runs `work` on the queue unless a run is under way (then returns false), then `done` with
    /// its result once the next run may start, then `again` if a run was asked for meanwhile.
    func start<Result: Sendable>(
        _ work: @escaping @Sendable () -> Result, done: @escaping @Sendable (Result) -> Void,
        again: @escaping @Sendable () -> Void
    ) -> Bool {
        guard running.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else {
            return false
        }
        queue.async {
            let result = work()
            self.running.store(false, ordering: .releasing)
            done(result)
            if self.pending.exchange(false, ordering: .acquiringAndReleasing) { again() }
        }
        return true
    }

    /// `start` now, or right after the run under way: a signal or a timer tick is never lost, and a
    /// burst of them costs one extra run.
    func startSoon(_ start: () -> Bool) {
        if !start() {
            pending.store(true, ordering: .releasing)
            // The running one may have ended between the two steps; try once more.
            if !running.load(ordering: .acquiring), pending.exchange(false, ordering: .acquiringAndReleasing) {
                _ = start()
            }
        }
    }
}
