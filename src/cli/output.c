/*
 * output: JSON and human phrasing for the command line. The JSON writer escapes every
 * control character and passes UTF-8 through unchanged, so any text a person typed
 * round-trips through `jq` and through odaat's own import.
 */
#include "odaat/output.h"

#include <string.h>

void json_begin(struct json_writer *w, FILE *out)
{
    memset(w, 0, sizeof *w);
    w->out = out;
    w->first[0] = true;
}

static void json_indent(struct json_writer *w)
{
    for (int i = 0; i < w->depth; i++)
        fputs("  ", w->out);
}

static void json_write_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"':
            fputs("\\\"", out);
            break;
        case '\\':
            fputs("\\\\", out);
            break;
        case '\n':
            fputs("\\n", out);
            break;
        case '\r':
            fputs("\\r", out);
            break;
        case '\t':
            fputs("\\t", out);
            break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                fprintf(out, "\\u%04x", (unsigned)*p);
            else
                fputc(*p, out);
        }
    }
    fputc('"', out);
}

/* Writes what goes before a value: a comma, a newline and indentation, and the key. */
static void json_prefix(struct json_writer *w, const char *key)
{
    if (w->depth > 0) {
        fputs(w->first[w->depth] ? "\n" : ",\n", w->out);
        json_indent(w);
    }
    w->first[w->depth] = false;
    if (key != NULL && w->depth > 0 && !w->in_array[w->depth]) {
        json_write_string(w->out, key);
        fputs(": ", w->out);
    }
}

static void json_open(struct json_writer *w, const char *key, char bracket, bool array)
{
    json_prefix(w, key);
    fputc(bracket, w->out);
    if (w->depth + 1 < JSON_DEPTH_MAX) {
        w->depth++;
        w->first[w->depth] = true;
        w->in_array[w->depth] = array;
    }
}

static void json_close(struct json_writer *w, char bracket)
{
    bool empty = w->first[w->depth];
    if (w->depth > 0)
        w->depth--;
    if (!empty) {
        fputc('\n', w->out);
        json_indent(w);
    }
    fputc(bracket, w->out);
}

void json_object_open(struct json_writer *w, const char *key)
{
    json_open(w, key, '{', false);
}

void json_object_close(struct json_writer *w)
{
    json_close(w, '}');
}

void json_array_open(struct json_writer *w, const char *key)
{
    json_open(w, key, '[', true);
}

void json_array_close(struct json_writer *w)
{
    json_close(w, ']');
}

void json_string(struct json_writer *w, const char *key, const char *value)
{
    json_prefix(w, key);
    if (value == NULL)
        fputs("null", w->out);
    else
        json_write_string(w->out, value);
}

void json_int(struct json_writer *w, const char *key, long long value)
{
    json_prefix(w, key);
    fprintf(w->out, "%lld", value);
}

void json_bool(struct json_writer *w, const char *key, bool value)
{
    json_prefix(w, key);
    fputs(value ? "true" : "false", w->out);
}

void json_null(struct json_writer *w, const char *key)
{
    json_prefix(w, key);
    fputs("null", w->out);
}

void json_fixed(struct json_writer *w, const char *key, double value, int places)
{
    json_prefix(w, key);
    fprintf(w->out, "%.*f", places, value);
}

void json_date(struct json_writer *w, const char *key, int32_t day)
{
    char buf[DATE_ISO_SIZE];
    json_string(w, key, date_format(day, buf));
}

void json_end(struct json_writer *w)
{
    fputc('\n', w->out);
}

char *output_date_long(int32_t day, char *buf, size_t size)
{
    struct date_ymd ymd = date_to_ymd(day);
    snprintf(buf, size, "%s %d %s %d", date_weekday_name(date_weekday(day)), ymd.day,
             date_month_name(ymd.month), ymd.year);
    return buf;
}

char *output_date_short(int32_t day, char *buf, size_t size)
{
    struct date_ymd ymd = date_to_ymd(day);
    snprintf(buf, size, "%s %2d %s %d", date_weekday_abbr(date_weekday(day)), ymd.day,
             date_month_abbr(ymd.month), ymd.year);
    return buf;
}

char *output_count(long long n, char *buf, size_t size)
{
    char digits[32];
    char grouped[48];
    unsigned long long v = n < 0 ? 0ull - (unsigned long long)n : (unsigned long long)n;
    int len = snprintf(digits, sizeof digits, "%llu", v);
    size_t j = 0;
    if (n < 0)
        grouped[j++] = '-';
    for (int i = 0; i < len; i++) {
        grouped[j++] = digits[i];
        int left = len - i - 1;
        if (left > 0 && left % 3 == 0)
            grouped[j++] = ',';
    }
    grouped[j] = '\0';
    snprintf(buf, size, "%s", grouped);
    return buf;
}

/* Appends "N unit(s)" to buf at *used, with ", " between parts. */
static void append_part(char *buf, size_t size, size_t *used, int n, const char *unit)
{
    if (*used >= size)
        return;
    int written = snprintf(buf + *used, size - *used, "%s%d %s%s", *used ? ", " : "", n, unit,
                           n == 1 ? "" : "s");
    if (written > 0)
        *used += (size_t)written;
}

char *output_duration(const struct date_duration *d, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    if (d->years)
        append_part(buf, size, &used, d->years, "year");
    if (d->months)
        append_part(buf, size, &used, d->months, "month");
    if (d->days || used == 0)
        append_part(buf, size, &used, d->days, "day");
    return buf;
}
