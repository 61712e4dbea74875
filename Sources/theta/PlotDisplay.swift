#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ThetaPlot
import ThetaRuntime

/// Plots drawn inline where `theta` shows values: a shown plot value is drawn with Unicode
/// characters to the width of the terminal (80 columns when standard output is not one), in
/// colour only when standard output is a terminal, `NO_COLOR` is unset and `TERM` is not
/// `dumb`. Other values (a fit included, which shows its summary line) are shown as text.
enum PlotDisplay {
    static func install(on interpreter: Interpreter) {
        let width = min(terminalWidth, 100)
        let color = colorOnStdout
        interpreter.runtime.showValue = { value in
            guard case .object(let o) = value, let p = o as? PlotValue else { return false }
            Output.value(TerminalPlot(width: width, color: color).render(p.plot))
            return true
        }
    }

    /// Columns of the terminal on standard output, else `COLUMNS`, else 80.
    static var terminalWidth: Int {
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 24 {
            return Int(size.ws_col)
        }
        if let c = getenv("COLUMNS"), let n = Int(String(cString: c)), n >= 24 { return n }
        return 80
    }

    static var colorOnStdout: Bool {
        guard isatty(STDOUT_FILENO) == 1, getenv("NO_COLOR") == nil else { return false }
        if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
        return true
    }
}
