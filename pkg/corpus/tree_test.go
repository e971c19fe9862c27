package corpus

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/seedscope/seedscope/pkg/yamlnode"
)

// sameTree checks that the tree the fast decoder builds for front matter
// it accepts is yaml.v3's: kinds, tags, styles, values, lines and columns
// of every node (comments aside). sameAsYAML calls it on every input the
// fast decoder accepts, so every differential test and fuzz target that
// uses it checks the tree too.
func sameTree(t *testing.T, name string, fm []byte) {
	t.Helper()
	var doc Document
	p, ok := decodeFast(string(fm), &doc, documentKeys)
	defer p.release()
	if !ok {
		t.Errorf("%s: fast decoder rejected input it accepted before", name)
		return
	}
	got := p.yamlTree()
	want, err := yamlnode.Parse(fm)
	if err != nil {
		t.Errorf("%s: yaml.v3 rejects front matter the fast decoder accepts: %v", name, err)
		return
	}
	if d := treeDiff(got, want, "$"); d != "" {
		t.Errorf("%s: tree differs from yaml.v3's at %s\ninput: %q", name, d, fm)
	}
}

// treeDiff describes the first difference between two trees, or "".
func treeDiff(got, want *yaml.Node, at string) string {
	g := fmt.Sprintf("kind %d tag %q style %d value %q at %d:%d, %d children",
		got.Kind, got.Tag, got.Style, got.Value, got.Line, got.Column, len(got.Content))
	w := fmt.Sprintf("kind %d tag %q style %d value %q at %d:%d, %d children",
		want.Kind, want.Tag, want.Style, want.Value, want.Line, want.Column, len(want.Content))
	if g != w {
		return fmt.Sprintf("%s: got %s, want %s", at, g, w)
	}
	for i := range got.Content {
		if d := treeDiff(got.Content[i], want.Content[i], fmt.Sprintf("%s[%d]", at, i)); d != "" {
			return d
		}
	}
	return ""
}

// TestFastTree pins the positions yaml.v3 gives the shapes the fast
// decoder takes: empty values (just after the colon), sequences at their
// key's indentation, mappings in sequences, quoted and typed scalars,
// keys YAML reads as other than strings, CRLF line ends, comments.
func TestFastTree(t *testing.T) {
	for _, fm := range []string{
		"",
		"# only a comment\n",
		"title: T\n",
		"title:\nurl: x\n",
		"title:   \nurl:\n",
		"topics:\n- a\n- b\nnext: 1\n",
		"topics:\n  - a\n  -   'b'\n  - \"c\\u00e9\"\n",
		"provider:\n  name: N\n  images:\n    - url: u\n      width: 50\n",
		"related:\n  - title: \"x\"\n    url: https://e.com/a\n  - title: y\n",
		"quality: 1.5\nheat: -3\npublished: true\nsecured: ~\nnull: x\nTrue: y\n",
		"publishedDateTime: 2020-01-02T03:04:05Z\n",
		"title: T\r\nurl: u\r\n\r\n# c\r\nx:\r\n",
		"\n\n  # indented comment\ntitle: 'it''s'\n",
		"title: café crème\nexcerpt: ünïcödé – “quoted”\nurl: x\n",
	} {
		if sameAsYAML(t, fmt.Sprintf("%q", fm), []byte(fm)) {
			continue
		}
		t.Errorf("fast decoder rejects %q: the case tests nothing", fm)
	}
	// Columns after non-ASCII text on an earlier line stay right.
	fm := "title: éé\nexcerpt: " + strings.Repeat("ü", 50) + "\ntopics:\n  - ö\nurl: u\n"
	if !sameAsYAML(t, "after non-ASCII", []byte(fm)) {
		t.Errorf("fast decoder rejects %q: the case tests nothing", fm)
	}
}

// TestPlainTagIsShortTag pins plainTag's shortcuts to yaml.v3's own
// resolution, the digit strings above all (ints, octals, overflows,
// timestamps, floats).
func TestPlainTagIsShortTag(t *testing.T) {
	for _, v := range []string{
		"0", "1", "7", "42", "0123", "0999", "09", "123456789012345678", "999999999999999999",
		"9223372036854775807", "9223372036854775808", "18446744073709551616", "1234567890123456789",
		"1_000", "1e3", "1.5", "2020", "2020-04-02", "2020-04-02T03:21:00Z", "12:30", "1x", "+1", "-1",
		".5", "~", "null", "true", "no", "yes", "abc", "",
	} {
		n := &yaml.Node{Kind: yaml.ScalarNode, Value: v}
		if got, want := plainTag(n), n.ShortTag(); got != want {
			t.Errorf("plainTag(%q) = %s, yaml.v3 says %s", v, got, want)
		}
	}
}

// TestLineOfIsSearchInts holds lineOf's hint to the binary search it
// stands for, on offsets in and out of order.
func TestLineOfIsSearchInts(t *testing.T) {
	nl := []int{3, 4, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 40, 41, 90}
	offs := []int{0, 3, 4, 5, 12, 12, 11, 2, 19, 20, 41, 42, 91, 0, 89, 90, 13, 100, 1, 17, 18, 4, 40}
	for _, lines := range [][]int{nil, nl[:1], nl} {
		p := &fastParser{newlines: lines}
		for _, off := range offs {
			if got, want := p.lineOf(off), sort.SearchInts(lines, off); got != want {
				t.Fatalf("lines %v: lineOf(%d) = %d, want %d", lines, off, got, want)
			}
		}
	}
}
