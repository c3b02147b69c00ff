#!/bin/sh
# static_archives.sh FOLDER: links to the system's static archives of ICU, readline, its terminfo
# library and libstdc++, for the kiosk's release build (Package.swift, `kioskLinking`, searches
# FOLDER first). Found there as lib*.a only, `-licuuc` and the rest link those libraries into the
# kiosk instead of loading their shared copies at every start: the dynamic loader's work for
# seven libraries was about 2 ms of a 11 ms start (docs/benchmarks.md). ICU's data stays in the
# shared libicudata (Sources/_CICU/Data.cpp). An archive that is missing is left out, and that
# library is linked as a shared one, as before.
set -eu
folder=$1
mkdir -p "$folder"
rm -f "$folder"/lib*.a
# Package.swift names ICU 72's data symbol; another ICU major version links dynamically.
major=$(sed -n 's/^#define U_ICU_VERSION_MAJOR_NUM \([0-9]*\).*/\1/p' /usr/include/unicode/uvernum.h 2>/dev/null || true)
for name in icuuc icui18n readline tinfo stdc++; do
    case $name in icu*) [ "$major" = 72 ] || continue ;; esac
    archive=$(${CC:-clang} -print-file-name="lib$name.a" 2>/dev/null || true)
    [ -f "$archive" ] || archive=$(gcc -print-file-name="lib$name.a" 2>/dev/null || true)
    if [ -f "$archive" ]; then ln -sf "$archive" "$folder/lib$name.a"; fi
done
