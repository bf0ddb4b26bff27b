#ifndef CZlib_SHIM_H
#define CZlib_SHIM_H
#include <zlib.h>

/// deflateInit2 is a macro; this wrapper produces a gzip (windowBits 31) deflate stream.
static inline int czlib_deflate_init_gzip(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
}

/// inflateInit2 is a macro; this wrapper produces a gzip-only (windowBits 31) inflate stream.
static inline int czlib_inflate_init_gzip(z_streamp stream) {
    return inflateInit2(stream, 31);
}
#endif
