/*
 * store: odaat's records in an in-memory SQLite database, behind typed functions. This is the
 * only module that speaks SQL (schema.c holds the migrations): every statement is prepared
 * from constant text, and every value from outside travels as a bound parameter, never
 * formatted into SQL. It must never read the clock (the caller sets "now"), touch a file, or
 * let SQLite write a journal or temp file: the journal's text stays in memory, in blocks that
 * are wiped when freed.
 *
 * The record types share one engine: a table of columns per type, a bind function and a read
 * function that walk those columns in order, and generic put, get, list and delete.
 */
#include "odaat/store.h"

#include <limits.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "schema.h"
#include "store_internal.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- The wiping allocator ---------------------------------------------------------------- */

/* Each block starts with its size, so a free knows how much to wipe; 16 bytes keep the block
 * as aligned as malloc's own. */
#define BLOCK_HEADER 16

/*
 * Blocks of a mebibyte or more (the decrypted image above all) are mapped by the allocator
 * itself. MAP_POPULATE hands over every page at once: touching fresh pages one fault at a
 * time cost 2.8 ms per MiB on the virtual machines measured (a third of a ten-year store's
 * unlock), populating them 0.7 ms. And such a block grows by mremap(), which moves its pages
 * rather than copying them, so no second copy of the journal is left to wipe.
 */
#define LARGE_BLOCK ((size_t)1 << 20)

static bool allocator_installed;

#ifdef ODAAT_TEST_HOOKS
static size_t wiped_bytes;

size_t store_test_wiped_bytes(void)
{
    return wiped_bytes;
}
#endif

static size_t block_size(void *p)
{
    size_t size;
    memcpy(&size, (unsigned char *)p - BLOCK_HEADER, sizeof size);
    return size;
}

/* The length of the mapping that holds a large block of size bytes. */
static size_t mapping_size(size_t size)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    return (size + BLOCK_HEADER + page - 1) / page * page;
}

static bool block_is_large(size_t size)
{
    return size >= LARGE_BLOCK;
}

static void *block_malloc(int n)
{
    if (n <= 0)
        return NULL;
    size_t size = (size_t)n;
    unsigned char *base;
    if (block_is_large(size)) {
        base = mmap(NULL, mapping_size(size), PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
        if (base == MAP_FAILED)
            return NULL;
        madvise(base, mapping_size(size), MADV_DONTDUMP);
    } else if ((base = malloc(size + BLOCK_HEADER)) == NULL) {
        return NULL;
    }
    memcpy(base, &size, sizeof size);
    return base + BLOCK_HEADER;
}

static void block_free(void *p)
{
    if (p == NULL)
        return;
    size_t size = block_size(p);
    unsigned char *base = (unsigned char *)p - BLOCK_HEADER;
    explicit_bzero(base, size + BLOCK_HEADER);
#ifdef ODAAT_TEST_HOOKS
    wiped_bytes += size;
#endif
    if (block_is_large(size))
        munmap(base, mapping_size(size));
    else
        free(base);
}

/* Resizes a large block to a large size by moving its pages; NULL when that fails (p is then
 * untouched). What a shrink gives back is wiped first. */
static void *block_remap(void *p, size_t size)
{
    size_t old = block_size(p);
    unsigned char *base = (unsigned char *)p - BLOCK_HEADER;
    if (size < old) {
        explicit_bzero(base + BLOCK_HEADER + size, old - size);
#ifdef ODAAT_TEST_HOOKS
        wiped_bytes += old - size;
#endif
    }
    void *moved = mremap(base, mapping_size(old), mapping_size(size), MREMAP_MAYMOVE);
    if (moved == MAP_FAILED)
        return NULL;
    memcpy(moved, &size, sizeof size);
    return (unsigned char *)moved + BLOCK_HEADER;
}

/* Never realloc(): it may move the block and leave the old bytes behind, unwiped. */
static void *block_realloc(void *p, int n)
{
    if (p != NULL && n > 0 && block_is_large(block_size(p)) && block_is_large((size_t)n)) {
        void *moved = block_remap(p, (size_t)n);
        if (moved != NULL)
            return moved;
    }
    void *q = block_malloc(n);
    if (q == NULL || p == NULL)
        return q;
    size_t old = block_size(p);
    memcpy(q, p, old < (size_t)n ? old : (size_t)n);
    block_free(p);
    return q;
}

static int block_msize(void *p)
{
    return p == NULL ? 0 : (int)block_size(p);
}

static int block_roundup(int n)
{
    return (n + 7) & ~7;
}

static int block_init(void *data)
{
    (void)data;
    return SQLITE_OK;
}

static void block_shutdown(void *data)
{
    (void)data;
}

static sqlite3_mem_methods wiping_methods = {
    block_malloc,  block_free, block_realloc,  block_msize,
    block_roundup, block_init, block_shutdown, NULL,
};

enum odaat_err store_global_init(void)
{
    if (!allocator_installed) {
        /* SQLITE_MISUSE here means SQLite started before us with its own allocator, which
         * cannot be swapped any more: refuse rather than run with blocks left unwiped. */
        if (sqlite3_config(SQLITE_CONFIG_MALLOC, &wiping_methods) != SQLITE_OK)
            return ODAAT_ERR_STORE;
        allocator_installed = true;
    }
    return sqlite3_initialize() == SQLITE_OK ? ODAAT_OK : ODAAT_ERR_STORE;
}

/* ---- The store and its errors ------------------------------------------------------------ */

struct store {
    sqlite3 *db;
    char now[MODEL_TIMESTAMP_SIZE]; /* "" until store_set_now */
    unsigned char *image_copy;      /* store_image's own copy, when SQLite cannot lend one */
    bool index_stale;               /* the search index may hold text edited or deleted since */
    sqlite3_stmt *tags_st;          /* read_tags' statement, prepared once: a list reads many */
};

static enum odaat_err sql_error(int rc)
{
    if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        return ODAAT_ERR_DUPLICATE;
    switch (rc & 0xff) {
    case SQLITE_CORRUPT: /* a page read only now (see database_harden) */
    case SQLITE_NOTADB:
        return ODAAT_ERR_CONTENTS_DAMAGED;
    case SQLITE_CONSTRAINT: /* CHECK, NOT NULL, STRICT types, foreign keys, our triggers */
    case SQLITE_TOOBIG:
        return ODAAT_ERR_INVALID;
    case SQLITE_NOMEM:
        return ODAAT_ERR_NOMEM;
    default:
        return ODAAT_ERR_STORE;
    }
}

/* While an image is being opened, a failure to read it means the image is bad. */
static enum odaat_err open_error(int rc)
{
    if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
        return ODAAT_ERR_CONTENTS_DAMAGED;
    return sql_error(rc);
}

/* Frees text after wiping it; text may be NULL. */
static void text_free(char **text)
{
    if (*text != NULL) {
        explicit_bzero(*text, strlen(*text));
        free(*text);
        *text = NULL;
    }
}

static void image_copy_free(struct store *store)
{
    sqlite3_free(store->image_copy); /* the wiping allocator wipes it */
    store->image_copy = NULL;
}

/* ---- Opening ----------------------------------------------------------------------------- */

/* Runs a pragma and, when expect is not NULL, checks the value it reports back. */
static enum odaat_err pragma_set(sqlite3 *db, const char *sql, const char *expect)
{
    sqlite3_stmt *st = NULL;
    enum odaat_err err = ODAAT_OK;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && expect != NULL) {
        const unsigned char *got = sqlite3_column_text(st, 0);
        if (got == NULL || strcmp((const char *)got, expect) != 0)
            err = ODAAT_ERR_STORE;
        rc = SQLITE_DONE;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        err = open_error(rc);
    sqlite3_finalize(st);
    return err;
}

static int authorize(void *data, int action, const char *a, const char *b, const char *c,
                     const char *d)
{
    (void)data, (void)a, (void)b, (void)c, (void)d;
    return action == SQLITE_ATTACH || action == SQLITE_DETACH ? SQLITE_DENY : SQLITE_OK;
}

/* Connection settings, before the image is read: no extensions, defensive mode (the schema
 * cannot be written around SQLite's back), no double-quoted strings, temp data in memory. */
static enum odaat_err connection_harden(sqlite3 *db)
{
    static const int off[] = {
        SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION,
        SQLITE_DBCONFIG_DQS_DML,
        SQLITE_DBCONFIG_DQS_DDL,
    };
    int rc = sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    for (size_t i = 0; rc == SQLITE_OK && i < ARRAY_LEN(off); i++)
        rc = sqlite3_db_config(db, off[i], 0, NULL);
    if (rc != SQLITE_OK)
        return sql_error(rc);
    sqlite3_extended_result_codes(db, 1);
    rc = store_search_register(db);
    if (rc != SQLITE_OK)
        return sql_error(rc);
    return pragma_set(db, "PRAGMA temp_store = MEMORY", NULL);
}

/*
 * Settings of the image's own database. They come after sqlite3_deserialize because it
 * replaces the main database (by an internal ATTACH, which is also why the authorizer that
 * refuses ATTACH is installed only now). A deserialized database keeps its rollback journal in
 * memory already; asking for it and checking the answer keeps it so should SQLite's default
 * ever change.
 *
 * trusted_schema stays ON, deliberately: with it OFF, SQLite 3.40 refuses to load a schema
 * whose CHECKs call the JSON functions or whose triggers feed an FTS5 table. What it guards
 * against, a schema that someone else wrote, store_schema_migrate refuses outright: the image
 * must hold exactly the schema our migrations write before any record is touched.
 *
 * The image is not read through at open (PRAGMA quick_check took a third of a ten-year
 * store's unlock): the vault's authentication already proves it is, byte for byte, an image
 * odaat wrote, so damage on disk never gets this far. Should a page be damaged all the same,
 * cell_size_check makes SQLite check each page as it reads it, and the statement that reads
 * it fails with ODAAT_ERR_CONTENTS_DAMAGED before anything is saved.
 */
static enum odaat_err database_harden(sqlite3 *db)
{
    enum odaat_err err = pragma_set(db, "PRAGMA journal_mode = MEMORY", "memory");
    if (err == ODAAT_OK)
        err = pragma_set(db, "PRAGMA secure_delete = ON", "1");
    if (err == ODAAT_OK)
        err = pragma_set(db, "PRAGMA foreign_keys = ON", NULL);
    if (err == ODAAT_OK)
        err = pragma_set(db, "PRAGMA trusted_schema = ON", NULL);
    if (err == ODAAT_OK)
        err = pragma_set(db, "PRAGMA cell_size_check = ON", NULL);
    if (err == ODAAT_OK) {
        sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
        if (sqlite3_set_authorizer(db, authorize, NULL) != SQLITE_OK)
            err = ODAAT_ERR_STORE;
    }
    return err;
}

/*
 * The size of the image's pages. With 4 KiB pages a fifth of the journal's pages stood empty
 * (entries of a few kilobytes fit them badly); 8 KiB pages waste a tenth as much. Only a new
 * store can be given them (the pragma before its first table): VACUUM cannot change the page
 * size of a database in memory, so a store begun with 4 KiB pages keeps them.
 */
#define PAGE_SIZE_TEXT "8192"

static enum odaat_err pragma_int(sqlite3 *db, const char *sql, int *value)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *value = sqlite3_column_int(st, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? ODAAT_OK : open_error(rc);
}

/*
 * Rewrites the image without its free pages when they are a quarter of it or more, as after
 * migration 2 (the search index it replaced had been half the image) or after many entries
 * were deleted. Every save writes the whole image, so free pages cost on every save. VACUUM
 * copies the database through one it attaches for the purpose (in memory: temp_store), so the
 * refusal of ATTACH is lifted for this one statement of ours and put back before anything
 * else runs.
 */
static enum odaat_err image_compact(sqlite3 *db)
{
    int free_pages = 0;
    int pages = 0;
    enum odaat_err err = pragma_int(db, "PRAGMA main.freelist_count", &free_pages);
    if (err == ODAAT_OK)
        err = pragma_int(db, "PRAGMA main.page_count", &pages);
    if (err != ODAAT_OK || free_pages == 0 || (int64_t)free_pages * 4 < pages)
        return err;
    int limit = sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 1);
    sqlite3_set_authorizer(db, NULL, NULL);
    int rc = sqlite3_exec(db, "VACUUM", NULL, NULL, NULL);
    sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, limit);
    if (sqlite3_set_authorizer(db, authorize, NULL) != SQLITE_OK)
        return ODAAT_ERR_STORE;
    return rc == SQLITE_OK ? ODAAT_OK : sql_error(rc);
}

