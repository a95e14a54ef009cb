/*
 * utf8: reading and writing one character of UTF-8, for the few places that walk text a
 * character at a time (the editor's buffer, the journal search, the interface's fields).
 * Pure C, like the rest of the core.
 */
#ifndef ODAAT_UTF8_H
#define ODAAT_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes the character at s (n bytes left) into *cp and returns its length, 1 to 4; returns
 * 0, leaving *cp alone, when the bytes there are not well-formed UTF-8 (a stray continuation
 * byte, a character cut short, an overlong form, a surrogate, a value past U+10FFFF) or n
 * is 0. */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Writes cp into out (room for 4 bytes) and returns its length, 1 to 4; returns 0 for a
 * surrogate or a value past U+10FFFF, which UTF-8 cannot hold. */
size_t utf8_encode(uint32_t cp, unsigned char out[static 4]);

#endif
