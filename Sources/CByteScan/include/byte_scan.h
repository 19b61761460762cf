#ifndef PLUS_BYTE_SCAN_H
#define PLUS_BYTE_SCAN_H

#include <stddef.h>
#include <stdint.h>

/// The number of bytes equal to `target` in `bytes[0..<count]`.
///
/// A plain loop that the C compiler turns into vector code: the block reader runs it over
/// every byte of a file to find quote parity and line numbers.
size_t plus_count_byte(const uint8_t *bytes, size_t count, uint8_t target);

/// The number of CR LF pairs in `bytes[0..<count]`.
size_t plus_count_crlf(const uint8_t *bytes, size_t count);

#endif
