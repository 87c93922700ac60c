#ifndef CTG_CSYSTEM_H
#define CTG_CSYSTEM_H
/// Swaps two paths in one step (Linux renameat2 RENAME_EXCHANGE); -1 where unsupported.
int ctg_exchange_paths(const char *a, const char *b);
#endif
