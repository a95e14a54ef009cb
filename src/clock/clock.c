/*
 * clock: reads the system clock and the time zone, and nothing else does. Dates are taken
 * from localtime_r's broken-down fields, so a day with 23 or 25 hours (a daylight-saving
 * change) or a skipped day (Samoa, 30 December 2011) is still one calendar day.
 */
#include "odaat/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odaat/date.h"

enum odaat_err clock_parse_moment(const char *text, struct clock_moment *out)
{
    if (text == NULL)
        return ODAAT_ERR_DATE_SYNTAX;
    size_t len = strlen(text);
    size_t date_len = len > 10 && text[10] == 'T' ? 10 : len;
    struct clock_moment moment = {0};
    enum odaat_err err = date_parse_n(text, date_len, &moment.date);
    if (err != ODAAT_OK)
        return err;
    if (date_len < len) {
        const char *t = text + 11;
        if (len != 16 || t[2] != ':')
            return ODAAT_ERR_TIME_SYNTAX;
        for (int i = 0; i < 5; i++) {
            if (i != 2 && (t[i] < '0' || t[i] > '9'))
                return ODAAT_ERR_TIME_SYNTAX;
        }
        int hour = (t[0] - '0') * 10 + (t[1] - '0');
        int minute = (t[3] - '0') * 10 + (t[4] - '0');
        if (hour > 23 || minute > 59)
            return ODAAT_ERR_TIME_SYNTAX;
        moment.has_time = true;
        moment.minute = hour * 60 + minute;
    }
    *out = moment;
    return ODAAT_OK;
}

/*
 * Reads the time zone: tzset() looks at TZ and, when TZ is unset, stats /etc/localtime, on
 * every call. Once per timestamp, that made a listing of ten years of journal entries spend
 * more time in stat() than in anything else. A zone's rules do not change while odaat runs,
 * so the zone is read again only when TZ itself changes.
 */
static void zone_read(void)
{
    static bool known;        /* the zone was read with TZ as tz_seen says */
    static char tz_seen[256]; /* "" when TZ was unset, else "=" and its value */
    const char *tz = getenv("TZ");
    char now[sizeof tz_seen];
    int n = tz == NULL ? snprintf(now, sizeof now, "%s", "") : snprintf(now, sizeof now, "=%s", tz);
    bool fits = n >= 0 && (size_t)n < sizeof now;
    if (known && fits && strcmp(now, tz_seen) == 0)
        return;
    tzset();
    /* A value too long to keep is read again next time: correct, only slower. */
    known = fits;
    memcpy(tz_seen, now, sizeof now);
}

enum odaat_err clock_local_at(time_t instant, struct clock_moment *out)
{
    struct tm tm;
    zone_read();
    if (localtime_r(&instant, &tm) == NULL)
        return ODAAT_ERR_CLOCK;
    struct date_ymd ymd = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    if (!date_ymd_valid(ymd))
        return ODAAT_ERR_CLOCK;
    out->date = date_from_ymd(ymd);
    out->has_time = true;
    /* A leap second (tm_sec 60) belongs to the minute it ends. */
    out->minute = tm.tm_hour * 60 + tm.tm_min;
    return ODAAT_OK;
}

enum odaat_err clock_local_now(struct clock_moment *out)
{
    time_t now = time(NULL);
    if (now == (time_t)-1)
        return ODAAT_ERR_CLOCK;
    return clock_local_at(now, out);
}

int32_t clock_counting_day(const struct clock_moment *moment, int boundary_hour)
{
    if (!moment->has_time)
        return moment->date;
    return date_counting_day(moment->date, moment->minute, boundary_hour);
}

enum odaat_err clock_today(const char *override, int boundary_hour, int32_t *today)
{
    if (!date_boundary_valid(boundary_hour))
        return ODAAT_ERR_BOUNDARY;
    struct clock_moment moment;
    enum odaat_err err =
        override != NULL ? clock_parse_moment(override, &moment) : clock_local_now(&moment);
    if (err != ODAAT_OK)
        return err;
    *today = clock_counting_day(&moment, boundary_hour);
    return ODAAT_OK;
}

enum odaat_err clock_utc_stamp(char out[CLOCK_STAMP_SIZE])
{
    time_t now = time(NULL);
    struct tm tm;
    if (now == (time_t)-1 || gmtime_r(&now, &tm) == NULL ||
        strftime(out, CLOCK_STAMP_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm) != CLOCK_STAMP_SIZE - 1)
        return ODAAT_ERR_CLOCK;
    return ODAAT_OK;
}

int64_t clock_monotonic_ms(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        return 0;
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t clock_monotonic_us(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        return 0;
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}
