/*
 * search: what the journal search needs beyond SQL. The search index (FTS5, trigrams) keeps
 * only which entries hold which trigrams, not where (detail=none): positions made it larger
 * than the journal itself, and every open and save of the store pays for its size. So the
 * index only narrows the search to entries holding every trigram of the query; two SQL
 * functions registered here then read those entries:
 *
 *   odaat_match(title, body, query)                the entry's score, 0 when query is not in
 *                                                  it as one piece of text (case ignored)
 *   odaat_snippet(title, body, query, open, close) a piece of the body (or of the title when
 *                                                  the body has no match) around the first
 *                                                  match, every match marked
 *
 * Case is folded one character at a time with the C library's towlower() in a UTF-8 locale,
 * so "ÉLODIE" finds "Élodie" as the index's own folding does. The score ranks like BM25 with
 * one phrase: occurrences, saturating, against the field's length (a title match weighs twice
 * a body match), with a fixed typical length instead of the journal's average, which would
 * mean reading every entry.
 */
#include <locale.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <wctype.h>

#include "odaat/utf8.h"
#include "store_internal.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* BM25's constants, as FTS5 uses them, and the lengths (bytes) a title and a body have. */
#define BM25_K1       1.2
#define BM25_B        0.75
#define TITLE_TYPICAL 30.0
#define BODY_TYPICAL  1000.0

/* Characters a snippet shows either side of its first match (twice as many on one side when
 * the other side has none). */
#define SNIPPET_CONTEXT 20

/* The most trigrams a query asks the index for: any subset finds every true match, and the
 * check that follows drops the rest, so a long query need not list them all. */
#define QUERY_TRIGRAMS 12

/* ---- UTF-8 and case ------------------------------------------------------------------------ */

/* Decodes the character at s[0..n) (n > 0) into *cp; returns its length. A byte that does not
 * start a well-formed character is taken alone, as itself, and *raw says so. */
static size_t char_decode(const unsigned char *s, size_t n, uint32_t *cp, bool *raw)
{
    size_t len = utf8_decode(s, n, cp);
    *raw = len == 0;
    if (*raw) {
        *cp = s[0];
        len = 1;
    }
    return len;
}

/* The locale whose towlower() knows every alphabet; (locale_t)0 when there is none, and then
 * only ASCII is folded. Made once, kept for the life of the process. */
static locale_t fold_locale(void)
{
    static bool tried;
    static locale_t loc;
    if (!tried) {
        tried = true;
        loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    }
    return loc;
}

/* The lowercase of every character of the Basic Multilingual Plane, which holds every
 * alphabet with case: towlower_l() is slow enough to be most of a search over long entries,
 * so it is asked once per character, the first time a search needs one (a millisecond). A
 * lowercase outside the plane (there is none today) leaves the character as it is. */
static uint16_t bmp_lower[0x10000];
static bool bmp_lower_ready;

static void bmp_lower_fill(void)
{
    locale_t loc = fold_locale();
    for (uint32_t cp = 0; cp < 0x10000; cp++) {
        wint_t lower = loc == (locale_t)0 ? (wint_t)cp : towlower_l((wint_t)cp, loc);
        bmp_lower[cp] = lower < 0x10000 ? (uint16_t)lower : (uint16_t)cp;
    }
    for (uint32_t cp = 'A'; cp <= 'Z'; cp++)
        bmp_lower[cp] = (uint16_t)(cp + 32);
    bmp_lower_ready = true;
}

static uint32_t fold_char(uint32_t cp)
{
    if (cp < 0x10000) {
        if (!bmp_lower_ready)
            bmp_lower_fill();
        return bmp_lower[cp];
    }
    locale_t loc = fold_locale();
    if (loc == (locale_t)0 || cp > 0x10FFFF)
        return cp;
    wint_t lower = towlower_l((wint_t)cp, loc);
    return lower <= 0x10FFFF ? (uint32_t)lower : cp;
}

/* Lowers the ASCII capitals of the eight bytes of word, all of them ASCII: each byte whose
 * value lies in 'A'..'Z' gains 0x20, found with carries that never cross bytes. */
static uint64_t fold_ascii8(uint64_t word)
{
    const uint64_t ones = 0x0101010101010101u;
    uint64_t above_a = word + ones * (0x80 - 'A');     /* high bit set where byte >= 'A' */
    uint64_t above_z = word + ones * (0x80 - 'Z' - 1); /* high bit set where byte > 'Z' */
    uint64_t capital = above_a & ~above_z & ones * 0x80;
    return word | capital >> 2;
}

/* The most bytes folding n bytes can give: a character of two bytes may lower to three. */
static size_t fold_room(size_t n)
{
    return n + n / 2 + 4;
}

