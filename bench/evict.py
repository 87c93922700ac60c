"""Drops the files under the given folders from the page cache (posix_fadvise DONTNEED).

Used by run.sh and duo.sh between timed runs, untimed, after `sync` (the pages are then
clean): the outputs of earlier runs stay on disk, out of memory (README.md, "Cold builds and
ext4", "Memory state of the machine").
"""
import os
import sys

for top in sys.argv[1:]:
    for d, _, files in os.walk(top):
        for f in files:
            try:
                fd = os.open(os.path.join(d, f), os.O_RDONLY | os.O_NOFOLLOW)
            except OSError:
                continue
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)
