package corpus

import (
	"reflect"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/seedscope/seedscope/pkg/arena"
)

// checkOwnMemory fails if any string reachable from vals points into
// data's memory: Parse promises that the caller may reuse data, and the
// loader reads the next file into it.
func checkOwnMemory(t testing.TB, data []byte, vals ...any) {
	t.Helper()
	if cap(data) == 0 {
		return
	}
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(data[:1])))
	hi := lo + uintptr(cap(data))
	// Values reached twice (YAML aliases share them) are walked once, and
	// the path to a value is kept as a stack, joined only to report it:
	// deep documents must not make the check quadratic.
	seen := map[[2]uintptr]bool{}
	var where []string
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			s := v.String()
			if p := uintptr(unsafe.Pointer(unsafe.StringData(s))); len(s) > 0 && p >= lo && p < hi {
				t.Fatalf("%s = %q points into the file's buffer", strings.Join(where, ""), s)
			}
		case reflect.Pointer, reflect.Map, reflect.Slice:
			if v.IsNil() || v.Type() == reflect.TypeFor[*time.Location]() {
				return
			}
			key := [2]uintptr{v.Pointer(), uintptr(v.Kind())}
			if v.Kind() == reflect.Slice {
				key[1] = uintptr(v.Len())<<8 | uintptr(v.Kind())
			}
			if seen[key] {
				return
			}
			seen[key] = true
			switch v.Kind() {
			case reflect.Pointer:
				walk(v.Elem())
			case reflect.Slice:
				where = append(where, "[]")
				for i := range v.Len() {
					walk(v.Index(i))
				}
				where = where[:len(where)-1]
			case reflect.Map:
				where = append(where, "{}")
				for it := v.MapRange(); it.Next(); {
					walk(it.Key())
					walk(it.Value())
				}
				where = where[:len(where)-1]
			}
		case reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Struct:
			for i := range v.NumField() {
				where = append(where, "."+v.Type().Field(i).Name)
				walk(v.Field(i))
				where = where[:len(where)-1]
			}
		case reflect.Array:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		}
	}
	for _, v := range vals {
		if v == nil {
			continue
		}
		where = append(where[:0], reflect.TypeOf(v).String())
		walk(reflect.ValueOf(v))
	}
}

// parseChecked is Parse, checked to keep nothing of data.
func parseChecked(t testing.TB, path, id string, data []byte, parser ParserName) (*Document, []Diagnostic, error) {
	t.Helper()
	doc, warnings, err := Parse(path, id, data, parser)
	checkOwnMemory(t, data, doc, warnings, err)
	return doc, warnings, err
}

func TestCompactKeepsNothingOfTheFile(t *testing.T) {
	tests := []string{
		// Every field of the schema, in both URL variants, with escapes.
		"---\ntitle: \"A \\\"quoted\\\" title\"\nexcerpt: plain excerpt\ncategory: news\ntype: article\n" +
			"publishedDateTime: 2020-01-07T20:02:00+02:00\nwebUrl: https://example.com/a\nampWebUrl: https://example.com/a/amp\n" +
			"cdnAmpWebUrl: https://example-com.cdn.ampproject.org/c/s/example.com/a/amp\nquality: 7\nheat: 9\npublished: true\n" +
			"provider:\n  name: Example\n  domain: example.com\n  images:\n    - url: /logo.png\n      title: logo\n      width: 5\n" +
			"topics:\n  - AI\n  - 'Cloud'\nimages:\n  - url: https://example.com/i.jpg\n    title: picture\n" +
			"related:\n  - title: Other\n    excerpt: more\n    sourceUrl: https://example.com/b\n    ampUrl: https://example.com/b/amp\n" +
			"    cdnAmpUrl: https://example-com.cdn.ampproject.org/c/s/example.com/b/amp\n    type: article\n" +
			"    provider:\n      name: Example\n      domain: example.com\n    images:\n      - url: https://example.com/j.jpg\n" +
			"secured: \"opaque\"\nlocale: en-us\nextra:\n  nested: [a, {b: c}]\n---\nThe body.\n",
		// yaml.v3 only: anchors, flow collections, block scalars.
		"---\ntitle: &t Title\nrelated: [{title: *t, webUrl: 'https://example.com/x'}]\nexcerpt: |\n  block\n  text\nx: {k: [v]}\n---\nbody\n",
		"Plain text title\n\nA body of &amp; text.\n",
		"---\ntitle: caf\xe9\n---\nLatin-1 body \xe9\n",
		"---\ntitle: [unclosed\n---\n",
	}
	for _, in := range tests {
		for _, parser := range Parsers {
			data := []byte(in)
			doc, _, err := parseChecked(t, "f.md", "f", data, parser)
			if doc == nil && err == nil {
				t.Fatalf("%q: no document and no error", in)
			}
			if doc == nil {
				continue
			}
			// The document is unchanged when the buffer is overwritten.
			before, _ := doc.MarshalJSON()
			copy(data, strings.Repeat("#", len(data)))
			if after, _ := doc.MarshalJSON(); string(before) != string(after) {
				t.Fatalf("%s: document changed with the buffer:\n%s\n%s", parser, before, after)
			}
		}
	}
}

func TestCompactSharesRepeatedValues(t *testing.T) {
	// One compactor, as one parse worker has (the pool may hand out
	// another at any time).
	c := &compactor{interned: arena.Table{Max: maxInternEntries}, blocks: arena.Arena{Size: chunkSize}}
	parse := func(name string) *Document {
		d := &Document{ID: name, Path: name + ".md"}
		if !decodeFastString("provider:\n  name: Example\ntopics:\n  - AI\ntitle: T\n", d, documentKeys) {
			t.Fatal("the fast decoder declined")
		}
		c.compact(d)
		return d
	}
	a, b := parse("a"), parse("b")
	if unsafe.StringData(a.Provider.Name) != unsafe.StringData(b.Provider.Name) || a.Provider.Name != "Example" {
		t.Errorf("provider names %q and %q are not shared", a.Provider.Name, b.Provider.Name)
	}
	if unsafe.StringData(a.Title) == unsafe.StringData(b.Title) {
		t.Error("titles are shared: only short values of repeating fields should be")
	}
}

// TestCompactSharesWithinDocument: a URL its AMP variant extends, an image
// titled as its document, and the ID inside the path take no memory of
// their own.
func TestCompactSharesWithinDocument(t *testing.T) {
	in := "---\ntitle: A title\nsourceUrl: https://example.com/a\nampUrl: https://example.com/a/amp\n" +
		"images:\n  - url: https://example.com/i.jpg\n    title: A title\n---\n"
	d, _, err := Parse("corpus/dir/doc.md", "dir/doc", []byte(in), ParserAuto)
	if err != nil {
		t.Fatal(err)
	}
	same := func(name, a, b string) {
		t.Helper()
		if !strings.HasPrefix(b, a) || unsafe.StringData(a) != unsafe.StringData(b) {
			t.Errorf("%s: %q does not share the memory of %q", name, a, b)
		}
	}
	same("url", d.URL, d.AmpURL)
	same("image title", d.Images[0].Title, d.Title)
	if d.ID != "dir/doc" || unsafe.StringData(d.ID) != unsafe.StringData(d.Path[len("corpus/"):]) {
		t.Errorf("ID %q is not the memory of path %q", d.ID, d.Path)
	}
}
