import Synchronization

/// A counter that moves on whenever cached knowledge must be dropped (see `ScoreService.invalidate()`); read on
/// every request, so an atomic rather than an actor.
final class Generation: Sendable {
    private let counter = Atomic<Int>(0)

    var value: Int { counter.load(ordering: .sequentiallyConsistent) }

    func advance() { counter.wrappingAdd(1, ordering: .sequentiallyConsistent) }
}
