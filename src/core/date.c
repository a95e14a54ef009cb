/*
 * date: day numbers and the civil calendar. Conversions use the era arithmetic of the
 * proleptic Gregorian calendar (a 400-year era has exactly 146,097 days), counted from
 * 1 March so that the leap day falls at the end of the computational year.
 *
 * Must never read a clock, a time zone or the environment: "today" is always a parameter.
 */
#include "odaat/date.h"

#include <string.h>

/* Day number of 0000-03-01 is -719468: the era origin relative to 1970-01-01. */
#define DAYS_ERA_ORIGIN 719468
#define DAYS_PER_ERA    146097

static const char *const month_names[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December",
};

static const char *const weekday_names[] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};

bool date_is_leap_year(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_days_in_month(int year, int month)
{
    static const int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    if (month == 2 && date_is_leap_year(year))
        return 29;
    return lengths[month - 1];
}

bool date_ymd_valid(struct date_ymd ymd)
{
    if (ymd.year < 1 || ymd.year > 9999)
        return false;
    return ymd.day >= 1 && ymd.day <= date_days_in_month(ymd.year, ymd.month);
}

/* Floor division for the negative years before the era origin. */
static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int32_t date_from_ymd(struct date_ymd ymd)
{
    int64_t y = ymd.year - (ymd.month <= 2);
    int64_t era = floor_div(y, 400);
    int64_t year_of_era = y - era * 400;
    int64_t shifted_month = (ymd.month + 9) % 12; /* March = 0 .. February = 11 */
    int64_t day_of_year = (153 * shifted_month + 2) / 5 + ymd.day - 1;
    int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return (int32_t)(era * DAYS_PER_ERA + day_of_era - DAYS_ERA_ORIGIN);
}

struct date_ymd date_to_ymd(int32_t day)
{
    int64_t z = (int64_t)day + DAYS_ERA_ORIGIN;
    int64_t era = floor_div(z, DAYS_PER_ERA);
    int64_t day_of_era = z - era * DAYS_PER_ERA;
    int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    int64_t shifted_month = (5 * day_of_year + 2) / 153;
    struct date_ymd ymd;
    ymd.day = (int)(day_of_year - (153 * shifted_month + 2) / 5 + 1);
    ymd.month = (int)(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
    ymd.year = (int)(year_of_era + era * 400 + (ymd.month <= 2));
    return ymd;
}

/* Reads exactly n ASCII digits; returns -1 if any byte is not a digit. */
static int read_digits(const char *s, int n)
{
    int value = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        value = value * 10 + (s[i] - '0');
    }
    return value;
}

enum odaat_err date_parse_n(const char *text, size_t len, int32_t *day)
{
    if (text == NULL || len != 10 || text[4] != '-' || text[7] != '-')
        return ODAAT_ERR_DATE_SYNTAX;
    struct date_ymd ymd = {
        .year = read_digits(text, 4),
        .month = read_digits(text + 5, 2),
        .day = read_digits(text + 8, 2),
    };
    if (ymd.year < 0 || ymd.month < 0 || ymd.day < 0)
        return ODAAT_ERR_DATE_SYNTAX;
    /* The day must exist in its month first (any year, 0000 included), so year 0000 reads
     * as out of range like every other year outside the accepted span. */
    if (ymd.day < 1 || ymd.day > date_days_in_month(ymd.year, ymd.month))
        return ODAAT_ERR_DATE_INVALID;
    if (ymd.year < ODAAT_YEAR_MIN || ymd.year > ODAAT_YEAR_MAX)
        return ODAAT_ERR_DATE_RANGE;
    *day = date_from_ymd(ymd);
    return ODAAT_OK;
}

enum odaat_err date_parse(const char *text, int32_t *day)
{
    size_t len = 0;
    if (text == NULL)
        return ODAAT_ERR_DATE_SYNTAX;
    /* Count at most 11 bytes: anything longer than a date is wrong anyway. */
    while (len < 11 && text[len] != '\0')
        len++;
    return date_parse_n(text, len, day);
}

/* Writes value as exactly n decimal digits, zero-padded. */
static void write_digits(char *out, int value, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        out[i] = (char)('0' + value % 10);
        value /= 10;
    }
}

char *date_format(int32_t day, char buf[static DATE_ISO_SIZE])
{
    struct date_ymd ymd = date_to_ymd(day);
    /* Years outside 1..9999 cannot be written in four digits; say so rather than overflow. */
    if (ymd.year < 1 || ymd.year > 9999) {
        memcpy(buf, "----------", DATE_ISO_SIZE);
        return buf;
    }
    write_digits(buf, ymd.year, 4);
    buf[4] = '-';
    write_digits(buf + 5, ymd.month, 2);
    buf[7] = '-';
    write_digits(buf + 8, ymd.day, 2);
    buf[10] = '\0';
    return buf;
}

int date_weekday(int32_t day)
{
    /* 1970-01-01 was a Thursday (ISO 4). */
    int64_t w = ((int64_t)day + 3) % 7;
    if (w < 0)
        w += 7;
    return (int)w + 1;
}

int32_t date_add_days(int32_t day, int32_t n)
{
    return day + n;
}

int32_t date_add_months(int32_t day, int32_t n)
{
    struct date_ymd ymd = date_to_ymd(day);
    int64_t index = (int64_t)ymd.year * 12 + (ymd.month - 1) + n;
    struct date_ymd out = {
        .year = (int)floor_div(index, 12),
        .month = (int)(index - floor_div(index, 12) * 12) + 1,
    };
    int last = date_days_in_month(out.year, out.month);
    out.day = ymd.day < last ? ymd.day : last;
    return date_from_ymd(out);
}

int32_t date_add_years(int32_t day, int32_t n)
{
    return date_add_months(day, 12 * n);
}

int32_t date_diff_days(int32_t from, int32_t to)
{
    return to - from;
}

enum odaat_err date_duration(int32_t start, int32_t end, struct date_duration *out)
{
    if (end < start)
        return ODAAT_ERR_END_BEFORE_START;
    struct date_ymd a = date_to_ymd(start);
    struct date_ymd b = date_to_ymd(end);
    /* The calendar difference in months overshoots by at most one when the day of the
     * month has not come round yet; one step back always lands on or before end. */
    int32_t months = (b.year - a.year) * 12 + (b.month - a.month);
    if (date_add_months(start, months) > end)
        months--;
    out->years = months / 12;
    out->months = months % 12;
    out->days = end - date_add_months(start, months);
    return ODAAT_OK;
}

bool date_boundary_valid(int hour)
{
    return hour >= 0 && hour <= ODAAT_BOUNDARY_MAX;
}

int32_t date_counting_day(int32_t local_date, int minute, int boundary_hour)
{
    return minute < boundary_hour * 60 ? local_date - 1 : local_date;
}

const char *date_month_name(int month)
{
    return (month >= 1 && month <= 12) ? month_names[month - 1] : "?";
}

const char *date_month_abbr(int month)
{
    static const char *const abbr[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return (month >= 1 && month <= 12) ? abbr[month - 1] : "?";
}

const char *date_weekday_name(int weekday)
{
    return (weekday >= 1 && weekday <= 7) ? weekday_names[weekday - 1] : "?";
}

const char *date_weekday_abbr(int weekday)
{
    static const char *const abbr[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    return (weekday >= 1 && weekday <= 7) ? abbr[weekday - 1] : "?";
}
