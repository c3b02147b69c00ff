#!/bin/sh
# split_debug.sh BINARY FOLDER: the program as a kiosk runs it. Its debug information (two thirds
# of a static Swift build) goes to FOLDER/NAME.debug, joined to FOLDER/NAME by .gnu_debuglink,
# which gdb and the Swift crash backtracer follow; the program itself keeps only what runs.
# Done again only when the build is newer than the split copy.
set -eu
binary=$1
folder=$2
name=$(basename "$binary")
mkdir -p "$folder"
if [ ! -f "$folder/$name" ] || [ "$binary" -nt "$folder/$name" ]; then
    objcopy --only-keep-debug "$binary" "$folder/$name.debug.new"
    mv -f "$folder/$name.debug.new" "$folder/$name.debug"
    objcopy --strip-all --add-gnu-debuglink="$folder/$name.debug" "$binary" "$folder/$name.new"
    mv -f "$folder/$name.new" "$folder/$name"
fi
