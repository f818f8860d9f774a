#ifndef NOFDB_CLIBPQ_SHIM_H
#define NOFDB_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
