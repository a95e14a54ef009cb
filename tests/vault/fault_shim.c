/*
 * fault_shim: an LD_PRELOAD library that fails one chosen call of a save, so a test can show
 * that a failing or full disk at any call leaves the old store exactly as it was.
 *
 * It wraps the calls a save makes to put bytes and names on the disk, grouped in families:
 *   write            write
 *   fsync            fsync
 *   close            close
 *   rename           rename, renameat
 *   link             link, linkat
 *   posix_fallocate  posix_fallocate, posix_fallocate64 (what _FILE_OFFSET_BITS=64 binds to)
 * Each wrapper counts the call and passes it on to the C library (dlsym(RTLD_NEXT, ...)),
 * except the k-th call of the chosen family, which fails.
 *
 * What to fail comes from the environment, read when the program calls fault_arm():
 *   ODAAT_FAULT_CALL  a family above (renameat, linkat and posix_fallocate64 also accepted)
 *   ODAAT_FAULT_K     which call fails, 1 being the first after fault_arm(); 0 or unset: none
 *   ODAAT_FAULT_MODE  eio          the call fails with EIO
 *                     enospc       the call fails with ENOSPC
 *                     short        (write) the k-th write writes half its bytes and returns
 *                                  that count, and every later write fails with ENOSPC: a
 *                                  disk filling up mid-write. A 1-byte write just fails
 *                                  with ENOSPC, and so does any other call in this mode.
 *                     unsupported  the call fails with EOPNOTSUPP (posix_fallocate on a file
 *                                  system without it)
 *
 * Why arming by a call and not from the start: a program's start-up, the open before a save
 * and its own reporting also write and close, and counting them would tie k to details that
 * have nothing to do with the save. The test program looks up fault_arm() and
 * fault_disarm() with dlsym(RTLD_DEFAULT, ...) and brackets the one call it tests; nothing is
 * counted or failed outside. fault_calls() tells it how many calls of each family it made,
 * so it knows when k has passed the last call of a whole save, fault_injected() whether the
 * fault happened at all and fault_hit_dir() whether the failed call was made on a folder's
 * descriptor. The shim needs no files and does nothing in a program that never arms it.
 * One thread only: the vault saves from one thread.
 *
 * A failed close still closes the descriptor (as Linux does), so a failure never leaks one.
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fault_shim.h"

/* Declared here rather than through <fcntl.h>, whose _FILE_OFFSET_BITS=64 redirect would
 * turn a definition of posix_fallocate into a second posix_fallocate64. */
int posix_fallocate(int fd, long offset, long len);
int posix_fallocate64(int fd, int64_t offset, int64_t len);

enum family { F_WRITE, F_FSYNC, F_CLOSE, F_RENAME, F_LINK, F_FALLOCATE, F_COUNT };

static const char *const family_names[F_COUNT] = {
    "write", "fsync", "close", "rename", "link", "posix_fallocate",
};

enum mode { MODE_EIO, MODE_ENOSPC, MODE_SHORT, MODE_UNSUPPORTED };

static bool armed;
static int target = -1;
static unsigned long target_k;
static enum mode mode;
static unsigned long calls[F_COUNT];
static bool injected;
static bool hit_dir;
static bool disk_full;

static int family_parse(const char *name)
{
    static const struct {
        const char *alias;
        enum family family;
    } aliases[] = {
        {"renameat", F_RENAME},
        {"linkat", F_LINK},
        {"posix_fallocate64", F_FALLOCATE},
    };
    if (name == NULL)
        return -1;
    for (int f = 0; f < F_COUNT; f++) {
        if (strcmp(name, family_names[f]) == 0)
            return f;
    }
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
        if (strcmp(name, aliases[i].alias) == 0)
            return (int)aliases[i].family;
    }
    return -1;
}

void fault_arm(void)
{
    const char *k = getenv("ODAAT_FAULT_K");
    const char *m = getenv("ODAAT_FAULT_MODE");
    target = family_parse(getenv("ODAAT_FAULT_CALL"));
    target_k = k != NULL ? strtoul(k, NULL, 10) : 0;
    mode = MODE_EIO;
    if (m != NULL && strcmp(m, "enospc") == 0)
        mode = MODE_ENOSPC;
    else if (m != NULL && strcmp(m, "short") == 0)
        mode = MODE_SHORT;
    else if (m != NULL && strcmp(m, "unsupported") == 0)
        mode = MODE_UNSUPPORTED;
    memset(calls, 0, sizeof calls);
    injected = false;
    hit_dir = false;
    disk_full = false;
    armed = true;
}

void fault_disarm(void)
{
    armed = false;
}

