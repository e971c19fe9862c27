package record

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

var testFields = []Info{
	{Name: "id", Kind: String, Doc: "the id"},
	{Name: "title", Kind: String, Nullable: true, Doc: "a title"},
	{Name: "n", Kind: Integer},
	{Name: "score", Kind: Number, Nullable: true},
	{Name: "ok", Kind: Boolean, Nullable: true},
	{Name: "at", Kind: Time, Nullable: true},
	{Name: "tags", Kind: StringList},
	{Name: "who", Kind: Object, Sub: []Info{{Name: "name", Kind: String, Nullable: true}}},
	{Name: "items", Kind: ObjectList, Sub: []Info{{Name: "url", Kind: String}}},
	{Name: "extra", Kind: Map},
	{Name: "any", Kind: Any},
}

func compile(t *testing.T, s Schema) *jsonschema.Schema {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("t.json", doc); err != nil {
		t.Fatal(err)
	}
	cs, err := c.Compile("t.json")
	if err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	return cs
}

// TestRecordSchema: the schema accepts records of the fields, nulls where
// nullable, any keys in a map, and refuses a missing key, an unknown key,
// a null where none is allowed, a wrong type, in nested records too.
func TestRecordSchema(t *testing.T) {
	s := compile(t, RecordSchema("t", "a test record", testFields))
	const full = `{"id":"a","title":"T","n":1,"score":0.5,"ok":true,"at":"2020-01-02T03:04:05Z","tags":["x"],
		"who":{"name":"W"},"items":[{"url":"u"}],"extra":{"k":[1,{"z":null}]},"any":[1]}`
	const nulls = `{"id":"a","title":null,"n":0,"score":null,"ok":null,"at":null,"tags":[],
		"who":{"name":null},"items":[],"extra":{},"any":null}`
	for _, tt := range []struct {
		name, json string
		ok         bool
	}{
		{"full", full, true},
		{"nulls", nulls, true},
		{"missing key", strings.Replace(full, `"n":1,`, "", 1), false},
		{"unknown key", strings.Replace(full, `"n":1,`, `"n":1,"author":"x",`, 1), false},
		{"null not allowed", strings.Replace(full, `"id":"a"`, `"id":null`, 1), false},
		{"integer as number", strings.Replace(full, `"n":1`, `"n":1.5`, 1), false},
		{"string for a list", strings.Replace(full, `"tags":["x"]`, `"tags":"x"`, 1), false},
		{"not a date", strings.Replace(full, `2020-01-02T03:04:05Z`, `yesterday`, 1), false},
		{"nested unknown key", strings.Replace(full, `{"name":"W"}`, `{"name":"W","x":1}`, 1), false},
		{"nested missing key", strings.Replace(full, `[{"url":"u"}]`, `[{}]`, 1), false},
		{"list item of the wrong type", strings.Replace(full, `[{"url":"u"}]`, `[{"url":3}]`, 1), false},
		{"map not an object", strings.Replace(full, `"extra":{"k":[1,{"z":null}]}`, `"extra":[]`, 1), false},
	} {
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(tt.json))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if err := s.Validate(v); (err == nil) != tt.ok {
			t.Errorf("%s: valid %v, want %v (%v)", tt.name, err == nil, tt.ok, err)
		}
	}
}

// TestRecordSchemaShape: every field is a property, in order, required,
// described by its Doc; the document's own keys come first.
func TestRecordSchemaShape(t *testing.T) {
	s := RecordSchema("t", "a test record", testFields)
	want := []string{"$schema", "title", "description", "type", "properties", "required", "additionalProperties"}
	for i, m := range s {
		if i >= len(want) || m.Key != want[i] {
			t.Fatalf("keys: %v", s)
		}
	}
	props := s.Get("properties").(Schema)
	req := s.Get("required").([]string)
	if len(props) != len(testFields) || len(req) != len(testFields) {
		t.Fatalf("%d properties, %d required, %d fields", len(props), len(req), len(testFields))
	}
	for i, f := range testFields {
		if props[i].Key != f.Name || req[i] != f.Name {
			t.Errorf("field %d: property %s, required %s, want %s", i, props[i].Key, req[i], f.Name)
		}
		if d, _ := props[i].Value.(Schema).Get("description").(string); d != f.Doc {
			t.Errorf("%s: description %q, want %q", f.Name, d, f.Doc)
		}
	}
	if DefSchema("t", "", testFields).Get("$schema") != nil {
		t.Error("a $defs entry has its own $schema")
	}
}
