//go:build unix

package corpus

import (
	"sync/atomic"
	"syscall"
)

// rawThreshold is the smallest block taken from the system rather than
// the Go heap: smaller ones are not worth a system call.
const rawThreshold = 64 << 10

// allocRaw returns n zeroed bytes and a function that frees them. Blocks
// of rawThreshold and more are anonymous mappings, outside the Go heap:
// the collector lets its heap grow to about twice what is live, so a
// folder listing held on the heap would cost twice its size, while a
// mapping costs the pages written to and is given back at once when
// freed. The bytes must never hold Go pointers.
func allocRaw(n int) ([]byte, func()) {
	if n < rawThreshold {
		return make([]byte, n), func() {}
	}
	b, err := syscall.Mmap(-1, 0, n, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return make([]byte, n), func() {}
	}
	rawBytes.Add(int64(n))
	return b, func() {
		if b != nil {
			_ = syscall.Munmap(b)
			rawBytes.Add(-int64(n))
			b = nil
		}
	}
}

// rawBytes is what allocRaw has mapped and not yet freed.
var rawBytes atomic.Int64

// RawMemory returns the bytes loads hold outside the Go heap now (the
// listings of large folders, see allocRaw): memory the collector's
// pacing does not see.
func RawMemory() int64 { return rawBytes.Load() }
