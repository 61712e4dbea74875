import ThetaPlot
import ThetaRuntime
import ThetaSyntax

/// Runs a `.gm` file cell by cell (Jupytext percent cells, see `CellSplitter`) in one
/// interpreter, recording each code cell's outputs in order:
/// - `print` output as a stream (consecutive prints merge into one);
/// - each shown value as its text; a plot also as SVG; a fit as its summary (without the wall
///   time, which differs run to run) followed by its loss curve;
/// - an error as an error output, after which the cell stops and the next cell still runs (its
///   names defined before the error stay defined, as in Jupyter).
/// Cells are parsed in place (`Interpreter.run(file, range:)`), so errors carry the file's own
/// line numbers. The result depends only on the file, the seed and the version.
public struct NotebookRunner: Sendable {
    public var seed: UInt64
    public var version: String

    public init(seed: UInt64 = 0, version: String) {
        self.seed = seed; self.version = version
    }

    public func run(_ file: SourceFile) -> Notebook {
        let sink = OutputSink()
        let interpreter = Interpreter(seed: seed, display: { sink.print($0) })
        interpreter.runtime.showValue = { sink.show($0); return true }
        var cells: [NotebookCell] = []
        var count = 0
        for cell in CellSplitter.cells(of: file) {
            let line = cell.span.location.line
            switch cell.kind {
            case .markdown:
                cells.append(NotebookCell(kind: .markdown, source: cell.text, executionCount: nil, outputs: [], line: line))
            case .code:
                count += 1
                sink.outputs = []
                if !cell.text.isEmpty {
                    do {
                        try interpreter.run(file, range: cell.span.start..<cell.span.end)
                    } catch {
                        sink.outputs.append(Self.errorOutput(error))
                    }
                }
                cells.append(NotebookCell(kind: .code, source: cell.text, executionCount: count, outputs: sink.outputs, line: line))
            }
        }
        return Notebook(fileName: file.name, seed: seed, version: version, cells: cells)
    }

    static func errorOutput(_ d: Diagnostic) -> CellOutput {
        let rendered = DiagnosticRenderer.render(d, color: false)
        var lines = rendered.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last == "" { lines.removeLast() }
        return .error(name: d.label, message: d.message, traceback: lines)
    }
}

/// Collects a cell's outputs as the interpreter produces them (called on the interpreter's
/// evaluation thread while the runner waits for it).
final class OutputSink {
    var outputs: [CellOutput] = []

    func print(_ text: String) {
        if case .stream(let s)? = outputs.last {
            outputs[outputs.count - 1] = .stream(s + text + "\n")
        } else {
            outputs.append(.stream(text + "\n"))
        }
    }

    func show(_ v: Value) {
        let text = PlotValue.reproducibleText(of: v)
        guard let plot = PlotValue.plot(of: v) else {
            outputs.append(.value(text: text, svg: nil))
            return
        }
        let svg = SVGPlot().render(plot)
        if case .object(let o) = v, o is PlotValue {
            outputs.append(.value(text: text, svg: svg))
        } else {
            // A fit: its summary line, then its loss curve.
            outputs.append(.value(text: text, svg: nil))
            outputs.append(.value(text: plot.summary, svg: svg))
        }
    }
}
