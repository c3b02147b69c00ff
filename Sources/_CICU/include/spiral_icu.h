// The only interface between Swift and ICU. It deliberately includes no ICU
// header: Foundation carries its own ICU, and importing system ICU headers into
// Swift clashes with it (duplicate UErrorCode). Text crosses as UTF-16
// (`const uint16_t *` + length, offsets in UTF-16 units); locales cross as
// BCP 47 tags in UTF-8. Every returned buffer is malloc'd: release it with
// spiral_icu_free. Functions that can fail report an ICU error code in
// `*status` (0 = success, negative = warning, positive = error).
#pragma once
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

void spiral_icu_free(void *buffer);
/// ICU's name for an error code, e.g. "U_UNMATCHED_BRACES". Static storage.
const char *spiral_icu_error_name(int32_t status);

// MARK: MessageFormat (icu::MessageFormat, named arguments)

typedef struct spiral_icu_message spiral_icu_message;

/// Compiles `pattern` for `locale`. On failure returns NULL with `*status` set
/// and `*error_offset` the UTF-16 offset ICU blames (ICU reports 0 for
/// unmatched braces, so treat 0 with suspicion).
spiral_icu_message *spiral_icu_message_open(const uint16_t *pattern, int32_t length, const char *locale,
                                            int32_t *status, int32_t *error_offset);
void spiral_icu_message_close(spiral_icu_message *message);

typedef enum spiral_icu_value_kind {
    SPIRAL_ICU_VALUE_STRING = 0,
    SPIRAL_ICU_VALUE_INTEGER = 1,
    SPIRAL_ICU_VALUE_DOUBLE = 2,
    SPIRAL_ICU_VALUE_DATE = 3, // `number` holds milliseconds since 1970 (UDate)
} spiral_icu_value_kind;

/// One named argument. Names and string values are ranges of one shared
/// UTF-16 buffer, so Swift needs to pin only a single array.
typedef struct spiral_icu_value {
    int32_t name_start, name_length;
    spiral_icu_value_kind kind;
    int32_t text_start, text_length;
    int64_t integer;
    double number;
} spiral_icu_value;

/// Formats with icu::MessageFormat::format(names, values, count, ...).
/// Not thread-safe for the same `message` (ICU caches formatters lazily).
uint16_t *spiral_icu_message_format(spiral_icu_message *message, const uint16_t *chars,
                                    const spiral_icu_value *values, int32_t count,
                                    int32_t *out_length, int32_t *status);

typedef enum spiral_icu_item_kind {
    SPIRAL_ICU_ITEM_PLAIN = 0,       // {name}
    SPIRAL_ICU_ITEM_NUMBER = 1,      // {name, number|spellout|ordinal|duration|choice ...}
    SPIRAL_ICU_ITEM_DATE = 2,        // {name, date|time ...}
    SPIRAL_ICU_ITEM_PLURAL = 3,      // {name, plural|selectordinal, ...}
    SPIRAL_ICU_ITEM_SELECT = 4,      // {name, select, ...}
    SPIRAL_ICU_ITEM_SELECTOR = 5,    // one keyword of the enclosing plural/selectordinal
    SPIRAL_ICU_ITEM_OTHER = 6,       // any other simple type
} spiral_icu_item_kind;

/// One use of an argument (or one plural selector) found in a pattern; names
/// and selectors are UTF-16 ranges of the pattern itself.
typedef struct spiral_icu_item {
    spiral_icu_item_kind kind;
    int32_t name_start, name_length;         // the argument (for selectors: the plural's argument)
    int32_t selector_start, selector_length; // SELECTOR only, e.g. "one" or "=0"
} spiral_icu_item;

/// Walks every argument of a (valid) pattern, nested ones included, with
/// icu::MessagePattern. Returns NULL with *count 0 if there are none.
spiral_icu_item *spiral_icu_message_items(const uint16_t *pattern, int32_t length, int32_t *count,
                                          int32_t *status);

// MARK: Plural rules

