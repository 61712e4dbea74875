import Foundation
import ThetaTensor
import ZIPFoundation

/// `.npz` files: a zip archive of `.npy` members, one per named array, as NumPy's `savez`
/// (members stored) and `savez_compressed` (members deflated) write them. The zip layer is
/// ZIPFoundation's, which checks each member's CRC-32.
public enum NPZ {
    /// The arrays of an archive by name (the member name without `.npy`), in archive order.
    public static func read(path: String) throws(DataError) -> [(name: String, tensor: Tensor)] {
        let file = try FileInput(path: path)  // names the path when it is missing
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw DataError("\(path) is not a valid NPZ (zip) file: \(describe(error))")
        }
        var out: [(name: String, tensor: Tensor)] = []
        for entry in archive where entry.type == .file {
            let member = entry.path
            let name = member.hasSuffix(".npy") ? String(member.dropLast(4)) : member
            // The member's declared size bounds what we accept; a member inflating to more
            // than it declares, or more than the archive could honestly hold, is corrupt.
            let declared = entry.uncompressedSize
            let limit = UInt64(Tensor.maxElements) * 8 + (1 << 20)
            guard declared <= limit else {
                throw DataError("\(path): member '\(member)' claims \(declared) bytes, more than Theta reads")
            }
            // Deflate expands at most 1032-fold; a stored member cannot exceed the archive.
            if declared > UInt64(max(file.size, 1)) * (entry.isCompressed ? 1032 : 1) {
                throw DataError("\(path): member '\(member)' claims \(declared) bytes from a \(file.size)-byte archive (corrupt zip)")
            }
            var bytes = [UInt8]()
            bytes.reserveCapacity(Int(declared))
            do {
                _ = try archive.extract(entry) { chunk in
                    guard UInt64(bytes.count + chunk.count) <= declared else { throw NPZOverflow() }
                    bytes.append(contentsOf: chunk)
                }
            } catch {
                throw DataError("\(path): cannot read member '\(member)' (corrupt zip): \(describe(error))")
            }
            guard UInt64(bytes.count) == declared else {
                throw DataError("\(path): member '\(member)' holds \(bytes.count) bytes but declares \(declared) (corrupt zip)")
            }
            out.append((name, try NPYReader.decode(bytes, name: "\(path)[\(member)]")))
        }
        if out.isEmpty { throw DataError("\(path) holds no arrays") }
        return out
    }

    /// Writes named arrays as `name.npy` members, deflated when `compressed`.
    public static func write(_ arrays: [(name: String, tensor: Tensor)], path: String, compressed: Bool) throws(DataError) {
        try FileOutput.replace(path) { tmp throws(DataError) in
            do {
                let archive = try Archive(url: URL(fileURLWithPath: tmp), accessMode: .create)
                for (name, t) in arrays {
                    let bytes = NPYWriter.encode(t)
                    try archive.addEntry(with: name + ".npy", type: .file, uncompressedSize: Int64(bytes.count),
                                         modificationDate: Date(timeIntervalSince1970: 315_532_800),
                                         compressionMethod: compressed ? .deflate : .none) { position, size in
                        let start = Int(position)
                        return Data(bytes[start..<min(start + size, bytes.count)])
                    }
                }
            } catch {
                throw DataError("cannot write \(path): \(describe(error))")
            }
        }
    }

    static func describe(_ error: any Error) -> String {
        if error is NPZOverflow { return "a member inflates to more bytes than it declares" }
        if let e = error as? Archive.ArchiveError {
            switch e {
            case .unreadableArchive: return "unreadable archive"
            case .missingEndOfCentralDirectoryRecord: return "no end-of-central-directory record"
            case .invalidCRC32: return "CRC-32 mismatch"
            case .invalidCompressionMethod: return "unknown compression method"
            default: return "\(e)"
            }
        }
        return "\(error)"
    }
}

/// Thrown from the extract consumer when a member inflates past its declared size.
struct NPZOverflow: Error {}
