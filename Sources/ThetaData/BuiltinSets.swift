import Foundation

/// The real data sets that ship with Theta, stored as CSV resources of this module (see
/// Resources/README.md for their sources and licences) and found through the resource
/// bundle, so they load from any working directory.
public enum BuiltinSets {
    /// Names of the shipped data sets.
    public static let names = ["faithful", "digits"]

    /// Loads a shipped data set by name.
    public static func load(_ name: String) throws(DataError) -> Dataset {
        guard names.contains(name) else {
            throw DataError("no built-in data set '\(name)'")
        }
        guard let url = Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Resources")
            ?? Bundle.module.url(forResource: name, withExtension: "csv") else {
            throw DataError("the built-in data set '\(name)' is missing from the installation (resource \(name).csv)")
        }
        return try CSVReader.read(path: url.path, displayName: "\(name).csv")
    }
}
