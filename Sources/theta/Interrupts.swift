#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CReadline
import ThetaRuntime

/// Ctrl-C handling for the whole command.
///
/// One SIGINT handler (installed with `sigaction`, without `SA_RESTART`) decides by mode:
/// - while an evaluation runs it calls `Interpreter.requestInterrupt()` (an atomic store), and the
///   evaluation stops with an `.interrupted` diagnostic; a second Ctrl-C during the same
///   evaluation, which means the evaluation is not honouring the first, ends the process with
///   status 130;
/// - while the interactive REPL edits a line it wakes readline's input function (through a pipe),
///   which cancels the line;
/// - otherwise (a script or piped input waiting for input) it ends the process with status 130.
///
/// The handler only touches `sig_atomic_t` flags, a non-blocking pipe write and `_exit`, all
/// async-signal-safe. This is the only Swift file that uses the shim's static state (see shim.h).
enum Interrupts {
    /// Installs the SIGINT handler; `cancelsLine` selects the interactive REPL's behaviour when idle.
    static func install(cancelsLine: Bool) {
        if cancelsLine {
            _ = theta_wake_open()
            theta_rl_install_getc()
        }
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = cancelsLine ? replHandler : scriptHandler
        #else
        action.__sigaction_u.__sa_handler = cancelsLine ? replHandler : scriptHandler
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// Runs `body` as an evaluation: Ctrl-C during it requests an interrupt.
    static func whileEvaluating<T>(_ body: () -> T) -> T {
        theta_set_evaluating(1)
        defer { theta_set_evaluating(0) }
        return body()
    }

    /// Forgets a Ctrl-C left over from before the next line is read.
    static func prepareLine() {
        theta_wake_drain()
        _ = theta_take_line_cancelled()
    }

    /// Whether a Ctrl-C cancelled the line readline just returned (and clears the mark).
    static func takeLineCancelled() -> Bool {
        theta_take_line_cancelled() != 0
    }
}

/// SIGINT in the interactive REPL.
private let replHandler: @convention(c) (Int32) -> Void = { _ in
    if theta_is_evaluating() != 0 {
        if theta_count_eval_interrupt() >= 2 { theta_force_exit(130) }
        Interpreter.requestInterrupt()
    } else {
        theta_wake_signal()
    }
}

/// SIGINT while running a script, `eval` code or piped input.
private let scriptHandler: @convention(c) (Int32) -> Void = { _ in
    if theta_is_evaluating() != 0 {
        if theta_count_eval_interrupt() >= 2 { theta_force_exit(130) }
        Interpreter.requestInterrupt()
    } else {
        theta_force_exit(130)
    }
}
