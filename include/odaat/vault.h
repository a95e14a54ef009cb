/*
 * vault: the one module that touches the store's files and holds its key. A data folder
 * holds one sealed file (`store`), a lock file, and backup generations; nothing else of the
 * journal ever reaches the disk. The vault seals and opens whole SQLite images; it knows
 * nothing of what is inside them.
 *
 * Folder layout (no dates, counts or names in file names):
 *   store            the sealed file (format version 1, docs/security.md)
 *   lock             held with flock for as long as a vault is open
 *   .tmp-RANDOM      a save in progress (removed on failure, cleaned at the next open)
 *   backups/         hard links to earlier saves: save-1..save-5, day-1..day-7, week-1..week-4
 *   conflict-N       a save that found the store changed on disk
 */
#ifndef ODAAT_VAULT_H
#define ODAAT_VAULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "odaat/crypto.h"
#include "odaat/err.h"

/* The longest passphrase accepted, in bytes. */
#define VAULT_PASSPHRASE_MAX 1024

/* An open store: the folder, its lock, the data key and what the file on disk was. */
struct vault;

/* How the store is unlocked: the passphrase or the recovery code shown at set-up. */
enum vault_secret_kind {
    VAULT_PASSPHRASE,
    VAULT_RECOVERY_CODE,
};

struct vault_secret {
    enum vault_secret_kind kind;
    const char *text; /* not necessarily NUL-terminated; never copied outside secure memory */
    size_t len;
};

/* One backup generation, newest first in a listing. */
struct vault_backup {
    char name[32];   /* "save-1", "day-3", "week-2" */
    time_t saved_at;  /* the file's modification time */
    long saved_at_ns; /* and its nanoseconds, to order saves made within a second */
    int64_t size;
};

/*
 * Hardens the process before any secret is read: umask 077, no core dumps (RLIMIT_CORE 0),
 * not dumpable or traceable by other users' tools (PR_SET_DUMPABLE 0), SIGXFSZ ignored so a
 * file-size limit fails a write instead of killing odaat mid-save. Also starts libsodium.
 */
enum odaat_err vault_harden_process(void);

/* Returns in *out (malloc'd; free with free) the data folder: dir when not NULL, else
 * $ODAAT_HOME, else $XDG_DATA_HOME/odaat, else $HOME/.local/share/odaat. */
enum odaat_err vault_data_dir(const char *dir, char **out);

/* Returns true when dir holds a store file (or something in its place). */
bool vault_exists(const char *dir);

/*
 * Creates a store in dir (the folder is made 0700 when missing) sealed with passphrase under
 * the KDF profile, holding image as its first contents. Writes the new recovery code (shown
 * once to the person, then wiped with crypto_wipe) into recovery. On success *out is the
 * open, locked vault. Errors: ODAAT_ERR_STORE_EXISTS, ODAAT_ERR_UNSAFE_FOLDER, ODAAT_ERR_BUSY,
 * ODAAT_ERR_IO, ODAAT_ERR_NOT_SAVED, ODAAT_ERR_PASSPHRASE_EMPTY/_TOO_LONG, ODAAT_ERR_NOMEM.
 */
enum odaat_err vault_create(const char *dir, const char *passphrase, size_t passphrase_len,
                            enum crypto_kdf_profile profile, const uint8_t *image, size_t image_len,
                            char recovery[CRYPTO_RECOVERY_TEXT_SIZE], struct vault **out);

/*
 * Opens the store in dir: takes the lock, removes leftover temp files, checks the header,
 * derives the key from the secret and decrypts the contents. *image receives the SQLite
 * image in memory from sqlite3_malloc64 (the caller owns it: hand it to store_open_image),
 * *image_len its length. Errors, each distinct: ODAAT_ERR_NO_STORE, ODAAT_ERR_NOT_A_FILE,
 * ODAAT_ERR_STORE_EMPTY, ODAAT_ERR_HEADER_DAMAGED, ODAAT_ERR_VERSION_UNKNOWN,
 * ODAAT_ERR_WRONG_PASSPHRASE, ODAAT_ERR_WRONG_RECOVERY_CODE, ODAAT_ERR_RECOVERY_CODE_SYNTAX,
 * ODAAT_ERR_CONTENTS_DAMAGED, ODAAT_ERR_BUSY, ODAAT_ERR_UNSAFE_FOLDER, ODAAT_ERR_IO,
 * ODAAT_ERR_NOMEM. Nothing on disk is changed by a failed open.
 */
