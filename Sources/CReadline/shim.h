/*
 * The few pieces of GNU readline the `theta` REPL needs, reached through small inline functions.
 *
 * Readline keeps its configuration in C globals (`rl_attempted_completion_function`,
 * `history_length`, `rl_catch_signals`, ...). Under Swift 6 strict concurrency those are shared
 * mutable state that Swift may not touch directly, so every access goes through a function here.
 * They are called only from the main thread, the one running readline.
 *
 * Interrupt plumbing: the SIGINT handler (in Swift) writes one byte to a non-blocking "wake" pipe;
 * `theta_rl_getc`, installed as readline's `rl_getc_function`, waits on both the terminal and that
 * pipe, so a Ctrl-C cancels the line being edited whichever thread the kernel delivered the signal
 * to. The static state below is used only from one Swift file (REPL+Signals.swift): in a debug
 * build each Swift file gets its own copy of a header's static variables.
 */
#ifndef THETA_READLINE_SHIM_H
#define THETA_READLINE_SHIM_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>
#include <locale.h>
#include <langinfo.h>
#include <malloc.h>
#include <readline/readline.h>
#include <readline/history.h>

/* ---- Memory ------------------------------------------------------------------------------ */

/* Keep large freed buffers in the heap for reuse instead of returning them to the kernel (see
   MemoryTuning.swift). `mallopt` and its constants live in <malloc.h>, outside Swift's Glibc. */
static inline void theta_keep_large_buffers(int bytes) {
    mallopt(M_MMAP_THRESHOLD, bytes);
    mallopt(M_TRIM_THRESHOLD, bytes);
}

/* Bytes of heap in use now (glibc's mallinfo2: bytes in allocated chunks plus mmap'ed blocks),
   for the REPL's `:time`; 0 where mallinfo2 is not available. */
static inline size_t theta_heap_in_use(void) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
    struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;
#else
    return 0;
#endif
}

/* ---- Standard streams -------------------------------------------------------------------- */

/* C's `stdout` and `stderr` are mutable globals too; Swift reaches them through these. */
static inline FILE *theta_stdout(void) { return stdout; }
static inline FILE *theta_stderr(void) { return stderr; }

/* ---- Configuration ------------------------------------------------------------------------ */

/* Readline must not install its own signal handlers: the REPL owns SIGINT. SIGWINCH stays with it. */
static inline void theta_rl_configure(const char *name) {
    rl_readline_name = name;
    rl_catch_signals = 0;
    rl_catch_sigwinch = 1;
}

/* Characters that separate words for completion. `.` and `(` are handled by the REPL itself:
   `.` is kept inside a word (so `model.lo` is one word), `(` separates. */
static inline void theta_rl_set_word_breaks(const char *breaks) {
    rl_completer_word_break_characters = (char *)breaks;
}

static inline void theta_rl_set_completion(rl_completion_func_t *f) {
    rl_attempted_completion_function = f;
}

/* Called inside the completion function: 1 stops readline falling back to file names. */
static inline void theta_rl_set_completion_over(int over) { rl_attempted_completion_over = over; }

/* The character appended after a unique completion (0 for none). */
static inline void theta_rl_set_append_character(int c) { rl_completion_append_character = c; }

/* The whole line being edited (valid inside the completion function). */
static inline const char *theta_rl_line_buffer(void) { return rl_line_buffer; }

/* ---- History ------------------------------------------------------------------------------- */

static inline void theta_history_stifle(int max) { stifle_history(max); }

/* The most recent entry, or NULL when history is empty. */
static inline const char *theta_history_last(void) {
    HIST_ENTRY *e = history_get(history_base + history_length - 1);
    return e ? e->line : NULL;
}

static inline int theta_history_length(void) { return history_length; }

/* ---- Locale -------------------------------------------------------------------------------- */

/* Adopts the user's character encoding (LC_CTYPE only, so number formatting is unaffected) and
   says whether it is UTF-8, in which case readline counts `θ` as one column. */
