#define _GNU_SOURCE
#include "csystem.h"
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/syscall.h>
#endif

int ctg_exchange_paths(const char *a, const char *b) {
#if defined(__linux__) && defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */);
#else
    (void)a; (void)b;
    return -1;
#endif
}

const void *ctg_memmem(const void *haystack, size_t haystack_len, const void *needle, size_t needle_len) {
    return memmem(haystack, haystack_len, needle, needle_len);
}

size_t ctg_next_url_attribute(const unsigned char *html, size_t len, size_t from) {
    const unsigned char *end = html + len, *p = html + (from < len ? from : len);
    while (p < end) {
        const unsigned char *eq = memchr(p, '=', (size_t)(end - p));
        if (!eq) break;
        size_t i = (size_t)(eq - html);
        if (i + 1 < len && eq[1] == '"'
            && ((i >= 5 && memcmp(eq - 5, " href", 5) == 0) || (i >= 4 && memcmp(eq - 4, " src", 4) == 0))) {
            return i + 2;
        }
        p = eq + 1;
    }
    return len;
}

/* ---- Per-thread bump arena (see csystem.h) ---------------------------------------------
 * Blocks are 16-byte aligned and preceded by a 16-byte header holding their size, so that
 * realloc knows what to copy; the last block of a chunk grows in place (libcmark grows its
 * buffers by realloc). A request larger than a chunk gets a chunk of its own. */
#include <stdlib.h>
#include <stdio.h>

typedef struct ctg_chunk {
    struct ctg_chunk *next;
    size_t size;   /* bytes of data[] */
    size_t used;
    size_t last;   /* offset of the header of the last block, or SIZE_MAX */
    _Alignas(16) unsigned char data[];
} ctg_chunk;

enum { CTG_ARENA_CHUNK = 1 << 20, CTG_ARENA_HEADER = 16 };

static _Thread_local ctg_chunk *ctg_arena_head;

static void ctg_arena_oom(void) {
    fputs("ctg : mémoire insuffisante\n", stderr);
    abort();
}

static void *ctg_arena_alloc(size_t size) {
    size_t n = (size + 15) & ~(size_t)15;
    if (n < size) ctg_arena_oom();
    size_t need = n + CTG_ARENA_HEADER;
    ctg_chunk *c = ctg_arena_head;
    if (c == NULL || c->size - c->used < need) {
        size_t cap = need > CTG_ARENA_CHUNK ? need : CTG_ARENA_CHUNK;
        ctg_chunk *fresh = malloc(sizeof(ctg_chunk) + cap);
        if (fresh == NULL) ctg_arena_oom();
        fresh->size = cap;
        fresh->used = 0;
        fresh->last = (size_t)-1;
        fresh->next = c;
        ctg_arena_head = c = fresh;
    }
    unsigned char *h = c->data + c->used;
    *(size_t *)h = n;
    c->last = c->used;
    c->used += need;
    return h + CTG_ARENA_HEADER;
}

void *ctg_arena_calloc(size_t count, size_t size) {
    size_t total = count * size;
    if (size != 0 && total / size != count) ctg_arena_oom();
    void *p = ctg_arena_alloc(total);
    memset(p, 0, total);
    return p;
}

void *ctg_arena_realloc(void *ptr, size_t size) {
    if (ptr == NULL) return ctg_arena_alloc(size);
    unsigned char *h = (unsigned char *)ptr - CTG_ARENA_HEADER;
    size_t old = *(size_t *)h;
    ctg_chunk *c = ctg_arena_head;
    size_t n = (size + 15) & ~(size_t)15;
    if (n < size) ctg_arena_oom();
    if (n <= old) return ptr;
    /* The last block of the current chunk grows where it is. */
    if (c != NULL && c->last != (size_t)-1 && h == c->data + c->last && c->size - c->last - CTG_ARENA_HEADER >= n) {
        *(size_t *)h = n;
        c->used = c->last + CTG_ARENA_HEADER + n;
        return ptr;
    }
    void *p = ctg_arena_alloc(size);
    memcpy(p, ptr, old);
    return p;
}

void ctg_arena_free(void *ptr) {
    (void)ptr;
}

void ctg_arena_reset(void) {
    ctg_chunk *c = ctg_arena_head;
    if (c == NULL) return;
    /* Keep the oldest chunk (a standard one), free the rest. */
    while (c->next != NULL) {
        ctg_chunk *next = c->next;
        free(c);
        c = next;
    }
    if (c->size > CTG_ARENA_CHUNK) {
        free(c);
        ctg_arena_head = NULL;
        return;
    }
    c->used = 0;
    c->last = (size_t)-1;
    ctg_arena_head = c;
}
