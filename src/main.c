/*
 * odaat: one day at a time. Hardens the process, then chooses the front end; everything
 * else lives in the modules.
 */
#include <locale.h>
#include <stdio.h>

#include "odaat/cli.h"
#include "odaat/store.h"
#include "odaat/vault.h"

int main(int argc, char **argv)
{
    /* Before any secret or journal text can be in memory: no core dumps, private files,
     * and SQLite's wiping allocator in place before anything is allocated through it. */
    enum odaat_err err = vault_harden_process();
    if (err == ODAAT_OK)
        err = store_global_init();
    if (err != ODAAT_OK) {
        fprintf(stderr, "odaat: %s\n", odaat_err_message(err));
        return odaat_err_exit_code(err);
    }
    /* The locale decides whether the terminal takes UTF-8; numbers and dates are written
     * by odaat itself, so LC_NUMERIC and LC_TIME cannot change any output. */
    setlocale(LC_ALL, "");
    return cli_main(argc, argv);
}
