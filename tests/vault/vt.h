/*
 * vt: what the vault's robustness tests share. TAP output, temporary data folders, images
 * that prove themselves whole, and small file helpers.
 *
 * A test image is any bytes to the vault. Ours carry a save counter and a pattern drawn
 * from that counter, so a reader can tell a complete image of counter c from a mixture of
 * two saves or a cut-off one: vt_image_check regenerates the pattern and compares all of it.
 */
#ifndef ODAAT_TESTS_VT_H
#define ODAAT_TESTS_VT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "odaat/vault.h"

/* The passphrase every test store is sealed with. */
#define VT_PASSPHRASE "correct horse battery staple"

/* Hardens the process as odaat does (vault_harden_process) and starts TAP output. Exits
 * when the vault cannot start. */
void vt_init(void);

/* Prints one TAP test point ("ok N - ..." or "not ok N - ..."); returns cond. */
bool vt_ok(bool cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints a TAP diagnostic line ("# ..."). */
void vt_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints the plan ("1..N") and returns the exit status: 0 when every point passed. */
int vt_done(void);

/* Stops the test at once with a diagnostic (a set-up step failed), exit status 1. */
void vt_bail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Makes a new private folder under $TMPDIR (or /tmp) into out (at least 4096 bytes). */
void vt_tempdir(char *out, size_t size);

/* Removes path and everything under it. */
void vt_rmtree(const char *path);

/* Fills image (len >= 64 bytes) with counter and its pattern. */
void vt_image_fill(uint8_t *image, uint64_t counter, size_t len);

/* Returns a malloc'd image of len bytes (len >= 64) holding counter and its pattern. */
uint8_t *vt_image_new(uint64_t counter, size_t len);

/* Returns true when image is a complete vt image; *counter gets its counter. */
bool vt_image_check(const uint8_t *image, size_t len, uint64_t *counter);

/* Creates a store in dir holding image, under the test-minimum KDF, and closes it. */
enum odaat_err vt_create(const char *dir, const uint8_t *image, size_t len);

/* Opens the store in dir with the test passphrase (see vault_open). */
enum odaat_err vt_open(const char *dir, struct vault **out, uint8_t **image, size_t *len);

/* Opens the store in dir, checks its image and closes it. Returns the open's error; on
 * ODAAT_OK *counter gets the image's counter, or UINT64_MAX for an image that is not whole. */
enum odaat_err vt_open_counter(const char *dir, uint64_t *counter);

/* Reads a whole file into a malloc'd buffer; false when it cannot be read. */
bool vt_read_file(const char *path, uint8_t **data, size_t *len);

/* Writes data to path (created 0600 or truncated); false on any error. */
bool vt_write_file(const char *path, const uint8_t *data, size_t len);

/* Returns true when the file at path holds exactly data. */
bool vt_file_equals(const char *path, const uint8_t *data, size_t len);

/* Counts the temp files of a save in progress (".tmp-*") in dir. */
int vt_count_temps(const char *dir);

/* A monotonic clock in milliseconds. */
double vt_now_ms(void);

/* Sleeps for ms milliseconds. */
void vt_sleep_ms(double ms);

#endif