unsigned long fault_calls(const char *family)
{
    int f = family_parse(family);
    return f >= 0 ? calls[f] : 0;
}

int fault_injected(void)
{
    return injected;
}

int fault_hit_dir(void)
{
    return hit_dir;
}

/* Counts a call of family f (on descriptor fd, or -1) and says whether it is the one to
 * fail. */
static bool fault_here(enum family f, int fd)
{
    if (!armed)
        return false;
    calls[f]++;
    if ((int)f != target || calls[f] != target_k)
        return false;
    struct stat st;
    injected = true;
    hit_dir = fd >= 0 && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode);
    return true;
}

static int fault_errno(void)
{
    switch (mode) {
    case MODE_EIO:
        return EIO;
    case MODE_UNSUPPORTED:
        return EOPNOTSUPP;
    case MODE_ENOSPC:
    case MODE_SHORT:
        break;
    }
    return ENOSPC;
}

/* The C library's own function of that name. A wrapper with nothing to wrap cannot go on. */
static void *next_symbol(const char *name)
{
    void *p = dlsym(RTLD_NEXT, name);
    if (p == NULL) {
        fprintf(stderr, "fault_shim: %s is missing from the C library\n", name);
        _Exit(99);
    }
    return p;
}

/* Function pointers cannot be assigned from void * in ISO C; copying the bytes is what
 * POSIX dlsym promises works. */
_Static_assert(sizeof(void *) == sizeof(void (*)(void)), "dlsym needs code pointers as wide");
#define RESOLVE(fn, name)                                                                          \
    do {                                                                                           \
        if ((fn) == NULL) {                                                                        \
            void *p_ = next_symbol(name);                                                          \
            memcpy(&(fn), &p_, sizeof(fn));                                                        \
        }                                                                                          \
    } while (0)

ssize_t write(int fd, const void *buf, size_t len)
{
    static ssize_t (*real)(int, const void *, size_t);
    RESOLVE(real, "write");
    if (fault_here(F_WRITE, fd)) {
        if (mode == MODE_SHORT) {
            disk_full = true;
            if (len / 2 > 0)
                return real(fd, buf, len / 2);
        }
        errno = fault_errno();
        return -1;
    }
    if (armed && disk_full) {
        errno = ENOSPC;
        return -1;
    }
    return real(fd, buf, len);
}

int fsync(int fd)
{
    static int (*real)(int);
    RESOLVE(real, "fsync");
    if (fault_here(F_FSYNC, fd)) {
        errno = fault_errno();
        return -1;
    }
    return real(fd);
}

int close(int fd)
{
    static int (*real)(int);
    RESOLVE(real, "close");
    if (fault_here(F_CLOSE, fd)) {
        int e = fault_errno();
        real(fd);
        errno = e;
        return -1;
    }
    return real(fd);
}

int rename(const char *from, const char *to)
{
    static int (*real)(const char *, const char *);
    RESOLVE(real, "rename");
    if (fault_here(F_RENAME, -1)) {
        errno = fault_errno();
        return -1;
    }
    return real(from, to);
}

int renameat(int from_dir, const char *from, int to_dir, const char *to)
{
    static int (*real)(int, const char *, int, const char *);
    RESOLVE(real, "renameat");
    if (fault_here(F_RENAME, -1)) {
        errno = fault_errno();
        return -1;
    }
    return real(from_dir, from, to_dir, to);
}

int link(const char *from, const char *to)
{
    static int (*real)(const char *, const char *);
    RESOLVE(real, "link");
    if (fault_here(F_LINK, -1)) {
        errno = fault_errno();
        return -1;
    }
    return real(from, to);
}

int linkat(int from_dir, const char *from, int to_dir, const char *to, int flags)
{
    static int (*real)(int, const char *, int, const char *, int);
    RESOLVE(real, "linkat");
    if (fault_here(F_LINK, -1)) {
        errno = fault_errno();
        return -1;
    }
    return real(from_dir, from, to_dir, to, flags);
}

/* posix_fallocate reports its error as the return value, not in errno. */
int posix_fallocate(int fd, long offset, long len)
{
    static int (*real)(int, long, long);
    RESOLVE(real, "posix_fallocate");
    if (fault_here(F_FALLOCATE, fd))
        return fault_errno();
    return real(fd, offset, len);
}

int posix_fallocate64(int fd, int64_t offset, int64_t len)
{
    static int (*real)(int, int64_t, int64_t);
    RESOLVE(real, "posix_fallocate64");
    if (fault_here(F_FALLOCATE, fd))
        return fault_errno();
    return real(fd, offset, len);
}
