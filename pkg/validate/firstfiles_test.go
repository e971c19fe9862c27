package validate

import (
	"fmt"
	"testing"
)

func TestFirstFiles(t *testing.T) {
	x := newFirstFiles()
	steps := []struct {
		kind      byte
		key, path string
		first     string
		dup       bool
	}{
		{idKey, "a", "dir/a.md", "", false},
		{urlKey, "example.com/a", "dir/a.md", "", false},
		{urlKey, "a", "dir/b.md", "", false}, // the same text as an ID: another kind
		{idKey, "a", "dir/a.txt", "dir/a.md", true},
		{urlKey, "example.com/a", "dir/c.md", "dir/a.md", true},
		{urlKey, "a", "dir/d.md", "dir/b.md", true},
	}
	for _, s := range steps {
		first, dup := x.seen(s.kind, s.key, s.path)
		if first != s.first || dup != s.dup {
			t.Errorf("seen(%c, %q, %q) = %q, %v; want %q, %v", s.kind, s.key, s.path, first, dup, s.first, s.dup)
		}
	}
	if len(x.paths) != 2 {
		t.Errorf("paths kept: %q, want the two files that were first", x.paths)
	}
	// Many keys, each first in its own file, then all seen again.
	const n = 20000
	for i := range n {
		x.seen(urlKey, fmt.Sprintf("example.org/%d", i), fmt.Sprintf("many/%d.md", i))
	}
	for i := range n {
		want := fmt.Sprintf("many/%d.md", i)
		if first, dup := x.seen(urlKey, fmt.Sprintf("example.org/%d", i), "again.md"); !dup || first != want {
			t.Fatalf("key %d: first %q (dup %v), want %q", i, first, dup, want)
		}
	}
}
