/// Log-sum-exp along a last axis of at most eight elements, eight rows at a time: lane `i`
/// of every vector belongs to row `r + i`, and vector `j` holds the rows' `j`-th elements.
///
/// With the rows across the lanes, each step of the row-wise computation is one vector
/// operation for eight rows: the maximum is `length − 1` lane-wise comparisons, the
/// exponentials one call of the buffer `exp` over the `8·length` shifted entries (whose loop
/// keeps the kernel's constants in registers), the sum `length − 1` additions and the
/// logarithm one lane `log`, with no per-row loop, no repeated shifts written out and read back, and no
/// horizontal sums. Each row sees exactly the operations of the row-at-a-time kernel, in the
/// same order (maximum by `v > m ? v : m` from the first element, sum left to right; the lane
/// and scalar forms of `VectorMath.exp` and `log` agree), so the results are the same bits.
extension Tensor {
    /// Runs the lane kernel over the largest multiple of eight of `rows` (`length` in 1...8)
    /// and returns how many rows it did. A group of eight rows with a maximum that is not
    /// finite (NaN, `+inf`, or an all `-inf` row) is left to the block kernel, which handles
    /// those rows exactly: the count returned stops before that group.
    static func logSumExpRowLanes(_ x: UnsafePointer<Double>, rows: Int, length: Int,
                                  into out: UnsafeMutablePointer<Double>,
                                  softmax: UnsafeMutablePointer<Double>?) -> Int {
        typealias Lanes = SIMD8<Double>
        guard length >= 1, length <= 8 else { return 0 }
        var r = 0
        withUnsafeTemporaryAllocation(of: Lanes.self, capacity: 8) { buffer in
            guard let columns = buffer.baseAddress else { return }
            while r + 8 <= rows {
                let p = x + r * length
                // Column j: element j of each of the eight rows.
                for j in 0..<length {
                    columns[j] = Lanes(p[j], p[length + j], p[2 * length + j], p[3 * length + j],
                                       p[4 * length + j], p[5 * length + j], p[6 * length + j],
                                       p[7 * length + j])
                }
                var m = columns[0]
                for j in 1..<length {
                    let v = columns[j]
                    m.replace(with: v, where: v .> m)
                }
                // m − m is +0 (all bits clear) for a finite maximum, NaN otherwise; a non-zero
                // pattern b has the top bit set in b or in −b (`any` would call a generic
                // routine that is not inlined, see `VectorMath.anyTopBit`).
                let bits = unsafeBitCast(m - m, to: SIMD8<UInt64>.self)
                if VectorMath.anyTopBit(bits | (0 &- bits)) { break }
                for j in 0..<length { columns[j] -= m }
                UnsafeMutableRawPointer(columns).withMemoryRebound(to: Double.self, capacity: 8 * length) { flat in
                    VectorMath.exp(flat, into: flat, count: 8 * length)
                }
                var sum = columns[0]
                for j in 1..<length { sum += columns[j] }
                let value = m + VectorMath.log(sum)
                UnsafeMutableRawPointer(out + r).storeBytes(of: value, as: Lanes.self)
                if let softmax {
                    let inverse = 1 / sum
                    let w = softmax + r * length
                    for j in 0..<length {
                        let c = columns[j] * inverse
                        for i in 0..<8 { w[i * length + j] = c[i] }
                    }
                }
                r += 8
            }
        }
        return r
    }
}
