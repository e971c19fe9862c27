//go:build !unix

package corpus

// allocRaw returns n zeroed bytes and a function that frees them: on the
// Go heap on this system (see rawmem_unix.go).
func allocRaw(n int) ([]byte, func()) { return make([]byte, n), func() {} }

// RawMemory returns the bytes loads hold outside the Go heap: none on
// this system.
func RawMemory() int64 { return 0 }