/// The locale's cardinal plural keywords separated by single spaces.
uint16_t *spiral_icu_plural_keywords(const char *locale, int32_t *out_length, int32_t *status);
uint16_t *spiral_icu_plural_select(const char *locale, double number, int32_t *out_length,
                                   int32_t *status);

// MARK: Text segmentation and width

/// A grapheme cluster (UBRK_CHARACTER) and the terminal columns it takes.
typedef struct spiral_icu_cluster {
    int32_t start, length, width;
} spiral_icu_cluster;
/// Writes the text's clusters, in order, into `out` (room for `length` of them: a cluster holds
/// at least one unit) and returns how many.
int32_t spiral_icu_clusters(const uint16_t *text, int32_t length, spiral_icu_cluster *out);
/// The sum of spiral_icu_clusters' widths, without building the list.
int32_t spiral_icu_width(const uint16_t *text, int32_t length);

/// A UBRK_LINE break opportunity: `offset` ends a segment; `hard` is 1 for a
/// mandatory break (after a line feed and similar).
typedef struct spiral_icu_line_break {
    int32_t offset, hard;
} spiral_icu_line_break;
/// Writes the break opportunities, in ascending order, into `out` (room for `length` of them: each
/// is at a different offset after the start) and returns how many.
int32_t spiral_icu_line_breaks(const uint16_t *text, int32_t length, const char *locale, spiral_icu_line_break *out);

// MARK: Transforms

uint16_t *spiral_icu_nfc(const uint16_t *text, int32_t length, int32_t *out_length, int32_t *status);
/// "Any-Latin; Latin-ASCII; Lower", one cached transliterator behind a mutex.
uint16_t *spiral_icu_search_fold(const uint16_t *text, int32_t length, int32_t *out_length,
                                 int32_t *status);

// MARK: Bidi

/// 1 if the text has any strong right-to-left character (bidi class R or AL).
int32_t spiral_icu_has_rtl(const uint16_t *text, int32_t length);
/// Reorders one line to visual order (paragraph level 1 if `rtl`), mirrors,
/// drops bidi controls (keeping ZWJ and ZWNJ), then shapes Arabic into presentation forms.
uint16_t *spiral_icu_visual_line(const uint16_t *text, int32_t length, int32_t rtl, int32_t *out_length,
                                 int32_t *status);

/// Reorders one line to visual order without shaping or removing anything (same UTF-16 length).
uint16_t *spiral_icu_reorder_line(const uint16_t *text, int32_t length, int32_t rtl, int32_t *out_length,
                                  int32_t *status);
/// Where the edit cursor goes on a reordered line: how many UTF-16 units of the visual
/// (unshaped) line lie left of the cursor that sits before logical unit `logical_index`; -1 when
/// it sits left of the whole line. `anchored_right`: the line grows leftwards from the right margin.
int32_t spiral_icu_visual_cursor(const uint16_t *text, int32_t length, int32_t rtl, int32_t logical_index,
                                 int32_t anchored_right);

// MARK: Locale data

/// Medium date; `time_zone` may be NULL for the default zone.
uint16_t *spiral_icu_format_date(double udate, const char *locale, const uint16_t *time_zone,
                                 int32_t time_zone_length, int32_t *out_length, int32_t *status);
uint16_t *spiral_icu_format_number(int64_t number, const char *locale, int32_t *out_length,
                                   int32_t *status);
/// Name of `tag` in `display_locale`, capitalised for a menu.
uint16_t *spiral_icu_display_name(const char *tag, const char *display_locale, int32_t *out_length,
                                  int32_t *status);
/// Canonical BCP 47 form of a tag or POSIX-style locale ("zh_hant" -> "zh-Hant").
/// Returns a malloc'd NUL-terminated UTF-8 string, or NULL if it cannot be parsed.
char *spiral_icu_canonical_tag(const char *tag);
/// The tag with likely subtags added ("zh-TW" -> "zh-Hant-TW"), or NULL.
char *spiral_icu_maximized_tag(const char *tag);

#ifdef __cplusplus
}
#endif
