/// ThetaNotebook: a `.gm` file run cell by cell into a notebook (its cells with their outputs),
/// and the notebook written as .ipynb, HTML or Markdown. Imports ThetaRuntime for running and
/// ThetaPlot for drawing.

/// A rendered notebook: every cell of the source file with the outputs running it produced.
public struct Notebook: Sendable {
    /// The source file's name as given (used for titles and for cell ids).
    public var fileName: String
    public var seed: UInt64
    /// The Theta version that ran it.
    public var version: String
    public var cells: [NotebookCell]

    public init(fileName: String, seed: UInt64, version: String, cells: [NotebookCell]) {
        self.fileName = fileName; self.seed = seed; self.version = version; self.cells = cells
    }

    /// The file name without directories (`03-mle.gm`).
    public var baseName: String { fileName.split(separator: "/").last.map(String.init) ?? fileName }

    /// The file name without directories or extension (`03-mle`).
    public var stem: String {
        let base = baseName
        if let dot = base.lastIndex(of: "."), dot != base.startIndex { return String(base[..<dot]) }
        return base
    }

    /// The first markdown heading's text, or the stem.
    public var title: String {
        for cell in cells where cell.kind == .markdown {
            for line in cell.source.split(separator: "\n") where line.hasPrefix("#") {
                let t = line.drop(while: { $0 == "#" }).trimmingCharacters(in: .whitespaces)
                if !t.isEmpty { return t }
            }
        }
        return stem
    }

    /// How many code cells ended with an error.
    public var failedCells: Int {
        cells.filter { $0.outputs.contains { if case .error = $0 { true } else { false } } }.count
    }
}

/// One cell: markdown text, or code with its execution number and outputs.
public struct NotebookCell: Sendable {
    public enum Kind: String, Sendable { case code, markdown }
    public var kind: Kind
    /// The cell's text (a markdown cell's without the leading `# `).
    public var source: String
    /// 1, 2, ... over the code cells; nil for markdown.
    public var executionCount: Int?
    public var outputs: [CellOutput]
    /// The first line of the cell in the source file (for highlighting and links).
    public var line: Int

    public init(kind: Kind, source: String, executionCount: Int?, outputs: [CellOutput], line: Int) {
        self.kind = kind; self.source = source; self.executionCount = executionCount; self.outputs = outputs; self.line = line
    }
}

/// What running a cell shows, in order.
public enum CellOutput: Sendable, Equatable {
    /// Printed text (`print`), one or more lines, ending with a newline.
    case stream(String)
    /// A shown value: its text, and an SVG drawing when it draws as a plot.
    case value(text: String, svg: String?)
    /// The error that stopped the cell: its label, message and the rendered diagnostic lines.
    case error(name: String, message: String, traceback: [String])
}
