/*
 * csvcount: the floor for CSV throughput. Parses a file with libcsv, counts rows and fields
 * and sums one decimal-comma column ("1.234,56") in integer cents. Nothing else.
 *
 *   cc -O2 -o csvcount csvcount.c -lcsv
 *   ./csvcount FILE [COLUMN (1-based, default 5)] [DELIMITER (default ';')]
 *
 * Prints: rows=N fields=N sum_cents=N (the header row is not counted).
 */
#include <csv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct counts {
    uint64_t rows;
    uint64_t fields;
    uint64_t field_in_row;
    uint64_t amount_column;
    int64_t sum_cents;
    int header_done;
};

/* "1.234,56" -> 123456; dots are grouping, the comma starts the decimals. */
static int64_t parse_cents(const char *text, size_t length) {
    int64_t whole = 0, fraction = 0;
    int decimals = -1, negative = 0;
    for (size_t i = 0; i < length; i++) {
        char c = text[i];
        if (c >= '0' && c <= '9') {
            if (decimals < 0) {
                whole = whole * 10 + (c - '0');
            } else if (decimals < 2) {
                fraction = fraction * 10 + (c - '0');
                decimals++;
            }
        } else if (c == ',') {
            decimals = 0;
        } else if (c == '-') {
            negative = 1;
        }
    }
    if (decimals == 1) fraction *= 10;
    int64_t cents = whole * 100 + fraction;
    return negative ? -cents : cents;
}

static void on_field(void *data, size_t length, void *context) {
    struct counts *c = context;
    c->field_in_row++;
    if (!c->header_done) return;
    c->fields++;
    if (c->field_in_row == c->amount_column) c->sum_cents += parse_cents(data, length);
}

static void on_row(int terminator, void *context) {
    (void)terminator;
    struct counts *c = context;
    if (c->header_done) c->rows++;
    c->header_done = 1;
    c->field_in_row = 0;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE [COLUMN] [DELIMITER]\n", argv[0]);
        return 2;
    }
    FILE *file = fopen(argv[1], "rb");
    if (!file) {
        perror(argv[1]);
        return 1;
    }
    struct counts counts = {0};
    counts.amount_column = argc > 2 ? strtoull(argv[2], NULL, 10) : 5;
    struct csv_parser parser;
    if (csv_init(&parser, 0) != 0) return 1;
    csv_set_delim(&parser, argc > 3 ? argv[3][0] : ';');
    static char buffer[1 << 20];
    size_t read;
    while ((read = fread(buffer, 1, sizeof buffer, file)) > 0) {
        if (csv_parse(&parser, buffer, read, on_field, on_row, &counts) != read) {
            fprintf(stderr, "csvcount: %s\n", csv_strerror(csv_error(&parser)));
            return 1;
        }
    }
    csv_fini(&parser, on_field, on_row, &counts);
    csv_free(&parser);
    fclose(file);
    printf("rows=%llu fields=%llu sum_cents=%lld\n", (unsigned long long)counts.rows,
           (unsigned long long)counts.fields, (long long)counts.sum_cents);
    return 0;
}
