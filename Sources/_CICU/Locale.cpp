#include <algorithm>
#include <cstring>
#include <map>
#include <string>
#include <strings.h>
#include <unicode/locdspnm.h>
#include <unicode/udat.h>
#include <unicode/unum.h>
#include "Support.hpp"

using namespace icu;

Locale spiral::parseLocale(const char *tag, UErrorCode &status) {
    std::string text(tag ? tag : "");
    auto posixTail = text.find_first_of(".@"); // "zh_TW.UTF-8", "sr_RS@latin"
    if (posixTail != std::string::npos) text.resize(posixTail);
    std::replace(text.begin(), text.end(), '_', '-'); // BCP 47 parsing rejects "zh_hant"
    UErrorCode tagStatus = U_ZERO_ERROR;
    Locale locale = Locale::forLanguageTag(text, tagStatus);
    if (U_SUCCESS(tagStatus)) return locale;
    // Not a language tag ("C", "POSIX"): let ICU's locale ID canonicaliser try.
    locale = Locale::createCanonical(tag ? tag : "");
    if (locale.isBogus()) status = U_ILLEGAL_ARGUMENT_ERROR;
    return locale;
}

static char *copyTag(const Locale &locale) {
    UErrorCode status = U_ZERO_ERROR;
    std::string tag = locale.toLanguageTag<std::string>(status);
    if (U_FAILURE(status) || tag.empty()) return nullptr;
    return strdup(tag.c_str());
}

extern "C" char *spiral_icu_canonical_tag(const char *tag) {
    UErrorCode status = U_ZERO_ERROR;
    Locale locale = spiral::parseLocale(tag, status);
    char *canonical = U_SUCCESS(status) ? copyTag(locale) : nullptr;
    // ICU turns anything it cannot read ("C", "123") into "und"; only an empty
    // tag (or "und" itself) should mean that here.
    if (canonical && std::strcmp(canonical, "und") == 0 && tag && *tag && strcasecmp(tag, "und") != 0) {
        std::free(canonical);
        return nullptr;
    }
    return canonical;
}

extern "C" char *spiral_icu_maximized_tag(const char *tag) {
    UErrorCode status = U_ZERO_ERROR;
    Locale locale = spiral::parseLocale(tag, status);
    locale.addLikelySubtags(status);
    return U_SUCCESS(status) ? copyTag(locale) : nullptr;
}

// Opening a date or number format loads the locale's patterns and symbols: callgrind counts
// about 3,000,000 instructions for a date format and 1,000,000 for a number format, against tens
// of thousands to format one value, and an export of a 100-goal plan formats hundreds of dates
// and numbers. So each thread keeps the formats it opened, by locale (and time zone), as the
// break iterators are kept; threads never share one.
namespace {
template <typename Format, void (*close)(Format *)> struct OpenFormats {
    std::map<std::string, Format *> open;
    ~OpenFormats() {
        for (auto &entry : open) close(entry.second);
    }
    template <typename Make> Format *get(const std::string &key, UErrorCode &code, Make make) {
        auto found = open.find(key);
        if (found != open.end()) return found->second;
        Format *made = make(code);
        if (U_FAILURE(code)) {
            if (made) close(made);
            return nullptr;
        }
        open[key] = made;
        return made;
    }
};
thread_local OpenFormats<UDateFormat, udat_close> dateFormats;
thread_local OpenFormats<UNumberFormat, unum_close> numberFormats;
} // namespace

extern "C" uint16_t *spiral_icu_format_date(double udate, const char *tag, const uint16_t *timeZone,
                                            int32_t timeZoneLength, int32_t *outLength, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    // Kept by the tag as given (parsing it is itself a tenth of formatting one value). No time
    // zone: ICU's default, read from the system when the format opens.
    std::string key = std::string(tag ? tag : "") + "|" +
        (timeZone ? std::string(reinterpret_cast<const char *>(timeZone), timeZoneLength * sizeof(uint16_t)) : std::string("*default"));
    UDateFormat *format = dateFormats.get(key, code, [&](UErrorCode &c) -> UDateFormat * {
        Locale locale = spiral::parseLocale(tag, c);
        if (U_FAILURE(c)) return nullptr;
        return udat_open(UDAT_NONE, UDAT_MEDIUM, locale.getName(), spiral::utf16(timeZone),
                         timeZone ? timeZoneLength : -1, nullptr, 0, &c);
    });
    UChar buffer[128];
    int32_t length = format ? udat_format(format, udate, buffer, 128, nullptr, &code) : 0;
    *status = code;
    return U_SUCCESS(code) && format ? spiral::copyOut(buffer, length, outLength) : nullptr;
}

extern "C" uint16_t *spiral_icu_format_number(int64_t number, const char *tag, int32_t *outLength,
                                              int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    UNumberFormat *format = numberFormats.get(tag ? tag : "", code, [&](UErrorCode &c) -> UNumberFormat * {
        Locale locale = spiral::parseLocale(tag, c);
        if (U_FAILURE(c)) return nullptr;
        return unum_open(UNUM_DECIMAL, nullptr, 0, locale.getName(), nullptr, &c);
    });
    UChar buffer[128];
    int32_t length = format ? unum_formatInt64(format, number, buffer, 128, nullptr, &code) : 0;
    *status = code;
    return U_SUCCESS(code) && format ? spiral::copyOut(buffer, length, outLength) : nullptr;
}

extern "C" uint16_t *spiral_icu_display_name(const char *tag, const char *displayTag, int32_t *outLength,
                                             int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    Locale locale = spiral::parseLocale(tag, code);
    Locale display = spiral::parseLocale(displayTag, code);
    // A language picker is a menu: CLDR then capitalises "français" as "Français".
    UDisplayContext context[] = {UDISPCTX_CAPITALIZATION_FOR_UI_LIST_OR_MENU};
    LocaleDisplayNames *names = U_SUCCESS(code) ? LocaleDisplayNames::createInstance(display, context, 1) : nullptr;
    UnicodeString name;
    if (names) names->localeDisplayName(locale, name);
    delete names;
    *status = code;
    return U_SUCCESS(code) ? spiral::copyOut(name, outLength) : nullptr;
}
