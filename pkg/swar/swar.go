// Package swar tests 8 bytes at once in a 64-bit word ("SIMD within a
// register"): the fast paths of the scanners that skip text needing no
// work (the front-matter parser, the JSON and CSV string writers).
//
// Each test returns a mask whose high bit is set in the bytes that pass
// it; its other bits mean nothing. Masks are combined with | and read
// with Any. Borrows between bytes can set the high bit of a byte above
// one that passes, never of one below, so Any and First are exact where
// counting the bits would not be.
package swar

import "math/bits"

// Ones has 1 in each byte; Highs the high bit of each byte.
const (
	Ones  = 0x0101010101010101
	Highs = 0x8080808080808080
)

// Load returns the first 8 bytes of s as a word, s[0] lowest. s must hold
// 8 bytes at least.
func Load(s string) uint64 {
	_ = s[7] // one bounds check, so the loads merge into one
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// Equal marks the bytes of w equal to c.
func Equal(w uint64, c byte) uint64 {
	x := w ^ uint64(c)*Ones
	return (x - Ones) &^ x
}

// Below marks the bytes of w below c, for c at most 0x80; bytes of 0x80
// and above are not marked.
func Below(w uint64, c byte) uint64 {
	return (w - uint64(c)*Ones) &^ w
}

// NotASCII marks the bytes of w of 0x80 and above.
func NotASCII(w uint64) uint64 { return w }

// Unprintable marks the bytes of w that are not printable ASCII: below
// 0x20, or 0x7F and above. On the low seven bits of each byte no sum
// carries into the next byte, so every byte's mark is exact.
func Unprintable(w uint64) uint64 {
	low := w &^ Highs
	return w | (low + Ones) | ^(low + 0x60*Ones)
}

// Any reports whether a mask marks a byte.
func Any(mask uint64) bool { return mask&Highs != 0 }

// First returns the index of the first byte a mask marks, 8 if none: a
// scanner can skip the bytes before it, which pass none of its tests.
func First(mask uint64) int { return bits.TrailingZeros64(mask&Highs) / 8 }
