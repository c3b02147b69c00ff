#pragma once
// The only door to GNU readline and to our signal flags. Readline's globals are shared
// mutable C state that Swift 6 strict concurrency rejects, so Swift never sees them: it sees
// these functions, which must all be called from one thread (the one reading lines).

#include <stddef.h>

// What ended one `spiral_rl_wait`.
typedef enum __attribute__((enum_extensibility(closed))) SpiralReadEvent {
    SpiralReadEventLine,         // Enter: *line holds what was typed
    SpiralReadEventEndOfInput,   // Ctrl-D on an empty line, or the terminal went away
    SpiralReadEventInterrupted,  // Ctrl-C: the line was discarded
    SpiralReadEventTimedOut,     // no key for the idle timeout: the line was erased
    SpiralReadEventTerminated,   // SIGTERM or SIGHUP
    SpiralReadEventResized,      // SIGWINCH: readline knows the new size; redraw, then spiral_rl_redraw()
    SpiralReadEventTooLong,      // more than max_chars typed or pasted: *line holds the first max_chars,
                                 // and the rest of the paste was read and dropped
    SpiralReadEventSpeak,        // the read-aloud key (F1): the line is kept; call spiral_rl_wait again
} SpiralReadEvent;

// What ended one `spiral_rl_wait_readable` (the plain, non-readline reader).
typedef enum __attribute__((enum_extensibility(closed))) SpiralWaitResult {
    SpiralWaitResultReady,
    SpiralWaitResultTimedOut,
    SpiralWaitResultInterrupted,
    SpiralWaitResultTerminated,
} SpiralWaitResult;

// --- Signals (any reader) ---------------------------------------------------------------
// Installs handlers for SIGINT, SIGWINCH, SIGTERM and SIGHUP that only set a flag. Idempotent.
void spiral_rl_install_signal_handlers(void);
// 1 once SIGTERM or SIGHUP has arrived (it stays 1).
int spiral_rl_termination_requested(void);
// Ignore SIGTSTP and SIGQUIT (Ctrl-Z, Ctrl-\) from now on, for good.
void spiral_rl_ignore_job_control(void);
// Waits until `fd` is readable, a signal flag is up, or `timeout_ms` passes (< 0: no limit).
// A pending Ctrl-C is consumed and reported as Interrupted.
SpiralWaitResult spiral_rl_wait_readable(int fd, long timeout_ms);

// --- Readline (interactive terminal on stdin/stdout) --------------------------------------
// Locale, readline settings, signal handlers. Idempotent; the other spiral_rl_* call it.
void spiral_rl_setup(void);
// Its parts, each idempotent. The locale (setlocale, and LC_ALL or LC_CTYPE set to C.UTF-8 when
// the environment names no usable UTF-8 locale): on the thread that reads, before any other
// thread could read the environment. Readline's settings (terminal description, inputrc, key
// bindings; no signal handlers): may run on another thread, if nothing else calls readline
// until it has finished, and before a fork, so that a forked process inherits them.
void spiral_rl_prepare_locale(void);
void spiral_rl_prepare(void);
// Shows `prompt` with `prefill` in the edit buffer; Tab completes among the `count` strings
// in `completions` (copied). Ctrl-Z and Ctrl-\ are ignored until spiral_rl_end.
// After SpiralReadEventTooLong: how many characters were typed or pasted in all.
size_t spiral_rl_overflow_typed(void);

// max_chars: characters (code points) the line may hold; 0 for no limit.
void spiral_rl_begin(const char *prompt, const char *prefill,
                     const char *const *completions, size_t count, size_t max_chars);
// Runs the editor until something happens. `idle_timeout_ms` < 0 means no timeout; the idle
// clock restarts on every key. On Line, *line is a malloc'd string for spiral_rl_free.
SpiralReadEvent spiral_rl_wait(long idle_timeout_ms, char **line);
// After a Resized event and the caller's redraw: draw the prompt line again where the cursor is.
void spiral_rl_redraw(void);
// Ends the read begun by spiral_rl_begin (terminal back to how readline found it).
void spiral_rl_end(void);
void spiral_rl_free(char *line);

// In-session history for the Up arrow.
void spiral_rl_remember(const char *line);
// Between families: history, kill ring (Ctrl-Y) and undo list are emptied.
void spiral_rl_forget_session(void);

// Whether a completion `word` matches what was typed (`typed`, without leading spaces): set by
// Swift to match ignoring case and accents ("co" finds "Có"). NULL: case-insensitive prefix.
typedef int (*SpiralCompletionMatch)(const char *_Nonnull typed, const char *_Nonnull word);
void spiral_rl_set_completion_match(SpiralCompletionMatch _Nullable match);

// --- Right-to-left input ------------------------------------------------------------------
// Most terminals do no bidi: Arabic typed at the prompt would read backwards. When a transform
// is set, each redisplay draws `prompt` and then the rows the transform returns for the edit line
// (visual order, shaped, each row already padded to sit against the right margin, rows separated
// by '\n'; malloc'd, freed here), wrapped to `width` columns after the prompt, and puts the cursor
// on row `*cursor_row`, `*cursor_column` columns after the prompt. A transform may return NULL to
// let readline draw the line itself. NULL restores readline's own redisplay and arrows.
typedef char *_Nullable (*SpiralDisplayTransform)(const char *_Nonnull line, int point, int width,
                                                  int *_Nonnull cursor_row, int *_Nonnull cursor_column);
// `mirror_arrows`: a right-to-left screen, where the left arrow moves towards the text's end.
void spiral_rl_set_display_transform(SpiralDisplayTransform _Nullable transform, int prompt_columns, int mirror_arrows);
