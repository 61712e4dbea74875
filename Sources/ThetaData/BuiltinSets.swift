import Foundation

/// The real data sets that ship with Theta, stored as CSV resources of this module (see
/// Resources/README.md for their sources and licences). SwiftPM installs them in the resource
/// bundle `Theta_ThetaData.resources` beside the executable (`theta`, `theta-bench`, the test
/// runner), where they are found from any working directory.
///
/// The bundle is looked up here rather than through the generated `Bundle.module`, whose
/// accessor stops the process when the bundle is missing; a `theta` copied without its
/// resources reports a clear error instead.
public enum BuiltinSets {
    /// Names of the shipped data sets.
    public static let names = ["faithful", "digits"]

    static let bundleNames = ["Theta_ThetaData.resources", "Theta_ThetaData.bundle"]

    /// Loads a shipped data set by name.
    public static func load(_ name: String) throws(DataError) -> Dataset {
        guard names.contains(name) else {
            throw DataError("no built-in data set '\(name)'")
        }
        guard let dir = resourceDirectory() else {
            throw DataError("the built-in data sets are missing from this installation: expected the folder \(bundleNames[0]) beside the theta executable")
        }
        return try CSVReader.read(path: dir.appendingPathComponent(name + ".csv").path, displayName: "\(name).csv")
    }

    /// The folder holding the CSV resources: in the resource bundle beside the executable (or
    /// the main bundle), symbolic links resolved.
    static func resourceDirectory() -> URL? {
        var places: [URL] = []
        if let exe = Bundle.main.executableURL {
            places.append(exe.deletingLastPathComponent())
            places.append(exe.resolvingSymlinksInPath().deletingLastPathComponent())
        }
        places.append(Bundle.main.bundleURL)
        if let r = Bundle.main.resourceURL { places.append(r) }
        for place in places {
            for bundle in bundleNames {
                for sub in ["Resources", "Contents/Resources/Resources"] {
                    let dir = place.appendingPathComponent(bundle).appendingPathComponent(sub)
                    if FileManager.default.fileExists(atPath: dir.appendingPathComponent("faithful.csv").path) { return dir }
                }
            }
        }
        return nil
    }
}
