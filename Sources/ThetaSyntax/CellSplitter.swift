/// Splits a notebook-style file into cells (Jupytext "percent" format).
///
/// - A line starting with `# %%` starts a cell; it is a markdown cell when the rest of the
///   line contains `[markdown]` or `[md]`, else a code cell. The marker line belongs to no cell.
/// - Text before the first marker is a code cell when it is not blank.
/// - A file without markers is one code cell (even when blank).
/// - Blank lines at the start and end of a cell are dropped. A code cell's text is its lines as
///   written and its span covers exactly that text (so `Parser.parse(file, range:)` can parse
///   it); a markdown cell's text is its lines with a leading `# ` (or `#`) removed, and its span
///   covers the raw lines. An empty cell has an empty span just after its marker line.
public enum CellSplitter {
    public static func cells(of file: SourceFile) -> [Cell] {
        let bytes = file.bytes
        var lines: [Range<Int>] = []  // without their line breaks
        var start = 0
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") {
            lines.append(start..<i)
            start = i + 1
        }
        if start < bytes.count || lines.isEmpty { lines.append(start..<bytes.count) }

        var cells: [Cell] = []
        var kind: Cell.Kind = .code
        var body: [Range<Int>] = []
        var anchor = 0
        var sawMarker = false
        for line in lines {
            let text = lineText(file, line)
            if text.hasPrefix("# %%") {
                if sawMarker || !isBlank(file, body) {
                    cells.append(makeCell(kind, body, anchor: anchor, file))
                }
                sawMarker = true
                let rest = text.dropFirst(4)
                kind = rest.contains("[markdown]") || rest.contains("[md]") ? .markdown : .code
                body = []
                anchor = min(line.upperBound + 1, bytes.count)
            } else {
                body.append(line)
            }
        }
        if sawMarker || !isBlank(file, body) || cells.isEmpty {
            cells.append(makeCell(kind, body, anchor: anchor, file))
        }
        return cells
    }

    static func lineText(_ file: SourceFile, _ line: Range<Int>) -> String {
        var text = file.text(of: Span(file: file, start: line.lowerBound, end: line.upperBound))
        if text.hasSuffix("\r") { text.removeLast() }
        return text
    }

    static func isBlank(_ file: SourceFile, _ lines: [Range<Int>]) -> Bool {
        lines.allSatisfy { lineText(file, $0).allSatisfy { $0 == " " || $0 == "\t" } }
    }

    static func makeCell(_ kind: Cell.Kind, _ body: [Range<Int>], anchor: Int, _ file: SourceFile) -> Cell {
        var lines = body[...]
        while let first = lines.first, isBlank(file, [first]) { lines.removeFirst() }
        while let last = lines.last, isBlank(file, [last]) { lines.removeLast() }
        guard let first = lines.first, let last = lines.last else {
            return Cell(kind: kind, text: "", span: Span(file: file, start: anchor, end: anchor))
        }
        let span = Span(file: file, start: first.lowerBound, end: last.upperBound)
        switch kind {
        case .code:
            return Cell(kind: .code, text: file.text(of: span), span: span)
        case .markdown:
            let text = lines.map { line -> String in
                let t = lineText(file, line)
                if t.hasPrefix("# ") { return String(t.dropFirst(2)) }
                if t.hasPrefix("#") { return String(t.dropFirst(1)) }
                return t
            }.joined(separator: "\n")
            return Cell(kind: .markdown, text: text, span: span)
        }
    }
}
