#ifndef PLUS_CSV_TOKENIZER_H
#define PLUS_CSV_TOKENIZER_H

#include <stddef.h>
#include <stdint.h>

/// One completed row of a tokenized block: its fields' bounds and the line it starts on.
typedef struct {
    ptrdiff_t first_bound;
    ptrdiff_t bound_count;
    ptrdiff_t line;
} plus_csv_row;

/// A block of CSV bytes to tokenize, and where its rows go.
///
/// `bytes` is the block, or a writable copy of it: unquoted fields are left where they are, quoted
/// fields are unescaped in place (a doubled quote becomes one), which only a copy allows. `bounds` receive a start and
/// an end offset into `bytes` per field, `rows` one entry per row.
typedef struct {
    uint8_t *bytes;
    size_t count;
    ptrdiff_t *bounds;
    size_t bound_capacity;
    size_t bound_count;
    plus_csv_row *rows;
    size_t row_capacity;
    size_t row_count;
    /// In: the line the block starts on. Out: the line after its last row.
    ptrdiff_t line;
    size_t max_field_bytes;
    /// The most fields and bytes one row may hold (0: no limit); past them the block is declined,
    /// and libcsv's reading reports the row.
    size_t max_row_fields;
    size_t max_row_bytes;
    /// Nonzero: `bytes` must not be written; a doubled quote, which needs unescaping, stops the
    /// reading with `PLUS_TOKENIZER_NEEDS_COPY`.
    int read_only;
} plus_csv_block;

/// The block was read whole, exactly as libcsv would read it.
#define PLUS_TOKENIZED 0
/// `bounds` or `rows` are too small: grow them and call again from the start.
#define PLUS_TOKENIZER_FULL 1
/// A quoted field holds a doubled quote and `read_only` is set: call again on a writable copy.
#define PLUS_TOKENIZER_NEEDS_COPY 2
/// Something libcsv would report (a stray or unclosed quote, a NUL, a field or a row over the limits):
/// the caller leaves the block to libcsv, the reference, so that the diagnostics are its own.
#define PLUS_TOKENIZER_DECLINED (-1)

/// Reads a whole block of CSV (ending at a row end or at the end of the file) the way libcsv
/// does in strict mode (`CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL`, then `csv_fini`), with
/// the reader's line numbering: the same fields, rows and lines, or `PLUS_TOKENIZER_DECLINED`
/// wherever libcsv would fail.
int plus_tokenize_block(plus_csv_block *block, uint8_t delimiter);

#endif
