import Foundation
import XCTest
@testable import ThetaData
import ThetaTensor

/// Random and mutated inputs for the three readers: each must return or throw a DataError,
/// never crash or hang. A fixed seed and a bounded number of cases keep the run reproducible
/// and short.
final class FuzzTests: XCTestCase {
    static let cases = 300

    /// A copy of `seed` with a few random bytes changed, inserted, removed or truncated.
    func mutate(_ seed: [UInt8], _ rng: inout RandomGenerator) -> [UInt8] {
        var b = seed
        let edits = 1 + Int(rng.below(4))
        for _ in 0..<edits {
            let op = rng.below(5)
            if b.isEmpty { b.append(UInt8(truncatingIfNeeded: rng.next())); continue }
            let at = Int(rng.below(UInt64(b.count)))
            switch op {
            case 0: b[at] = UInt8(truncatingIfNeeded: rng.next())
            case 1: b.insert(UInt8(truncatingIfNeeded: rng.next()), at: at)
            case 2: b.remove(at: at)
            case 3: b = Array(b.prefix(at))
            default: b[at] ^= 1 << UInt8(rng.below(8))
            }
        }
        return b
    }

    func randomBytes(_ rng: inout RandomGenerator, alphabet: [UInt8]? = nil) -> [UInt8] {
        let n = Int(rng.below(200))
        return (0..<n).map { _ in
            alphabet.map { $0[Int(rng.below(UInt64($0.count)))] } ?? UInt8(truncatingIfNeeded: rng.next())
        }
    }

    func accept(_ body: () throws -> Void) {
        do { try body() } catch is DataError {} catch { XCTFail("unexpected error type: \(error)") }
    }

    func testCSVReader() throws {
        var rng = RandomGenerator(seed: 1)
        let seeds = [try Fixtures.bytes("csv", "tricky.csv"), Array(try Fixtures.bytes("csv", "floats.csv").prefix(600))]
        let alphabet = Array("0123456789.,-+eE\"\r\n na".utf8)
        for k in 0..<Self.cases {
            let input = k % 3 == 0 ? randomBytes(&rng, alphabet: alphabet)
                : k % 3 == 1 ? randomBytes(&rng) : mutate(seeds[k % 2], &rng)
            accept { _ = try CSVReader.parse(input, name: "fuzz.csv") }
        }
    }

    func testNPYReader() throws {
        var rng = RandomGenerator(seed: 2)
        let dir = try temporaryDirectory()
        let seeds = try ["f8_le.npy", "fortran_i4_be.npy", "version_3.npy", "b1_na.npy"].map { try Fixtures.bytes("npy", $0) }
        for k in 0..<Self.cases {
            let input = k % 4 == 0 ? NPYHeader.magic + [1, 0] + randomBytes(&rng) : mutate(seeds[k % 4], &rng)
            accept { _ = try NPYReader.decode(input, name: "fuzz.npy") }
            if k % 10 == 0 {
                let path = dir + "/f.npy"
                _ = FileManager.default.createFile(atPath: path, contents: Data(input))
                accept { _ = try NPYReader.read(path: path) }
            }
        }
    }

    func testNPZReader() throws {
        var rng = RandomGenerator(seed: 3)
        let dir = try temporaryDirectory()
        let seeds = [try Fixtures.bytes("npz", "stored.npz"), try Fixtures.bytes("npz", "compressed.npz")]
        for k in 0..<(Self.cases / 3) {
            let input = k % 5 == 0 ? randomBytes(&rng) : mutate(seeds[k % 2], &rng)
            let path = dir + "/f\(k).npz"
            _ = FileManager.default.createFile(atPath: path, contents: Data(input))
            accept { _ = try NPZ.read(path: path) }
        }
    }
}
