import Synchronization

/// Lets at most `total` pieces of one kind of work run at once on this instance, and at most `perKey` for one key
/// (a token) running or waiting. A caller over the total waits up to `wait` for a place (holding nothing but its
/// request: the body is not read yet), then is refused; a key over its own limit is refused at once, so one token
/// cannot fill the queue either.
final class AdmissionGate<Key: Hashable & Sendable>: Sendable {
    /// Why a caller was not let in.
    enum Refusal: Error, Equatable {
        /// Every place of the instance stayed taken for the whole wait.
        case full
        /// The key has `perKey` pieces of work running or waiting.
        case keyFull
    }

    private struct State {
        var running = 0
        /// Running and waiting work per key.
        var perKey: [Key: Int] = [:]
    }

    let total: Int
    let perKey: Int?
    let wait: Duration
    /// The first pause of a waiting caller between looks for a free place; it doubles up to `longestPause`.
    private let pause: Duration
    private static var longestPause: Duration { .milliseconds(200) }
    private let state = Mutex(State())

    init(total: Int, perKey: Int? = nil, wait: Duration, pause: Duration = .milliseconds(10)) {
        self.total = max(1, total)
        self.perKey = perKey.map { max(1, $0) }
        self.wait = wait
        self.pause = pause
    }

    /// Work running now in all, and running or waiting for `key`.
    func running(key: Key? = nil) -> (total: Int, key: Int) {
        state.withLock { state in (state.running, key.flatMap { state.perKey[$0] } ?? 0) }
    }

    /// Runs `body` once a place is free; throws `Refusal` when none is. The place is given back however `body` ends.
    func run<Result>(key: Key?, _ body: () async throws -> Result) async throws -> Result {
        guard claimKey(key) else { throw Refusal.keyFull }
        defer { releaseKey(key) }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: wait)
        var pause = self.pause
        while !enter() {
            guard clock.now < deadline else { throw Refusal.full }
            try await Task.sleep(for: min(pause, deadline - clock.now))
            pause = min(pause * 2, Self.longestPause)
        }
        defer { leave() }
        return try await body()
    }

    private func claimKey(_ key: Key?) -> Bool {
        guard let key else { return true }
        return state.withLock { state in
            if let perKey, state.perKey[key, default: 0] >= perKey { return false }
            state.perKey[key, default: 0] += 1
            return true
        }
    }

    private func releaseKey(_ key: Key?) {
        guard let key else { return }
        state.withLock { state in
            let left = state.perKey[key, default: 1] - 1
            state.perKey[key] = left > 0 ? left : nil
        }
    }

    private func enter() -> Bool {
        state.withLock { state in
            guard state.running < total else { return false }
            state.running += 1
            return true
        }
    }

    private func leave() {
        state.withLock { $0.running -= 1 }
    }
}
