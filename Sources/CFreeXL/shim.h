#ifndef NOFDB_CFREEXL_SHIM_H
#define NOFDB_CFREEXL_SHIM_H
#include <freexl.h>
#endif
