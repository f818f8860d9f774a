#ifndef NOFDB_SHIMS_H
#define NOFDB_SHIMS_H
/// Atomically swaps two paths on one file system (Linux renameat2 RENAME_EXCHANGE): 0 on
/// success, else -1 with errno set (ENOSYS or EINVAL where the kernel or file system lacks it).
int nofdb_exchange_paths(const char *a, const char *b);
#endif
