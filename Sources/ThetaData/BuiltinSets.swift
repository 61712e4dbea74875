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

    static let bundleNames = ResourceBundles.names(module: "ThetaData")

    /// Loads a shipped data set by name.
    public static func load(_ name: String) throws(DataError) -> Dataset {
        guard names.contains(name) else {
            throw DataError("no built-in data set '\(name)'")
        }
        guard let dir = ResourceBundles.directory(module: "ThetaData", folder: "Resources", containing: "faithful.csv") else {
            throw DataError("the built-in data sets are missing from this installation: expected the folder \(bundleNames[0]) beside the theta executable")
        }
        return try CSVReader.read(path: dir.appendingPathComponent(name + ".csv").path, displayName: "\(name).csv")
    }
}

/// SwiftPM resource bundles, found beside the executable rather than through the generated
/// `Bundle.module` (whose accessor stops the process when the bundle is missing).
public enum ResourceBundles {
    /// The names SwiftPM gives the bundle of `module` in this package (Linux, then Darwin).
    public static func names(module: String) -> [String] {
        ["Theta_\(module).resources", "Theta_\(module).bundle"]
    }

    /// The resource folder `folder` of `module`'s bundle, if it holds `file`: looked for beside
    /// the executable (symbolic links resolved too) and in the main bundle.
    public static func directory(module: String, folder: String, containing file: String) -> URL? {
        var places: [URL] = []
        if let exe = Bundle.main.executableURL {
            places.append(exe.deletingLastPathComponent())
            places.append(exe.resolvingSymlinksInPath().deletingLastPathComponent())
        }
        places.append(Bundle.main.bundleURL)
        if let r = Bundle.main.resourceURL { places.append(r) }
        for place in places {
            for bundle in names(module: module) {
                for sub in [folder, "Contents/Resources/\(folder)"] {
                    let dir = place.appendingPathComponent(bundle).appendingPathComponent(sub)
                    if FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path) { return dir }
                }
            }
        }
        return nil
    }
}
