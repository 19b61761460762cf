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
   covers one, so plain words cost one look per sixteen bytes and a few steps each way. */
static int has_sixteen_token(const uint8_t *bytes, size_t count) {
    for (size_t probe = 15; probe < count; probe += 16) {
        if (!is_alnum(bytes[probe])) continue;
        size_t start = probe, end = probe + 1;
        while (start > 0 && is_alnum(bytes[start - 1])) start--;
        while (end < count && is_alnum(bytes[end])) end++;
        if (end - start == 16) return 1;
    }
    return 0;
}

int plus_might_hold_personal_data(const uint8_t *bytes, size_t count) {
    /* First one pass that the compiler makes vector code of: an `@`, and the digits. Without an
       `@` and with fewer than two digits only a token of sixteen letters can be there (six joined
       digits and an IBAN's opening need more): most notes and descriptions end here. */
    size_t digits = 0;
    unsigned at = 0;
    for (size_t index = 0; index < count; index++) {
        digits += is_digit(bytes[index]);
        at |= bytes[index] == '@';
    }
    if (at) return 1;
    if (digits < 2) return has_sixteen_token(bytes, count);
    size_t token = 0;   /* letters and digits in a row */
    size_t joined = 0;  /* digits in a row from a 0 or 3, single joiners allowed between them */
    int previous_digit = 0, previous_alnum = 0;
    for (size_t index = 0; index < count; index++) {
        uint8_t byte = bytes[index];
        if (byte == '@') return 1;
        int digit = is_digit(byte);
        int letter = !digit && is_letter(byte);
        if (digit | letter) {
            token++;
        } else {
            if (token == 16) return 1;
            token = 0;
        }
        /* A phone number, the one thing six joined digits can be, starts with 0 or 3 (after
           +39 too: its 3 counts) at a digit that follows no digit; a run that starts otherwise
           is counted only from such a digit after one of its joiners. */
        if (digit) {
            if (joined > 0) {
                if (++joined >= 6) return 1;
            } else if (!previous_digit && (byte == '0' || byte == '3')) {
                joined = 1;
            }
        } else if (!(previous_digit && (byte == ' ' || byte == '.' || byte == '-'))) {
            joined = 0;
        }
        if (letter && !previous_alnum && index + 3 < count
            && is_letter(bytes[index + 1]) && is_digit(bytes[index + 2]) && is_digit(bytes[index + 3])) return 1;
        previous_digit = digit;
        previous_alnum = digit | letter;
    }
    return token == 16;
}
