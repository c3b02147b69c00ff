#include <algorithm>
#include <cstring>
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

extern "C" uint16_t *spiral_icu_format_date(double udate, const char *tag, const uint16_t *timeZone,
                                            int32_t timeZoneLength, int32_t *outLength, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    Locale locale = spiral::parseLocale(tag, code);
    UDateFormat *format = udat_open(UDAT_NONE, UDAT_MEDIUM, locale.getName(), spiral::utf16(timeZone),
                                    timeZone ? timeZoneLength : -1, nullptr, 0, &code);
    UChar buffer[128];
    int32_t length = U_SUCCESS(code) ? udat_format(format, udate, buffer, 128, nullptr, &code) : 0;
    udat_close(format);
    *status = code;
    return U_SUCCESS(code) ? spiral::copyOut(buffer, length, outLength) : nullptr;
}

extern "C" uint16_t *spiral_icu_format_number(int64_t number, const char *tag, int32_t *outLength,
                                              int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    Locale locale = spiral::parseLocale(tag, code);
    UNumberFormat *format = unum_open(UNUM_DECIMAL, nullptr, 0, locale.getName(), nullptr, &code);
    UChar buffer[128];
    int32_t length = U_SUCCESS(code) ? unum_formatInt64(format, number, buffer, 128, nullptr, &code) : 0;
    unum_close(format);
    *status = code;
    return U_SUCCESS(code) ? spiral::copyOut(buffer, length, outLength) : nullptr;
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
