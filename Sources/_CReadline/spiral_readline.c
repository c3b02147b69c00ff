// GNU readline 8.2 behind a handful of functions (see spiral_readline.h).
//
// Shape: readline's callback interface driven by our own poll() loop, so that
//  - the idle timeout restarts on every key (poll's timeout, recomputed per key);
//  - signals never run readline code: our handlers only raise a flag, and the loop acts on
//    it between keys. The handler also writes a byte to a pipe the loop polls (the self-pipe
//    trick), so the loop wakes up whichever thread took the signal, and a signal that lands
//    between "check the flags" and "sleep" is not noticed only at the timeout.

#define _GNU_SOURCE
#include "spiral_readline.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>

#include <readline/readline.h>
#include <readline/history.h>

// Not in readline's public headers but exported by libreadline 8.2: whether the previous
// command was a kill (the next kill is then appended to the same ring slot). Clearing it lets
// spiral_rl_forget_session push fresh empty slots; readline offers no "clear kill ring".
extern int _rl_last_command_was_kill;

// ---- Signals ---------------------------------------------------------------------------

static volatile sig_atomic_t got_interrupt = 0;
static volatile sig_atomic_t got_resize = 0;
static volatile sig_atomic_t got_termination = 0;

static int wake_pipe[2] = {-1, -1};   // [0] polled by the wait loops, [1] written by handlers

static void on_signal(int sig) {
    int saved_errno = errno;
    switch (sig) {
    case SIGINT: got_interrupt = 1; break;
    case SIGWINCH: got_resize = 1; break;
    default: got_termination = 1; break;   // SIGTERM, SIGHUP
    }
    char byte = 0;
    if (write(wake_pipe[1], &byte, 1) < 0) { /* pipe full: the loop is awake already */ }
    errno = saved_errno;
}

static const int handled_signals[] = {SIGINT, SIGWINCH, SIGTERM, SIGHUP};
#define HANDLED_COUNT (sizeof handled_signals / sizeof handled_signals[0])

static void handled_set(sigset_t *set) {
    sigemptyset(set);
    for (size_t i = 0; i < HANDLED_COUNT; i++) sigaddset(set, handled_signals[i]);
}

void spiral_rl_install_signal_handlers(void) {
    static int installed = 0;
    if (installed) return;
    installed = 1;
    if (pipe2(wake_pipe, O_NONBLOCK | O_CLOEXEC) != 0) wake_pipe[0] = wake_pipe[1] = -1;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_signal;
    handled_set(&action.sa_mask);
    // SA_RESTART keeps the rest of the program's reads and writes from failing with EINTR;
    // the wait loops are woken by the pipe, not by EINTR.
    action.sa_flags = SA_RESTART;
    for (size_t i = 0; i < HANDLED_COUNT; i++) sigaction(handled_signals[i], &action, NULL);
}

int spiral_rl_termination_requested(void) { return got_termination != 0; }

