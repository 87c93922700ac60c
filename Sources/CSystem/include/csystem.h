#ifndef CTG_CSYSTEM_H
#define CTG_CSYSTEM_H
/// Swaps two paths in one step (Linux renameat2 RENAME_EXCHANGE); -1 where unsupported.
int ctg_exchange_paths(const char *a, const char *b);
#include <stddef.h>
/// The first occurrence of `needle` in `haystack` (glibc memmem), or NULL.
const void *ctg_memmem(const void *haystack, size_t haystack_len, const void *needle, size_t needle_len);

/* The offset of the first byte of the next `href="` or `src="` attribute value of `html` at or
 * after `from` (the byte after the quote, an attribute preceded by a space); `len` when there is
 * none. A page has thousands of attributes and a few dozen links: looking at each `=` here
 * costs a few instructions, a call from Swift per `=` several dozen. */
size_t ctg_next_url_attribute(const unsigned char *html, size_t len, size_t from);

/// A bump allocator for one thread, for libraries that allocate many small blocks and free
/// them all together (libcmark's nodes and buffers while one document is parsed and rendered):
/// `free` does nothing and `ctg_arena_reset` releases everything at once. Each thread has its
/// own arena; what it hands out stays valid until that thread's next reset.
void *ctg_arena_calloc(size_t count, size_t size);
void *ctg_arena_realloc(void *ptr, size_t size);
void ctg_arena_free(void *ptr);
/// Forgets every block of this thread's arena, keeping its first chunk for the next use.
void ctg_arena_reset(void);
#endif
