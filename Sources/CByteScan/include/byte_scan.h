#ifndef PLUS_BYTE_SCAN_H
#define PLUS_BYTE_SCAN_H

#include <stddef.h>
#include <stdint.h>

/// The number of bytes equal to `target` in `bytes[0..<count]`.
///
/// A plain loop that the C compiler turns into vector code: the block reader runs it over
/// every byte of a file to find quote parity and line numbers.
size_t plus_count_byte(const uint8_t *bytes, size_t count, uint8_t target);

/// The line breaks in `bytes[0..<count]`: each LF, and each CR not followed by LF (a CR at the
/// end counts). One pass, for fields that span lines and for whole blocks.
size_t plus_count_line_breaks(const uint8_t *bytes, size_t count);

/// The index of the first LF in `bytes[0..<count]` that follows a CR and one or more spaces or
/// tabs (other than `delimiter`), or `count`: libcsv skips those blanks without a word, so its
/// reader could take the LF for the second half of a CRLF. `state` carries a CR and blanks at
/// the end of one call into the next (0 at the start of the input; 0 nothing, 1 after a CR,
/// 2 after a CR and blanks).
size_t plus_find_lf_after_cr_and_blanks(const uint8_t *bytes, size_t count, uint8_t delimiter, int *state);

/// Whether every byte of `bytes[0..<count]` is ASCII (below 0x80).
int plus_is_ascii(const uint8_t *bytes, size_t count);

/// Whether some byte of `bytes[0..<count]` is CR or below: a quick test before counting line breaks.
int plus_has_control_byte(const uint8_t *bytes, size_t count);

/// Whether the bytes could hold personal data (`PersonalDataScanner.mightContain`): an `@`, a
/// token of exactly sixteen ASCII letters and digits, six digits joined only by single spaces,
/// dots or dashes from a 0 or a 3 that follows no digit (a phone number's start), or two letters
/// and two digits opening a word. No allocation.
int plus_might_hold_personal_data(const uint8_t *bytes, size_t count);

#endif
