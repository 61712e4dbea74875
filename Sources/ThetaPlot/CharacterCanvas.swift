/// A grid of terminal cells that marks are drawn into at sub-cell resolution.
///
/// Each cell can hold braille dots (2 × 4 dots per cell: lines and points), a bar level in
/// eighths of a cell (histograms, drawn with the block elements ▁▂▃▄▅▆▇█) and a shade (heat
/// maps, ░▒▓█). When a cell has several, braille wins over bars, bars over shade. Each cell
/// remembers the layer that drew its winning content, for colour.
struct CharacterCanvas {
    struct Cell {
        var dots: UInt8 = 0
        var dotLayer = -1
        var barEighths = 0
        var barLayer = -1
        var shade = -1          // 0...4, -1 for none
        var shadeLevel = 0.0    // 0...1, for colour
    }

    let columns: Int, rows: Int
    private(set) var cells: [Cell]

    init(columns: Int, rows: Int) {
        self.columns = max(1, columns); self.rows = max(1, rows)
        cells = Array(repeating: Cell(), count: self.columns * self.rows)
    }

    /// Dot resolution: 2 per column across, 4 per row down.
    var dotWidth: Int { columns * 2 }
    var dotHeight: Int { rows * 4 }

    /// Bit of dot (dx, dy) within a braille cell (Unicode braille patterns, U+2800 + bits).
    private static let bits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    /// Sets the dot at dot coordinates (x right, y down); outside is ignored.
    mutating func dot(_ x: Int, _ y: Int, layer: Int) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let i = (y / 4) * columns + x / 2
        cells[i].dots |= Self.bits[x % 2][y % 4]
        cells[i].dotLayer = layer
    }

    /// A straight run of dots between two dot positions (DDA: one dot per step along the
    /// longer axis).
    mutating func segment(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, layer: Int) {
        let steps = Int(max(abs(x1 - x0), abs(y1 - y0)).rounded(.up))
        guard steps < 100_000 else { return }
        if steps == 0 { dot(Int(x0.rounded()), Int(y0.rounded()), layer: layer); return }
        for k in 0...steps {
            let t = Double(k) / Double(steps)
            dot(Int((x0 + t * (x1 - x0)).rounded()), Int((y0 + t * (y1 - y0)).rounded()), layer: layer)
        }
    }

    /// A bar in `column` rising `eighths` eighths of a cell from the bottom row.
    mutating func bar(column: Int, eighths: Int, layer: Int) {
        guard column >= 0, column < columns, eighths > 0 else { return }
        for r in 0..<rows {
            let fromBottom = rows - 1 - r
            let fill = min(8, eighths - fromBottom * 8)
            if fill <= 0 { continue }
            let i = r * columns + column
            if fill >= cells[i].barEighths { cells[i].barEighths = fill; cells[i].barLayer = layer }
        }
    }

    /// A shade for heat maps: `level` in [0, 1].
    mutating func shade(column: Int, row: Int, level: Double) {
        guard column >= 0, column < columns, row >= 0, row < rows, level.isFinite else { return }
        let i = row * columns + column
        cells[i].shade = min(4, max(0, Int((level * 4).rounded())))
        cells[i].shadeLevel = min(1, max(0, level))
    }

    static let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let shades: [Character] = [" ", "░", "▒", "▓", "█"]

    /// One row as text; with `color`, each run of cells from one layer is wrapped in an ANSI
    /// 256-colour escape and reset.
    func line(_ row: Int, color: Bool) -> String {
        var out = ""
        var current: Int? = nil  // ANSI colour in effect
        for c in 0..<columns {
            let cell = cells[row * columns + c]
            let ch: Character
            var ansi: Int? = nil
            if cell.dots != 0, let s = Unicode.Scalar(0x2800 + UInt32(cell.dots)) {
                ch = Character(s); ansi = Palette.ansiColor(cell.dotLayer)
            } else if cell.barEighths > 0 {
                ch = Self.blocks[cell.barEighths]; ansi = Palette.ansiColor(cell.barLayer)
            } else if cell.shade >= 0 {
                if color {
                    ch = cell.shade == 0 ? " " : "█"; ansi = Palette.sequentialANSI(cell.shadeLevel)
                } else {
                    ch = Self.shades[cell.shade]
                }
            } else {
                ch = " "
            }
            if color, ch != " ", ansi != current {
                out += "\u{1B}[38;5;\(ansi ?? 7)m"; current = ansi
            }
            out.append(ch)
        }
        if color, current != nil {
            while out.hasSuffix(" ") { out.removeLast() }
            out += "\u{1B}[0m"
        }
        return out
    }
}
