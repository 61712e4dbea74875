import ThetaTensor

/// Writes tensors as `.npy` exactly as NumPy's `np.save` writes a C-ordered float64 array
/// (same header bytes, see `NPYHeader.encode`), so `np.load` reads every value back.
public enum NPYWriter {
    public static func encode(_ t: Tensor) -> [UInt8] {
        var out = NPYHeader.encode(shape: t.shape)
        let headerCount = out.count
        out.reserveCapacity(headerCount + 8 * t.count)
        t.scalars.withUnsafeBytes { raw in
            // Little-endian IEEE doubles: the in-memory layout on every platform Swift runs on
            // that Theta supports; converted explicitly anyway.
            if UInt16(1).littleEndian == 1 {
                out.append(contentsOf: raw)
            } else {
                for x in t.scalars { withUnsafeBytes(of: x.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
            }
        }
        return out
    }

    public static func write(_ t: Tensor, path: String) throws(DataError) {
        try FileOutput.write(encode(t), to: path)
    }
}
