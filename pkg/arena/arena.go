// Package arena keeps many strings in little memory: Arena packs strings
// that live about as long as each other into large shared chunks (one
// allocation per chunk instead of one per string, and no rounding of each
// string up to an allocation size class; a chunk is freed when no string
// cut from it is left), and Table keeps one copy of values that repeat.
package arena

import (
	"strings"
	"unsafe"
)

// Arena hands out memory cut from chunks of Size bytes. The zero value
// uses DefaultSize. An Arena is not safe for concurrent use.
type Arena struct {
	Size int
	free []byte // the unused end of the current chunk
}

// DefaultSize is the chunk size of an Arena whose Size is 0.
const DefaultSize = 64 << 10

// Block returns memory for n bytes: a slice of length 0 and capacity n
// that shares no memory with any other block. A request over an eighth of
// a chunk gets an allocation of its own, so a chunk never wastes much.
func (a *Arena) Block(n int) []byte {
	size := a.Size
	if size <= 0 {
		size = DefaultSize
	}
	if n > size/8 {
		return make([]byte, 0, n)
	}
	if len(a.free) < n {
		a.free = make([]byte, size)
	}
	b := a.free[:0:n]
	a.free = a.free[n:]
	return b
}

// Copy returns a copy of s in the arena's memory.
func (a *Arena) Copy(s string) string {
	if s == "" {
		return ""
	}
	b := append(a.Block(len(s)), s...)
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// Table shares one copy of each of up to Max distinct strings (no limit
// when Max is 0), for values that repeat across many records. The zero
// value is ready to use; a Table is not safe for concurrent use.
type Table struct {
	Max  int
	kept map[string]string
}

// Intern returns the kept copy of s, keeping one while the table has
// room; false when s is not kept.
func (t *Table) Intern(s string) (string, bool) {
	if v, ok := t.kept[s]; ok {
		return v, true
	}
	if t.Max > 0 && len(t.kept) >= t.Max {
		return "", false
	}
	if t.kept == nil {
		t.kept = map[string]string{}
	}
	v := strings.Clone(s) // s may point into memory that will be reused
	t.kept[v] = v
	return v, true
}
