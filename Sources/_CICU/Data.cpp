// ICU's data for the release kiosk, which links ICU's code from the system's static archives
// (Package.swift, `kioskLinking`).
//
// The system's libicuuc.a wants its 31 MB of data linked in as the symbol icudt72_dat. Linking
// libicudata.a would put all of it in the binary; linking libicudata.so from a position-
// independent executable makes the dynamic loader copy all of it into the program at every start
// (a copy relocation: 30 ms). So the release kiosk's icudt72_dat is ICU's own empty stub (below,
// by --defsym), and before main this file opens the system's libicudata.so, which the kernel maps
// without copying, and hands its data to ICU with udata_setCommonData, ICU's documented way for
// an application to supply the data itself. A release kiosk linked without the archives (the
// shared libicuuc then binds to the exported stub) needs this just the same. The staff command,
// the tests and debug builds never define the marker and never come here.
#include <dlfcn.h>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <unicode/udata.h>
#include <unicode/uversion.h>

#define SPIRAL_STRING2(x) #x
#define SPIRAL_STRING(x) SPIRAL_STRING2(x)

namespace {

// An empty ICU common-data package: the layout of ICU's stubdata.cpp (no entries).
struct EmptyCommonData {
    uint16_t headerSize;
    uint8_t magic1, magic2;
    UDataInfo info;
    char padding[8];
    uint32_t count, reserved;
    int32_t table[4];
};

} // namespace

extern "C" {

extern const EmptyCommonData spiral_icu_empty_data;  // const alone would be file-local in C++
alignas(16) const EmptyCommonData spiral_icu_empty_data = {
    32, 0xda, 0x27,
    {sizeof(UDataInfo), 0, U_IS_BIG_ENDIAN, U_CHARSET_FAMILY, sizeof(UChar), 0,
     {0x54, 0x6f, 0x43, 0x50}, {1, 0, 0, 0}, {0, 0, 0, 0}},  // "ToCP", format 1
    {'s', 't', 'u', 'b', 'd', 'a', 't', 'a'},
    0, 0, {0, 0, 0, 0},
};

// Defined (by --defsym) only in the release kiosk, whose icudt72_dat is the empty stub.
extern const char spiral_icu_supply_data_before_main __attribute__((weak));

// Before any other constructor of the program's own (101: the first priority not reserved), so
// nothing can reach ICU before its data is there.
__attribute__((constructor(101))) static void spiral_icu_supply_data(void) {
    if (&spiral_icu_supply_data_before_main == nullptr) return;
    const char *library = "libicudata.so." SPIRAL_STRING(U_ICU_VERSION_MAJOR_NUM);
    const char *symbol = SPIRAL_STRING(U_ICUDATA_ENTRY_POINT);
    void *handle = dlopen(library, RTLD_NOW | RTLD_LOCAL);
    void *data = handle ? dlsym(handle, symbol) : nullptr;
    UErrorCode status = U_ZERO_ERROR;
    if (data) udata_setCommonData(data, &status);
    if (!data || U_FAILURE(status)) {
        // Without its data ICU can neither lay out nor format a word: say why and stop, before
        // a screen could be drawn wrong.
        const char *reason = data ? u_errorName(status) : dlerror();
        std::fprintf(stderr, "spiral: ICU's data (%s, from the libicu%d package) could not be loaded: %s. "
                             "Install that package, or build the kiosk again on this machine (make kiosk).\n",
                     library, U_ICU_VERSION_MAJOR_NUM, reason ? reason : "not found");
        std::exit(1);
    }
}

} // extern "C"