static inline int theta_locale_is_utf8(void) {
    setlocale(LC_CTYPE, "");
    const char *cs = nl_langinfo(CODESET);
    return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* ---- Interrupt plumbing (use from REPL+Signals.swift only) ---------------------------------- */

static int theta_wake_fds[2] = {-1, -1};
/* 1 while an evaluation runs; read by the signal handler. */
static volatile sig_atomic_t theta_evaluating = 0;
/* Ctrl-C presses during the current evaluation. */
static volatile sig_atomic_t theta_eval_interrupts = 0;
/* Set by theta_rl_getc when a Ctrl-C cancelled the line being edited. */
static volatile sig_atomic_t theta_line_cancelled = 0;

/* Creates the wake pipe (non-blocking, close-on-exec). Returns 0 on success. */
static inline int theta_wake_open(void) {
    if (theta_wake_fds[0] >= 0) return 0;
    if (pipe(theta_wake_fds) != 0) return -1;
    for (int i = 0; i < 2; i++) {
        fcntl(theta_wake_fds[i], F_SETFL, fcntl(theta_wake_fds[i], F_GETFL) | O_NONBLOCK);
        fcntl(theta_wake_fds[i], F_SETFD, FD_CLOEXEC);
    }
    return 0;
}

/* Async-signal-safe: one write to a non-blocking pipe. */
static inline void theta_wake_signal(void) {
    if (theta_wake_fds[1] >= 0) {
        int saved = errno;
        char b = 1;
        ssize_t r = write(theta_wake_fds[1], &b, 1);
        (void)r;
        errno = saved;
    }
}

static inline void theta_wake_drain(void) {
    char buf[64];
    if (theta_wake_fds[0] < 0) return;
    while (read(theta_wake_fds[0], buf, sizeof buf) > 0) {}
}

static inline void theta_set_evaluating(int on) {
    theta_eval_interrupts = 0;
    theta_evaluating = on;
}
static inline int theta_is_evaluating(void) { return theta_evaluating; }
/* Counts a Ctrl-C during evaluation and returns the count so far (async-signal-safe). */
static inline int theta_count_eval_interrupt(void) { return ++theta_eval_interrupts; }

/* Reads and clears the "line cancelled" flag. */
static inline int theta_take_line_cancelled(void) {
    int c = theta_line_cancelled;
    theta_line_cancelled = 0;
    return c;
}

/* Async-signal-safe last resort when an evaluation ignores repeated Ctrl-C. */
static inline void theta_force_exit(int status) {
    static const char msg[] = "\ntheta: interrupted\n";
    ssize_t r = write(2, msg, sizeof msg - 1);
    (void)r;
    _exit(status);
}

/*
 * readline's input function: one byte from the terminal, or, when a Ctrl-C arrives while waiting,
 * marks the line cancelled, echoes `^C`, and returns a newline so readline hands back the line
 * (which the REPL then discards). A pending wake byte left from an earlier Ctrl-C is drained first
 * by the REPL before each line.
 */
static int theta_rl_getc(FILE *stream) {
    int fd = fileno(stream);
    for (;;) {
        struct pollfd fds[2];
        fds[0].fd = fd; fds[0].events = POLLIN; fds[0].revents = 0;
        fds[1].fd = theta_wake_fds[0]; fds[1].events = POLLIN; fds[1].revents = 0;
        int n = poll(fds, theta_wake_fds[0] >= 0 ? 2 : 1, -1);
        if (n < 0) {
            if (errno == EINTR) continue;
            return EOF;
        }
        if (theta_wake_fds[0] >= 0 && (fds[1].revents & POLLIN)) {
            theta_wake_drain();
            theta_line_cancelled = 1;
            rl_point = rl_end;
            rl_redisplay();
            fputs("^C", rl_outstream ? rl_outstream : stdout);
            fflush(rl_outstream ? rl_outstream : stdout);
            return '\n';
        }
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            unsigned char c;
            ssize_t r = read(fd, &c, 1);
            if (r == 1) return c;
            if (r == 0) return EOF;
            if (errno == EINTR || errno == EAGAIN) continue;
            return EOF;
        }
    }
}

static inline void theta_rl_install_getc(void) { rl_getc_function = theta_rl_getc; }

#endif
