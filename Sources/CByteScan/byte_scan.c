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
