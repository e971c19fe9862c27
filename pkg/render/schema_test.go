package render

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/record"
)

// TestSchemaHasEveryField walks each record's field table, nested records
// included, and finds every field in the record's schema with its
// description, and null allowed exactly where the field is nullable.
func TestSchemaHasEveryField(t *testing.T) {
	var walk func(where string, s record.Schema, fields []record.Info)
	walk = func(where string, s record.Schema, fields []record.Info) {
		props, _ := s.Get("properties").(record.Schema)
		if len(props) != len(fields) {
			t.Errorf("%s: %d properties, %d fields", where, len(props), len(fields))
		}
		for _, f := range fields {
			p, _ := props.Get(f.Name).(record.Schema)
			if p == nil {
				t.Errorf("%s%s: not in the schema", where, f.Name)
				continue
			}
			if p.Get("description") != f.Doc {
				t.Errorf("%s%s: description %v", where, f.Name, p.Get("description"))
			}
			typ, _ := json.Marshal(p.Get("type"))
			if nullable := bytes.Contains(typ, []byte(`"null"`)); nullable != f.Nullable {
				t.Errorf("%s%s: type %s, nullable %v", where, f.Name, typ, f.Nullable)
			}
			switch f.Kind {
			case record.Object:
				walk(where+f.Name+".", p, f.Sub)
			case record.ObjectList:
				walk(where+f.Name+"[].", p.Get("items").(record.Schema), f.Sub)
			}
		}
	}
	for _, r := range RecordTypes() {
		walk(r.Name+": ", r.Schema(), r.Fields)
	}
	show, _ := LookupRecordType("show")
	doc, _ := LookupRecordType("document")
	if len(show.Fields) != len(corpus.DocumentFields)+1 || show.Fields[len(show.Fields)-1].Name != "linkedFrom" || len(doc.Fields) != len(corpus.DocumentFields) {
		t.Errorf("show's view is not the document plus linkedFrom")
	}
}

// TestAllSchemas: the bundle compiles, and accepts each record's JSON by
// way of its $defs.
func TestAllSchemas(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteSchema(&buf, JSON, "", Options{}); err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(&buf)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("all.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("all.json")
	if err != nil {
		t.Fatal(err)
	}
	d := &corpus.Document{ID: "x", Path: "x.txt", Kind: corpus.KindText}
	for _, js := range []string{string(d.AppendJSON(nil)), `{"value":"ai","count":2}`, `{}`} {
		v, _ := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(js)))
		if err := s.Validate(v); (err == nil) != (js != "{}") {
			t.Errorf("%s: %v", js, err)
		}
	}
	if err := WriteSchema(&buf, JSON, "nope", Options{}); err == nil {
		t.Error("an unknown record is written")
	}
	if err := WriteSchema(&buf, CSV, "link", Options{}); err == nil {
		t.Error("a schema is written as CSV")
	}
}