void spiral_rl_ignore_job_control(void) {
    signal(SIGTSTP, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
}

// While reading, Ctrl-Z and Ctrl-\ do nothing (a kiosk a child can't suspend); the previous
// dispositions come back afterwards.
static struct sigaction saved_tstp, saved_quit;
static int job_control_saved = 0;

static void ignore_job_control_while_reading(void) {
    if (job_control_saved) return;
    struct sigaction ignore;
    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    sigaction(SIGTSTP, &ignore, &saved_tstp);
    sigaction(SIGQUIT, &ignore, &saved_quit);
    job_control_saved = 1;
}

static void restore_job_control(void) {
    if (!job_control_saved) return;
    sigaction(SIGTSTP, &saved_tstp, NULL);
    sigaction(SIGQUIT, &saved_quit, NULL);
    job_control_saved = 0;
}

static long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static long remaining_ms(long deadline) {
    long left = deadline - now_ms();
    return left > 0 ? left : 0;
}

static void drain_wake_pipe(void) {
    char bytes[64];
    while (wake_pipe[0] >= 0 && read(wake_pipe[0], bytes, sizeof bytes) > 0) {}
}

enum wait_outcome { INPUT_READY, WOKEN, NOTHING_YET, POLL_FAILED };

// Sleeps until `fd` is readable, a signal arrives or `timeout_ms` passes (< 0: no limit).
// Call drain_wake_pipe() and check the flags first. A signal wins over input arriving with it.
static enum wait_outcome wait_for(int fd, long timeout_ms) {
    struct pollfd fds[2] = {{.fd = fd, .events = POLLIN}, {.fd = wake_pipe[0], .events = POLLIN}};
    int n = poll(fds, 2, timeout_ms < 0 ? -1 : timeout_ms > INT_MAX ? INT_MAX : (int)timeout_ms);
    if (n < 0) return errno == EINTR ? WOKEN : POLL_FAILED;
    if (n == 0) return NOTHING_YET;
    // A signal that came with the input ran its handler only as poll returned, after poll had
    // looked at the pipe: so look at the flags too.
    if (fds[1].revents || got_termination || got_interrupt) return WOKEN;
    return INPUT_READY;   // includes POLLHUP and POLLERR: the read reports them
}

SpiralWaitResult spiral_rl_wait_readable(int fd, long timeout_ms) {
    long deadline = timeout_ms >= 0 ? now_ms() + timeout_ms : -1;
    for (;;) {
        drain_wake_pipe();
        if (got_termination) return SpiralWaitResultTerminated;
        if (got_interrupt) { got_interrupt = 0; return SpiralWaitResultInterrupted; }
        // Even with no time left, look once: input that is already there is not late.
        switch (wait_for(fd, deadline >= 0 ? remaining_ms(deadline) : -1)) {
        case INPUT_READY: return SpiralWaitResultReady;
        case POLL_FAILED: return SpiralWaitResultReady;   // let the read report it
        case WOKEN: break;
        case NOTHING_YET:
            if (deadline >= 0 && remaining_ms(deadline) == 0) return SpiralWaitResultTimedOut;
            break;
        }
    }
}

// ---- Locale ----------------------------------------------------------------------------

static int ctype_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

// Readline edits multibyte text only under a UTF-8 LC_CTYPE; under LANG=C, Backspace deletes
// half of "ö". Only LC_CTYPE is touched, so number formatting etc. stay as they were.
// Readline re-reads LC_ALL / LC_CTYPE / LANG from the environment at every rl_initialize (and
// so at every rl_callback_handler_install) and calls setlocale with them, which would undo a
// plain setlocale here. So when we force C.UTF-8 we also say so in the variable it reads first.
static void force_utf8_ctype(void) {
    if (setlocale(LC_CTYPE, "") != NULL && ctype_is_utf8()) return;
    if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) return;   // no UTF-8 locale at all: nothing better to do
    const char *all = getenv("LC_ALL");
    setenv(all && *all ? "LC_ALL" : "LC_CTYPE", "C.UTF-8", 1);
}

// ---- Completion ------------------------------------------------------------------------

static char **completion_words = NULL;
static size_t completion_count = 0;

// Does `word` start with `prefix`, ignoring case character by character (towlower handles
// Latin beyond ASCII: "tiế" matches "Tiếng Việt")? Undecodable bytes are compared as bytes.
static int has_prefix_ignoring_case(const char *word, const char *prefix) {
    mbstate_t word_state, prefix_state;
    memset(&word_state, 0, sizeof word_state);
    memset(&prefix_state, 0, sizeof prefix_state);
    while (*prefix) {
        if (!*word) return 0;
        wchar_t wc, pc;
        size_t wn = mbrtowc(&wc, word, MB_CUR_MAX, &word_state);
        size_t pn = mbrtowc(&pc, prefix, MB_CUR_MAX, &prefix_state);
        if (wn == (size_t)-1 || wn == (size_t)-2 || pn == (size_t)-1 || pn == (size_t)-2) {
            if (*word != *prefix) return 0;
            memset(&word_state, 0, sizeof word_state);
            memset(&prefix_state, 0, sizeof prefix_state);
            word++;
            prefix++;
            continue;
        }
        if (towlower((wint_t)wc) != towlower((wint_t)pc)) return 0;
        word += wn;
        prefix += pn;
    }
    return 1;
}

static SpiralCompletionMatch completion_match = NULL;

void spiral_rl_set_completion_match(SpiralCompletionMatch match) { completion_match = match; }

