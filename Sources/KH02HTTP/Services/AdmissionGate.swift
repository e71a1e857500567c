import Synchronization

/// Lets at most `total` pieces of one kind of work run at once on this instance, and at most `perKey` for one key
/// (a token). A caller over the total waits up to `wait` for a place, then is refused; a key over its own limit is
/// refused at once, since only its own work can free its place.
final class AdmissionGate<Key: Hashable & Sendable>: Sendable {
    /// Why a caller was not let in.
    enum Refusal: Error, Equatable {
        /// Every place of the instance stayed taken for the whole wait.
        case full
        /// The key has `perKey` pieces of work under way.
        case keyFull
    }

    private struct State {
        var running = 0
        var perKey: [Key: Int] = [:]
    }

    let total: Int
    let perKey: Int?
    let wait: Duration
    /// How often a waiting caller looks for a free place.
    private let pollInterval: Duration
    private let state = Mutex(State())

    init(total: Int, perKey: Int? = nil, wait: Duration, pollInterval: Duration = .milliseconds(20)) {
        self.total = max(1, total)
        self.perKey = perKey.map { max(1, $0) }
        self.wait = wait
        self.pollInterval = pollInterval
    }

    /// Work under way now, in all and for `key`.
    func running(key: Key? = nil) -> (total: Int, key: Int) {
        state.withLock { state in (state.running, key.flatMap { state.perKey[$0] } ?? 0) }
    }

    /// Runs `body` once a place is free; throws `Refusal` when none is. The place is given back however `body` ends.
    func run<Result>(key: Key?, _ body: () async throws -> Result) async throws -> Result {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: wait)
        while true {
            switch enter(key) {
            case .success:
                defer { leave(key) }
                return try await body()
            case .failure(.keyFull): throw Refusal.keyFull
            case .failure(.full):
                guard clock.now < deadline else { throw Refusal.full }
                try await Task.sleep(for: min(pollInterval, deadline - clock.now))
            }
        }
    }

    private func enter(_ key: Key?) -> Swift.Result<Void, Refusal> {
        state.withLock { state in
            if let key, let perKey, state.perKey[key, default: 0] >= perKey { return .failure(.keyFull) }
            guard state.running < total else { return .failure(.full) }
            state.running += 1
            if let key { state.perKey[key, default: 0] += 1 }
            return .success(())
        }
    }

    private func leave(_ key: Key?) {
        state.withLock { state in
            state.running -= 1
            guard let key else { return }
            let left = state.perKey[key, default: 1] - 1
            state.perKey[key] = left > 0 ? left : nil
        }
    }
}
