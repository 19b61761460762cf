#include "csv_tokenizer.h"
#include "byte_scan.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* A byte-level reading of strict CSV that mirrors libcsv 3.0's `csv_parse` (options
   CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL, then `csv_fini`) together with RowBuffer's
   line numbering. libcsv's states map onto places in this code:
   ROW_NOT_BEGUN -> `row_start`, FIELD_NOT_BEGUN -> `field_start`, FIELD_BEGUN unquoted ->
   the run up to the next special byte, FIELD_BEGUN quoted and FIELD_MIGHT_HAVE_ENDED ->
   `quoted_field`. Each of libcsv's strict errors is a `PLUS_TOKENIZER_DECLINED` here: the caller
   then reads the block with libcsv, which reports it. */

static inline int is_term(uint8_t byte) { return byte == '\r' || byte == '\n'; }

/* The index of the first delimiter, quote, CR or LF at or after `from`, or `count`. Plain
   runs are skipped sixteen bytes at a time. */
static inline size_t next_special(const uint8_t *bytes, size_t from, size_t count, uint8_t delimiter) {
    size_t index = from;
#if defined(__SSE2__)
    const __m128i delimiters = _mm_set1_epi8((char)delimiter);
    const __m128i quotes = _mm_set1_epi8('"');
    const __m128i returns = _mm_set1_epi8('\r');
    const __m128i feeds = _mm_set1_epi8('\n');
    while (index + 16 <= count) {
        __m128i chunk = _mm_loadu_si128((const __m128i *)(bytes + index));
        __m128i hits = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(chunk, delimiters), _mm_cmpeq_epi8(chunk, quotes)),
            _mm_or_si128(_mm_cmpeq_epi8(chunk, returns), _mm_cmpeq_epi8(chunk, feeds)));
        unsigned mask = (unsigned)_mm_movemask_epi8(hits);
        if (mask) return index + (size_t)__builtin_ctz(mask);
        index += 16;
    }
#endif
    while (index < count) {
        uint8_t byte = bytes[index];
        if (byte == delimiter || byte == '"' || is_term(byte)) return index;
        index++;
    }
    return count;
}