// `text` is the item being typed: the whole line, or what follows the last comma of a list of
// choices ("Food, Sa"). Its leading spaces are kept in front of the completed word.
static char *next_completion(const char *text, int state) {
    static size_t index = 0;
    if (state == 0) index = 0;
    size_t spaces = strspn(text, " ");
    const char *typed = text + spaces;
    while (index < completion_count) {
        const char *word = completion_words[index++];
        int hit = completion_match ? completion_match(typed, word) : has_prefix_ignoring_case(word, typed);
        if (hit) {
            char *out = malloc(spaces + strlen(word) + 1);   // readline frees it
            if (!out) return NULL;
            memset(out, ' ', spaces);
            strcpy(out + spaces, word);
            return out;
        }
    }
    return NULL;
}

static char **attempt_completion(const char *text, int start, int end) {
    (void)start;
    (void)end;
    rl_attempted_completion_over = 1;     // never fall back to file names
    rl_completion_suppress_append = 1;    // answers are whole; no trailing space
    if (completion_count == 0) return NULL;
    return rl_completion_matches(text, next_completion);
}

// Readline's default entry function completes file names; this one completes nothing.
static char *no_completion(const char *text, int state) {
    (void)text;
    (void)state;
    return NULL;
}

static void free_completions(void) {
    for (size_t i = 0; i < completion_count; i++) free(completion_words[i]);
    free(completion_words);
    completion_words = NULL;
    completion_count = 0;
}

// ---- One read --------------------------------------------------------------------------

static char *prefill_text = NULL;
static char *finished_line = NULL;
static enum { READING, GOT_LINE, GOT_EOF } read_state = READING;
static long last_key_ms = 0;

static int insert_prefill(void) {
    if (prefill_text && *prefill_text) rl_insert_text(prefill_text);
    return 0;
}

// Ctrl-S would freeze the screen (XON/XOFF flow control) and a parent would not know that
// Ctrl-Q unfreezes it. Readline saved the terminal before we change it, and puts it back.
static void prep_terminal_without_flow_control(int meta_flag) {
    rl_prep_terminal(meta_flag);
    int fd = fileno(rl_instream ? rl_instream : stdin);
    struct termios settings;
    if (tcgetattr(fd, &settings) == 0 && (settings.c_iflag & IXON)) {
        settings.c_iflag &= ~(tcflag_t)IXON;
        tcsetattr(fd, TCSADRAIN, &settings);
    }
}

static void on_line(char *line) {
    // Remove the handler here, or readline prints the prompt again at once for the next line.
    rl_callback_handler_remove();
    if (line) {
        finished_line = line;
        read_state = GOT_LINE;
    } else {
        read_state = GOT_EOF;
    }
}

// ---- Input as it arrives -----------------------------------------------------------------
//
// Keys reach readline through filtered_getc, one byte at a time, after a whole UTF-8 character
// has been read and checked: C1 controls (U+0080-U+009F, which a terminal may act on when they are
// echoed: a typed OSC once set a window title) and bidi overrides and isolates (which disguise
// text) are dropped before readline can echo them. What is kept is stored cleaned too
// (InputCleaner); this closes the echo.

static int drawn_cursor_row;   // defined with the right-to-left redisplay below
static int drew_visual;

static unsigned char pushback[4];
static int pushback_len = 0, pushback_pos = 0;
static size_t line_limit = 0;

static int read_byte_within(int fd, int timeout_ms) {
    struct pollfd p = {.fd = fd, .events = POLLIN};
    if (poll(&p, 1, timeout_ms) <= 0) return -1;
    unsigned char c;
    ssize_t n = read(fd, &c, 1);
    return n == 1 ? c : -1;
}

