// Helpers shared by the shim's .cpp files (not part of the public header).
#pragma once
#include <cstdlib>
#include <string>
#include <unicode/locid.h>
#include <unicode/unistr.h>
#include "spiral_icu.h"

namespace spiral {

/// A malloc'd copy of `text` for Swift (freed with spiral_icu_free).
inline uint16_t *copyOut(const icu::UnicodeString &text, int32_t *outLength) {
    int32_t length = text.length();
    auto *buffer = static_cast<uint16_t *>(std::malloc(sizeof(uint16_t) * (length > 0 ? length : 1)));
    *outLength = buffer ? length : 0;
    if (buffer) text.extract(0, length, reinterpret_cast<UChar *>(buffer));
    return buffer;
}

inline uint16_t *copyOut(const UChar *text, int32_t length, int32_t *outLength) {
    return copyOut(icu::UnicodeString(text, length), outLength);
}

inline const UChar *utf16(const uint16_t *text) { return reinterpret_cast<const UChar *>(text); }

/// Swift passes BCP 47 tags ("ar-u-nu-latn"); ICU's C APIs want locale IDs
/// ("ar@numbers=latn"). Also accepts POSIX forms ("zh_TW.UTF-8", "C").
icu::Locale parseLocale(const char *tag, UErrorCode &status);

} // namespace spiral
