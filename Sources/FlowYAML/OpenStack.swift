/// The children of the collections being composed, innermost last. A finished collection's children are
/// moved out (`take(from:)`) into an array of their exact size: no growth of per-collection arrays, and no
/// retain/release pair per child as copying out of an `Array` and truncating it would cost.
final class OpenStack<Element> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 256) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    @inline(__always)
    func append(_ element: consuming Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    /// All the elements, in place (valid until the next change).
    var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    /// Removes the elements from index `start` on and returns them as an array.
    func take(from start: Int) -> [Element] {
        let taken = count - start
        let source = base + start
        count = start
        return [Element](unsafeUninitializedCapacity: taken) { buffer, initialized in
            if taken > 0 { buffer.baseAddress!.moveInitialize(from: source, count: taken) }
            initialized = taken
        }
    }

    /// Removes the elements from index `start` on.
    func removeAll(from start: Int) {
        (base + start).deinitialize(count: count - start)
        count = start
    }

    private func grow() {
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }
}
