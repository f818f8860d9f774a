#ifndef NOFDB_SHIMS_H
#define NOFDB_SHIMS_H
/// Atomically swaps two paths on one file system (Linux renameat2 RENAME_EXCHANGE): 0 on
/// success, else -1 with errno set (ENOSYS or EINVAL where the kernel or file system lacks it).
int nofdb_exchange_paths(const char *a, const char *b);
/// Writes `length` bytes to a new file at `path` (created or truncated, mode 0644) without
/// syncing it: 0 on success, else -1 with errno set. Many small files, synced once together.
int nofdb_write_file(const char *path, const void *bytes, long length);
/// Flushes the file system holding `path` to disk (Linux syncfs; sync elsewhere): 0 on
/// success, else -1 with errno set.
int nofdb_sync_filesystem(const char *path);
#endif
