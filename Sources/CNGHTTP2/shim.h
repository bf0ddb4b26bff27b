#ifndef CNGHTTP2_SHIM_H
#define CNGHTTP2_SHIM_H
#include <nghttp2/nghttp2.h>

/* Macros built from expressions do not reach Swift; expose them as functions. */

/* NGHTTP2_INITIAL_WINDOW_SIZE: the protocol's initial stream window (65 535). */
static inline int32_t cnghttp2_initial_window_size(void) {
    return NGHTTP2_INITIAL_WINDOW_SIZE;
}

/* NGHTTP2_INITIAL_CONNECTION_WINDOW_SIZE: the protocol's initial connection window (65 535). */
static inline int32_t cnghttp2_initial_connection_window_size(void) {
    return NGHTTP2_INITIAL_CONNECTION_WINDOW_SIZE;
}

/* NGHTTP2_MAX_WINDOW_SIZE: the largest flow-control window (2^31 - 1). */
static inline int32_t cnghttp2_max_window_size(void) {
    return NGHTTP2_MAX_WINDOW_SIZE;
}

#endif
