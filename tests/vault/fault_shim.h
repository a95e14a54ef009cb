/*
 * fault_shim: the calls a test program makes into the LD_PRELOAD fault library (see
 * fault_shim.c). A program finds them with dlsym(RTLD_DEFAULT, name), so it still links
 * and runs without the library and can tell that it is missing.
 */
#ifndef ODAAT_TESTS_FAULT_SHIM_H
#define ODAAT_TESTS_FAULT_SHIM_H

/* Reads ODAAT_FAULT_CALL, ODAAT_FAULT_K and ODAAT_FAULT_MODE, zeroes the counts and starts
 * counting (and failing) calls. */
void fault_arm(void);
typedef void fault_arm_fn(void);

/* Stops counting and failing: every later call goes straight to the C library. */
void fault_disarm(void);
typedef void fault_disarm_fn(void);

/* How many calls of one family ("write", "fsync", "close", "rename", "link",
 * "posix_fallocate") were made while armed; 0 for an unknown name. */
unsigned long fault_calls(const char *family);
typedef unsigned long fault_calls_fn(const char *family);

/* 1 when the k-th call of the chosen family happened while armed, and was failed. */
int fault_injected(void);
typedef int fault_injected_fn(void);

/* 1 when the failed call was made on a descriptor of a directory (close, fsync). */
int fault_hit_dir(void);
typedef int fault_hit_dir_fn(void);

#endif