/* Writes s[0..n) case-folded into out (fold_room(n) bytes); returns the length. */
static size_t fold_text(const unsigned char *s, size_t n, unsigned char *out)
{
    size_t w = 0;
    for (size_t i = 0; i < n;) {
        uint64_t word;
        /* Most journal text is ASCII: eight bytes at a time while it is. */
        if (n - i >= 8 && (memcpy(&word, s + i, 8), (word & 0x8080808080808080u) == 0)) {
            word = fold_ascii8(word);
            memcpy(out + w, &word, 8);
            w += 8;
            i += 8;
            continue;
        }
        unsigned char c = s[i];
        if (c < 0x80) {
            out[w++] = (unsigned char)((unsigned)c - 'A' < 26u ? c + 32 : c);
            i++;
            continue;
        }
        uint32_t cp;
        bool raw;
        size_t len = char_decode(s + i, n - i, &cp, &raw);
        if (raw) {
            out[w++] = c; /* not UTF-8: kept as it is */
        } else {
            unsigned char enc[4];
            size_t m = utf8_encode(fold_char(cp), enc);
            /* A lowercase longer than half again its capital does not exist; if one ever
             * did, the character is kept as written rather than overrun out. */
            if (m == 0 || m > len + len / 2) {
                memcpy(enc, s + i, len);
                m = len;
            }
            memcpy(out + w, enc, m);
            w += m;
        }
        i += len;
    }
    return w;
}

/* ---- Counting and scoring ------------------------------------------------------------------ */

/* A query folded once per statement and kept as the function's auxiliary data. */
struct folded {
    size_t len;
    unsigned char text[]; /* len bytes */
};

static void folded_free(void *p)
{
    struct folded *f = p;
    explicit_bzero(f->text, f->len);
    sqlite3_free(f);
}

/* Returns the query (argument arg) folded: the statement's cached copy (*owned NULL), or a
 * new one the caller hands to query_keep once done with it (*owned set). NULL when out of
 * memory; an empty query gives a folded text of length 0. */
static const struct folded *query_folded(sqlite3_context *ctx, sqlite3_value **argv, int arg,
                                         struct folded **owned)
{
    *owned = NULL;
    const struct folded *cached = sqlite3_get_auxdata(ctx, arg);
    if (cached != NULL)
        return cached;
    const unsigned char *q = sqlite3_value_text(argv[arg]);
    size_t n = q == NULL ? 0 : (size_t)sqlite3_value_bytes(argv[arg]);
    struct folded *f = sqlite3_malloc64(sizeof *f + fold_room(n));
    if (f != NULL)
        f->len = fold_text(q, n, f->text);
    *owned = f;
    return f;
}

/* Keeps a folded query for the statement's next rows. SQLite may free it at once (it is
 * free to drop auxiliary data at any time), so nothing may use it after this. */
static void query_keep(sqlite3_context *ctx, int arg, struct folded *owned)
{
    if (owned != NULL)
        sqlite3_set_auxdata(ctx, arg, owned, folded_free);
}

/* Counts the places query occurs in text[0..n) (folded: text is folded into buf first),
 * overlapping ones included, as the index's phrase matching counted them. */
static unsigned occurrences(const unsigned char *text, size_t n, const struct folded *query,
                            unsigned char *buf)
{
    if (text == NULL)
        return 0;
    size_t len = fold_text(text, n, buf);
    unsigned count = 0;
    const unsigned char *at = buf;
    const unsigned char *end = buf + len;
    while ((size_t)(end - at) >= query->len) {
        const unsigned char *hit = memmem(at, (size_t)(end - at), query->text, query->len);
        if (hit == NULL)
            break;
        count++;
        at = hit + 1;
    }
    return count;
}

/* BM25's term-frequency part for one field. */
static double saturate(unsigned tf, size_t len, double typical)
{
    if (tf == 0)
        return 0;
    double norm = 1 - BM25_B + BM25_B * ((double)len / typical);
    return tf * (BM25_K1 + 1) / (tf + BM25_K1 * norm);
}

