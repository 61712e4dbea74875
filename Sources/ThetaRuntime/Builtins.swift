/// The registry of builtin functions: one table per area, each entry holding its name,
/// parameters, documentation and implementation side by side. Every builtin becomes a global.
public enum Builtins {
    /// All builtins, in registration order.
    public static let all: [Builtin] = coreBuiltins + tensorBuiltins + mathBuiltins + specialBuiltins
        + randomBuiltins + autodiffBuiltins + learnBuiltins + fitBuiltins
        + divergenceBuiltins + distributionBuiltins + dataBuiltins + plotBuiltins
        + deepFamilyBuiltins

    /// Builtins by name.
    public static let table: [String: Builtin] = {
        var t: [String: Builtin] = [:]
        for b in all { t[b.name] = b }
        return t
    }()

    /// The documentation of a builtin: signature line, then its text.
    public static func documentation(_ name: String) -> String? {
        guard let b = table[name] else { return nil }
        return "\(b.signature)\n\n\(b.doc)"
    }
}
