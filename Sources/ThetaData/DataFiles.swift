import Foundation
import ThetaTensor

/// Loading and saving by file extension: `.csv` is a table, `.npy` one tensor, `.npz` named
/// tensors.
public enum DataFiles {
    /// What a file holds.
    public enum Contents {
        case table(Dataset)
        case tensor(Tensor)
        case arrays([(name: String, tensor: Tensor)])
    }

    public enum Format: String { case csv, npy, npz }

    public static func format(of path: String, for verb: String) throws(DataError) -> Format {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        guard let f = Format(rawValue: ext) else {
            throw DataError("\(verb): cannot tell the format of '\(path)' from its extension; Theta \(verb == "save" ? "writes" : "reads") .csv, .npy and .npz")
        }
        return f
    }

    public static func load(_ path: String) throws(DataError) -> Contents {
        switch try format(of: path, for: "load") {
        case .csv: return .table(try CSVReader.read(path: path))
        case .npy: return .tensor(try NPYReader.read(path: path))
        case .npz: return .arrays(try NPZ.read(path: path))
        }
    }

    /// Saves `contents` in the format `path`'s extension names.
    public static func save(_ contents: Contents, to path: String, compressed: Bool = false) throws(DataError) {
        let f = try format(of: path, for: "save")
        switch (f, contents) {
        case (.csv, .table(let d)): try CSVWriter.write(d, path: path)
        case (.csv, .tensor(let t)): try CSVWriter.write(try Dataset(samples: t), path: path)
        case (.npy, .table(let d)): try NPYWriter.write(d.samples, path: path)
        case (.npy, .tensor(let t)): try NPYWriter.write(t, path: path)
        case (.npz, .arrays(let a)): try NPZ.write(a, path: path, compressed: compressed)
        case (.npz, .table(let d)):
            // One member per column, as `np.savez(path, **{name: df[name]})` would write.
            var arrays: [(name: String, tensor: Tensor)] = []
            if d.columns.isEmpty { arrays = [("x", d.samples)] }
            for (j, name) in d.columns.enumerated() { arrays.append((name, d.column(at: j))) }
            try NPZ.write(arrays, path: path, compressed: compressed)
        case (.npz, .tensor(let t)): try NPZ.write([("arr_0", t)], path: path, compressed: compressed)
        case (.csv, .arrays), (.npy, .arrays):
            throw DataError("save: several named arrays go in an .npz file, not .\(f.rawValue)")
        }
    }
}
