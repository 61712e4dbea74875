import ThetaTensor

/// The header of a `.npy` file (NumPy's format, versions 1.0, 2.0 and 3.0):
///
///     magic "\x93NUMPY", major, minor,
///     header length: 2 bytes little-endian (v1) or 4 bytes (v2, v3),
///     header: a Python dict literal {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }
///             in latin-1 (v1, v2) or UTF-8 (v3), padded with spaces and a newline,
///     data: the elements, C order unless fortran_order.
struct NPYHeader: Equatable {
    /// Element type: kind (`f` float, `i` signed, `u` unsigned, `b` bool), bytes, byte order.
    struct DType: Equatable {
        enum Kind: Equatable { case float, signed, unsigned, bool }
        let kind: Kind
        let size: Int
        let bigEndian: Bool
        let descr: String

        /// `'<f8'`, `'>i2'`, `'|b1'`, `'|u1'`, ... ; anything else is an error naming the dtype.
        static func parse(_ descr: String) throws(DataError) -> DType {
            var chars = Array(descr.unicodeScalars)
            var big = false
            if let c = chars.first, "<>|=".unicodeScalars.contains(c) {
                big = c == ">"
                chars.removeFirst()
            }
            guard let k = chars.first, let size = Int(String(String.UnicodeScalarView(chars.dropFirst()))) else {
                throw unsupported(descr)
            }
            let kind: Kind
            switch (k, size) {
            case ("f", 2), ("f", 4), ("f", 8): kind = .float
            case ("i", 1), ("i", 2), ("i", 4), ("i", 8): kind = .signed
            case ("u", 1), ("u", 2), ("u", 4), ("u", 8): kind = .unsigned
            case ("b", 1): kind = .bool
            default: throw unsupported(descr)
            }
            return DType(kind: kind, size: size, bigEndian: big && size > 1, descr: descr)
        }

        static func unsupported(_ descr: String) -> DataError {
            let known: [Character: String] = ["c": "complex", "U": "unicode string", "S": "byte string",
                                              "O": "Python object", "M": "datetime", "m": "timedelta", "V": "raw bytes"]
            let kindChar = descr.first { !"<>|=".contains($0) }
            var what = kindChar.flatMap { known[$0] }.map { " (\($0))" } ?? ""
            if descr.hasSuffix("f16") || descr.hasSuffix("f12") { what = " (long double)" }
            return DataError("unsupported dtype '\(descr)'\(what): Theta reads floats (f2, f4, f8), integers (i1 to i8, u1 to u8) and booleans (b1)")
        }
    }

    let version: (UInt8, UInt8)
    let dtype: DType
    let fortranOrder: Bool
    let shape: [Int]
    /// Offset of the first data byte.
    let dataOffset: Int