static int dropped_code_point(unsigned long cp) {
    return (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

static int filtered_getc(FILE *stream) {
    if (pushback_pos < pushback_len) return pushback[pushback_pos++];
    int fd = fileno(stream);
    for (;;) {
        int c = rl_getc(stream);
        if (c == EOF || c < 0x80) return c;
        int length = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
        if (length == 0) return 0;   // a stray continuation or invalid byte: dropped (NUL is a no-op key)
        unsigned char bytes[4] = {(unsigned char)c};
        unsigned long cp = (unsigned long)c & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07);
        int ok = 1;
        for (int i = 1; i < length; i++) {
            int next = read_byte_within(fd, 100);
            if (next < 0 || (next & 0xC0) != 0x80) { ok = 0; break; }
            bytes[i] = (unsigned char)next;
            cp = (cp << 6) | ((unsigned long)next & 0x3F);
        }
        if (!ok || dropped_code_point(cp)) return 0;
        memcpy(pushback, bytes + 1, (size_t)length - 1);
        pushback_len = length - 1;
        pushback_pos = 0;
        return bytes[0];
    }
}

static size_t count_chars(const char *text, size_t bytes) {
    size_t n = 0;
    for (size_t i = 0; i < bytes; i++) if (((unsigned char)text[i] & 0xC0) != 0x80) n++;
    return n;
}

// The first max characters of text, as a new string.
static char *first_chars(const char *text, size_t max) {
    size_t i = 0, n = 0;
    while (text[i]) {
        if (((unsigned char)text[i] & 0xC0) != 0x80) {
            if (n == max) break;
            n++;
        }
        i++;
    }
    char *out = malloc(i + 1);
    if (!out) return NULL;
    memcpy(out, text, i);
    out[i] = 0;
    return out;
}

// The rest of an over-long paste: read in large blocks and dropped until the input has been
// quiet for a moment, so the time taken grows with the paste, not with its square.
static size_t overflow_typed = 0;   // characters typed or pasted in all, when a line overflowed

static void drop_pending_input(int fd) {
    char block[65536];
    pushback_len = pushback_pos = 0;
    for (;;) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (poll(&p, 1, 150) <= 0) return;
        ssize_t n = read(fd, block, sizeof block);
        if (n <= 0) return;
        overflow_typed += count_chars(block, (size_t)n);
    }
}

size_t spiral_rl_overflow_typed(void) { return overflow_typed; }

static void bind_speak_key(void);
static int speak_requested = 0;   // the read-aloud key was pressed (see bind_speak_key)

void spiral_rl_prepare_locale(void) {
    static int done = 0;
    if (done) return;
    done = 1;
    force_utf8_ctype();
}

void spiral_rl_setup(void) {
    spiral_rl_install_signal_handlers();
    spiral_rl_prepare();   // the locale first, inside
}

void spiral_rl_prepare(void) {
    static int done = 0;
    if (done) return;
    done = 1;
    spiral_rl_prepare_locale();
    rl_readline_name = "spiral";
    rl_instream = stdin;
    rl_outstream = stdout;
    rl_catch_signals = 0;       // our handlers, not readline's
    rl_catch_sigwinch = 0;
    rl_change_environment = 0;  // don't export LINES/COLUMNS into our environment
    rl_initialize();            // reads inputrc once; the settings below win over it
    rl_variable_bind("editing-mode", "emacs");
    rl_variable_bind("enable-bracketed-paste", "off");   // no escape codes, no highlighted paste
    rl_variable_bind("completion-ignore-case", "on");
    rl_variable_bind("show-all-if-ambiguous", "on");     // one Tab shows the choices (no bell to hint)
    rl_variable_bind("bell-style", "none");              // no beeps in a waiting room
    rl_variable_bind("horizontal-scroll-mode", "off");   // long answers wrap, all visible
    rl_variable_bind("revert-all-at-newline", "on");     // editing an old line doesn't rewrite history
    bind_speak_key();
    // Completion works on the whole line up to the cursor, so answers with spaces complete; a
    // comma or semicolon starts the next item of a list of choices (ASCII only: readline compares
    // break characters byte by byte, and a byte of 、 or ، is part of many other characters).
    rl_completer_word_break_characters = ",;";
    rl_attempted_completion_function = attempt_completion;
    rl_completion_entry_function = no_completion;
    rl_startup_hook = insert_prefill;
    rl_prep_term_function = prep_terminal_without_flow_control;
    rl_getc_function = filtered_getc;
    using_history();
}

void spiral_rl_begin(const char *prompt, const char *prefill,
                     const char *const *completions, size_t count, size_t max_chars) {
    spiral_rl_setup();
    line_limit = max_chars;
    free_completions();
    completion_words = calloc(count ? count : 1, sizeof(char *));
    for (size_t i = 0; i < count; i++) {
        completion_words[i] = strdup(completions[i] ? completions[i] : "");
    }
    completion_count = count;
    free(prefill_text);
    prefill_text = strdup(prefill ? prefill : "");
    free(finished_line);
    finished_line = NULL;
    read_state = READING;
    drawn_cursor_row = 0;
    drew_visual = 0;
    // A Ctrl-C pressed before this question was on screen was not meant for it.
    got_interrupt = 0;
    ignore_job_control_while_reading();
    using_history();            // Up starts from the newest line, whatever happened last time
    last_key_ms = now_ms();
    rl_callback_handler_install(prompt ? prompt : "", on_line);
    fflush(rl_outstream);
}