/* The score of one entry for query; -1 when out of memory. */
static double entry_score(sqlite3_value *title_value, sqlite3_value *body_value,
                          const struct folded *query)
{
    const unsigned char *title = sqlite3_value_text(title_value);
    size_t title_len = title == NULL ? 0 : (size_t)sqlite3_value_bytes(title_value);
    const unsigned char *body = sqlite3_value_text(body_value);
    size_t body_len = body == NULL ? 0 : (size_t)sqlite3_value_bytes(body_value);
    if (query->len == 0)
        return 0;
    /* The buffer holds folded journal text: the store's allocator wipes it when freed. */
    unsigned char *buf = sqlite3_malloc64(fold_room(title_len > body_len ? title_len : body_len));
    if (buf == NULL)
        return -1;
    unsigned in_title = occurrences(title, title_len, query, buf);
    unsigned in_body = occurrences(body, body_len, query, buf);
    sqlite3_free(buf);
    return 2 * saturate(in_title, title_len, TITLE_TYPICAL) +
           saturate(in_body, body_len, BODY_TYPICAL);
}

/* odaat_match(title, body, query) */
static void match_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    struct folded *owned = NULL;
    const struct folded *query = query_folded(ctx, argv, 2, &owned);
    double score = query == NULL ? -1 : entry_score(argv[0], argv[1], query);
    if (score < 0)
        sqlite3_result_error_nomem(ctx);
    else
        sqlite3_result_double(ctx, score);
    query_keep(ctx, 2, owned);
}

/* ---- Snippets ------------------------------------------------------------------------------ */

/* A text as characters: each one folded, and where it starts in the original bytes. */
struct chars {
    size_t count;
    uint32_t *folded;
    size_t *start; /* count + 1 entries: the last is the text's length */
};

static void chars_free(struct chars *c)
{
    sqlite3_free(c->folded);
    sqlite3_free(c->start);
    *c = (struct chars){0};
}

static bool chars_read(const unsigned char *s, size_t n, struct chars *c)
{
    *c = (struct chars){0};
    c->folded = sqlite3_malloc64((n + 1) * sizeof *c->folded);
    c->start = sqlite3_malloc64((n + 1) * sizeof *c->start);
    if (c->folded == NULL || c->start == NULL) {
        chars_free(c);
        return false;
    }
    for (size_t i = 0; i < n; c->count++) {
        uint32_t cp;
        bool raw;
        size_t len = char_decode(s + i, n - i, &cp, &raw);
        c->folded[c->count] = raw ? cp : fold_char(cp);
        c->start[c->count] = i;
        i += len;
    }
    c->start[c->count] = n;
    return true;
}

/* Returns true when query's characters occur in text at character at (which leaves room). */
static bool chars_match_at(const struct chars *text, size_t at, const struct chars *query)
{
    for (size_t i = 0; i < query->count; i++)
        if (text->folded[at + i] != query->folded[i])
            return false;
    return true;
}

/* The first character at or after from where query occurs in text ending at or before to,
 * or to when there is none. */
static size_t chars_find(const struct chars *text, size_t from, size_t to,
                         const struct chars *query)
{
    for (size_t at = from; at + query->count <= to; at++)
        if (chars_match_at(text, at, query))
            return at;
    return to;
}

/* Appends bytes to the snippet being built; false when out of memory. */
struct builder {
    unsigned char *buf;
    size_t len;
    size_t cap;
};

static bool builder_add(struct builder *b, const void *bytes, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->len + n + 1) * 2;
        unsigned char *grown = sqlite3_malloc64(cap);
        if (grown == NULL)
            return false;
        if (b->buf != NULL)
            memcpy(grown, b->buf, b->len);
        sqlite3_free(b->buf); /* wiped by the store's allocator */
        b->buf = grown;
        b->cap = cap;
    }
    memcpy(b->buf + b->len, bytes, n);
    b->len += n;
    return true;
}

struct marks {
    const char *open;
    const char *close;
};

/* Builds the snippet of text (s, as characters in c) around its first match of query at
 * first: 2 * SNIPPET_CONTEXT characters of context around it, shared between the sides, "…"
 * where the text goes on, every match inside the window marked. */
static bool snippet_build(const unsigned char *s, const struct chars *c, const struct chars *query,
                          size_t first, const struct marks *marks, struct builder *b)
{
    static const char ellipsis[] = "…";
    /* Context a side has no text for goes to the other side. */
    size_t before = first < SNIPPET_CONTEXT ? first : SNIPPET_CONTEXT;
    size_t match_end = first + query->count;
    size_t after = c->count - match_end;
    if (after > 2 * SNIPPET_CONTEXT - before)
        after = 2 * SNIPPET_CONTEXT - before;
    if (before < 2 * SNIPPET_CONTEXT - after)
        before = first < 2 * SNIPPET_CONTEXT - after ? first : 2 * SNIPPET_CONTEXT - after;
    size_t from = first - before;
    size_t to = match_end + after;
    bool ok = from == 0 || builder_add(b, ellipsis, strlen(ellipsis));
    size_t at = from;
    while (ok && at < to) {
        size_t hit = chars_find(c, at, to, query);
        ok = builder_add(b, s + c->start[at], c->start[hit] - c->start[at]);
        at = hit;
        if (ok && at < to) {
            size_t end = hit + query->count;
            ok = builder_add(b, marks->open, strlen(marks->open)) &&
                 builder_add(b, s + c->start[hit], c->start[end] - c->start[hit]) &&
                 builder_add(b, marks->close, strlen(marks->close));
            at = end;
        }
    }
    if (ok && to < c->count)
        ok = builder_add(b, ellipsis, strlen(ellipsis));
    return ok;
}

