import Dispatch
import Logging
import Synchronization
#if canImport(Glibc)
    import Glibc
#endif

/// Turns SIGTERM, SIGINT (and SIGHUP, for reloads) into handlers on a queue,
/// through DispatchSourceSignal, after ignoring their default actions.
final class SignalHandlers: @unchecked Sendable {
    private let queue = DispatchQueue(label: "exodus.signals")
    private var sources: [DispatchSourceSignal] = []
    let logger: Logger

    init(logger: Logger) { self.logger = logger }

    /// SIGTERM and SIGINT: the handler runs once; a second signal exits at once.
    func onTerminate(_ handler: @escaping @Sendable (Int32) -> Void) {
        let fired = FiredFlag()
        for sig in [SIGTERM, SIGINT] {
            install(sig) {
                if fired.set() { handler(sig) } else { exit(1) }
            }
        }
    }

    /// SIGHUP.
    func onHangUp(_ handler: @escaping @Sendable () -> Void) {
        install(SIGHUP, handler)
    }

    private func install(_ sig: Int32, _ handler: @escaping @Sendable () -> Void) {
        signal(sig, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
        source.setEventHandler(handler: handler)
        source.resume()
        sources.append(source)
    }
}

/// A flag that reports whether this call was the first to set it.
final class FiredFlag: Sendable {
    private let fired = Atomic<Bool>(false)
    func set() -> Bool { fired.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged }
}
