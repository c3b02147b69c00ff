#include <vector>
#include <unicode/messagepattern.h>
#include <unicode/msgfmt.h>
#include "Support.hpp"

using namespace icu;

struct spiral_icu_message {
    MessageFormat format;
};

extern "C" void spiral_icu_free(void *buffer) { std::free(buffer); }

extern "C" const char *spiral_icu_error_name(int32_t status) {
    return u_errorName(static_cast<UErrorCode>(status));
}

extern "C" spiral_icu_message *spiral_icu_message_open(const uint16_t *pattern, int32_t length,
                                                       const char *tag, int32_t *status,
                                                       int32_t *errorOffset) {
    UErrorCode code = U_ZERO_ERROR;
    UParseError parseError{};
    Locale locale = spiral::parseLocale(tag, code);
    auto *message = new spiral_icu_message{
        MessageFormat(UnicodeString(spiral::utf16(pattern), length), locale, parseError, code)};
    *status = code;
    *errorOffset = parseError.offset;
    if (U_FAILURE(code)) {
        delete message;
        return nullptr;
    }
    return message;
}

extern "C" void spiral_icu_message_close(spiral_icu_message *message) { delete message; }

extern "C" uint16_t *spiral_icu_message_format(spiral_icu_message *message, const uint16_t *chars,
                                               const spiral_icu_value *values, int32_t count,
                                               int32_t *outLength, int32_t *status) {
    std::vector<UnicodeString> names;
    std::vector<Formattable> arguments;
    for (int32_t i = 0; i < count; i++) {
        const spiral_icu_value &value = values[i];
        names.emplace_back(spiral::utf16(chars + value.name_start), value.name_length);
        switch (value.kind) {
        case SPIRAL_ICU_VALUE_STRING:
            arguments.emplace_back(UnicodeString(spiral::utf16(chars + value.text_start), value.text_length));
            break;
        case SPIRAL_ICU_VALUE_INTEGER: arguments.emplace_back(value.integer); break;
        case SPIRAL_ICU_VALUE_DOUBLE: arguments.emplace_back(value.number); break;
        case SPIRAL_ICU_VALUE_DATE: arguments.emplace_back(value.number, Formattable::kIsDate); break;
        }
    }
    UErrorCode code = U_ZERO_ERROR;
    UnicodeString result;
    // The named overload: umsg_format is positional only and silently leaves
    // named placeholders unformatted (DESIGN.md).
    message->format.format(names.data(), arguments.data(), count, result, code);
    *status = code;
    return U_SUCCESS(code) ? spiral::copyOut(result, outLength) : nullptr;
}

static spiral_icu_item_kind simpleKind(UnicodeString type) {
    type.toLower(Locale::getRoot()); // ICU matches type keywords case-insensitively
    if (type == u"date" || type == u"time") return SPIRAL_ICU_ITEM_DATE;
    if (type == u"number" || type == u"spellout" || type == u"ordinal" || type == u"duration")
        return SPIRAL_ICU_ITEM_NUMBER;
    return SPIRAL_ICU_ITEM_OTHER;
}

extern "C" spiral_icu_item *spiral_icu_message_items(const uint16_t *pattern, int32_t length, int32_t *count,
                                                     int32_t *status) {
    UErrorCode code = U_ZERO_ERROR;
    UParseError parseError{};
    MessagePattern parsed(UnicodeString(spiral::utf16(pattern), length), &parseError, code);
    std::vector<spiral_icu_item> items;
    // Complex arguments currently open, innermost last, so each selector is
    // credited to its own plural and not to an enclosing one.
    struct Open { UMessagePatternArgType type; int32_t nameStart, nameLength; };
    std::vector<Open> open;
    for (int32_t i = 0; U_SUCCESS(code) && i < parsed.countParts(); i++) {
        const MessagePattern::Part &part = parsed.getPart(i);
        switch (part.getType()) {
        case UMSGPAT_PART_TYPE_ARG_START: {
            const MessagePattern::Part &name = parsed.getPart(i + 1); // ARG_NAME or ARG_NUMBER
            UMessagePatternArgType type = part.getArgType();
            spiral_icu_item_kind kind = SPIRAL_ICU_ITEM_PLAIN;
            switch (type) {
            case UMSGPAT_ARG_TYPE_SIMPLE: kind = simpleKind(parsed.getSubstring(parsed.getPart(i + 2))); break;
            case UMSGPAT_ARG_TYPE_CHOICE: kind = SPIRAL_ICU_ITEM_NUMBER; break;
            case UMSGPAT_ARG_TYPE_PLURAL:
            case UMSGPAT_ARG_TYPE_SELECTORDINAL: kind = SPIRAL_ICU_ITEM_PLURAL; break;
            case UMSGPAT_ARG_TYPE_SELECT: kind = SPIRAL_ICU_ITEM_SELECT; break;
            default: break;
            }
            items.push_back({kind, name.getIndex(), name.getLength(), 0, 0});
            open.push_back({type, name.getIndex(), name.getLength()});
            break;
        }
        case UMSGPAT_PART_TYPE_ARG_LIMIT:
            if (!open.empty()) open.pop_back();
            break;
        case UMSGPAT_PART_TYPE_ARG_SELECTOR:
            if (!open.empty() && (open.back().type == UMSGPAT_ARG_TYPE_PLURAL ||
                                  open.back().type == UMSGPAT_ARG_TYPE_SELECTORDINAL))
                items.push_back({SPIRAL_ICU_ITEM_SELECTOR, open.back().nameStart, open.back().nameLength,
                                 part.getIndex(), part.getLength()});
            break;
        default: break;
        }
    }
    *status = code;
    *count = 0;
    if (U_FAILURE(code) || items.empty()) return nullptr;
    auto *result = static_cast<spiral_icu_item *>(std::malloc(sizeof(spiral_icu_item) * items.size()));
    if (!result) return nullptr;
    std::copy(items.begin(), items.end(), result);
    *count = static_cast<int32_t>(items.size());
    return result;
}