// Ctrl-C, SIGTERM or the idle timeout: drop readline's edit state and go to a new line.
// `erase` also clears what was typed from the screen (the timeout: someone else may sit down).
static void abandon_line(int erase) {
    rl_free_line_state();
    rl_callback_sigcleanup();
    if (erase) {
        rl_replace_line("", 1);   // the next person must not see a half-typed answer
    }
    rl_point = rl_end;
    rl_redisplay();
    rl_callback_handler_remove();
    fputc('\n', rl_outstream);
}

SpiralReadEvent spiral_rl_wait(long idle_timeout_ms, char **line) {
    *line = NULL;
    int fd = fileno(rl_instream);
    SpiralReadEvent event;
    for (;;) {
        drain_wake_pipe();
        if (got_termination) { abandon_line(0); event = SpiralReadEventTerminated; break; }
        if (got_interrupt) { got_interrupt = 0; abandon_line(0); event = SpiralReadEventInterrupted; break; }
        if (got_resize) { got_resize = 0; rl_resize_terminal(); event = SpiralReadEventResized; break; }
        // Even with no time left, look once: a key that is already there is not late. The rest
        // of a character already read is not waited for.
        long deadline = last_key_ms + idle_timeout_ms;
        enum wait_outcome outcome = pushback_pos < pushback_len ? INPUT_READY
            : wait_for(fd, idle_timeout_ms >= 0 ? remaining_ms(deadline) : -1);
        if (outcome == WOKEN) continue;
        if (outcome == POLL_FAILED) { abandon_line(0); event = SpiralReadEventEndOfInput; break; }
        if (outcome == NOTHING_YET) {
            if (idle_timeout_ms >= 0 && remaining_ms(deadline) == 0) {
                abandon_line(1);
                event = SpiralReadEventTimedOut;
                break;
            }
            continue;
        }
        last_key_ms = now_ms();
        rl_callback_read_char();
        if (speak_requested) {
            speak_requested = 0;
            event = SpiralReadEventSpeak;
            break;
        }
        if (read_state == GOT_LINE) {
            *line = finished_line;
            finished_line = NULL;
            event = SpiralReadEventLine;
            break;
        }
        if (read_state == GOT_EOF) {
            fputc('\n', rl_outstream);   // readline leaves the cursor after the prompt
            event = SpiralReadEventEndOfInput;
            break;
        }
        // Looked at only between characters: stopping inside one would leave readline holding half
        // of it, to be glued to the next key typed (a U+FFFD stored in the plan).
        if (line_limit > 0 && rl_line_buffer && pushback_pos >= pushback_len
            && count_chars(rl_line_buffer, (size_t)rl_end) > line_limit) {
            overflow_typed = count_chars(rl_line_buffer, (size_t)rl_end);
            drop_pending_input(fd);
            *line = first_chars(rl_line_buffer, line_limit);
            rl_replace_line("", 1);
            abandon_line(0);
            event = SpiralReadEventTooLong;
            break;
        }
    }
    fflush(rl_outstream);
    return event;
}

void spiral_rl_redraw(void) {
    rl_forced_update_display();
    fflush(rl_outstream);
}

void spiral_rl_end(void) {
    rl_callback_handler_remove();   // idempotent
    restore_job_control();
    free_completions();
    free(prefill_text);
    prefill_text = NULL;
    free(finished_line);
    finished_line = NULL;
    fflush(rl_outstream);
}

void spiral_rl_free(char *line) { free(line); }

// ---- History between families --------------------------------------------------------

void spiral_rl_remember(const char *line) {
    if (!line || !*line) return;
    HIST_ENTRY *last = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
    if (!last || strcmp(last->line, line) != 0) add_history(line);
    using_history();
}

// Readline's kill ring is private and has no "clear". What it does have: every kill with
// _rl_last_command_was_kill == 0 takes a new slot, dropping the oldest once the ring is full
// (10 slots). Killing a NUL byte stores an empty string, so 64 such kills leave only empty
// slots: Ctrl-Y and Meta-Y then insert nothing.
static void empty_kill_ring(void) {
    if (rl_line_buffer == NULL) return;   // readline never ran, so nothing was ever killed
    for (int i = 0; i < 64; i++) {
        rl_line_buffer[0] = '\0';
        rl_line_buffer[1] = '\0';
        rl_end = 1;
        rl_point = 0;
        rl_mark = 0;
        _rl_last_command_was_kill = 0;
        rl_kill_text(0, 1);
    }
    rl_line_buffer[0] = '\0';
    rl_end = rl_point = rl_mark = 0;
    _rl_last_command_was_kill = 0;
}

