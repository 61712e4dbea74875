/// Writes a notebook as GitHub-flavoured Markdown: markdown cells as they are, code in
/// ```theta fences, text outputs in plain fences, errors in fences after a bold "Error" line,
/// and plots as SVG files in a folder beside the document (`<stem>_files/figure-N.svg`),
/// linked as images, because GitHub does not show inline SVG in Markdown.
public enum MarkdownWriter {
    /// A file to write beside the document: its path relative to the document's folder.
    public struct Figure: Sendable, Equatable {
        public let path: String
        public let svg: String
    }

    /// The Markdown text and the figures it links to, in `folder` (relative to the document;
    /// by default `<stem>_files`).
    public static func render(_ nb: Notebook, figureFolder: String? = nil) -> (text: String, figures: [Figure]) {
        var parts: [String] = []
        var figures: [Figure] = []
        let folder = figureFolder ?? "\(nb.stem)_files"
        parts.append("<!-- Rendered by theta \(nb.version) from \(nb.baseName) with seed \(nb.seed). -->")
        for cell in nb.cells {
            switch cell.kind {
            case .markdown:
                if !cell.source.isEmpty { parts.append(cell.source) }
            case .code:
                if !cell.source.isEmpty { parts.append(fence(cell.source, info: "theta")) }
                var text = ""
                func flush() {
                    if !text.isEmpty { parts.append(fence(text, info: "text")); text = "" }
                }
                for output in cell.outputs {
                    switch output {
                    case .stream(let s): text += s
                    case .value(let t, nil): text += t + "\n"
                    case .value(let t, let svg?):
                        flush()
                        let path = "\(folder)/figure-\(figures.count + 1).svg"
                        figures.append(Figure(path: path, svg: svg))
                        parts.append("![\(altText(t))](\(path))")
                    case .error(_, _, let traceback):
                        flush()
                        parts.append("**Error**\n\n" + fence(traceback.joined(separator: "\n"), info: "text"))
                    }
                }
                flush()
            }
        }
        return (parts.joined(separator: "\n\n") + "\n", figures)
    }

    /// A fenced block whose fence is longer than any run of backticks inside it.
    static func fence(_ body: String, info: String) -> String {
        var longest = 0, run = 0
        for ch in body { if ch == "`" { run += 1; longest = max(longest, run) } else { run = 0 } }
        let f = String(repeating: "`", count: max(3, longest + 1))
        var b = body
        while b.hasSuffix("\n") { b.removeLast() }
        return "\(f)\(info)\n\(b)\n\(f)"
    }

    /// Image alt text: the plot's summary without characters that would end the link text.
    static func altText(_ s: String) -> String {
        String(s.map { "[]\n".contains($0) ? " " : $0 })
    }
}