    static func == (a: NPYHeader, b: NPYHeader) -> Bool {
        a.version == b.version && a.dtype == b.dtype && a.fortranOrder == b.fortranOrder && a.shape == b.shape
            && a.dataOffset == b.dataOffset
    }

    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]

    /// Bytes needed to know the header's length: magic, version and the length field.
    static let prefixLength = 12

    /// The total header size (magic to data) from the first bytes of a file, checking the
    /// magic and the version. `prefix` holds at least 12 bytes, or the whole file if shorter.
    static func headerSize(_ prefix: [UInt8], name: String) throws(DataError) -> (Int, (UInt8, UInt8)) {
        guard prefix.count >= 10, Array(prefix[0..<6]) == magic else {
            throw DataError("\(name) is not an NPY file (it does not start with \\x93NUMPY)")
        }
        let version = (prefix[6], prefix[7])
        switch version.0 {
        case 1:
            return (10 + (Int(prefix[8]) | Int(prefix[9]) << 8), version)
        case 2, 3:
            guard prefix.count >= 12 else { throw DataError("\(name): the NPY header is truncated") }
            let n = Int(prefix[8]) | Int(prefix[9]) << 8 | Int(prefix[10]) << 16 | Int(prefix[11]) << 24
            return (12 + n, version)
        default:
            throw DataError("\(name): unsupported NPY format version \(version.0).\(version.1) (Theta reads 1.0 to 3.0)")
        }
    }

    /// Parses a complete header (`bytes` = the first `headerSize` bytes of the file).
    static func parse(_ bytes: [UInt8], name: String) throws(DataError) -> NPYHeader {
        let (size, version) = try headerSize(bytes, name: name)
        guard bytes.count >= size else { throw DataError("\(name): the NPY header is truncated") }
        let start = version.0 == 1 ? 10 : 12
        let body = bytes[start..<size]
        let text = version.0 == 3 ? String(decoding: body, as: UTF8.self)
            : String(String.UnicodeScalarView(body.map { Unicode.Scalar($0) }))
        let literal: PythonLiteral
        do { literal = try PythonLiteral.parse(text) } catch {
            throw DataError("\(name): the NPY header is not valid: \(error.message)")
        }
        guard case .dict(let d) = literal else { throw DataError("\(name): the NPY header is not a dict") }
        guard case .string(let descr)? = d["descr"] else {
            if d["descr"] != nil { throw DataError("\(name): unsupported dtype (a structured record type): Theta reads plain numeric arrays") }
            throw DataError("\(name): the NPY header has no 'descr'")
        }
        guard case .bool(let fortran)? = d["fortran_order"] else {
            throw DataError("\(name): the NPY header has no 'fortran_order'")
        }
        guard case .tuple(let dims)? = d["shape"] else { throw DataError("\(name): the NPY header has no 'shape' tuple") }
        var shape: [Int] = []
        for dim in dims {
            guard case .int(let k) = dim, k >= 0 else { throw DataError("\(name): the NPY shape has a negative or non-integer extent") }
            shape.append(k)
        }
        let dtype: DType
        do { dtype = try DType.parse(descr) } catch { throw DataError("\(name): \(error.message)") }
        return NPYHeader(version: version, dtype: dtype, fortranOrder: fortran, shape: shape, dataOffset: size)
    }

    /// The number of data bytes the header promises, checked against overflow and the tensor
    /// size limit, so that nothing is allocated for a shape that cannot be real.
    func dataBytes(name: String) throws(DataError) -> (count: Int, bytes: Int) {
        let count: Int
        do { count = try Tensor.elementCount(shape) } catch {
            throw DataError("\(name): the NPY shape \(NPYHeader.shapeText(shape)) is too large")
        }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: dtype.size)
        guard !overflow else { throw DataError("\(name): the NPY shape \(NPYHeader.shapeText(shape)) is too large") }
        return (count, bytes)
    }

    /// `(3, 4)`, `(3,)`, `()`: a shape as Python's repr writes it.
    static func shapeText(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    /// The header NumPy's `np.save` writes for a C-ordered float64 array of `shape` (format
    /// 1.0, or 2.0 when the header would not fit in 65535 bytes): the dict with sorted keys,
    /// 21 − (digits of the first extent) spare spaces for growing that axis, then spaces and
    /// a newline so that the data starts at a multiple of 64 bytes.
    static func encode(shape: [Int]) -> [UInt8] {
        var dict = "{'descr': '<f8', 'fortran_order': False, 'shape': \(shapeText(shape)), }"
        if let first = shape.first { dict += String(repeating: " ", count: max(0, 21 - String(first).count)) }
        let hlen = dict.utf8.count + 1
        var lengthBytes = 2
        var pad = 64 - ((10 + hlen) % 64)
        if hlen + pad > 65535 {
            lengthBytes = 4
            pad = 64 - ((12 + hlen) % 64)
        }
        let total = hlen + pad
        var out = magic + [lengthBytes == 2 ? 1 : 2, 0]
        for k in 0..<lengthBytes { out.append(UInt8(truncatingIfNeeded: total >> (8 * k))) }
        out.append(contentsOf: dict.utf8)
        out.append(contentsOf: [UInt8](repeating: 32, count: pad))
        out.append(10)
        return out
    }
}
