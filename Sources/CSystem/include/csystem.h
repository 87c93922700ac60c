#ifndef CTG_CSYSTEM_H
#define CTG_CSYSTEM_H
/// Swaps two paths in one step (Linux renameat2 RENAME_EXCHANGE); -1 where unsupported.
int ctg_exchange_paths(const char *a, const char *b);
#include <stddef.h>
/// The first occurrence of `needle` in `haystack` (glibc memmem), or NULL.
const void *ctg_memmem(const void *haystack, size_t haystack_len, const void *needle, size_t needle_len);
#endif
