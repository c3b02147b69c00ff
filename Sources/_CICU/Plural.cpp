#include <memory>
#include <unicode/plurrule.h>
#include "Support.hpp"

using namespace icu;

static std::unique_ptr<PluralRules> rulesFor(const char *tag, UErrorCode &code) {
    Locale locale = spiral::parseLocale(tag, code);
    if (U_FAILURE(code)) return nullptr;
    return std::unique_ptr<PluralRules>(PluralRules::forLocale(locale, UPLURAL_TYPE_CARDINAL, code));
}

extern "C" uint16_t *spiral_icu_plural_keywords(const char *tag, int32_t *outLength, int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    auto rules = rulesFor(tag, code);
    std::unique_ptr<StringEnumeration> keywords(U_SUCCESS(code) ? rules->getKeywords(code) : nullptr);
    UnicodeString joined;
    while (U_SUCCESS(code) && keywords) {
        const UnicodeString *keyword = keywords->snext(code);
        if (!keyword) break;
        if (!joined.isEmpty()) joined.append(u' ');
        joined.append(*keyword);
    }
    *status = code;
    return U_SUCCESS(code) ? spiral::copyOut(joined, outLength) : nullptr;
}

extern "C" uint16_t *spiral_icu_plural_select(const char *tag, double number, int32_t *outLength,
                                              int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    auto rules = rulesFor(tag, code);
    UnicodeString keyword = U_SUCCESS(code) ? rules->select(number) : UnicodeString();
    *status = code;
    return U_SUCCESS(code) ? spiral::copyOut(keyword, outLength) : nullptr;
}
