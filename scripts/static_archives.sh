#!/bin/sh
# static_archives.sh FOLDER: links to the system's static archives of ICU, readline, its terminfo
# library and libstdc++, for the kiosk's release build (Package.swift, `kioskLinking`, searches
# FOLDER first). Found there as lib*.a only, `-licuuc` and the rest link those libraries into the
# kiosk instead of loading their shared copies at every start: the dynamic loader's work for
# seven libraries was about 2 ms of an 11 ms start (docs/benchmarks.md). ICU's data stays in the
# shared libicudata (Sources/_CICU/Data.cpp). An archive that is missing is left out, and that
# library is linked as a shared one; ICU's two are taken together or not at all, so ICU is never
# half in the binary and half shared.
#
# SwiftPM does not know the kiosk's link depends on these files: when the set of archives, or
# any of them (a security update of libicu-dev or libreadline-dev), has changed since the last
# run, the linked kiosk is removed so the next build links it again.
set -eu
folder=$1
mkdir -p "$folder"
# The Swift toolchain's own clang knows where its libstdc++ is; gcc is the fallback.
swift_clang=$(dirname "$(readlink -f "$(command -v swift 2>/dev/null || echo /usr/bin/swift)")")/clang
find_archive() {
    for compiler in "${CC:-}" "$swift_clang" clang gcc; do
        [ -n "$compiler" ] && command -v "$compiler" >/dev/null 2>&1 || continue
        path=$("$compiler" -print-file-name="$1" 2>/dev/null || true)
        if [ -f "$path" ]; then readlink -f "$path"; return; fi
    done
}
# Package.swift names ICU 72's data symbol; another ICU major version links as shared libraries.
major=$(sed -n 's/^#define U_ICU_VERSION_MAJOR_NUM \([0-9]*\).*/\1/p' /usr/include/unicode/uvernum.h 2>/dev/null || true)
record=""
rm -f "$folder"/lib*.a
link() { ln -sf "$2" "$folder/$1"; record="$record$1 $(stat -c '%n %s %Y' "$2")
"; }
uc=$(find_archive libicuuc.a); i18n=$(find_archive libicui18n.a)
if [ "$major" = 72 ] && [ -n "$uc" ] && [ -n "$i18n" ]; then link libicuuc.a "$uc"; link libicui18n.a "$i18n"; fi
for name in readline tinfo stdc++; do
    archive=$(find_archive "lib$name.a")
    if [ -n "$archive" ]; then link "lib$name.a" "$archive"; fi
done
if [ "$(cat "$folder/record" 2>/dev/null || true)" != "$record" ]; then
    rm -f "$(dirname "$folder")/release/spiral-kiosk"
    printf '%s' "$record" > "$folder/record"
fi