void spiral_rl_forget_session(void) {
    rl_clear_history();   // also frees undo lists kept with edited history lines
    using_history();
    empty_kill_ring();
    rl_free_undo_list();
}

// --- Right-to-left input ------------------------------------------------------------------

static SpiralDisplayTransform display_transform = NULL;
static int display_prompt_columns = 0;
static int drawn_cursor_row = 0;   // the row the cursor was left on by the last redisplay
static int drew_visual = 0;        // whether the last redisplay was ours (not readline's)

// Our redisplay of a right-to-left edit line: every row redrawn from the first, below the
// question. Readline's own redisplay would draw Arabic letters in logical order, unshaped, and
// its wrapping of a long line would then split words and leave stale copies on Backspace.
static void visual_redisplay(void) {
    int rows = 0, columns = 0;
    rl_get_screen_size(&rows, &columns);
    int width = columns - display_prompt_columns - 1;
    if (width < 10) width = 10;
    int cursor_row = 0, cursor_column = 0;
    char *shown = display_transform
        ? display_transform(rl_line_buffer ? rl_line_buffer : "", rl_point, width, &cursor_row, &cursor_column)
        : NULL;
    if (!shown) {
        // The transform declined (no right-to-left letter): readline draws, from a clean slate if
        // the rows on screen were ours.
        if (drew_visual) {
            if (drawn_cursor_row > 0) fprintf(rl_outstream, "\033[%dA", drawn_cursor_row);
            fprintf(rl_outstream, "\r\033[J");
            drew_visual = 0;
            drawn_cursor_row = 0;
            rl_forced_update_display();
        } else {
            rl_redisplay();
        }
        return;
    }
    drew_visual = 1;
    if (drawn_cursor_row > 0) fprintf(rl_outstream, "\033[%dA", drawn_cursor_row);
    fprintf(rl_outstream, "\r\033[J%s", rl_display_prompt ? rl_display_prompt : "");
    int row = 0;
    for (char *p = shown; *p; p++) {
        if (*p == '\n') {
            row++;
            fprintf(rl_outstream, "\r\n%*s", display_prompt_columns, "");
        } else {
            fputc(*p, rl_outstream);
        }
    }
    if (row > cursor_row) fprintf(rl_outstream, "\033[%dA", row - cursor_row);
    fputc('\r', rl_outstream);
    int target = display_prompt_columns + cursor_column;
    if (target > 0) fprintf(rl_outstream, "\033[%dC", target);
    drawn_cursor_row = cursor_row;
    fflush(rl_outstream);
    free(shown);
}

// In a right-to-left line, the left arrow moves towards the end of the text and the right one
// towards its start: the way they point on the screen.
// The read-aloud key: F1 as xterm, foot and VTE send it, and as the Linux console does. It only
// sets a flag; spiral_rl_wait returns SpiralReadEventSpeak with the line left as it is.
static int speak_key(int count, int key) {
    (void)count; (void)key;
    speak_requested = 1;
    return 0;
}

static void bind_speak_key(void) {
    rl_bind_keyseq("\033OP", speak_key);
    rl_bind_keyseq("\033[11~", speak_key);
    rl_bind_keyseq("\033[[A", speak_key);
}

static void bind_arrows(int mirrored) {
    rl_command_func_t *left = mirrored ? rl_forward_char : rl_backward_char;
    rl_command_func_t *right = mirrored ? rl_backward_char : rl_forward_char;
    rl_bind_keyseq("\033[D", left);
    rl_bind_keyseq("\033OD", left);
    rl_bind_keyseq("\033[C", right);
    rl_bind_keyseq("\033OC", right);
}

void spiral_rl_set_display_transform(SpiralDisplayTransform transform, int prompt_columns, int mirror_arrows) {
    spiral_rl_setup();
    display_transform = transform;
    display_prompt_columns = prompt_columns;
    drawn_cursor_row = 0;
    drew_visual = 0;
    rl_redisplay_function = transform ? visual_redisplay : rl_redisplay;
    bind_arrows(transform != NULL && mirror_arrows);
}
