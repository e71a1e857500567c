import Synchronization

/// A bounded cache that computes each missing value once: concurrent requests for the same key wait for the
/// first one's result instead of computing it again. The oldest entries are dropped first.
///
/// A hit is a dictionary lookup under a lock, with no suspension: the hot read path of the API goes through it
/// several times per request.
public final class KeyedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct State {
        var values: [Key: Value] = [:]
        var order: [Key] = []
        /// Computations under way; later callers for the same key wait for these.
        var pending: [Key: Task<Value, any Error>] = [:]

        mutating func store(_ value: Value, for key: Key, capacity: Int) {
            if values.updateValue(value, forKey: key) == nil { order.append(key) }
            while order.count > capacity { values.removeValue(forKey: order.removeFirst()) }
        }
    }

    private enum Lookup {
        case hit(Value)
        case wait(Task<Value, any Error>)
    }

    private let capacity: Int
    private let state = Mutex(State())

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The cached value, or `compute()`'s result (stored when it succeeds).
    public func value(for key: Key, compute: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let lookup = state.withLock { state -> Lookup in
            if let value = state.values[key] { return .hit(value) }
            if let task = state.pending[key] { return .wait(task) }
            let task = Task { [self] in
                do {
                    let value = try await compute()
                    self.state.withLock { $0.pending[key] = nil; $0.store(value, for: key, capacity: self.capacity) }
                    return value
                } catch {
                    self.state.withLock { _ = $0.pending.removeValue(forKey: key) }
                    throw error
                }
            }
            state.pending[key] = task
            return .wait(task)
        }
        switch lookup {
        case .hit(let value): return value
        case .wait(let task): return try await task.value
        }
    }

    /// The cached value without computing anything.
    public func cached(_ key: Key) -> Value? { state.withLock { $0.values[key] } }
}
