import ThetaTensor

/// Reads `.npy` files (versions 1.0 to 3.0) into float64 tensors: floats of 2, 4 and 8 bytes,
/// signed and unsigned integers of 1 to 8 bytes (integers beyond 2⁵³ round to the nearest
/// double), booleans as 0 / 1; either byte order; C or Fortran order.
///
/// Before anything is allocated, the data size the header promises (shape × item size) must
/// equal the bytes the file holds after the header, so a header that lies about its shape, or
/// a truncated file, is an error rather than a huge allocation or a short read.
public enum NPYReader {
    public static func read(path: String) throws(DataError) -> Tensor {
        let file = try FileInput(path: path)
        let prefix = try file.bytes(at: 0, count: min(file.size, NPYHeader.prefixLength))
        let (headerSize, _) = try NPYHeader.headerSize(prefix, name: path)
        guard headerSize <= file.size else {
            throw DataError("\(path): the NPY header is truncated (it claims \(headerSize) bytes; the file has \(file.size))")
        }
        let header = try NPYHeader.parse(try file.bytes(at: 0, count: headerSize), name: path)
        let (count, bytes) = try checkedSize(header, available: file.size - headerSize, name: path)
        if header.dtype.kind == .float, header.dtype.size == 8, !header.dtype.bigEndian {
            // Native layout: the file's bytes are the tensor's storage.
            var failure: DataError?
            let scalars = [Double](unsafeUninitializedCapacity: count) { buf, initialized in
                initialized = 0
                guard let base = buf.baseAddress, count > 0 else { return }
                HugePages.advise(UnsafeMutableRawPointer(base), bytes: bytes)
                do throws(DataError) {
                    try file.read(at: headerSize, into: base, count: bytes)
                    initialized = count
                } catch { failure = error }
            }
            if let failure { throw failure }
            return try arrange(scalars, header, name: path)
        }
        let raw = try file.bytes(at: headerSize, count: bytes)
        return try arrange(convert(raw, header.dtype, count: count), header, name: path)
    }

    /// Decodes an NPY file held in memory (an NPZ member); `name` is how errors refer to it.
    public static func decode(_ data: [UInt8], name: String) throws(DataError) -> Tensor {
        let (headerSize, _) = try NPYHeader.headerSize(Array(data.prefix(NPYHeader.prefixLength)), name: name)
        guard headerSize <= data.count else {
            throw DataError("\(name): the NPY header is truncated (it claims \(headerSize) bytes; there are \(data.count))")
        }
        let header = try NPYHeader.parse(Array(data[0..<headerSize]), name: name)
        let (count, _) = try checkedSize(header, available: data.count - headerSize, name: name)
        return try arrange(convert(Array(data[headerSize...]), header.dtype, count: count), header, name: name)
    }

    /// The element count and byte size the header promises, which must match `available`.
    static func checkedSize(_ header: NPYHeader, available: Int, name: String) throws(DataError) -> (Int, Int) {
        let (count, bytes) = try header.dataBytes(name: name)
        guard bytes == available else {
            let shape = NPYHeader.shapeText(header.shape)
            throw DataError("\(name): the NPY header says shape \(shape) of '\(header.dtype.descr)', \(bytes) bytes of data, but the file holds \(available)"
                + (bytes > available ? " (truncated, or the header lies about the shape)" : ""))
        }
        return (count, bytes)
    }

    /// Row-major elements from C- or Fortran-ordered data.
    static func arrange(_ scalars: [Double], _ header: NPYHeader, name: String) throws(DataError) -> Tensor {
        if !header.fortranOrder || header.shape.count < 2 {
            return Tensor(unchecked: header.shape, scalars: scalars)
        }
        // Fortran order is C order of the reversed shape; reversing the axes gives C order.
        do {
            return try Tensor(unchecked: header.shape.reversed(), scalars: scalars).transposed()
        } catch {
            throw DataError("\(name): \(error.message)")
        }
    }

    /// Elements of `dtype` in `raw` as doubles.
    static func convert(_ raw: [UInt8], _ dtype: NPYHeader.DType, count: Int) -> [Double] {
        var out = [Double](repeating: 0, count: count)
        raw.withUnsafeBytes { r in
            let big = dtype.bigEndian
            func load<T: FixedWidthInteger>(_: T.Type, _ i: Int) -> T {
                let v = r.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.size, as: T.self)
                return big ? v.byteSwapped : v
            }
            switch (dtype.kind, dtype.size) {
            case (.float, 8): for i in 0..<count { out[i] = Double(bitPattern: load(UInt64.self, i)) }
            case (.float, 4): for i in 0..<count { out[i] = Double(Float(bitPattern: load(UInt32.self, i))) }
            case (.float, _): for i in 0..<count { out[i] = halfToDouble(load(UInt16.self, i)) }
            case (.signed, 1): for i in 0..<count { out[i] = Double(load(Int8.self, i)) }
            case (.signed, 2): for i in 0..<count { out[i] = Double(load(Int16.self, i)) }
            case (.signed, 4): for i in 0..<count { out[i] = Double(load(Int32.self, i)) }
            case (.signed, _): for i in 0..<count { out[i] = Double(load(Int64.self, i)) }
            case (.unsigned, 1): for i in 0..<count { out[i] = Double(load(UInt8.self, i)) }
            case (.unsigned, 2): for i in 0..<count { out[i] = Double(load(UInt16.self, i)) }
            case (.unsigned, 4): for i in 0..<count { out[i] = Double(load(UInt32.self, i)) }
            case (.unsigned, _): for i in 0..<count { out[i] = Double(load(UInt64.self, i)) }
            case (.bool, _): for i in 0..<count { out[i] = load(UInt8.self, i) != 0 ? 1 : 0 }
            }
        }
        return out
    }

    /// IEEE binary16 to double (exact): sign, 5-bit exponent (bias 15), 10-bit fraction;
    /// exponent 0 is subnormal (fraction · 2⁻²⁴), 31 is infinity or NaN.
    static func halfToDouble(_ h: UInt16) -> Double {
        let sign: Double = h & 0x8000 != 0 ? -1 : 1
        let e = Int(h >> 10) & 0x1F, f = Double(h & 0x3FF)
        if e == 0 { return sign * f * 0x1p-24 }
        if e == 31 { return f == 0 ? sign * .infinity : .nan }
        return sign * (1 + f / 1024) * Double(sign: .plus, exponent: e - 15, significand: 1)
    }
}
