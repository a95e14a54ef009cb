/*
 * output: small writers shared by the command-line front end: JSON with correct escaping
 * and indentation, and human phrases for dates and durations. Stateless apart from the JSON
 * writer's nesting.
 */
#ifndef ODAAT_OUTPUT_H
#define ODAAT_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "odaat/date.h"

#define JSON_DEPTH_MAX 16

/* Writes one JSON document to out, pretty-printed with two-space indentation. Keys and
 * values are given in order; the writer adds commas, colons and newlines. */
struct json_writer {
    FILE *out;
    int depth;
    bool first[JSON_DEPTH_MAX]; /* nothing written yet at this depth */
    bool in_array[JSON_DEPTH_MAX];
};

void json_begin(struct json_writer *w, FILE *out);
/* key is NULL inside arrays and for the outermost value. */
void json_object_open(struct json_writer *w, const char *key);
void json_object_close(struct json_writer *w);
void json_array_open(struct json_writer *w, const char *key);
void json_array_close(struct json_writer *w);
void json_string(struct json_writer *w, const char *key, const char *value); /* NULL: null */
void json_int(struct json_writer *w, const char *key, long long value);
void json_bool(struct json_writer *w, const char *key, bool value);
void json_null(struct json_writer *w, const char *key);
void json_date(struct json_writer *w, const char *key, int32_t day);
/* A number written with a fixed number of decimals (an average: 3.60). */
void json_fixed(struct json_writer *w, const char *key, double value, int places);
/* Ends the document with a newline. */
void json_end(struct json_writer *w);

/* Writes "Friday 31 January 2025" for day into buf (at least 32 bytes); returns buf. */
char *output_date_long(int32_t day, char *buf, size_t size);

/* Writes "Fri 31 Jan 2025" for day into buf; returns buf. */
char *output_date_short(int32_t day, char *buf, size_t size);

/* Writes "1 year, 9 months, 23 days" (zero parts left out; "0 days" when all are zero). */
char *output_duration(const struct date_duration *d, char *buf, size_t size);

/* Writes n with thousands separators ("1,206") into buf; returns buf. */
char *output_count(long long n, char *buf, size_t size);

#endif
