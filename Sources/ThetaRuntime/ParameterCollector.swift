/// Finds every learnable parameter reachable from a value, each once, in the order first met:
/// through lists, records, model instances (their fields), closures (their captured frames and
/// the globals their code reads), bound methods (their receivers) and library objects that hold
/// values (`ParameterHolder`).
struct ParameterCollector {
    let globals: Globals
    private(set) var found: [LearnableParameter] = []
    private var seenParameters = Set<ObjectIdentifier>()
    private var seenObjects = Set<ObjectIdentifier>()

    init(globals: Globals) { self.globals = globals }

    mutating func visit(_ v: Value) {
        switch v {
        case .parameter(let p):
            if seenParameters.insert(ObjectIdentifier(p)).inserted { found.append(p) }
        case .list(let xs):
            for x in xs { visit(x) }
        case .record(let r):
            for x in r.values { visit(x) }
        case .model(let m):
            guard seenObjects.insert(ObjectIdentifier(m)).inserted else { return }
            visit(frame: m.frame)
        case .function(let c):
            guard seenObjects.insert(ObjectIdentifier(c)).inserted else { return }
            if let f = c.captured { visit(frame: f) }
            visit(globalSlots: c.code.referencedGlobals)
        case .modelType(let t):
            guard seenObjects.insert(ObjectIdentifier(t)).inserted else { return }
            visit(globalSlots: t.code.referencedGlobals)
        case .boundMethod(let b):
            visit(b.receiver)
        case .object(let o):
            guard seenObjects.insert(ObjectIdentifier(o)).inserted else { return }
            if let holder = o as? ParameterHolder {
                for x in holder.heldValues { visit(x) }
            }
        case .number, .bool, .none, .string, .tensor, .tracked, .builtin, .unset:
            return
        }
    }

    private mutating func visit(frame: Frame) {
        var f: Frame? = frame
        while let current = f {
            guard seenObjects.insert(ObjectIdentifier(current)).inserted else { return }
            for i in 0..<current.capacity { visit(current[i]) }
            f = current.parent
        }
    }

    private mutating func visit(globalSlots: [Int]) {
        for slot in globalSlots where slot < globals.names.count { visit(globals[slot]) }
    }
}

/// A library object that holds values in which parameters may be found (distributions hold
/// their parameters, divergences their models).
protocol ParameterHolder {
    var heldValues: [Value] { get }
}
