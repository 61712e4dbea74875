import ArgumentParser
import Foundation
import ThetaNotebook
import ThetaRuntime
import ThetaSyntax

/// `theta render FILE -o OUT.ipynb | OUT.html | OUT.md [--seed N]`: runs the file cell by cell
/// and writes a notebook with every output. The format follows OUT's extension. A cell that
/// fails records its error and the cells after it still run; the notebook is written either
/// way, the errors are reported on standard error, and the exit status is then 1.
struct RenderCommand: ThetaSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Run a script cell by cell and write a notebook (.ipynb, .html or .md) with its outputs.")

    @ArgumentParser.Argument(help: "The .gm file to render.")
    var file: String

    @Option(name: [.short, .customLong("output")], help: "The notebook to write: OUT.ipynb, OUT.html or OUT.md.")
    var output: String

    @OptionGroup var random: SeedOption

    enum Format { case ipynb, html, markdown }

    static func format(of path: String) -> Format? {
        switch (path as NSString).pathExtension.lowercased() {
        case "ipynb": return .ipynb
        case "html", "htm": return .html
        case "md", "markdown": return .markdown
        default: return nil
        }
    }

    func execute() -> ExitStatus {
        Interrupts.install(cancelsLine: false)
        guard let format = Self.format(of: output) else {
            Output.error("theta render: the output must end in .ipynb, .html or .md, got \(output)")
            return .usage
        }
        guard let source = loadScript(file) else { return .usage }
        let runner = NotebookRunner(seed: random.seed, version: ThetaVersion.number)
        let notebook = Interpreter.onLargeStack { runner.run(source) }
        do {
            try write(notebook, format: format)
        } catch {
            Output.error("theta render: cannot write \(output): \(error.localizedDescription)")
            return .failure
        }
        for cell in notebook.cells {
            for case .error(_, _, let traceback) in cell.outputs { Output.error(traceback.joined(separator: "\n")) }
        }
        return notebook.failedCells == 0 ? .success : .failure
    }

    func write(_ nb: Notebook, format: Format) throws {
        let url = URL(fileURLWithPath: output)
        switch format {
        case .ipynb: try Data(IPynbWriter.render(nb).utf8).write(to: url, options: .atomic)
        case .html: try Data(HTMLWriter.render(nb).utf8).write(to: url, options: .atomic)
        case .markdown:
            let stem = url.deletingPathExtension().lastPathComponent
            let (text, figures) = MarkdownWriter.render(nb, figureFolder: "\(stem)_files")
            let dir = url.deletingLastPathComponent()
            if !figures.isEmpty {
                try FileManager.default.createDirectory(at: dir.appendingPathComponent("\(stem)_files"),
                                                        withIntermediateDirectories: true)
            }
            for f in figures { try Data(f.svg.utf8).write(to: dir.appendingPathComponent(f.path), options: .atomic) }
            try Data(text.utf8).write(to: url, options: .atomic)
        }
    }
}
