package arena

import (
	"strings"
	"testing"
	"unsafe"
)

func TestCopy(t *testing.T) {
	var a Arena
	src := []byte("hello")
	s := a.Copy(string(src[:]))
	t2 := a.Copy("world")
	src[0] = 'j'
	if s != "hello" || t2 != "world" {
		t.Fatalf("copies %q %q", s, t2)
	}
	// Consecutive small copies share a chunk, side by side.
	if uintptr(unsafe.Pointer(unsafe.StringData(t2))) != uintptr(unsafe.Pointer(unsafe.StringData(s)))+5 {
		t.Error("small copies are not packed into one chunk")
	}
	if a.Copy("") != "" {
		t.Error("empty copy")
	}
}

func TestBlocks(t *testing.T) {
	a := Arena{Size: 64}
	b1 := append(a.Block(8), "abcdefgh"...)
	b2 := append(a.Block(8), "ijklmnop"...)
	// Appending past a block's capacity must not run into the next one.
	b1 = append(b1, 'X')
	if string(b2) != "ijklmnop" || string(b1) != "abcdefghX" {
		t.Fatalf("blocks overlap: %q %q", b1, b2)
	}
	big := a.Block(9) // over an eighth of 64: its own allocation
	if cap(big) != 9 {
		t.Errorf("cap %d, want 9", cap(big))
	}
	// A chunk that cannot hold a request is replaced.
	var got []string
	for i := range 20 {
		got = append(got, a.Copy(strings.Repeat(string(rune('a'+i)), 8)))
	}
	for i, s := range got {
		if s != strings.Repeat(string(rune('a'+i)), 8) {
			t.Fatalf("copy %d = %q", i, s)
		}
	}
}

func TestTable(t *testing.T) {
	tab := Table{Max: 2}
	src := []byte("abc")
	a, ok := tab.Intern(string(src[:]))
	src[0] = 'x' // the table keeps a copy
	b, ok2 := tab.Intern("abc")
	if !ok || !ok2 || a != "abc" || unsafe.StringData(a) != unsafe.StringData(b) {
		t.Fatalf("interned %q (%v) and %q (%v), want one shared copy", a, ok, b, ok2)
	}
	if _, ok := tab.Intern("def"); !ok {
		t.Error("second value not kept")
	}
	if _, ok := tab.Intern("ghi"); ok {
		t.Error("a third value kept over Max 2")
	}
	if v, ok := tab.Intern("def"); !ok || v != "def" {
		t.Error("a kept value is no longer found when the table is full")
	}
}
