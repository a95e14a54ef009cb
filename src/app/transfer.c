/*
 * transfer: export and import for both front ends. The documents are built and read inside
 * the store (exchange.c, with SQLite's JSON functions); this file adds the use-case rules:
 * export stamps the time, import is all or nothing and is saved only by the caller.
 */
#include <string.h>

#include "odaat/app.h"
#include "odaat/clock.h"
#include "odaat/date.h"
#include "odaat/exchange.h"

bool app_export_format_parse(const char *text, enum app_export_format *out)
{
    static const struct {
        const char *name;
        enum app_export_format format;
    } names[] = {{"json", APP_EXPORT_JSON}, {"csv", APP_EXPORT_CSV}, {"md", APP_EXPORT_MARKDOWN}};
    for (size_t i = 0; text != NULL && i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(text, names[i].name) == 0) {
            *out = names[i].format;
            return true;
        }
    }
    return false;
}

enum odaat_err app_export(struct app *app, enum app_export_format format, char **out)
{
    *out = NULL;
    if (format == APP_EXPORT_CSV)
        return exchange_export_csv(app_store(app), out);
    if (format == APP_EXPORT_MARKDOWN) {
        char today[DATE_ISO_SIZE];
        return exchange_export_markdown(app_store(app), date_format(app_today(app), today), out);
    }
    char now[CLOCK_STAMP_SIZE];
    enum odaat_err err = clock_utc_stamp(now);
    return err == ODAAT_OK ? exchange_export_json(app_store(app), now, out) : err;
}

enum odaat_err app_import(struct app *app, const char *json, struct exchange_report *report,
                          char *error, size_t error_size)
{
    return exchange_import_json(app_store(app), json, report, error, error_size);
}

void app_text_free(char *text)
{
    exchange_text_free(text);
}
