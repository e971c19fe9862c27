//go:build unix

package corpus

import (
	"context"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestWalkIDsFolderClashes walks real folders of clashing names and
// checks every ID against the reference: one idSet of every ID given in
// path order, as the walker kept before it held folders as listings.
func TestWalkIDsFolderClashes(t *testing.T) {
	fixed := []string{"a.md", "a.txt", "a.txt.md", "a~2.md", "a.MD", "a.md.md", "a.text", "a~3.txt",
		"b\xff.md", `b\xff.md`, "b\xfe.txt", ".hidden.md", "c.jpg", "c.md", "c.markdown", "c.md.txt"}
	parts := []string{"a", "b", "~2", "~", "3", ".md", ".txt", ".MD", ".text", ".jpg", "\xff", `\xff`}
	rng := rand.New(rand.NewPCG(3, 4))
	for round := range 20 {
		root := t.TempDir()
		set := map[string]bool{}
		names := slices.Clone(fixed)
		for range 60 {
			var b strings.Builder
			for range 1 + rng.IntN(4) {
				b.WriteString(parts[rng.IntN(len(parts))])
			}
			names = append(names, b.String())
		}
		for _, sub := range []string{"", "sub"} {
			for _, n := range names {
				if set[sub+"/"+n] || strings.HasPrefix(n, ".") && round > 0 {
					continue
				}
				set[sub+"/"+n] = true
				if err := os.MkdirAll(filepath.Join(root, sub), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(root, sub, n), []byte("x\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		var got []string
		if err := WalkIDs(context.Background(), []string{root}, Options{}, func(id, p string) error {
			rel, _ := filepath.Rel(root, p)
			got = append(got, rel+" "+id)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		var walk func(sub string) []string
		walk = func(sub string) []string {
			var ns, out []string
			for k := range set {
				if d, n := path.Split(k); d == sub+"/" {
					ns = append(ns, n)
				}
			}
			if sub == "" {
				ns = append(ns, "sub")
			}
			slices.Sort(ns)
			ref := newIDSet()
			for _, n := range ns {
				if sub == "" && n == "sub" {
					out = append(out, walk("sub")...)
					continue
				}
				if strings.HasPrefix(n, ".") || !defaultExts[strings.ToLower(path.Ext(n))] {
					continue
				}
				r := path.Join(sub, escapeName(n))
				out = append(out, path.Join(sub, n)+" "+ref.unique(idFromRel(r), r))
			}
			return out
		}
		want := walk("")
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: WalkIDs gives\n%q\nthe reference\n%q", round, got, want)
		}
	}
}

// TestRawMemory: what allocRaw maps outside the heap is counted until it
// is freed, once however often free is called; smaller blocks are on the
// heap and not counted.
func TestRawMemory(t *testing.T) {
	before := RawMemory()
	small, freeSmall := allocRaw(rawThreshold - 1)
	if got := RawMemory(); got != before {
		t.Errorf("a %d-byte block: RawMemory %d, want %d", len(small), got, before)
	}
	freeSmall()
	big, free := allocRaw(rawThreshold * 2)
	if got, want := RawMemory(), before+int64(len(big)); got != want {
		t.Errorf("a %d-byte block: RawMemory %d, want %d", len(big), got, want)
	}
	free()
	free()
	if got := RawMemory(); got != before {
		t.Errorf("freed twice: RawMemory %d, want %d", got, before)
	}
}
