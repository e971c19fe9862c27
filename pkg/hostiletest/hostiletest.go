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
	for name, text := range Bounds() {
		write(name, text)
	}
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

// Bounds returns the generated files that test the per-document bounds,
// by name: front matter of about 1 MiB holding far more YAML nodes than
// the node limit (empty mappings in a list, keys of one mapping, keys
// nested under one key), and lists over the item limit within it.
func Bounds() map[string]string {
	return map[string]string{
		"many-nodes.md":  ManyNodes(349_000),
		"many-keys.md":   ManyKeys(190_000, ""),
		"nested-keys.md": ManyKeys(80_000, "x"),
		"long-list.md":   LongList(12_000),
		"wide-map.md":    ManyKeys(40_000, "wide"),
	}
}

// ManyNodes is a document whose related list holds n empty mappings,
// three bytes each: [{},{},…].
func ManyNodes(n int) string {
	return "---\ntitle: many nodes\nrelated: [" + strings.TrimSuffix(strings.Repeat("{},", n), ",") + "]\n---\n"
}

// ManyKeys is a document with n distinct keys with empty values, at the
// top level or, when under is set, in a mapping under that key; 190,000
// keys fit in 1 MiB.
func ManyKeys(n int, under string) string {
	var b strings.Builder
	b.WriteString("---\ntitle: many keys\n")
	indent := ""
	if under != "" {
		b.WriteString(under + ":\n")
		indent = "  "
	}
	for i := range n {
		b.WriteString(indent + Key(i) + ":\n")
	}
	b.WriteString("---\n")
	return b.String()
}

// Key returns a distinct key of at least three letters for i, none of
// which spells a word YAML reads as a null or a boolean.
func Key(i int) string {
	const letters = "abcdefghijkmnopqrstvwxyzABCDEFGHIJKMNOPQRSTVWXYZ" // no l, u: no null, true, false
	i += len(letters) * len(letters)
	var b []byte
	for {
		b = append(b, letters[i%len(letters)])
		i /= len(letters)
		if i == 0 {
			return string(b)
		}
	}
}

// LongList is a document whose related list, in block form, holds n items.
func LongList(n int) string {
	return "---\ntitle: long list\nrelated:\n" + strings.Repeat("  - title: t\n", n) + "---\n"
}