int plus_tokenize_block(plus_csv_block *block, uint8_t delimiter) {
    if (delimiter == '"' || is_term(delimiter)) return PLUS_TOKENIZER_DECLINED;
    uint8_t *bytes = block->bytes;
    const size_t count = block->count;
    /* libcsv's callers stop at a NUL (LibCSVParser.parse): so does this. */
    if (count > 0 && memchr(bytes, 0, count) != NULL) return PLUS_TOKENIZER_DECLINED;
    const size_t max_field = block->max_field_bytes;
    const size_t max_row_fields = block->max_row_fields;
    const size_t max_row_bytes = block->max_row_bytes;
    ptrdiff_t *bounds = block->bounds;
    const size_t bound_capacity = block->bound_capacity;
    plus_csv_row *rows = block->rows;
    const size_t row_capacity = block->row_capacity;
    size_t bound_count = 0, row_count = 0;
    ptrdiff_t line = block->line;
    /* RowBuffer drops an empty row ended by the LF of a CRLF whose CR ended the row before. */
    int previous_ended_with_cr = 0;
    size_t index = 0;

#define IS_SPACE(byte) (((byte) == ' ' || (byte) == '\t') && (byte) != delimiter)
#define PUSH_FIELD(start, end) \
    do { \
        if ((size_t)((end) - (start)) > max_field) return PLUS_TOKENIZER_DECLINED; \
        if (max_row_fields && bound_count - first_bound >= 2 * max_row_fields) return PLUS_TOKENIZER_DECLINED; \
        if (max_row_bytes && bound_count > first_bound && (size_t)((end) - bounds[first_bound]) > max_row_bytes) \
            return PLUS_TOKENIZER_DECLINED; \
        if (bound_count + 2 > bound_capacity) return PLUS_TOKENIZER_FULL; \
        bounds[bound_count] = (ptrdiff_t)(start); \
        bounds[bound_count + 1] = (ptrdiff_t)(end); \
        bound_count += 2; \
    } while (0)
    /* A row ends: `terminator` is CR, LF, or -1 at the end of the input. */
#define PUSH_ROW(first, row_line, terminator) \
    do { \
        if (row_count == row_capacity) return PLUS_TOKENIZER_FULL; \
        rows[row_count].first_bound = (ptrdiff_t)(first); \
        rows[row_count].bound_count = (ptrdiff_t)(bound_count - (first)); \
        rows[row_count].line = (row_line); \
        row_count++; \
        if ((terminator) >= 0) line++; \
        previous_ended_with_cr = (terminator) == '\r'; \
    } while (0)

    for (;;) {
        /* row_start: spaces are skipped; a line break here is an empty row. After spaces, an LF
           is no longer the second half of a CRLF: CR, spaces, LF end two lines. */
        const size_t blanks_start = index;
        while (index < count && IS_SPACE(bytes[index])) index++;
        if (index == count) break;
        if (index != blanks_start) previous_ended_with_cr = 0;
        const ptrdiff_t row_line = line;
        const size_t first_bound = bound_count;
        if (is_term(bytes[index])) {
            int terminator = bytes[index];
            if (!(terminator == '\n' && previous_ended_with_cr)) {
                PUSH_ROW(first_bound, row_line, terminator);
            } else {
                previous_ended_with_cr = 0;
            }
            index++;
            continue;
        }
        /* The row has at least one field: fields until a line break or the end. */
        for (;;) {
            /* field_start (leading spaces already skipped). */
            if (index == count) {
                PUSH_FIELD(index, index);
                PUSH_ROW(first_bound, row_line, -1);
                goto done;
            }
            uint8_t byte = bytes[index];
            size_t start, end;
            if (byte == delimiter) {
                PUSH_FIELD(index, index);
                index++;
            } else if (is_term(byte)) {
                PUSH_FIELD(index, index);
                PUSH_ROW(first_bound, row_line, byte);
                index++;
                break;
            } else if (byte == '"') {
                /* A quoted field, unescaped in place: `write` trails `index` by the doubled quotes. */
                start = index + 1;
                size_t write = start;
                index = start;
                for (;;) {
                    const uint8_t *quote = index < count ? memchr(bytes + index, '"', count - index) : NULL;
                    if (quote == NULL) return PLUS_TOKENIZER_DECLINED;  /* unclosed at the end */
                    size_t at = (size_t)(quote - bytes);
                    if (write != index) memmove(bytes + write, bytes + index, at - index);
                    write += at - index;
                    if (at + 1 < count && bytes[at + 1] == '"') {
                        if (block->read_only) return PLUS_TOKENIZER_NEEDS_COPY;
                        bytes[write++] = '"';
                        index = at + 2;
                    } else {
                        index = at + 1;
                        break;
                    }
                }
                end = write;
                /* After the closing quote: spaces, then a delimiter, a line break or the end. */
                while (index < count && IS_SPACE(bytes[index])) index++;
                PUSH_FIELD(start, end);
                line += (ptrdiff_t)plus_count_line_breaks(bytes + start, end - start);
                if (index == count) {
                    PUSH_ROW(first_bound, row_line, -1);
                    goto done;
                }
                byte = bytes[index];
                if (byte == delimiter) {
                    index++;
                } else if (is_term(byte)) {
                    PUSH_ROW(first_bound, row_line, byte);
                    index++;
                    break;
                } else {
                    return PLUS_TOKENIZER_DECLINED;  /* anything else after a closing quote */
                }
            } else {
                /* An unquoted field: up to the next special byte, trailing spaces dropped. */
                start = index;
                index = next_special(bytes, index + 1, count, delimiter);
                end = index;
                while (end > start && (bytes[end - 1] == ' ' || bytes[end - 1] == '\t')) end--;
                PUSH_FIELD(start, end);
                if (index == count) {
                    PUSH_ROW(first_bound, row_line, -1);
                    goto done;
                }
                byte = bytes[index];
                if (byte == '"') return PLUS_TOKENIZER_DECLINED;  /* a quote inside an unquoted field */
                index++;
                if (byte != delimiter) {
                    PUSH_ROW(first_bound, row_line, byte);
                    break;
                }
            }
            /* After a delimiter: field_start skips spaces. */
            while (index < count && IS_SPACE(bytes[index])) index++;
        }
    }
done:
#undef IS_SPACE
#undef PUSH_FIELD
#undef PUSH_ROW
    block->bound_count = bound_count;
    block->row_count = row_count;
    block->line = line;
    return PLUS_TOKENIZED;
}
