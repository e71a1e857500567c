import Synchronization

/// A counter that moves on whenever cached knowledge must be dropped (see `Scoring.invalidate()`); read on
/// every request, so an atomic rather than an actor.
public final class Generation: Sendable {
    private let counter = Atomic<Int>(0)

    public init() {}

    public var value: Int { counter.load(ordering: .sequentiallyConsistent) }

    public func advance() { counter.wrappingAdd(1, ordering: .sequentiallyConsistent) }
}
