/*
 * odaat: one day at a time. Chooses the front end; everything else lives in the modules.
 */
#include <locale.h>

#include "odaat/cli.h"

int main(int argc, char **argv)
{
    /* The locale decides whether the terminal takes UTF-8; numbers and dates are written
     * by odaat itself, so LC_NUMERIC and LC_TIME cannot change any output. */
    setlocale(LC_ALL, "");
    return cli_main(argc, argv);
}
