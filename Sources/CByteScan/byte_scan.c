#include <string.h>
#include "byte_scan.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

/* From a digit that follows no digit: whether six digits follow, joined only by single spaces,
   dots or dashes (a phone number's length). */
static int joins_six_digits(const uint8_t *bytes, size_t count, size_t start) {
    size_t joined = 0;
    for (size_t next = start; next < count; next++) {
        uint8_t byte = bytes[next];
        if (is_digit(byte)) {
            if (++joined >= 6) return 1;
        } else if (!(is_digit(bytes[next - 1]) && (byte == ' ' || byte == '.' || byte == '-'))) {
            break;
        }
    }
    return 0;
}

#if defined(__SSE2__)
/* The pre-scan of a cell of at most 64 bytes, as one bit per byte: most free-text cells
   (`Servizio n. 123456 per la comunità`, `Oristano`, `gestione associata`) are that short, and
   the passes below, made for long notes, spent most of their time on the ends of short loops.
   The cell is copied into 64 zeroed bytes (a zero byte is no digit, letter or `@`), so nothing
   past its end is read; then each rule is a few operations on the masks. The same answers as
   the passes below (`PersonalDataTests` compares both with the one-pass scan they replaced). */
static int might_hold_personal_data_short(const uint8_t *bytes, size_t count) {
    uint8_t padded[64] = {0};
    memcpy(padded, bytes, count);
    uint64_t digits = 0, letters = 0, ats = 0, zeros_and_threes = 0;
    const __m128i digit_bias = _mm_set1_epi8((char)(128 - '0')), digit_limit = _mm_set1_epi8((char)(-128 + 10));
    const __m128i letter_bias = _mm_set1_epi8((char)(128 - 'a')), letter_limit = _mm_set1_epi8((char)(-128 + 26));
    const __m128i case_bit = _mm_set1_epi8(0x20), at = _mm_set1_epi8('@');
    const __m128i zero = _mm_set1_epi8('0'), three = _mm_set1_epi8('3');
    for (size_t offset = 0; offset < count; offset += 16) {
        const __m128i chunk = _mm_loadu_si128((const __m128i *)(padded + offset));
        /* Unsigned ranges as signed compares: byte - '0' below 10, (byte | 0x20) - 'a' below 26. */
        const __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(chunk, digit_bias), digit_limit);
        const __m128i letter = _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(chunk, case_bit), letter_bias), letter_limit);
        const __m128i phone = _mm_or_si128(_mm_cmpeq_epi8(chunk, zero), _mm_cmpeq_epi8(chunk, three));
        digits |= (uint64_t)(unsigned)_mm_movemask_epi8(digit) << offset;
        letters |= (uint64_t)(unsigned)_mm_movemask_epi8(letter) << offset;
        ats |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, at)) << offset;
        zeros_and_threes |= (uint64_t)(unsigned)_mm_movemask_epi8(phone) << offset;
    }
    if (ats) return 1;
    const uint64_t alnum = digits | letters;
    const uint64_t alnum_starts = alnum & ~(alnum << 1);
    /* Bit i of `sixteen`: bytes i..i+15 are all letters or digits. A token of exactly sixteen
       starts a run there and has no letter or digit at i+16. */
    uint64_t sixteen = alnum;
    sixteen &= sixteen >> 1;
    sixteen &= sixteen >> 2;
    sixteen &= sixteen >> 4;
    sixteen &= sixteen >> 8;
    if (sixteen & alnum_starts & ~(alnum >> 16)) return 1;
    /* An IBAN's opening: a letter that opens a word, a letter, two digits. */
    if (letters & alnum_starts & (letters >> 1) & (digits >> 2) & (digits >> 3)) return 1;
    /* A phone number from each 0 or 3 that follows no digit. */
    for (uint64_t starts = digits & ~(digits << 1) & zeros_and_threes; starts; starts &= starts - 1) {
        if (joins_six_digits(bytes, count, (size_t)__builtin_ctzll(starts))) return 1;
    }
    return 0;
}
#endif

int plus_might_hold_personal_data(const uint8_t *bytes, size_t count) {
#if defined(__SSE2__)
    if (count <= 64) return might_hold_personal_data_short(bytes, count);
#endif
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
        if ((bytes[index] == '0' || bytes[index] == '3') && joins_six_digits(bytes, count, index)) return 1;
    }
    return 0;
}
