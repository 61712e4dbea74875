import Ink

/// Writes a notebook as one self-contained HTML page: inline CSS (`HTMLStyle`) and inline SVG
/// figures, no scripts, fonts or other external resources. Markdown cells go through Ink
/// (CommonMark-style Markdown); code is highlighted with `SyntaxHighlighter`.
public enum HTMLWriter {
    public static func render(_ nb: Notebook) -> String {
        let parser = MarkdownParser()
        var body = ""
        for cell in nb.cells {
            switch cell.kind {
            case .markdown:
                guard !cell.source.isEmpty else { continue }
                body += "<section class=\"cell md\">\n\(parser.html(from: cell.source))\n</section>\n"
            case .code:
                body += "<section class=\"cell\">\n"
                if !cell.source.isEmpty {
                    let count = cell.executionCount.map { "<span class=\"count\" aria-hidden=\"true\">[\($0)]</span>" } ?? ""
                    body += "<div class=\"code\">\(count)<pre><code>\(SyntaxHighlighter.html(cell.source))</code></pre></div>\n"
                }
                if !cell.outputs.isEmpty { body += "<div class=\"outputs\">\n\(outputs(cell.outputs))</div>\n" }
                body += "</section>\n"
            }
        }
        let title = HTMLEscape.text(nb.title)
        let hasHeading = nb.cells.contains { $0.kind == .markdown && $0.source.split(separator: "\n").contains { $0.hasPrefix("#") } }
        let heading = hasHeading ? "" : "<h1>\(title)</h1>"
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="theta \(HTMLEscape.text(nb.version))">
        <title>\(title)</title>
        <style>
        \(HTMLStyle.css)
        </style>
        </head>
        <body>
        <main>
        <header class="doc">\(heading)<p>\(HTMLEscape.text(nb.baseName)) · rendered by theta \(HTMLEscape.text(nb.version)) · seed \(nb.seed)</p></header>
        \(body)</main>
        </body>
        </html>

        """
    }

    /// Outputs in order; consecutive text (prints and shown values) shares one block.
    static func outputs(_ outputs: [CellOutput]) -> String {
        var out = "", text = ""
        func flush() {
            if !text.isEmpty {
                while text.hasSuffix("\n") { text.removeLast() }
                out += "<pre class=\"out\">\(HTMLEscape.text(text))</pre>\n"; text = ""
            }
        }
        for o in outputs {
            switch o {
            case .stream(let s): text += s
            case .value(let t, nil): text += t + "\n"
            case .value(_, let svg?):
                flush()
                out += "<figure class=\"plot\">\n\(svg)</figure>\n"
            case .error(_, _, let traceback):
                flush()
                out += "<pre class=\"err\">\(HTMLEscape.text(traceback.joined(separator: "\n")))</pre>\n"
            }
        }
        flush()
        return out
    }
}
