package corpus

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// loadAll streams the seeds with o and returns their documents.
func loadAll(t *testing.T, o Options) []*Document {
	t.Helper()
	var docs []*Document
	for _, r := range streamAll(t, []string{"../../seeds"}, o) {
		if r.Doc != nil {
			docs = append(docs, r.Doc)
		}
	}
	return docs
}

// TestSkipBody checks that a document loaded without its body is the
// document loaded with it, less Body and Words, and that it cannot be
// printed: JSON and the body and words fields panic rather than show an
// empty body.
func TestSkipBody(t *testing.T) {
	full := loadAll(t, Options{})
	lean := loadAll(t, Options{SkipBody: true})
	if len(full) == 0 || len(full) != len(lean) {
		t.Fatalf("%d documents with bodies, %d without", len(full), len(lean))
	}
	bodies := 0
	for i, d := range full {
		l := lean[i]
		if d.BodySkipped() || !l.BodySkipped() {
			t.Fatalf("%s: BodySkipped %v with bodies, %v without", d.ID, d.BodySkipped(), l.BodySkipped())
		}
		if l.Body != "" || l.Words != 0 {
			t.Errorf("%s: loaded without its body, has %d bytes of body and %d words", l.ID, len(l.Body), l.Words)
		}
		if d.Body != "" {
			bodies++
		}
		want := *d
		want.Body, want.Words, want.bodySkipped = "", 0, true
		if !reflect.DeepEqual(*l, want) {
			t.Errorf("%s: loaded without its body:\n%+v\nwant\n%+v", d.ID, *l, want)
		}
	}
	if bodies == 0 {
		t.Fatal("no seed has a body")
	}
	d := lean[0]
	mustPanic := func(what string, f func()) {
		t.Helper()
		defer func() {
			r := recover()
			if r == nil {
				t.Errorf("%s of a document loaded without its body: no panic", what)
			} else if !strings.Contains(r.(string), "without its body") {
				t.Errorf("%s: panic %v", what, r)
			}
		}()
		f()
	}
	mustPanic("AppendJSON", func() { d.AppendJSON(nil) })
	mustPanic("MarshalJSON", func() { _, _ = d.MarshalJSON() })
	mustPanic("json.Marshal", func() { _, _ = json.Marshal(d) })
	for _, name := range []string{"body", "words"} {
		f, ok := DocumentFields.Lookup(name)
		if !ok {
			t.Fatalf("no field %s", name)
		}
		mustPanic(name+" value", func() { f.Value(d) })
		mustPanic(name+" text", func() { f.AppendText(nil, d) })
	}
	// Every other field prints as it does with the body.
	for _, f := range DocumentFields {
		if f.Name == "body" || f.Name == "words" {
			continue
		}
		if got, want := string(f.AppendText(nil, d)), string(f.AppendText(nil, full[0])); got != want {
			t.Errorf("field %s: %q without the body, %q with it", f.Name, got, want)
		}
	}
}
