/// Writes a notebook as Jupyter's .ipynb (nbformat 4.5).
///
/// - Every cell has an `id` (required since 4.5): 16 hex digits of the 64-bit FNV-1a hash of
///   "<file base name>#<cell index>", so two renders of one file give the same bytes.
/// - Shown values are `display_data` outputs with `text/plain`, plus `image/svg+xml` for plots;
///   prints are `stream` outputs on stdout; errors are `error` outputs whose traceback is the
///   rendered diagnostic.
/// - Metadata: a Theta kernelspec and language_info, and `theta: {seed, version}`.
public enum IPynbWriter {
    public static func render(_ nb: Notebook) -> String {
        let cells = nb.cells.enumerated().map { i, cell in json(cell, id: cellID(nb.baseName, i)) }
        let metadata: [String: JSONText] = [
            "kernelspec": .object(["display_name": .string("Theta"), "language": .string("theta"), "name": .string("theta")]),
            "language_info": .object([
                "name": .string("theta"), "version": .string(nb.version), "file_extension": .string(".gm"),
                "mimetype": .string("text/x-theta"), "pygments_lexer": .string("text"),
            ]),
            "theta": .object(["seed": .int(Int(clamping: nb.seed)), "version": .string(nb.version), "source": .string(nb.baseName)]),
        ]
        return JSONText.object([
            "cells": .array(cells), "metadata": .object(metadata), "nbformat": .int(4), "nbformat_minor": .int(5),
        ]).document()
    }

    static func json(_ cell: NotebookCell, id: String) -> JSONText {
        switch cell.kind {
        case .markdown:
            return .object(["cell_type": .string("markdown"), "id": .string(id), "metadata": .object([:]),
                            "source": JSONText.lines(cell.source)])
        case .code:
            return .object([
                "cell_type": .string("code"), "id": .string(id), "metadata": .object([:]),
                "execution_count": cell.executionCount.map { .int($0) } ?? .null,
                "outputs": .array(cell.outputs.map(json)), "source": JSONText.lines(cell.source),
            ])
        }
    }

    static func json(_ output: CellOutput) -> JSONText {
        switch output {
        case .stream(let text):
            return .object(["output_type": .string("stream"), "name": .string("stdout"), "text": JSONText.lines(text)])
        case .value(let text, let svg):
            var data: [String: JSONText] = ["text/plain": JSONText.lines(text)]
            if let svg { data["image/svg+xml"] = JSONText.lines(svg) }
            return .object(["output_type": .string("display_data"), "data": .object(data), "metadata": .object([:])])
        case .error(let name, let message, let traceback):
            return .object(["output_type": .string("error"), "ename": .string(name), "evalue": .string(message),
                            "traceback": .array(traceback.map { .string($0) })])
        }
    }

    /// 64-bit FNV-1a of "<name>#<index>" in hex: a cell id that is stable across renders.
    static func cellID(_ name: String, _ index: Int) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in "\(name)#\(index)".utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
