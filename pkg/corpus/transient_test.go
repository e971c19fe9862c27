package corpus

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"testing"
)

// transientRoots hold both kinds of document and files the loader
// rejects or warns about (binary, Latin-1, broken YAML).
var transientRoots = []string{"../../seeds", "../../testdata/hostile"}

// streamAll streams roots with o and returns every result.
func streamAll(t *testing.T, roots []string, o Options) []Result {
	t.Helper()
	var out []Result
	if err := Stream(context.Background(), roots, o, func(r Result) error {
		out = append(out, r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestTransientSameDocuments: documents that point into their files
// (Options.Transient) are the documents a load copies out, with the same
// diagnostics, and they stay so while later loads reuse the pooled
// buffers: no transient document points into one.
func TestTransientSameDocuments(t *testing.T) {
	want := streamAll(t, transientRoots, Options{})
	got := streamAll(t, transientRoots, Options{Transient: true})
	if len(got) != len(want) {
		t.Fatalf("%d results transient, %d copied", len(got), len(want))
	}
	snapshot := func(rs []Result) [][]byte {
		var out [][]byte
		for _, r := range rs {
			b, err := json.Marshal(r.Doc)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, b)
		}
		return out
	}
	docs := 0
	for i, r := range got {
		w := want[i]
		if r.Path != w.Path || !reflect.DeepEqual(r.Doc, w.Doc) || !reflect.DeepEqual(r.Diags, w.Diags) {
			t.Errorf("%s: transient\n%+v %v\ncopied\n%+v %v", w.Path, r.Doc, r.Diags, w.Doc, w.Diags)
		}
		if r.Doc != nil {
			docs++
		}
	}
	if docs < 10 {
		t.Fatalf("only %d documents loaded", docs)
	}
	before := snapshot(got)
	for range 3 {
		streamAll(t, transientRoots, Options{}) // fills and reuses the pooled buffers
	}
	for i, b := range snapshot(got) {
		if !bytes.Equal(b, before[i]) {
			t.Errorf("%s: a transient document changed when later loads reused buffers", got[i].Path)
		}
	}
}

// TestParseBorrow: with borrow the document points into the bytes it
// was parsed from; without, into copies of its own (see compact).
func TestParseBorrow(t *testing.T) {
	const file = "---\ntitle: Borrowed title\ntopics: [a, b]\n---\nThe body text.\n"
	for _, borrow := range []bool{false, true} {
		data := []byte(file)
		d, _, err := parseFile("x.md", "x", data, ParserAuto, nil, nil, parseNeeds{borrow: borrow})
		if err != nil {
			t.Fatal(err)
		}
		if d.Title != "Borrowed title" || d.Body != "The body text." {
			t.Fatalf("borrow %v: title %q, body %q", borrow, d.Title, d.Body)
		}
		copy(data, bytes.Repeat([]byte("#"), len(data))) // what a reused buffer does
		changed := d.Title != "Borrowed title" || d.Body != "The body text."
		if changed != borrow {
			t.Errorf("borrow %v: after the bytes were overwritten, title %q, body %q", borrow, d.Title, d.Body)
		}
	}
}
