/// A bounded cache that computes each missing value once: concurrent requests for the same key wait for the
/// first one's result instead of computing it again. The oldest entries are dropped first.
actor KeyedCache<Key: Hashable & Sendable, Value: Sendable> {
    private let capacity: Int
    private var values: [Key: Value] = [:]
    private var order: [Key] = []
    private var waiting: [Key: [CheckedContinuation<Value, any Error>]] = [:]

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// The cached value, or `compute()`'s result (stored when it succeeds).
    func value(for key: Key, compute: @Sendable () async throws -> Value) async throws -> Value {
        if let value = values[key] { return value }
        if waiting[key] != nil {
            return try await withCheckedThrowingContinuation { waiting[key, default: []].append($0) }
        }
        waiting[key] = []
        let result: Result<Value, any Error>
        do {
            result = .success(try await compute())
        } catch {
            result = .failure(error)
        }
        let waiters = waiting.removeValue(forKey: key) ?? []
        if case .success(let value) = result { store(value, for: key) }
        for waiter in waiters { waiter.resume(with: result) }
        return try result.get()
    }

    /// The cached value without computing anything.
    func cached(_ key: Key) -> Value? { values[key] }

    private func store(_ value: Value, for key: Key) {
        if values.updateValue(value, forKey: key) == nil { order.append(key) }
        while order.count > capacity { values.removeValue(forKey: order.removeFirst()) }
    }
}
