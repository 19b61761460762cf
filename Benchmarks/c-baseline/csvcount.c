/*
 * csvcount: the floor for CSV throughput. Parses a file with libcsv, counts rows and fields
 * and sums one decimal-comma column ("1.234,56") in integer cents. Nothing else.
 *
 *   cc -O2 -o csvcount csvcount.c -lcsv
 *   ./csvcount FILE [COLUMN (1-based, default 5)] [DELIMITER (default ';')]
 *   ./csvcount --each FILE...   many files of different layouts (the regional collection):
 *                               each file's delimiter is the commonest of ';', ',' and tab in
 *                               its first line; rows and fields are counted, nothing summed
 *
 * Prints: rows=N fields=N sum_cents=N (the header rows are not counted), and files=N with --each.
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

static char buffer[1 << 20];

/* The commonest of ';', ',' and tab in the file's first line (what a sniffer would pick). */
static char guess_delimiter(const char *head, size_t length) {
    size_t semicolons = 0, commas = 0, tabs = 0;
    for (size_t i = 0; i < length && head[i] != '\n'; i++) {
        semicolons += head[i] == ';';
        commas += head[i] == ',';
        tabs += head[i] == '\t';
    }
    if (tabs > semicolons && tabs > commas) return '\t';
    return commas > semicolons ? ',' : ';';
}

/* Parses one file into counts; delimiter 0 means guess it from the first line. */
static int count_file(const char *path, char delimiter, struct counts *counts) {
    FILE *file = fopen(path, "rb");
    if (!file) {
        perror(path);
        return 1;
    }
    struct csv_parser parser;
    if (csv_init(&parser, 0) != 0) return 1;
    counts->header_done = 0;
    counts->field_in_row = 0;
    size_t read;
    int first = 1;
    while ((read = fread(buffer, 1, sizeof buffer, file)) > 0) {
        if (first) csv_set_delim(&parser, delimiter ? delimiter : guess_delimiter(buffer, read));
        first = 0;
        if (csv_parse(&parser, buffer, read, on_field, on_row, counts) != read) {
            fprintf(stderr, "csvcount: %s: %s\n", path, csv_strerror(csv_error(&parser)));
            return 1;
        }
    }
    csv_fini(&parser, on_field, on_row, counts);
    csv_free(&parser);
    fclose(file);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE [COLUMN] [DELIMITER] | --each FILE...\n", argv[0]);
        return 2;
    }
    struct counts counts = {0};
    if (strcmp(argv[1], "--each") == 0) {
        for (int i = 2; i < argc; i++)
            if (count_file(argv[i], 0, &counts) != 0) return 1;
        printf("rows=%llu fields=%llu files=%d\n", (unsigned long long)counts.rows,
               (unsigned long long)counts.fields, argc - 2);
        return 0;
    }
    counts.amount_column = argc > 2 ? strtoull(argv[2], NULL, 10) : 5;
    if (count_file(argv[1], argc > 3 ? argv[3][0] : ';', &counts) != 0) return 1;
    printf("rows=%llu fields=%llu sum_cents=%lld\n", (unsigned long long)counts.rows,
           (unsigned long long)counts.fields, (long long)counts.sum_cents);
    return 0;
}
