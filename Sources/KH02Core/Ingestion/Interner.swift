/// Hands out one shared copy of each distinct value: the rows of a large upload repeat a few combinations of
/// values, and a separate copy per row would dominate the upload's memory. Bounded: past `capacity` distinct
/// values, new ones are returned as they are.
final class Interner<Value: Hashable> {
    private var values: Set<Value> = []
    private let capacity: Int

    init(capacity: Int = 65_536) {
        self.capacity = capacity
    }

    func shared(_ value: Value) -> Value {
        if let index = values.firstIndex(of: value) { return values[index] }
        if values.count < capacity { values.insert(value) }
        return value
    }
}
