extension Parser {
    /// True when a REPL should read another line before parsing `text`: a bracket is still
    /// open (and nothing else is wrong before the end), or the last token continues the line
    /// (a binary operator, `,`, `=`, `=>`, `|>`, `.`, `:`, `not`, `and`, `or`, `in`, `else`).
    /// An unterminated string is not incomplete (strings end on their line): it is an error.
    public static func isIncomplete(_ text: String) -> Bool {
        let file = SourceFile(name: "<input>", text: text)
        let lexed = Lexer.tokenize(file)
        if let error = lexed.error {
            return error.message.hasSuffix("is never closed") && !error.message.contains("string")
        }
        var i = lexed.tokens.count - 2  // skip .eof
        while i >= 0, lexed.tokens[i].kind == .newline { i -= 1 }
        guard i >= 0 else { return false }
        return lexed.tokens[i].continuesLine
    }
}