/* Makes the snippet of one field into b; *found false when query is not in it. */
static bool snippet_of(sqlite3_value *field, const struct chars *query, const struct marks *marks,
                       struct builder *b, bool *found)
{
    *found = false;
    const unsigned char *s = sqlite3_value_text(field);
    if (s == NULL)
        return sqlite3_value_type(field) == SQLITE_NULL;
    struct chars c;
    if (!chars_read(s, (size_t)sqlite3_value_bytes(field), &c))
        return false;
    size_t first = chars_find(&c, 0, c.count, query);
    bool ok = true;
    if (first < c.count) {
        *found = true;
        ok = snippet_build(s, &c, query, first, marks, b);
    }
    chars_free(&c);
    return ok;
}

/* odaat_snippet(title, body, query, open, close): NULL when query is in neither. */
static void snippet_function(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const unsigned char *q = sqlite3_value_text(argv[2]);
    struct marks marks = {(const char *)sqlite3_value_text(argv[3]),
                          (const char *)sqlite3_value_text(argv[4])};
    if (q == NULL || q[0] == '\0' || marks.open == NULL || marks.close == NULL)
        return;
    struct chars query;
    if (!chars_read(q, (size_t)sqlite3_value_bytes(argv[2]), &query)) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    struct builder b = {0};
    bool found = false;
    bool ok = snippet_of(argv[1], &query, &marks, &b, &found);
    if (ok && !found)
        ok = snippet_of(argv[0], &query, &marks, &b, &found);
    chars_free(&query);
    if (!ok)
        sqlite3_result_error_nomem(ctx);
    else if (found)
        sqlite3_result_text64(ctx, (const char *)b.buf, b.len, SQLITE_TRANSIENT, SQLITE_UTF8);
    sqlite3_free(b.buf);
}

/* ---- The index's query and registration ---------------------------------------------------- */

size_t store_search_length(const char *query)
{
    size_t n = 0;
    const unsigned char *s = (const unsigned char *)query;
    size_t len = strlen(query);
    for (size_t i = 0; i < len; n++) {
        uint32_t cp;
        bool raw;
        i += char_decode(s + i, len - i, &cp, &raw);
    }
    return n;
}

char *store_search_trigram_query(const char *query)
{
    const unsigned char *s = (const unsigned char *)query;
    size_t len = strlen(query);
    size_t chars = store_search_length(query);
    if (chars < STORE_SEARCH_TRIGRAM)
        return NULL;
    size_t trigrams = chars - 2;
    size_t asked = trigrams < QUERY_TRIGRAMS ? trigrams : QUERY_TRIGRAMS;
    /* Each trigram: its bytes with '"' doubled, quoted, and a space. */
    char *out = sqlite3_malloc64(asked * (2 * 4 * 3 + 3) + 1);
    if (out == NULL)
        return NULL;
    size_t w = 0;
    size_t byte = 0;
    size_t ch = 0;
    for (size_t k = 0; k < asked; k++) {
        /* Spread the trigrams asked for evenly over the query. */
        size_t want = asked == 1 ? 0 : k * (trigrams - 1) / (asked - 1);
        uint32_t cp;
        bool raw;
        for (; ch < want; ch++)
            byte += char_decode(s + byte, len - byte, &cp, &raw);
        out[w++] = '"';
        size_t at = byte;
        for (int i = 0; i < 3; i++) {
            size_t n = char_decode(s + at, len - at, &cp, &raw);
            for (size_t j = 0; j < n; j++) {
                if (s[at + j] == '"')
                    out[w++] = '"';
                out[w++] = (char)s[at + j];
            }
            at += n;
        }
        out[w++] = '"';
        out[w++] = ' ';
    }
    out[w - 1] = '\0';
    return out;
}

int store_search_register(sqlite3 *db)
{
    /* DIRECTONLY: only odaat's own statements may call them, never a trigger or a view. */
    const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY;
    int rc = sqlite3_create_function(db, "odaat_match", 3, flags, NULL, match_function, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function(db, "odaat_snippet", 5, flags, NULL, snippet_function, NULL,
                                     NULL);
    return rc;
}
