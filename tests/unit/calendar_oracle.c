/*
 * calendar_oracle: answers date questions with the core's date module, one line at a time,
 * so that relativedelta_check.py can hold the answers against python-dateutil.
 *
 * Reads lines "START END" (both YYYY-MM-DD, END >= START) from standard input and writes,
 * for each, "days years months days_rem plus_1m plus_12m": END - START in days, the duration
 * from START to END, and START + 1 month and START + 1 year as YYYY-MM-DD. Lines are
 * answered as they are read, so there is no limit on their number. A malformed line stops
 * the program with a one-line message on standard error and exit status 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odaat/date.h"
#include "odaat/err.h"

/* "YYYY-MM-DD YYYY-MM-DD" */
#define PAIR_LENGTH 21

static int die(unsigned long line_no, const char *what)
{
    fprintf(stderr, "calendar_oracle: line %lu: %s\n", line_no, what);
    return EXIT_FAILURE;
}

int main(void)
{
    /* Room for a pair, "\r\n" and one more byte to notice a line that is too long. */
    char line[PAIR_LENGTH + 4];
    unsigned long line_no = 0;

    while (fgets(line, sizeof line, stdin) != NULL) {
        line_no++;
        size_t len = strlen(line);
        if (len > 0 && line[len - 1] == '\n')
            line[--len] = '\0';
        else if (!feof(stdin))
            return die(line_no, "line too long: expected \"YYYY-MM-DD YYYY-MM-DD\"");
        if (len > 0 && line[len - 1] == '\r')
            line[--len] = '\0';
        if (len != PAIR_LENGTH || line[10] != ' ')
            return die(line_no, "expected \"YYYY-MM-DD YYYY-MM-DD\"");

        int32_t start = 0;
        int32_t end = 0;
        enum odaat_err err = date_parse_n(line, 10, &start);
        if (err == ODAAT_OK)
            err = date_parse_n(line + 11, 10, &end);
        if (err != ODAAT_OK)
            return die(line_no, odaat_err_message(err));

        struct date_duration d;
        if (date_duration(start, end, &d) != ODAAT_OK)
            return die(line_no, "the end date is before the start date");

        char plus_1m[DATE_ISO_SIZE];
        char plus_12m[DATE_ISO_SIZE];
        printf("%ld %d %d %d %s %s\n", (long)date_diff_days(start, end), d.years, d.months, d.days,
               date_format(date_add_months(start, 1), plus_1m),
               date_format(date_add_years(start, 1), plus_12m));
    }

    if (ferror(stdin)) {
        fprintf(stderr, "calendar_oracle: cannot read standard input\n");
        return EXIT_FAILURE;
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "calendar_oracle: cannot write standard output\n");
        return EXIT_FAILURE;
    }
    return EXIT_SUCCESS;
}
