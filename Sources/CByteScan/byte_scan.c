#include <string.h>
#include "byte_scan.h"

size_t plus_count_byte(const uint8_t *bytes, size_t count, uint8_t target) {
    size_t total = 0;
    size_t start = 0;
    // Runs of 255 let the compiler count in byte lanes without overflow.
    while (start < count) {
        size_t end = count - start > 255 ? start + 255 : count;
        uint8_t run = 0;
        for (size_t index = start; index < end; index++) run += bytes[index] == target;
        total += run;
        start = end;
    }
    return total;
}

size_t plus_count_line_breaks(const uint8_t *bytes, size_t count) {
    if (count == 0) return 0;
    size_t total = bytes[count - 1] == '\n' || bytes[count - 1] == '\r';
    const uint8_t *next = bytes + 1;
    size_t pairs = count - 1;
    size_t start = 0;
    while (start < pairs) {
        size_t end = pairs - start > 255 ? start + 255 : pairs;
        uint8_t run = 0;
        for (size_t index = start; index < end; index++)
            run += (bytes[index] == '\n') | ((bytes[index] == '\r') & (next[index] != '\n'));
        total += run;
        start = end;
    }
    return total;
}

size_t plus_find_lf_after_cr_and_blanks(const uint8_t *bytes, size_t count, uint8_t delimiter, int *state) {
    size_t index = 0;
    for (;;) {
        if (*state == 0) {
            const uint8_t *cr = index < count ? memchr(bytes + index, '\r', count - index) : NULL;
            if (cr == NULL) return count;
            index = (size_t)(cr - bytes) + 1;
            *state = 1;
        }
        while (index < count && (bytes[index] == ' ' || bytes[index] == '\t') && bytes[index] != delimiter) {
            index++;
            *state = 2;
        }
        if (index == count) return count;
        const int blanks = *state == 2;
        *state = 0;
        if (blanks && bytes[index] == '\n') return index;
    }
}

int plus_is_ascii(const uint8_t *bytes, size_t count) {
    uint8_t any = 0;
    for (size_t index = 0; index < count; index++) any |= bytes[index];
    return any < 0x80;
}

int plus_has_control_byte(const uint8_t *bytes, size_t count) {
    uint8_t lowest = 0xFF;
    for (size_t index = 0; index < count; index++) lowest = bytes[index] < lowest ? bytes[index] : lowest;
    return lowest <= '\r';
}

/* Byte classes for the personal-data pre-scan: ASCII digits and letters only. */
static inline int is_digit(uint8_t byte) { return (uint8_t)(byte - '0') <= 9; }
static inline int is_letter(uint8_t byte) { return (uint8_t)((byte | 0x20) - 'a') <= 25; }

static inline int is_alnum(uint8_t byte) { return is_digit(byte) | is_letter(byte); }

/* Whether a token of exactly sixteen ASCII letters and digits stands in the bytes. Any sixteen
   bytes in a row cover exactly one position 15, 31, 47, ...: a token is measured only where it
   covers one, so plain words cost one look per sixteen bytes and a few steps each way. A run
   measured once is not measured again from the probes inside it: a cell of a million letters
   would otherwise be walked from each of its 65,536 probes (quadratic; found by fuzz.py). */
static int has_sixteen_token(const uint8_t *bytes, size_t count) {
    for (size_t probe = 15; probe < count; probe += 16) {
        if (!is_alnum(bytes[probe])) continue;
        size_t start = probe, end = probe + 1;
        while (start > 0 && is_alnum(bytes[start - 1])) start--;
        while (end < count && is_alnum(bytes[end])) end++;
        if (end - start == 16) return 1;
        /* The next probe is the first at or after `end`. */
        probe += (end - probe - 1) / 16 * 16;
    }
    return 0;
}

int plus_might_hold_personal_data(const uint8_t *bytes, size_t count) {
    /* First one pass that the compiler makes vector code of: an `@`, and the digits. Without an
       `@` and with fewer than two digits only a token of sixteen letters can be there (six joined
       digits and an IBAN's opening need more): most notes and descriptions end here. */
    size_t digits = 0;
    unsigned at = 0;
    /* Counted a byte wide, 255 bytes at a time: sixteen bytes to a vector step. */
    for (size_t index = 0; index < count;) {
        size_t end = count - index > 255 ? index + 255 : count;
        uint8_t chunk_digits = 0, chunk_at = 0;
        for (; index < end; index++) {
            chunk_digits += is_digit(bytes[index]);
            chunk_at |= bytes[index] == '@';
        }
        digits += chunk_digits;
        at |= chunk_at;
    }
    if (at) return 1;
    if (has_sixteen_token(bytes, count)) return 1;
    if (digits < 2) return 0;
    /* What is left starts at a digit: a phone number, and an IBAN's opening (two letters that
       open a word, then two digits). Bytes between digits are only stepped over. */
    for (size_t index = 0; index < count; index++) {
        if (!is_digit(bytes[index]) || (index > 0 && is_digit(bytes[index - 1]))) continue;
        /* `index` opens a run of digits. Two letters opening a word right before two digits: */
        if (index >= 2 && index + 1 < count && is_letter(bytes[index - 2]) && is_letter(bytes[index - 1])
            && is_digit(bytes[index + 1]) && (index == 2 || !is_alnum(bytes[index - 3]))) return 1;
        /* A phone number, the one thing six joined digits can be, starts with 0 or 3 (after +39
           too: its 3 counts) at a digit that follows no digit; single spaces, dots or dashes may
           join its digits. */
        if (bytes[index] != '0' && bytes[index] != '3') continue;
        size_t joined = 0;
        for (size_t next = index; next < count; next++) {
            uint8_t byte = bytes[next];
            if (is_digit(byte)) {
                if (++joined >= 6) return 1;
            } else if (!(is_digit(bytes[next - 1]) && (byte == ' ' || byte == '.' || byte == '-'))) {
                break;
            }
        }
    }
    return 0;
}
