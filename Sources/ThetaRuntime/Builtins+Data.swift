import Foundation
import ThetaData
import ThetaSyntax
import ThetaTensor

/// Data sets and data files: `dataset`, `load`, `save`. The work is done by ThetaData; these
/// entries only convert values and locate errors at the call.
let dataBuiltins: [Builtin] = [
    Builtin("dataset", [.init("name"), .init("n", .noneValue), .init("noise", .noneValue), .init("seed", .number(0))], doc: """
        A data set by name: "faithful" (272 rows: eruptions, waiting) and "digits" (1797 rows:
        p0..p63 pixel counts 0-16 and label) ship with Theta; "moons", "circles", "swissroll",
        "pinwheel", "checkerboard" and "gaussians8" are generated 2-D sets (columns x1, x2) with
        n: points (default 1000), noise: (the Gaussian noise's standard deviation; each set has
        its own default) and seed: (default 0): the same arguments give the same points.
        dataset(x) makes data of a tensor whose rows are samples; dataset({a: xs, b: ys}) a
        table of equal-length columns.
        """) { args, ctx in
        switch args[0] {
        case .string(let name):
            if BuiltinSets.names.contains(name) {
                for i in 1...3 where args.given[i] {
                    throw args.error(i, "dataset: '\(name)' is a fixed data set; n:, noise: and seed: apply to the generated sets")
                }
                return .object(DatasetValue(try DatasetValue.located(ctx.span) { () throws(DataError) in try BuiltinSets.load(name) }))
            }
            guard GeneratedSets.names.contains(name) else {
                let all = BuiltinSets.names + GeneratedSets.names
                throw args.error(0, "dataset: no data set named '\(name)'",
                                 hint: Suggest.closest(to: name, in: all).map { "did you mean '\($0)'?" }
                                    ?? "the data sets are \(all.joined(separator: ", "))")
            }
            let n: Int
            if case .none = args[1] { n = 1000 } else { n = try args.int(1) }
            var noise: Double? = nil
            if case .none = args[2] {} else { noise = try args.number(2) }
            let seed = UInt64(bitPattern: Int64(try args.int(3)))
            return .object(DatasetValue(try DatasetValue.located(ctx.span) { () throws(DataError) in
                try GeneratedSets.make(name, n: n, noise: noise, seed: seed)
            }))
        case .record(let r):
            var columns: [Tensor] = []
            for (name, v) in zip(r.names, r.values) {
                let t = try Coerce.tensor(v, at: args.spans[0], what: "dataset: column '\(name)'")
                guard t.rank == 1, t.count == (columns.first?.count ?? t.count) else {
                    throw args.error(0, "dataset: the columns of a table must be 1-d tensors of one length; '\(name)' has shape \(Tensor.describe(t.shape))")
                }
                columns.append(t)
            }
            let n = columns.first?.count ?? 0
            var scalars = [Double](repeating: 0, count: n * columns.count)
            for (j, c) in columns.enumerated() { for i in 0..<n { scalars[i * columns.count + j] = c.scalars[i] } }
            return .object(DatasetValue(try DatasetValue.located(ctx.span) { () throws(DataError) in
                try Dataset(samples: Tensor(unchecked: [n, columns.count], scalars: scalars), columns: r.names)
            }))
        default:
            return .object(DatasetValue(try DatasetValue.coerce(args[0], at: args.spans[0], what: "dataset")))
        }
    },
    Builtin("load", [.init("path")], doc: """
        Reads a data file: .csv (a header row, then numbers) gives a data set; .npy (as NumPy's
        np.save writes, any numeric dtype) a tensor; .npz (np.savez / np.savez_compressed) a
        record of tensors by name.
        """) { args, ctx in
        let path = expandPath(try args.string(0))
        switch try DatasetValue.located(ctx.span, { () throws(DataError) in try DataFiles.load(path) }) {
        case .table(let d): return .object(DatasetValue(d))
        case .tensor(let t): return Value.from(t)
        case .arrays(let arrays):
            return .record(Record(names: arrays.map(\.name), values: arrays.map { Value.from($0.tensor) }))
        }
    },
    Builtin("save", [.init("value"), .init("path"), .init("compressed", .bool(false))], doc: """
        Writes data to a file chosen by its extension: .csv (a data set or a 1-d / 2-d tensor,
        as pandas' to_csv writes it), .npy (a tensor or a data set's x, as np.save writes it) or
        .npz (a record of tensors, a data set's columns, or one tensor as arr_0; compressed: true
        deflates like np.savez_compressed). A plot (or a fit, as its loss curve) is written as
        SVG: save(plot(data, model), "fig.svg"). The file is replaced only when writing succeeds.
        """) { args, ctx in
        let path = expandPath(try args.string(1))
        if try PlotValue.save(args[0], to: path, ctx) { return .none }
        let compressed = try args.bool(2)
        let contents: DataFiles.Contents
        switch args[0] {
        case .object(let d as DatasetValue): contents = .table(d.data)
        case .number, .tensor, .tracked, .bool:
            contents = .tensor(try args.tensor(0))
        case .record(let r):
            var arrays: [(name: String, tensor: Tensor)] = []
            for (name, v) in zip(r.names, r.values) {
                arrays.append((name, try Coerce.tensor(v, at: args.spans[0], what: "save: field '\(name)'")))
            }
            contents = .arrays(arrays)
        default:
            throw args.error(0, "save: cannot save \(args[0].typeName) as data; give a data set, a tensor or a record of tensors")
        }
        try DatasetValue.located(ctx.span) { () throws(DataError) in
            try DataFiles.save(contents, to: path, compressed: compressed)
        }
        return .none
    },
]

/// `~/x.csv` with the home directory spelled out; other paths as given (relative paths are
/// relative to the working directory).
func expandPath(_ path: String) -> String {
    (path as NSString).expandingTildeInPath
}