enum odaat_err vault_open(const char *dir, const struct vault_secret *secret, struct vault **out,
                          uint8_t **image, size_t *image_len);

/*
 * Seals image and puts it in place of the store atomically: check the file on disk is the
 * one opened (else write a conflict copy and return ODAAT_ERR_CONFLICT), write a temp file
 * (space reserved first), fsync, keep backup generations by hard link, rename, fsync the
 * folder. Errors: ODAAT_ERR_NOT_SAVED (the old file is byte-identical, the caller keeps the
 * data in memory), ODAAT_ERR_CONFLICT, ODAAT_ERR_NOMEM.
 */
enum odaat_err vault_save(struct vault *vault, const uint8_t *image, size_t image_len);

/* Checks secret against the open store without changing anything (the key is derived as an
 * open derives it, so this takes as long). Errors: ODAAT_ERR_WRONG_PASSPHRASE,
 * ODAAT_ERR_WRONG_RECOVERY_CODE, ODAAT_ERR_RECOVERY_CODE_SYNTAX, ODAAT_ERR_PASSPHRASE_TOO_LONG,
 * ODAAT_ERR_HEADER_DAMAGED, ODAAT_ERR_NOMEM. */
enum odaat_err vault_check_secret(const struct vault *vault, const struct vault_secret *secret);

/* Re-wraps the data key under a new passphrase and saves; the sealed contents are copied
 * as they are, never re-encrypted. Errors: those of vault_save, the passphrase errors. */
enum odaat_err vault_change_passphrase(struct vault *vault, const char *passphrase,
                                       size_t passphrase_len);

/*
 * Replaces the data key (for a passphrase that may be known to someone else): a new key,
 * the given passphrase, a new recovery code written into recovery, image sealed afresh; then
 * removes the backup generations, which the old key and passphrase would still open.
 */
enum odaat_err vault_rotate_key(struct vault *vault, const char *passphrase, size_t passphrase_len,
                                const uint8_t *image, size_t image_len,
                                char recovery[CRYPTO_RECOVERY_TEXT_SIZE]);

/* Lists the backup generations, newest first, into *out (malloc'd; free with free). */
enum odaat_err vault_backup_list(const struct vault *vault, struct vault_backup **out,
                                 size_t *count);

/* Opens backup generation name with the open vault's key, giving its image as vault_open
 * does. Saving it with vault_save restores it (the current state becomes a backup).
 * Errors: ODAAT_ERR_NO_BACKUP, ODAAT_ERR_CONTENTS_DAMAGED and the open errors. */
enum odaat_err vault_backup_read(const struct vault *vault, const char *name, uint8_t **image,
                                 size_t *image_len);

/* Returns how many times the open store has been saved (the counter inside the file). */
uint64_t vault_save_count(const struct vault *vault);

/* Returns the path of the most recent conflict copy, or NULL. */
const char *vault_conflict_path(const struct vault *vault);

/* Closes: wipes the key, releases the lock. NULL is fine. */
void vault_close(struct vault *vault);

/* Returns the size the sealed file has for an image of image_len bytes (Padmé padding with
 * a 1 MiB floor, in 64 KiB chunks): two stores whose images pad alike look alike. */
uint64_t vault_file_size(size_t image_len);

#ifdef ODAAT_TEST_HOOKS
/* Test programs only: called at each named step of a save ("temp-created",
 * "space-reserved", "temp-written", "temp-synced", "temp-closed", "backup-linked",
 * "renamed", "folder-synced"), so a test can kill the process exactly there. */
extern void (*vault_test_step)(const char *step);

/* Test programs only: writes dir/store sealed with passphrase (test-minimum KDF) whose
 * payload plaintext is exactly plain (plain_len bytes: the inner header, image and padding
 * as a fuzzer chose them), so everything after decryption can be fed any bytes. */
enum odaat_err vault_test_seal_plaintext(const char *dir, const char *passphrase,
                                         const uint8_t *plain, size_t plain_len);
#endif

#endif