enum odaat_err store_open_image(uint8_t *image, size_t image_len, struct store **out)
{
    const unsigned flags = SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE;
    struct store *store = NULL;
    enum odaat_err err = store_global_init();
    int rc = SQLITE_OK;
    *out = NULL;
    if (err != ODAAT_OK)
        goto out;
    if (image == NULL)
        image_len = 0;
    if (image_len > INT64_MAX) {
        err = ODAAT_ERR_CONTENTS_DAMAGED;
        goto out;
    }
    store = calloc(1, sizeof *store);
    if (store == NULL) {
        err = ODAAT_ERR_NOMEM;
        goto out;
    }
    rc = sqlite3_open_v2(":memory:", &store->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    err = rc == SQLITE_OK ? connection_harden(store->db) : sql_error(rc);
    if (err != ODAAT_OK)
        goto out;
    rc = sqlite3_deserialize(store->db, "main", image, (sqlite3_int64)image_len,
                             (sqlite3_int64)image_len, flags);
    image = NULL; /* SQLite owns it now, and has freed it if that failed */
    if (rc != SQLITE_OK) {
        err = open_error(rc);
        goto out;
    }
    err = database_harden(store->db);
    if (err == ODAAT_OK)
        err = pragma_set(store->db, "PRAGMA page_size = " PAGE_SIZE_TEXT, NULL);
    if (err == ODAAT_OK)
        err = store_schema_migrate(store->db);
    if (err == ODAAT_OK)
        err = image_compact(store->db);
    if (err == ODAAT_OK) {
        *out = store;
        store = NULL;
    }
out:
    sqlite3_free(image);
    store_close(store);
    return err;
}

/*
 * secure_delete wipes a deleted row, but FTS5 (before SQLite 3.42) only marks the row's
 * trigrams deleted, and the set of an entry's trigrams tells much of its words even without
 * their positions. Merging the index into one segment drops them. It costs time in proportion
 * to the journal, so it runs only before an image that needs it.
 */
static enum odaat_err index_purge(struct store *store)
{
    if (!store->index_stale)
        return ODAAT_OK;
    int rc = sqlite3_exec(store->db, "INSERT INTO journal_fts (journal_fts) VALUES ('optimize')",
                          NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return sql_error(rc);
    store->index_stale = false;
    return ODAAT_OK;
}

enum odaat_err store_image(struct store *store, const uint8_t **image, size_t *image_len)
{
    sqlite3_int64 size = 0;
    image_copy_free(store);
    enum odaat_err err = index_purge(store);
    if (err != ODAAT_OK)
        return err;
    const unsigned char *data =
        sqlite3_serialize(store->db, "main", &size, SQLITE_SERIALIZE_NOCOPY);
    if (data == NULL) {
        store->image_copy = sqlite3_serialize(store->db, "main", &size, 0);
        if (store->image_copy == NULL)
            return sqlite3_errcode(store->db) == SQLITE_NOMEM ? ODAAT_ERR_NOMEM : ODAAT_ERR_STORE;
        data = store->image_copy;
    }
    *image = data;
    *image_len = (size_t)size;
    return ODAAT_OK;
}

void store_close(struct store *store)
{
    if (store == NULL)
        return;
    image_copy_free(store);
    sqlite3_finalize(store->tags_st);
    sqlite3_close(store->db);
    explicit_bzero(store, sizeof *store);
    free(store);
}

void store_set_now(struct store *store, const char *utc)
{
    /* '9' stands for a digit; SQL's CHECKs look at the calendar itself. */
    static const char shape[] = "9999-99-99T99:99:99Z";
    bool ok = utc != NULL && strlen(utc) == sizeof shape - 1;
    for (size_t i = 0; ok && i < sizeof shape - 1; i++)
        ok = shape[i] == '9' ? utc[i] >= '0' && utc[i] <= '9' : utc[i] == shape[i];
    if (ok)
        memcpy(store->now, utc, sizeof shape);
    else
        store->now[0] = '\0';
}

/* For exchange.c through store_internal.h: export and import run their own SQL (SQLite's JSON
 * functions) on the store's connection, inside the store module. */
sqlite3 *store_internal_db(struct store *store)
{
    return store->db;
}

#ifdef ODAAT_TEST_HOOKS
struct sqlite3 *store_test_db(struct store *store)
{
    return store->db;
}
#endif

/* ---- Binding values, reading columns ----------------------------------------------------- */

/* Binds parameters 1, 2, 3 ... in turn; the first failure is kept and later binds skipped. */
struct binder {
    sqlite3 *db;
    sqlite3_stmt *st;
    int next;
    enum odaat_err err;
};

/* Reads columns 0, 1, 2 ... of the current row in turn, keeping the first failure. */
struct reader {
    struct store *store;
    sqlite3_stmt *st;
    int next;
    enum odaat_err err;
};

static void bind_result(struct binder *b, int rc)
{
    if (b->err == ODAAT_OK && rc != SQLITE_OK)
        b->err = sql_error(rc);
    b->next++;
}

static void bind_fail(struct binder *b, enum odaat_err err)
{
    if (b->err == ODAAT_OK)
        b->err = err;
    b->next++;
}

/* Binds text, or NULL. The caller's text outlives the statement, so SQLite need not copy it. */
static void bind_text(struct binder *b, const char *text)
{
    if (b->err != ODAAT_OK)
        bind_result(b, SQLITE_OK);
    else if (text == NULL)
        bind_result(b, sqlite3_bind_null(b->st, b->next));
    else
        bind_result(b, sqlite3_bind_text(b->st, b->next, text, -1, SQLITE_STATIC));
}

/* Binds a fixed-size field: its text, or NULL when it is empty. */
static void bind_fixed(struct binder *b, const char *field, size_t size)
{
    size_t len = strnlen(field, size);
    if (len == size)
        bind_fail(b, ODAAT_ERR_INVALID); /* not terminated: not a value the caller meant */
    else if (b->err != ODAAT_OK)
        bind_result(b, SQLITE_OK);
    else if (len == 0)
        bind_result(b, sqlite3_bind_null(b->st, b->next));
    else
        bind_result(b, sqlite3_bind_text(b->st, b->next, field, (int)len, SQLITE_STATIC));
}

static void bind_int64(struct binder *b, int64_t value)
{
    bind_result(b, b->err == ODAAT_OK ? sqlite3_bind_int64(b->st, b->next, value) : SQLITE_OK);
}

/* Binds value when present, else NULL. */
static void bind_maybe_int(struct binder *b, bool present, int value)
{
    if (b->err != ODAAT_OK)
        bind_result(b, SQLITE_OK);
    else if (!present)
        bind_result(b, sqlite3_bind_null(b->st, b->next));
    else
        bind_result(b, sqlite3_bind_int(b->st, b->next, value));
}

/* Binds the word an enum value stands for (words[value], NULL binding NULL). */
static void bind_word(struct binder *b, const char *const *words, size_t count, int value)
{
    if (value < 0 || (size_t)value >= count)
        bind_fail(b, ODAAT_ERR_INVALID);
    else
        bind_text(b, words[value]);
}

#define BIND_WORD(b, words, value) bind_word(b, words, ARRAY_LEN(words), (int)(value))

static char *read_text(struct reader *r)
{
    int col = r->next++;
    if (sqlite3_column_type(r->st, col) == SQLITE_NULL)
        return NULL;
    const unsigned char *text = sqlite3_column_text(r->st, col);
    size_t len = (size_t)sqlite3_column_bytes(r->st, col);
    char *copy = text == NULL ? NULL : malloc(len + 1);
    if (copy == NULL) {
        if (r->err == ODAAT_OK)
            r->err = ODAAT_ERR_NOMEM;
        return NULL;
    }
    memcpy(copy, text, len);
    copy[len] = '\0';
    return copy;
}

/* Reads text into a fixed-size field ("" for NULL). */
static void read_fixed(struct reader *r, char *field, size_t size)
{
    const unsigned char *text = sqlite3_column_text(r->st, r->next);
    size_t len = (size_t)sqlite3_column_bytes(r->st, r->next);
    field[0] = '\0';
    if (text != NULL && len < size) {
        memcpy(field, text, len);
        field[len] = '\0';
    } else if (text != NULL && r->err == ODAAT_OK) {
        r->err = ODAAT_ERR_STORE; /* the schema's CHECKs keep this from happening */
    }
    r->next++;
}

static int64_t read_int64(struct reader *r)
{
    return sqlite3_column_int64(r->st, r->next++);
}

static int read_int(struct reader *r)
{
    return sqlite3_column_int(r->st, r->next++);
}

/* Reads a number that may be NULL; returns whether it was there. */
static bool read_maybe_int(struct reader *r, int *value)
{
    bool present = sqlite3_column_type(r->st, r->next) != SQLITE_NULL;
    *value = present ? sqlite3_column_int(r->st, r->next) : 0;
    r->next++;
    return present;
}

/* Reads a word back into the enum value it stands for. */
static int read_word(struct reader *r, const char *const *words, size_t count)
{
    const char *text = (const char *)sqlite3_column_text(r->st, r->next++);
    for (size_t i = 0; i < count; i++)
        if (text == NULL ? words[i] == NULL : words[i] != NULL && strcmp(text, words[i]) == 0)
            return (int)i;
    if (r->err == ODAAT_OK)
        r->err = ODAAT_ERR_STORE;
    return 0;
}

#define READ_WORD(r, words) read_word(r, words, ARRAY_LEN(words))

static void read_meta(struct reader *r, struct model_meta *meta)
{
    meta->id = read_int64(r);
    read_fixed(r, meta->uuid, sizeof meta->uuid);
    read_fixed(r, meta->created_at, sizeof meta->created_at);
    read_fixed(r, meta->updated_at, sizeof meta->updated_at);
}

/* ---- Tags: lists of texts kept as JSON arrays -------------------------------------------- */

static void tags_free(struct model_tags *tags)
{
    for (size_t i = 0; i < tags->count; i++)
        text_free(&tags->items[i]);
    free(tags->items);
    tags->items = NULL;
    tags->count = 0;
}

/* Makes the JSON array of tags in *json (malloc'd). SQLite writes the JSON, so every quote,
 * backslash and control character is escaped by the same code that reads it back. */
static enum odaat_err tags_to_json(sqlite3 *db, const struct model_tags *tags, char **json)
{
    sqlite3_stmt *st = NULL;
    char *acc = strdup("[]");
    int rc = SQLITE_OK;
    if (acc == NULL)
        return ODAAT_ERR_NOMEM;
    if (tags->count > 0)
        rc = sqlite3_prepare_v2(db, "SELECT json_insert(?1, '$[#]', ?2)", -1, &st, NULL);
    for (size_t i = 0; rc == SQLITE_OK && i < tags->count; i++) {
        if (tags->items == NULL || tags->items[i] == NULL) {
            rc = SQLITE_CONSTRAINT;
            break;
        }
        sqlite3_bind_text(st, 1, acc, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, tags->items[i], -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        if (rc != SQLITE_ROW)
            break;
        const unsigned char *text = sqlite3_column_text(st, 0);
        char *next = text == NULL ? NULL : strdup((const char *)text);
        sqlite3_reset(st);
        text_free(&acc);
        acc = next;
        rc = acc == NULL ? SQLITE_NOMEM : SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK)
        text_free(&acc);
    *json = acc;
    return rc == SQLITE_OK ? ODAAT_OK : sql_error(rc);
}

static void bind_tags(struct binder *b, const struct model_tags *tags)
{
    char *json = NULL;
    if (b->err != ODAAT_OK) {
        bind_result(b, SQLITE_OK);
        return;
    }
    enum odaat_err err = tags_to_json(b->db, tags, &json);
    if (err != ODAAT_OK)
        bind_fail(b, err);
    else
        bind_result(b, sqlite3_bind_text(b->st, b->next, json, -1, SQLITE_TRANSIENT));
    text_free(&json);
}

static enum odaat_err tags_push(struct model_tags *tags, const unsigned char *text)
{
    char **items = realloc(tags->items, (tags->count + 1) * sizeof *items);
    if (items == NULL)
        return ODAAT_ERR_NOMEM;
    tags->items = items;
    items[tags->count] = strdup(text == NULL ? "" : (const char *)text);
    if (items[tags->count] == NULL)
        return ODAAT_ERR_NOMEM;
    tags->count++;
    return ODAAT_OK;
}

/* Reads a JSON array of tags. A list of check-ins reads two arrays a row, so the statement
 * is prepared once per store and only reset after each use. */
static void read_tags(struct reader *r, struct model_tags *tags)
{
    const unsigned char *json = sqlite3_column_text(r->st, r->next++);
    enum odaat_err err = ODAAT_OK;
    int rc = SQLITE_OK;
    if (r->store->tags_st == NULL)
        rc = sqlite3_prepare_v2(r->store->db, "SELECT value FROM json_each(?1)", -1,
                                &r->store->tags_st, NULL);
    sqlite3_stmt *st = r->store->tags_st;
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text(st, 1, (const char *)json, -1, SQLITE_STATIC);
    while (rc == SQLITE_OK && err == ODAAT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        err = tags_push(tags, sqlite3_column_text(st, 0));
        rc = SQLITE_OK;
    }
    if (err == ODAAT_OK && rc != SQLITE_DONE)
        err = sql_error(rc);
    if (st != NULL) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    }
    if (err != ODAAT_OK && r->err == ODAAT_OK)
        r->err = err;
}

/* ---- Record types ------------------------------------------------------------------------ */

/* How one record type maps onto its table. columns lists the type's own columns (after the
 * meta columns) in the order bind and read walk them. */
struct record_type {
    const char *table;
    const char *const *columns;
    size_t column_count;
    size_t size;
    void (*bind)(struct binder *b, const void *rec);
    void (*read)(struct reader *r, void *rec);
    void (*clear)(void *rec); /* wipes and frees the record's strings */
    bool indexed;             /* the search index holds its text */
};

#define MODEL_ENUM_WORD(name, word) word,
const char *const store_tracker_kind_words[] = {MODEL_TRACKER_KINDS(MODEL_ENUM_WORD)};
const char *const store_meeting_format_words[] = {MODEL_MEETING_FORMATS(MODEL_ENUM_WORD)};
const char *const store_meeting_role_words[] = {MODEL_MEETING_ROLES(MODEL_ENUM_WORD)};
const char *const store_step_status_words[] = {MODEL_STEP_STATUSES(MODEL_ENUM_WORD)};
const char *const store_contact_role_words[] = {MODEL_CONTACT_ROLES(MODEL_ENUM_WORD)};
#undef MODEL_ENUM_WORD

/* The same words as milestone_date_is_name and milestone_unit_name; test_store checks it. */
const char *const store_date_is_words[] = {
    [MILESTONE_FIRST_CLEAN_DAY] = "first-clean-day",
    [MILESTONE_LAST_USE_DAY] = "last-use-day",
};
const char *const store_unit_words[] = {
    [MILESTONE_HOURS] = "hours",
    [MILESTONE_DAYS] = "days",
    [MILESTONE_MONTHS] = "months",
    [MILESTONE_YEARS] = "years",
};

_Static_assert(ARRAY_LEN(store_tracker_kind_words) == TRACKER_KIND_COUNT, "tracker kinds");
_Static_assert(ARRAY_LEN(store_meeting_format_words) == MEETING_FORMAT_COUNT, "meeting formats");
_Static_assert(ARRAY_LEN(store_meeting_role_words) == MEETING_ROLE_COUNT, "meeting roles");
_Static_assert(ARRAY_LEN(store_step_status_words) == STEP_STATUS_COUNT, "step statuses");
_Static_assert(ARRAY_LEN(store_contact_role_words) == CONTACT_ROLE_COUNT, "contact roles");

static const char *const setting_columns[] = {"key", "value"};

static void setting_bind(struct binder *b, const void *rec)
{
    const struct setting *s = rec;
    bind_text(b, s->key);
    bind_text(b, s->value);
}

static void setting_read(struct reader *r, void *rec)
{
    struct setting *s = rec;
    s->key = read_text(r);
    s->value = read_text(r);
}

static void setting_clear(void *rec)
{
    struct setting *s = rec;
    text_free(&s->key);
    text_free(&s->value);
}

static const char *const tracker_columns[] = {"name", "kind", "preset", "date_is", "archived"};

static void tracker_bind(struct binder *b, const void *rec)
{
    const struct tracker *t = rec;
    bind_text(b, t->name);
    BIND_WORD(b, store_tracker_kind_words, t->kind);
    bind_fixed(b, t->preset, sizeof t->preset);
    BIND_WORD(b, store_date_is_words, t->date_is);
    bind_int64(b, t->archived ? 1 : 0);
}

static void tracker_read(struct reader *r, void *rec)
{
    struct tracker *t = rec;
    t->name = read_text(r);
    t->kind = READ_WORD(r, store_tracker_kind_words);
    read_fixed(r, t->preset, sizeof t->preset);
    t->date_is = READ_WORD(r, store_date_is_words);
    t->archived = read_int(r) != 0;
}

static void tracker_clear(void *rec)
{
    struct tracker *t = rec;
    text_free(&t->name);
}

static const char *const streak_columns[] = {"tracker_id", "start_date", "start_time", "end_date",
                                             "end_note"};

static void streak_bind(struct binder *b, const void *rec)
{
    const struct streak *s = rec;
    bind_int64(b, s->tracker_id);
    bind_fixed(b, s->start_date, sizeof s->start_date);
    bind_fixed(b, s->start_time, sizeof s->start_time);
    bind_fixed(b, s->end_date, sizeof s->end_date);
    bind_text(b, s->end_note);
}

static void streak_read(struct reader *r, void *rec)
{
    struct streak *s = rec;
    s->tracker_id = read_int64(r);
    read_fixed(r, s->start_date, sizeof s->start_date);
    read_fixed(r, s->start_time, sizeof s->start_time);
    read_fixed(r, s->end_date, sizeof s->end_date);
    s->end_note = read_text(r);
}

static void streak_clear(void *rec)
{
    struct streak *s = rec;
    text_free(&s->end_note);
}

static const char *const checkin_columns[] = {"date",      "mood", "craving",  "triggers",
                                              "gratitude", "note", "inventory"};

static void checkin_bind(struct binder *b, const void *rec)
{
    const struct checkin *c = rec;
    bind_fixed(b, c->date, sizeof c->date);
    bind_maybe_int(b, c->has_mood, c->mood);
    bind_maybe_int(b, c->has_craving, c->craving);
    bind_tags(b, &c->triggers);
    bind_tags(b, &c->gratitude);
    bind_text(b, c->note);
    bind_text(b, c->inventory);
}

static void checkin_read(struct reader *r, void *rec)
{
    struct checkin *c = rec;
    read_fixed(r, c->date, sizeof c->date);
    c->has_mood = read_maybe_int(r, &c->mood);
    c->has_craving = read_maybe_int(r, &c->craving);
    read_tags(r, &c->triggers);
    read_tags(r, &c->gratitude);
    c->note = read_text(r);
    c->inventory = read_text(r);
}

static void checkin_clear(void *rec)
{
    struct checkin *c = rec;
    tags_free(&c->triggers);
    tags_free(&c->gratitude);
    text_free(&c->note);
    text_free(&c->inventory);
}

static const char *const meeting_columns[] = {"date",   "time",     "fellowship", "name",
                                              "format", "location", "role",       "note"};

static void meeting_bind(struct binder *b, const void *rec)
{
    const struct meeting *m = rec;
    bind_fixed(b, m->date, sizeof m->date);
    bind_fixed(b, m->time, sizeof m->time);
    bind_text(b, m->fellowship);
    bind_text(b, m->name);
    BIND_WORD(b, store_meeting_format_words, m->format);
    bind_text(b, m->location);
    BIND_WORD(b, store_meeting_role_words, m->role);
    bind_text(b, m->note);
}

static void meeting_read(struct reader *r, void *rec)
{
    struct meeting *m = rec;
    read_fixed(r, m->date, sizeof m->date);
    read_fixed(r, m->time, sizeof m->time);
    m->fellowship = read_text(r);
    m->name = read_text(r);
    m->format = READ_WORD(r, store_meeting_format_words);
    m->location = read_text(r);
    m->role = READ_WORD(r, store_meeting_role_words);
    m->note = read_text(r);
}

static void meeting_clear(void *rec)
{
    struct meeting *m = rec;
    text_free(&m->fellowship);
    text_free(&m->name);
    text_free(&m->location);
    text_free(&m->note);
}

static const char *const step_columns[] = {"program",    "number",       "status",
                                           "started_on", "completed_on", "note"};

static void step_bind(struct binder *b, const void *rec)
{
    const struct step *s = rec;
    bind_fixed(b, s->program, sizeof s->program);
    bind_int64(b, s->number);
    BIND_WORD(b, store_step_status_words, s->status);
    bind_fixed(b, s->started_on, sizeof s->started_on);
    bind_fixed(b, s->completed_on, sizeof s->completed_on);
    bind_text(b, s->note);
}

static void step_read(struct reader *r, void *rec)
{
    struct step *s = rec;
    read_fixed(r, s->program, sizeof s->program);
    s->number = read_int(r);
    s->status = READ_WORD(r, store_step_status_words);
    read_fixed(r, s->started_on, sizeof s->started_on);
    read_fixed(r, s->completed_on, sizeof s->completed_on);
    s->note = read_text(r);
}

static void step_clear(void *rec)
{
    struct step *s = rec;
    text_free(&s->note);
}

static const char *const journal_columns[] = {"title", "body", "step", "mood"};

static void journal_bind(struct binder *b, const void *rec)
{
    const struct journal_entry *j = rec;
    bind_text(b, j->title);
    bind_text(b, j->body);
    bind_maybe_int(b, j->has_step, j->step);
    bind_maybe_int(b, j->has_mood, j->mood);
}

static void journal_read(struct reader *r, void *rec)
{
    struct journal_entry *j = rec;
    j->title = read_text(r);
    j->body = read_text(r);
    j->has_step = read_maybe_int(r, &j->step);
    j->has_mood = read_maybe_int(r, &j->mood);
}

static void journal_clear(void *rec)
{
    struct journal_entry *j = rec;
    text_free(&j->title);
    text_free(&j->body);
}

static const char *const contact_columns[] = {"name", "role", "phone", "note"};

static void contact_bind(struct binder *b, const void *rec)
{
    const struct contact *c = rec;
    bind_text(b, c->name);
    BIND_WORD(b, store_contact_role_words, c->role);
    bind_text(b, c->phone);
    bind_text(b, c->note);
}

static void contact_read(struct reader *r, void *rec)
{
    struct contact *c = rec;
    c->name = read_text(r);
    c->role = READ_WORD(r, store_contact_role_words);
    c->phone = read_text(r);
    c->note = read_text(r);
}

static void contact_clear(void *rec)
{
    struct contact *c = rec;
    text_free(&c->name);
    text_free(&c->phone);
    text_free(&c->note);
}

static const char *const milestone_seen_columns[] = {"tracker_id", "unit", "count"};

static void milestone_seen_bind(struct binder *b, const void *rec)
{
    const struct milestone_seen *m = rec;
    bind_int64(b, m->tracker_id);
    BIND_WORD(b, store_unit_words, m->unit);
    bind_int64(b, m->count);
}

static void milestone_seen_read(struct reader *r, void *rec)
{
    struct milestone_seen *m = rec;
    m->tracker_id = read_int64(r);
    m->unit = READ_WORD(r, store_unit_words);
    m->count = (int32_t)read_int64(r);
}

static void milestone_seen_clear(void *rec)
{
    (void)rec; /* nothing malloc'd */
}

#define RECORD_TYPE(prefix, type_struct, table_name, in_index)                                     \
    static const struct record_type prefix##_type = {                                              \
        .table = table_name,                                                                       \
        .columns = prefix##_columns,                                                               \
        .column_count = ARRAY_LEN(prefix##_columns),                                               \
        .size = sizeof(struct type_struct),                                                        \
        .bind = prefix##_bind,                                                                     \
        .read = prefix##_read,                                                                     \
        .clear = prefix##_clear,                                                                   \
        .indexed = in_index,                                                                       \
    }

RECORD_TYPE(setting, setting, "settings", false);
RECORD_TYPE(tracker, tracker, "trackers", false);
RECORD_TYPE(streak, streak, "streaks", false);
RECORD_TYPE(checkin, checkin, "checkins", false);
RECORD_TYPE(meeting, meeting, "meetings", false);
RECORD_TYPE(step, step, "steps", false);
RECORD_TYPE(journal, journal_entry, "journal", true);
RECORD_TYPE(contact, contact, "contacts", false);

/* Journal entries for a listing, read only, each body cut to its first characters: ten years
 * of whole bodies are 6 MB to copy and wipe again, for a list that shows a line of each.
 * SQLite copies a text column whole before substr() sees it, so where only an untitled
 * entry needs its body, iif() keeps the others' bodies from being read at all. */
static const char *const journal_head_columns[][4] = {
    [STORE_PREVIEW_ALL] = {"title", "substr(body, 1, " STORE_PREVIEW_TEXT ")", "step", "mood"},
    [STORE_PREVIEW_UNTITLED] = {"title",
                                "iif(title IS NULL, substr(body, 1, " STORE_PREVIEW_TEXT "), NULL)",
                                "step", "mood"},
};

#define JOURNAL_HEAD_TYPE(which)                                                                   \
    {                                                                                              \
        .table = "journal", .columns = journal_head_columns[which],                                \
        .column_count = ARRAY_LEN(journal_head_columns[which]),                                    \
        .size = sizeof(struct journal_entry), .bind = journal_bind, /* never used */               \
            .read = journal_read, .clear = journal_clear, .indexed = true,                         \
    }

static const struct record_type journal_head_types[] = {
    [STORE_PREVIEW_ALL] = JOURNAL_HEAD_TYPE(STORE_PREVIEW_ALL),
    [STORE_PREVIEW_UNTITLED] = JOURNAL_HEAD_TYPE(STORE_PREVIEW_UNTITLED),
};
RECORD_TYPE(milestone_seen, milestone_seen, "milestones_seen", false);

/* ---- The generic engine ------------------------------------------------------------------ */

enum statement_kind {
    STATEMENT_SELECT,
    STATEMENT_INSERT,
    STATEMENT_UPDATE,
    STATEMENT_DELETE,
};

#define META_COLUMNS "id, uuid, created_at, updated_at"

/* Writes the statement of kind for t. Only the type's constant table and column names are
 * formatted in; values are always parameters: 1..n the type's columns, n + 1 the time, and
 * n + 2 the id of an update. tail (constant text) follows a SELECT. */
static void statement_text(sqlite3_str *sql, const struct record_type *t, enum statement_kind kind,
                           const char *tail)
{
    int n = (int)t->column_count;
    switch (kind) {
    case STATEMENT_SELECT:
        sqlite3_str_appendall(sql, "SELECT " META_COLUMNS);
        for (int i = 0; i < n; i++)
            sqlite3_str_appendf(sql, ", %s", t->columns[i]);
        sqlite3_str_appendf(sql, " FROM %s %s", t->table, tail);
        break;
    case STATEMENT_INSERT:
        sqlite3_str_appendf(sql, "INSERT INTO %s (", t->table);
        for (int i = 0; i < n; i++)
            sqlite3_str_appendf(sql, "%s, ", t->columns[i]);
        sqlite3_str_appendall(sql, "created_at, updated_at) VALUES (");
        for (int i = 1; i <= n; i++)
            sqlite3_str_appendf(sql, "?%d, ", i);
        sqlite3_str_appendf(sql, "?%d, ?%d) RETURNING " META_COLUMNS, n + 1, n + 1);
        break;
    case STATEMENT_UPDATE:
        sqlite3_str_appendf(sql, "UPDATE %s SET ", t->table);
        for (int i = 0; i < n; i++)
            sqlite3_str_appendf(sql, "%s = ?%d, ", t->columns[i], i + 1);
        sqlite3_str_appendf(sql, "updated_at = ?%d WHERE id = ?%d RETURNING " META_COLUMNS, n + 1,
                            n + 2);
        break;
    case STATEMENT_DELETE:
        sqlite3_str_appendf(sql, "DELETE FROM %s WHERE id = ?1", t->table);
        break;
    }
}

static enum odaat_err statement_prepare(struct store *s, const struct record_type *t,
                                        enum statement_kind kind, const char *tail,
                                        sqlite3_stmt **st)
{
    sqlite3_str *sql = sqlite3_str_new(s->db);
    statement_text(sql, t, kind, tail);
    char *text = sqlite3_str_finish(sql);
    if (text == NULL)
        return ODAAT_ERR_NOMEM;
    int rc = sqlite3_prepare_v2(s->db, text, -1, st, NULL);
    sqlite3_free(text);
    return rc == SQLITE_OK ? ODAAT_OK : sql_error(rc);
}

/* Binds a record's columns, the time and (for an update) its id, then checks that as many
 * parameters were bound as the statement has, so a bind function out of step with its column
 * list fails loudly instead of shifting values into the wrong columns. */
static enum odaat_err record_bind(struct store *s, const struct record_type *t, sqlite3_stmt *st,
                                  const struct model_meta *meta)
{
    struct binder b = {s->db, st, 1, ODAAT_OK};
    t->bind(&b, meta);
    bind_fixed(&b, s->now, sizeof s->now);
    if (meta->id != 0)
        bind_int64(&b, meta->id);
    if (b.err == ODAAT_OK && b.next - 1 != sqlite3_bind_parameter_count(st))
        b.err = ODAAT_ERR_STORE;
    return b.err;
}

static enum odaat_err record_put(struct store *s, const struct record_type *t, void *rec)
{
    struct model_meta *meta = rec;
    struct model_meta stored = {0};
    sqlite3_stmt *st = NULL;
    if (s->now[0] == '\0')
        return ODAAT_ERR_INVALID;
    enum statement_kind kind = meta->id == 0 ? STATEMENT_INSERT : STATEMENT_UPDATE;
    enum odaat_err err = statement_prepare(s, t, kind, "", &st);
    if (err == ODAAT_OK)
        err = record_bind(s, t, st, meta);
    if (err == ODAAT_OK) {
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            struct reader r = {s, st, 0, ODAAT_OK};
            read_meta(&r, &stored);
            err = r.err;
            rc = sqlite3_step(st); /* the change is complete once RETURNING is done */
        }
        if (err == ODAAT_OK && rc != SQLITE_DONE)
            err = sql_error(rc);
        else if (err == ODAAT_OK && stored.id == 0)
            err = ODAAT_ERR_NOT_FOUND; /* an update that matched no row */
    }
    sqlite3_finalize(st);
    if (err == ODAAT_OK && kind == STATEMENT_UPDATE && t->indexed)
        s->index_stale = true;
    if (err == ODAAT_OK)
        *meta = stored;
    return err;
}

static void record_free(const struct record_type *t, void *rec)
{
    if (rec == NULL)
        return;
    t->clear(rec);
    explicit_bzero(rec, t->size);
}

static void record_list_free(const struct record_type *t, void *list, size_t count)
{
    if (list == NULL)
        return;
    for (size_t i = 0; i < count; i++)
        t->clear((unsigned char *)list + i * t->size);
    explicit_bzero(list, count * t->size);
    free(list);
}

/* Reads the current row of st into rec (zeroed first); on error rec is left zeroed. */
static enum odaat_err record_read(struct store *s, const struct record_type *t, sqlite3_stmt *st,
                                  void *rec)
{
    struct reader r = {s, st, 0, ODAAT_OK};
    memset(rec, 0, t->size);
    read_meta(&r, rec);
    t->read(&r, rec);
    if (r.err == ODAAT_OK && r.next != sqlite3_column_count(st))
        r.err = ODAAT_ERR_STORE;
    if (r.err != ODAAT_OK)
        record_free(t, rec);
    return r.err;
}

/* A query parameter: text (NULL binds NULL) or a number. */
struct param {
    bool is_text;
    const char *text;
    int64_t number;
};

static struct param param_text(const char *text)
{
    return (struct param){true, text, 0};
}

static struct param param_int(int64_t number)
{
    return (struct param){false, NULL, number};
}

static enum odaat_err record_query(struct store *s, const struct record_type *t, const char *tail,
                                   const struct param *params, size_t count, sqlite3_stmt **st)
{
    enum odaat_err err = statement_prepare(s, t, STATEMENT_SELECT, tail, st);
    struct binder b = {s->db, *st, 1, err};
    for (size_t i = 0; i < count; i++) {
        if (params[i].is_text)
            bind_text(&b, params[i].text);
        else
            bind_int64(&b, params[i].number);
    }
    if (b.err != ODAAT_OK) {
        sqlite3_finalize(*st);
        *st = NULL;
    }
    return b.err;
}

/* Fills rec from the one row that tail selects with param. */
static enum odaat_err record_get(struct store *s, const struct record_type *t, const char *tail,
                                 struct param param, void *rec)
{
    sqlite3_stmt *st = NULL;
    memset(rec, 0, t->size);
    enum odaat_err err = record_query(s, t, tail, &param, 1, &st);
    if (err == ODAAT_OK) {
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            err = record_read(s, t, st, rec);
        else
            err = rc == SQLITE_DONE ? ODAAT_ERR_NOT_FOUND : sql_error(rc);
    }
    sqlite3_finalize(st);
    return err;
}

static enum odaat_err record_get_by_id(struct store *s, const struct record_type *t, int64_t id,
                                       void *rec)
{
    return record_get(s, t, "WHERE id = ?1", param_int(id), rec);
}

/* Grows a list of records to hold one more, copying into a new block and wiping the old, as
 * realloc would leave a copy of the records' fixed fields behind. */
static enum odaat_err list_grow(unsigned char **items, size_t *capacity, size_t used, size_t size)
{
    if (used < *capacity)
        return ODAAT_OK;
    size_t capacity_new = *capacity == 0 ? 8 : *capacity * 2;
    if (capacity_new > SIZE_MAX / size)
        return ODAAT_ERR_NOMEM;
    unsigned char *grown = malloc(capacity_new * size);
    if (grown == NULL)
        return ODAAT_ERR_NOMEM;
    if (*items != NULL) {
        memcpy(grown, *items, used * size);
        explicit_bzero(*items, used * size);
        free(*items);
    }
    *items = grown;
    *capacity = capacity_new;
    return ODAAT_OK;
}

/* Lists the records that tail selects with params into *out (malloc'd) and *count. */
static enum odaat_err record_list(struct store *s, const struct record_type *t, const char *tail,
                                  const struct param *params, size_t param_count, void **out,
                                  size_t *count)
{
    sqlite3_stmt *st = NULL;
    unsigned char *items = NULL;
    size_t used = 0;
    size_t capacity = 0;
    enum odaat_err err = record_query(s, t, tail, params, param_count, &st);
    int rc = SQLITE_DONE;
    while (err == ODAAT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        err = list_grow(&items, &capacity, used, t->size);
        if (err == ODAAT_OK)
            err = record_read(s, t, st, items + used * t->size);
        if (err == ODAAT_OK)
            used++;
    }
    if (err == ODAAT_OK && rc != SQLITE_DONE)
        err = sql_error(rc);
    sqlite3_finalize(st);
    if (err != ODAAT_OK) {
        record_list_free(t, items, used);
        items = NULL;
        used = 0;
    }
    *out = items;
    *count = used;
    return err;
}

static enum odaat_err record_delete(struct store *s, const struct record_type *t, int64_t id)
{
    sqlite3_stmt *st = NULL;
    enum odaat_err err = statement_prepare(s, t, STATEMENT_DELETE, "", &st);
    if (err == ODAAT_OK) {
        int rc = sqlite3_bind_int64(st, 1, id);
        if (rc == SQLITE_OK)
            rc = sqlite3_step(st);
        if (rc != SQLITE_DONE)
            err = sql_error(rc);
        else if (sqlite3_changes(s->db) == 0)
            err = ODAAT_ERR_NOT_FOUND;
        else if (t->indexed)
            s->index_stale = true;
    }
    sqlite3_finalize(st);
    return err;
}

/* The functions every record type has, each a call into the engine above. */
#define RECORD_FUNCTIONS(prefix, type_struct)                                                      \
    enum odaat_err store_##prefix##_put(struct store *store, struct type_struct *rec)              \
    {                                                                                              \
        return record_put(store, &prefix##_type, rec);                                             \
    }                                                                                              \
    enum odaat_err store_##prefix##_get(struct store *store, int64_t id, struct type_struct *out)  \
    {                                                                                              \
        return record_get_by_id(store, &prefix##_type, id, out);                                   \
    }                                                                                              \
    enum odaat_err store_##prefix##_delete(struct store *store, int64_t id)                        \
    {                                                                                              \
        return record_delete(store, &prefix##_type, id);                                           \
    }                                                                                              \
    void store_##prefix##_free(struct type_struct *rec)                                            \
    {                                                                                              \
        record_free(&prefix##_type, rec);                                                          \
    }                                                                                              \
    void store_##prefix##_list_free(struct type_struct *list, size_t count)                        \
    {                                                                                              \
        record_list_free(&prefix##_type, list, count);                                             \
    }

RECORD_FUNCTIONS(setting, setting)
RECORD_FUNCTIONS(tracker, tracker)
RECORD_FUNCTIONS(streak, streak)
RECORD_FUNCTIONS(checkin, checkin)
RECORD_FUNCTIONS(meeting, meeting)
RECORD_FUNCTIONS(step, step)
RECORD_FUNCTIONS(journal, journal_entry)
RECORD_FUNCTIONS(contact, contact)
RECORD_FUNCTIONS(milestone_seen, milestone_seen)

/* ---- Lists and look-ups of each type ----------------------------------------------------- */

/* A date range with open ends: ?1 from, ?2 to, either NULL. */
#define DATE_RANGE "WHERE (?1 IS NULL OR date >= ?1) AND (?2 IS NULL OR date <= ?2) "

enum odaat_err store_setting_list(struct store *store, struct setting **out, size_t *count)
{
    void *items = NULL;
    enum odaat_err err = record_list(store, &setting_type, "ORDER BY key", NULL, 0, &items, count);
    *out = items;
    return err;
}

enum odaat_err store_setting_value(struct store *store, const char *key, char **value)
{
    struct setting setting;
    enum odaat_err err =
        record_get(store, &setting_type, "WHERE key = ?1", param_text(key), &setting);
    *value = setting.value; /* NULL on error: record_get zeroes */
    setting.value = NULL;
    store_setting_free(&setting);
    return err;
}

enum odaat_err store_setting_set(struct store *store, const char *key, const char *value)
{
    static const char sql[] =
        "INSERT INTO settings (key, value, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)\n"
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at";
    sqlite3_stmt *st = NULL;
    if (store->now[0] == '\0')
        return ODAAT_ERR_INVALID;
    int rc = sqlite3_prepare_v2(store->db, sql, -1, &st, NULL);
    struct binder b = {store->db, st, 1, rc == SQLITE_OK ? ODAAT_OK : sql_error(rc)};
    bind_text(&b, key);
    bind_text(&b, value);
    bind_text(&b, store->now);
    if (b.err == ODAAT_OK && (rc = sqlite3_step(st)) != SQLITE_DONE)
        b.err = sql_error(rc);
    sqlite3_finalize(st);
    return b.err;
}

enum odaat_err store_tracker_list(struct store *store, struct tracker **out, size_t *count)
{
    void *items = NULL;
    enum odaat_err err =
        record_list(store, &tracker_type, "ORDER BY name, id", NULL, 0, &items, count);
    *out = items;
    return err;
}

enum odaat_err store_tracker_get_by_name(struct store *store, const char *name, struct tracker *out)
{
    /* The column's NOCASE collation applies to the comparison. */
    return record_get(store, &tracker_type, "WHERE name = ?1", param_text(name), out);
}

enum odaat_err store_streak_list(struct store *store, int64_t tracker_id, struct streak **out,
                                 size_t *count)
{
    const struct param params[] = {param_int(tracker_id)};
    void *items = NULL;
    enum odaat_err err = record_list(store, &streak_type,
                                     "WHERE ?1 = 0 OR tracker_id = ?1 "
                                     "ORDER BY tracker_id, start_date, id",
                                     params, ARRAY_LEN(params), &items, count);
    *out = items;
    return err;
}

enum odaat_err store_streak_get_open(struct store *store, int64_t tracker_id, struct streak *out)
{
    return record_get(store, &streak_type, "WHERE tracker_id = ?1 AND end_date IS NULL",
                      param_int(tracker_id), out);
}

enum odaat_err store_checkin_list(struct store *store, const char *from, const char *to,
                                  struct checkin **out, size_t *count)
{
    const struct param params[] = {param_text(from), param_text(to)};
    void *items = NULL;
    enum odaat_err err = record_list(store, &checkin_type, DATE_RANGE "ORDER BY date", params,
                                     ARRAY_LEN(params), &items, count);
    *out = items;
    return err;
}

enum odaat_err store_checkin_get_by_date(struct store *store, const char *date, struct checkin *out)
{
    return record_get(store, &checkin_type, "WHERE date = ?1", param_text(date), out);
}

enum odaat_err store_meeting_list(struct store *store, const char *from, const char *to,
                                  struct meeting **out, size_t *count)
{
    const struct param params[] = {param_text(from), param_text(to)};
    void *items = NULL;
    enum odaat_err err = record_list(store, &meeting_type, DATE_RANGE "ORDER BY date, time, id",
                                     params, ARRAY_LEN(params), &items, count);
    *out = items;
    return err;
}

/* Reads the days of the rows that sql (one date column; ?1 and ?2 as DATE_RANGE) selects. */
static enum odaat_err days_list(struct store *s, const char *sql, const char *from, const char *to,
                                int32_t **days, size_t *count)
{
    sqlite3_stmt *st = NULL;
    int32_t *items = NULL;
    size_t used = 0;
    size_t capacity = 0;
    *days = NULL;
    *count = 0;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    struct binder b = {s->db, st, 1, rc == SQLITE_OK ? ODAAT_OK : sql_error(rc)};
    bind_text(&b, from);
    bind_text(&b, to);
    enum odaat_err err = b.err;
    rc = SQLITE_DONE;
    while (err == ODAAT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (used == capacity) {
            size_t grown = capacity == 0 ? 256 : capacity * 2;
            int32_t *more =
                grown > SIZE_MAX / sizeof *items ? NULL : realloc(items, grown * sizeof *items);
            if (more == NULL) {
                err = ODAAT_ERR_NOMEM;
                break;
            }
            items = more;
            capacity = grown;
        }
        const char *date = (const char *)sqlite3_column_text(st, 0);
        if (date == NULL || date_parse(date, &items[used]) != ODAAT_OK)
            err = ODAAT_ERR_STORE; /* the schema's CHECKs keep this from happening */
        else
            used++;
    }
    if (err == ODAAT_OK && rc != SQLITE_DONE)
        err = sql_error(rc);
    sqlite3_finalize(st);
    if (err != ODAAT_OK) {
        free(items);
        items = NULL;
        used = 0;
    }
    *days = items;
    *count = used;
    return err;
}

enum odaat_err store_checkin_days(struct store *store, const char *from, const char *to,
                                  int32_t **days, size_t *count)
{
    return days_list(store, "SELECT date FROM checkins " DATE_RANGE "ORDER BY date", from, to, days,
                     count);
}

enum odaat_err store_meeting_days(struct store *store, const char *from, const char *to,
                                  int32_t **days, size_t *count)
{
    return days_list(store, "SELECT date FROM meetings " DATE_RANGE "ORDER BY date, time, id", from,
                     to, days, count);
}

enum odaat_err store_step_list(struct store *store, const char *program, struct step **out,
                               size_t *count)
{
    const struct param params[] = {param_text(program)};
    void *items = NULL;
    enum odaat_err err =
        record_list(store, &step_type, "WHERE ?1 IS NULL OR program = ?1 ORDER BY program, number",
                    params, ARRAY_LEN(params), &items, count);
    *out = items;
    return err;
}

/* SQLite reads a negative LIMIT as "no limit". */
static int64_t sql_count(size_t n, int64_t none)
{
    return n == 0 ? none : n > INT64_MAX ? INT64_MAX : (int64_t)n;
}

enum odaat_err store_journal_list(struct store *store, size_t limit, size_t offset,
                                  struct journal_entry **out, size_t *count)
{
    const struct param params[] = {param_int(sql_count(limit, -1)),
                                   param_int(sql_count(offset, 0))};
    void *items = NULL;
    enum odaat_err err =
        record_list(store, &journal_type, "ORDER BY created_at DESC, id DESC LIMIT ?1 OFFSET ?2",
                    params, ARRAY_LEN(params), &items, count);
    *out = items;
    return err;
}

enum odaat_err store_journal_heads(struct store *store, enum store_preview preview, size_t limit,
                                   size_t offset, struct journal_entry **out, size_t *count)
{
    const struct param params[] = {param_int(sql_count(limit, -1)),
                                   param_int(sql_count(offset, 0))};
    void *items = NULL;
    *out = NULL;
    *count = 0;
    if (preview != STORE_PREVIEW_ALL && preview != STORE_PREVIEW_UNTITLED)
        return ODAAT_ERR_INVALID;
    enum odaat_err err = record_list(store, &journal_head_types[preview],
                                     "ORDER BY created_at DESC, id DESC LIMIT ?1 OFFSET ?2", params,
                                     ARRAY_LEN(params), &items, count);
    *out = items;
    return err;
}

enum odaat_err store_journal_list_step(struct store *store, int step, struct journal_entry **out,
                                       size_t *count)
{
    const struct param params[] = {param_int(step)};
    void *items = NULL;
    enum odaat_err err =
        record_list(store, &journal_type, "WHERE step = ?1 ORDER BY created_at DESC, id DESC",
                    params, ARRAY_LEN(params), &items, count);
    *out = items;
    return err;
}

enum odaat_err store_journal_count(struct store *store, size_t *count)
{
    sqlite3_stmt *st = NULL;
    *count = 0;
    int rc = sqlite3_prepare_v2(store->db, "SELECT count(*) FROM journal", -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        sqlite3_int64 n = sqlite3_column_int64(st, 0);
        *count = n > 0 ? (size_t)n : 0;
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_OK ? ODAAT_OK : sql_error(rc);
}

enum odaat_err store_contact_list(struct store *store, struct contact **out, size_t *count)
{
    void *items = NULL;
    enum odaat_err err = record_list(store, &contact_type, "ORDER BY name COLLATE NOCASE, id", NULL,
                                     0, &items, count);
    *out = items;
    return err;
}

enum odaat_err store_milestone_seen_list(struct store *store, int64_t tracker_id,
                                         struct milestone_seen **out, size_t *count)
{
    const struct param params[] = {param_int(tracker_id)};
    void *items = NULL;
    enum odaat_err err = record_list(store, &milestone_seen_type,
                                     "WHERE ?1 = 0 OR tracker_id = ?1 ORDER BY tracker_id, id",
                                     params, ARRAY_LEN(params), &items, count);
    *out = items;
    return err;
}

/* ---- Journal search ---------------------------------------------------------------------- */

/*
 * The hits, best first: the entries the index finds holding the query's trigrams (?1), or
 * for a query too short for trigrams every entry, each read whole by odaat_match (search.c),
 * which scores it and drops those without the query as one piece of text (?5). The scores
 * are worked out once (MATERIALIZED), and the snippets only for the hits kept (?4), each by
 * odaat_snippet with the marks ?2 and ?3.
 */
#define SEARCH_SQL(source, snippet)                                                                \
    "WITH scored AS MATERIALIZED (\n"                                                              \
    "    SELECT journal.id, journal.created_at, journal.title,\n"                                  \
    "           odaat_match(journal.title, journal.body, ?5) AS score\n"                           \
    "    " source "),\n"                                                                           \
    "best AS MATERIALIZED (\n"                                                                     \
    "    SELECT * FROM scored WHERE score > 0\n"                                                   \
    "    ORDER BY score DESC, created_at DESC, id DESC LIMIT ?4)\n"                                \
    "SELECT best.id, best.created_at, best.title, " snippet "\n"                                   \
    "FROM best JOIN journal ON journal.id = best.id\n"                                             \
    "ORDER BY best.score DESC, best.created_at DESC, best.id DESC"

#define SOURCE_INDEXED                                                                             \
    "FROM journal_fts JOIN journal ON journal.id = journal_fts.rowid WHERE journal_fts MATCH ?1"
#define SOURCE_SCAN "FROM journal WHERE ?1 IS NULL"
#define SNIPPET     "odaat_snippet(journal.title, journal.body, ?5, ?2, ?3)"

static const char *const search_sql[2][2] = {
    /* [indexed][with_snippet] */
    {SEARCH_SQL(SOURCE_SCAN, "NULL"), SEARCH_SQL(SOURCE_SCAN, SNIPPET)},
    {SEARCH_SQL(SOURCE_INDEXED, "NULL"), SEARCH_SQL(SOURCE_INDEXED, SNIPPET)},
};

/* The snippet of one entry (?4 its id), as the search makes it. */
static const char snippet_sql[] = "SELECT " SNIPPET " FROM journal WHERE id = ?4";

void store_journal_hits_free(struct journal_hit *hits, size_t count)
{
    if (hits == NULL)
        return;
    for (size_t i = 0; i < count; i++) {
        text_free(&hits[i].title);
        text_free(&hits[i].snippet);
    }
    explicit_bzero(hits, count * sizeof *hits);
    free(hits);
}

/* Reads the current row into *hit; on error *hit is left empty. */
/* Reads a hit; its snippet may be NULL only when with_snippet is false. */
static enum odaat_err hit_read(struct store *s, sqlite3_stmt *st, bool with_snippet,
                               struct journal_hit *hit)
{
    struct reader r = {s, st, 0, ODAAT_OK};
    memset(hit, 0, sizeof *hit);
    hit->id = read_int64(&r);
    read_fixed(&r, hit->created_at, sizeof hit->created_at);
    hit->title = read_text(&r);
    hit->snippet = read_text(&r);
    if (r.err == ODAAT_OK && hit->snippet == NULL && with_snippet)
        r.err = ODAAT_ERR_STORE;
    if (r.err != ODAAT_OK) {
        text_free(&hit->title);
        text_free(&hit->snippet);
    }
    return r.err;
}

/* Collects the hits st gives; finalizes st. */
static enum odaat_err hits_collect(struct store *s, sqlite3_stmt *st, bool with_snippet,
                                   struct journal_hit **out, size_t *count)
{
    unsigned char *items = NULL;
    size_t used = 0;
    size_t capacity = 0;
    enum odaat_err err = ODAAT_OK;
    int rc = SQLITE_DONE;
    while (err == ODAAT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        err = list_grow(&items, &capacity, used, sizeof **out);
        if (err == ODAAT_OK)
            err = hit_read(s, st, with_snippet, (struct journal_hit *)(void *)items + used);
        if (err == ODAAT_OK)
            used++;
    }
    if (err == ODAAT_OK && rc != SQLITE_DONE)
        err = sql_error(rc);
    sqlite3_finalize(st);
    if (err != ODAAT_OK) {
        store_journal_hits_free((struct journal_hit *)(void *)items, used);
        items = NULL;
        used = 0;
    }
    *out = (struct journal_hit *)(void *)items;
    *count = used;
    return err;
}

/* Binds what every search statement takes: ?1 the index's query (NULL for a scan), ?2 and
 * ?3 the marks, ?4 the limit, ?5 the query. */
static enum odaat_err search_bind(struct store *store, sqlite3_stmt *st, const char *trigrams,
                                  const char *query, size_t limit)
{
    struct binder b = {store->db, st, 1, ODAAT_OK};
    bind_text(&b, trigrams);
    bind_text(&b, STORE_MATCH_OPEN);
    bind_text(&b, STORE_MATCH_CLOSE);
    bind_int64(&b, sql_count(limit, -1));
    bind_text(&b, query);
    return b.err;
}

/* Runs a search; with_snippet false leaves every snippet NULL. */
static enum odaat_err search_run(struct store *store, const char *query, size_t limit,
                                 bool with_snippet, struct journal_hit **out, size_t *count)
{
    sqlite3_stmt *st = NULL;
    char *trigrams = NULL;
    *out = NULL;
    *count = 0;
    if (query == NULL || query[0] == '\0')
        return ODAAT_ERR_INVALID;
    bool indexed = store_search_length(query) >= STORE_SEARCH_TRIGRAM;
    if (indexed && (trigrams = store_search_trigram_query(query)) == NULL)
        return ODAAT_ERR_NOMEM;
    int rc = sqlite3_prepare_v2(store->db, search_sql[indexed][with_snippet], -1, &st, NULL);
    enum odaat_err err =
        rc == SQLITE_OK ? search_bind(store, st, trigrams, query, limit) : sql_error(rc);
    if (err == ODAAT_OK)
        err = hits_collect(store, st, with_snippet, out, count); /* finalizes st */
    else
        sqlite3_finalize(st);
    sqlite3_free(trigrams);
    return err;
}

enum odaat_err store_journal_search(struct store *store, const char *query, size_t limit,
                                    struct journal_hit **out, size_t *count)
{
    return search_run(store, query, limit, true, out, count);
}

enum odaat_err store_journal_find(struct store *store, const char *query, size_t limit,
                                  struct journal_hit **out, size_t *count)
{
    return search_run(store, query, limit, false, out, count);
}

enum odaat_err store_journal_snippets(struct store *store, const char *query,
                                      struct journal_hit *hits, size_t count)
{
    sqlite3_stmt *st = NULL;
    if (query == NULL || query[0] == '\0')
        return ODAAT_ERR_INVALID;
    size_t missing = 0;
    for (size_t i = 0; i < count; i++)
        missing += hits[i].snippet == NULL;
    if (missing == 0)
        return ODAAT_OK;
    int rc = sqlite3_prepare_v2(store->db, snippet_sql, -1, &st, NULL);
    enum odaat_err err = rc == SQLITE_OK ? search_bind(store, st, NULL, query, 0) : sql_error(rc);
    for (size_t i = 0; err == ODAAT_OK && i < count; i++) {
        if (hits[i].snippet != NULL)
            continue;
        rc = sqlite3_bind_int64(st, 4, hits[i].id);
        if (rc == SQLITE_OK)
            rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            struct reader r = {store, st, 0, ODAAT_OK};
            hits[i].snippet = read_text(&r);
            err = r.err;
        } else if (rc != SQLITE_DONE) {
            err = sql_error(rc);
        }
        /* An entry no longer there, or no longer matching, shows no snippet. */
        if (err == ODAAT_OK && hits[i].snippet == NULL && (hits[i].snippet = strdup("")) == NULL)
            err = ODAAT_ERR_NOMEM;
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return err;
}
