#ifndef NOFDB_CLIBCRYPTO_SHIM_H
#define NOFDB_CLIBCRYPTO_SHIM_H
// OpenSSL's libcrypto (Debian libssl-dev, which libpq-dev already depends on): SHA-256 only.
#include <openssl/evp.h>
#endif
