// Package hostiletest is test support: it builds the hostile test corpus,
// the committed files of testdata/hostile plus, under gen/, the cases git
// cannot hold (a FIFO, symlink loops and diamonds, a broken link, links
// out of the corpus, a hard link, names that are not UTF-8) or that are
// too big to commit. The corpus tests and the end-to-end CLI tests both run over it.
package hostiletest

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
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
	must(mkfifo(filepath.Join(gen, "fifo.md")))
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
	must(os.MkdirAll(filepath.Join(gen, DeceptiveDir), 0o755))
	for _, n := range DeceptiveNames {
		write(filepath.Join(DeceptiveDir, n.Name), n.Content)
	}
	addWalkCases(t, root)
	for name, text := range Bounds() {
		write(name, text)
	}
	write("entities-long-line.txt", EntityLine(2<<20))
	write("javascript:alert(1).md", "---\ntitle: A name that reads as a URI scheme\n---\n")
	return root
}

// DeceptiveDir is the folder of gen/ that holds DeceptiveNames.
const DeceptiveDir = "names"

// Deceptive is a file whose name tries to deceive whoever reads the
// output: a name that forges a line of its own (a GitHub Actions workflow
// command in a CI log), or one that prints like another.
type Deceptive struct {
	Name, Content string
	// Title is the document's title; "" when the file does not load
	// (Unterminated: a load error that names the file on stderr).
	Title string
}

// Unterminated is front matter that is never closed: a load error.
const Unterminated = "---\ntitle: Never closed\nbody text\n"

// DeceptiveNames are the deceptive files written under gen/names/. Their
// IDs share the prefix "names/", so "show names/" lists them all.
var DeceptiveNames = []Deceptive{
	{Name: "x\n::error title=forged::all clean.md", Content: "---\ntitle: Forged workflow command\n---\nbody\n", Title: "Forged workflow command"},
	{Name: "y\n::error title=forged::all clean.md", Content: Unterminated},
	{Name: "x\r::warning::carriage return.md", Content: "---\ntitle: Carriage return\n---\n", Title: "Carriage return"},
	{Name: "x\u2028::notice::line separator.md", Content: "---\ntitle: Line separator\n---\n", Title: "Line separator"},
	{Name: "%0A::notice::percent, comma: colon.md", Content: "---\ntitle: Escapes\n---\n", Title: "Escapes"},
	{Name: "x\x1b[2J\x1b]8;;https:evil.example\x07.md", Content: Unterminated},
	// Two ids that print alike unless invisible characters are shown.
	{Name: "c.md", Content: "---\ntitle: Plain c\n---\n", Title: "Plain c"},
	{Name: "\u200bc.md", Content: "---\ntitle: Zero-width space\n---\n", Title: "Zero-width space"},
	{Name: "c\u200d.md", Content: "---\ntitle: Zero-width joiner\n---\n", Title: "Zero-width joiner"},
	{Name: "\ufeffc.md", Content: "---\ntitle: Byte order mark\n---\n", Title: "Byte order mark"},
	{Name: "c\u00ad.md", Content: "---\ntitle: Soft hyphen\n---\n", Title: "Soft hyphen"},
	{Name: "c\U000E0063.md", Content: "---\ntitle: Tag character\n---\n", Title: "Tag character"},
	{Name: "\u202ec.md", Content: "---\ntitle: \"Bidi \\u202eoverride\"\n---\n", Title: "Bidi \u202eoverride"},
	{Name: "\u2060c\u2066.md", Content: Unterminated},
}

// DiamondLevels is the depth of the symlink diamond under gen/diamond.
const DiamondLevels = 25

// addWalkCases adds what tests the walk rather than the parser, under
// gen/: a diamond of folder symlinks (DiamondLevels folders l00, l01…,
// each holding two links, a and b, to the next (and the first and last a
// document, doc.md): 2^25 paths to
// the last folder when links are followed without remembering folders);
// links that lead out of the corpus (outside-link.md to a file beside the
// corpus root, outside-dir to a folder there, as a link to /etc/passwd
// would); a relative link to a file of the corpus (link-to-doc.md); a hard
// link (hardlink.md, the same file as alias-ok.md); and two names that
// differ only in bytes that are not UTF-8 (git cannot hold them), with a
// third that spells such a byte as text.
func addWalkCases(t testing.TB, root string) {
	t.Helper()
	gen := filepath.Join(root, "gen")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	diamond := filepath.Join(gen, "diamond")
	for i := 0; i <= DiamondLevels; i++ {
		level := filepath.Join(diamond, DiamondLevel(i))
		must(os.MkdirAll(level, 0o755))
		if DiamondHasDoc(i) {
			must(os.WriteFile(filepath.Join(level, "doc.md"), []byte("---\ntitle: Diamond "+DiamondLevel(i)+"\n---\n"), 0o644))
		}
		if i < DiamondLevels {
			must(os.Symlink(filepath.Join("..", DiamondLevel(i+1)), filepath.Join(level, "a")))
			must(os.Symlink(filepath.Join("..", DiamondLevel(i+1)), filepath.Join(level, "b")))
		}
	}

	outside := filepath.Join(filepath.Dir(root), "outside")
	must(os.MkdirAll(outside, 0o755))
	must(os.WriteFile(filepath.Join(outside, "secret.md"), []byte("---\ntitle: Outside the corpus\n---\nnot for export\n"), 0o600))
	must(os.Symlink(filepath.Join(outside, "secret.md"), filepath.Join(gen, "outside-link.md")))
	must(os.Symlink(outside, filepath.Join(gen, "outside-dir")))
	must(os.Symlink(filepath.Join("..", "alias-ok.md"), filepath.Join(gen, "link-to-doc.md")))
	must(os.Link(filepath.Join(root, "alias-ok.md"), filepath.Join(gen, "hardlink.md")))

	names := filepath.Join(gen, InvalidDir)
	must(os.MkdirAll(names, 0o755))
	for _, name := range InvalidNames {
		must(os.WriteFile(filepath.Join(names, name), []byte("---\ntitle: "+strconv.Quote(name)+"\n---\n"), 0o644))
	}
}

// DiamondHasDoc reports whether level i of the diamond holds doc.md: the
// first and the last (a document per level would make the CLI tests, which
// show every document, slower for nothing).
func DiamondHasDoc(i int) bool { return i == 0 || i == DiamondLevels }

// DiamondLevel names a level of the symlink diamond: l00, l01…
func DiamondLevel(i int) string { return fmt.Sprintf("l%02d", i) }

// InvalidDir is the folder of gen/ that holds InvalidNames (apart from
// DeceptiveNames, so that "show names/" lists only those).
const InvalidDir = "bytes"

// InvalidNames are the file names under gen/bytes: two that differ only
// in a byte that is not UTF-8, and one that spells such a byte as text.
var InvalidNames = []string{"a\xfe.md", "a\xff.md", `a\xff.md`}

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

// EntityLine is a plain-text file whose second line is size bytes of
// broken entities ("& # 39;"): one finding every 7 bytes, all on one line,
// where validate once counted each finding's column from the line's start
// (95 s for 2 MB).
func EntityLine(size int) string {
	return "Entities on one line\n" + strings.Repeat("& # 39;", size/7) + "\n"
}
