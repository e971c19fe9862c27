// Package hostiletest is test support: it builds the hostile test corpus,
// the committed files of testdata/hostile plus, under gen/, the cases git
// cannot hold (a FIFO, symlink loops, a broken link) or that are too big
// to commit. The corpus tests and the end-to-end CLI tests both run over it.
package hostiletest

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Corpus copies the committed hostile corpus at src into a temporary
// folder, adds the generated cases under gen/, and returns the folder.
func Corpus(t testing.TB, src string) string {
	t.Helper()
	root := filepath.Join(t.TempDir(), "hostile")
	if err := os.CopyFS(root, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	gen := filepath.Join(root, "gen")
	write := func(name, s string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(gen, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(gen, "loop"), 0o755))
	must(syscall.Mkfifo(filepath.Join(gen, "fifo.md"), 0o644))
	must(os.Symlink("missing.md", filepath.Join(gen, "broken-link.md")))
	must(os.Symlink("..", filepath.Join(gen, "loop", "parent")))
	must(os.Symlink(".", filepath.Join(gen, "loop", "self")))
	f, err := os.Create(filepath.Join(gen, "huge.md"))
	must(err)
	must(f.Truncate(100 << 20)) // sparse: no disk used
	must(f.Close())
	write("long-line.txt", strings.Repeat("word ", 3<<20/5))
	write("long-title.md", "---\ntitle: "+strings.Repeat("t", 512<<10)+"\n---\n")
	write("long-fm.md", "---\ntitle: "+strings.Repeat("t", 3<<20)+"\n---\n")
	write("deep-flow.md", "---\nx: "+DeepFlow(20000)+"\n---\n")
	write("deep-map.md", "---\nx: "+DeepMap(20000)+"\n---\n")
	write("deep-block.md", "---\nx:\n  "+DeepBlock(20000)+"\n---\n")
	write("deep-ok.md", "---\ntitle: Nested 5000 deep\nx: "+DeepFlow(5000)+"\n---\n")
	write("related-bomb.md", RelatedBomb(3000))
	write("entities-long-line.txt", EntityLine(2<<20))
	write("javascript:alert(1).md", "---\ntitle: A name that reads as a URI scheme\n---\n")
	return root
}

// DeepFlow nests n flow sequences: [[[…]]].
func DeepFlow(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }

// DeepMap nests n flow mappings: {a: {a: … 1}}.
func DeepMap(n int) string {
	return strings.Repeat("{a: ", n) + "1" + strings.Repeat("}", n)
}

// DeepBlock nests n block sequences on one line: - - - x.
func DeepBlock(n int) string { return strings.Repeat("- ", n) + "x" }

// RelatedBomb aliases one related item n times, and that item aliases one
// image n times: n² images from a few bytes per alias, through the fields
// seedscope maps itself rather than through yaml.v3's Decode.
func RelatedBomb(n int) string {
	return "---\ntitle: quadratic\nimg: &i {url: x}\nitem: &r {images: [" + strings.TrimSuffix(strings.Repeat("*i,", n), ",") +
		"]}\nrelated: [" + strings.TrimSuffix(strings.Repeat("*r,", n), ",") + "]\n---\n"
}

// EntityLine is a plain-text file whose second line is size bytes of
// broken entities ("& # 39;"): one finding every 7 bytes, all on one line,
// where validate once counted each finding's column from the line's start
// (95 s for 2 MB).
func EntityLine(size int) string {
	return "Entities on one line\n" + strings.Repeat("& # 39;", size/7) + "\n"
}
