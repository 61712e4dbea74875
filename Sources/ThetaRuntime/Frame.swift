/// Storage for one activation of a function (or a model instance's fields, or the globals):
/// a fixed number of value slots, addressed by index, and the lexically enclosing frame.
///
/// Slots live in one malloc'd block owned by the frame, so reading a local is a pointer load
/// with no bounds or exclusivity check; the resolver guarantees every index is in range.
public final class Frame {
    @usableFromInline let slots: UnsafeMutablePointer<Value>
    @usableFromInline private(set) var capacity: Int
    public let parent: Frame?

    public init(size: Int, parent: Frame?) {
        let n = max(size, 1)
        slots = .allocate(capacity: n)
        slots.initialize(repeating: .unset, count: n)
        capacity = n
        self.parent = parent
    }

    deinit {
        slots.deinitialize(count: capacity)
        slots.deallocate()
    }

    @inlinable
    subscript(i: Int) -> Value {
        get { slots[i] }
        set { slots[i] = newValue }
    }

    /// Removes the value from a slot (leaving `.unset`), so that the caller holds the only
    /// reference and can mutate it in place without a copy.
    @inlinable
    func take(_ i: Int) -> Value {
        let v = slots[i]
        slots[i] = .unset
        return v
    }

    /// The frame `depth` levels out (0 is this one). The resolver guarantees the chain is long enough.
    @inlinable
    func ancestor(_ depth: Int) -> Frame {
        var f = self
        var d = depth
        while d > 0, let p = f.parent { f = p; d -= 1 }
        return f
    }
}

/// The global scope: a growable frame plus the name → slot table. A REPL session keeps adding
/// names; compiled code holds slot indices, never names.
public final class Globals {
    private(set) var storage: UnsafeMutablePointer<Value>
    private(set) var capacity: Int
    private(set) var names: [String] = []
    private(set) var index: [String: Int] = [:]

    init() {
        capacity = 256
        storage = .allocate(capacity: capacity)
        storage.initialize(repeating: .unset, count: capacity)
    }

    deinit {
        storage.deinitialize(count: capacity)
        storage.deallocate()
    }

    @inline(__always)
    subscript(i: Int) -> Value {
        get { storage[i] }
        set { storage[i] = newValue }
    }

    func take(_ i: Int) -> Value {
        let v = storage[i]
        storage[i] = .unset
        return v
    }

    /// The slot of a name, declaring it when new.
    func slot(for name: String) -> Int {
        if let i = index[name] { return i }
        let i = names.count
        if i >= capacity { grow() }
        names.append(name)
        index[name] = i
        return i
    }

    func lookup(_ name: String) -> Int? { index[name] }

    private func grow() {
        let newCapacity = capacity * 2
        let fresh = UnsafeMutablePointer<Value>.allocate(capacity: newCapacity)
        fresh.moveInitialize(from: storage, count: capacity)
        (fresh + capacity).initialize(repeating: .unset, count: newCapacity - capacity)
        storage.deallocate()
        storage = fresh
        capacity = newCapacity
    }

    /// Unsets every slot from `start` on (used by `:reset` to forget user globals).
    func truncate(to count: Int) {
        for i in count..<names.count {
            storage[i] = .unset
            index[names[i]] = nil
        }
        names.removeSubrange(count...)
    }
}
