package corpus

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unsafe"

	"github.com/seedscope/seedscope/pkg/record"
)

// yamlValue is a front-matter value for a field of the spec's kind, as
// lines indented by ind (the first line follows "key:"), that sets every
// nested field too.
func yamlValue(f *fieldSpec, ind string) string {
	switch f.code {
	case cString, cOptString:
		return " value-" + f.Name
	case cTime:
		return " 2020-01-02T03:04:05Z"
	case cNumber:
		return " 42.5"
	case cBool:
		return " true"
	case cStrings:
		return "\n" + ind + "  - a\n" + ind + "  - b"
	case cProvider:
		return "\n" + yamlRecord(providerSpecs, ind+"  ")
	case cImages:
		return "\n" + ind + "  -" + strings.TrimPrefix(yamlRecord(imageSpecs, ind+"    "), ind+"   ")
	case cRelated:
		return "\n" + ind + "  -" + strings.TrimPrefix(yamlRecord(relatedSpecs, ind+"    "), ind+"   ")
	}
	panic(fmt.Sprintf("no front-matter value for %s", f.Name))
}

// yamlRecord is a mapping setting every field of a record by its first key.
func yamlRecord(specs []fieldSpec, ind string) string {
	var lines []string
	for i := range specs {
		if f := &specs[i]; len(f.Keys) > 0 {
			lines = append(lines, ind+f.Keys[0]+":"+yamlValue(f, ind))
		}
	}
	return strings.Join(lines, "\n")
}

// filled reports whether field f of the record at base has a value, and,
// recursively, every field of its records that is read from front matter.
func filled(t *testing.T, where string, f *fieldSpec, base unsafe.Pointer) {
	t.Helper()
	v := f.value(base)
	if v == nil {
		t.Errorf("%s: %s is null", where, f.Name)
		return
	}
	p := f.at(base)
	switch f.code {
	case cStrings:
		if len(v.([]string)) == 0 {
			t.Errorf("%s: %s is empty", where, f.Name)
		}
	case cProvider:
		for i := range providerSpecs {
			if len(providerSpecs[i].Keys) > 0 {
				filled(t, where+"."+f.Name, &providerSpecs[i], p)
			}
		}
	case cImages:
		l := *(*[]Image)(p)
		if len(l) == 0 {
			t.Errorf("%s: %s is empty", where, f.Name)
			return
		}
		for i := range imageSpecs {
			filled(t, where+"."+f.Name, &imageSpecs[i], unsafe.Pointer(&l[0]))
		}
	case cRelated:
		l := *(*[]Related)(p)
		if len(l) == 0 {
			t.Errorf("%s: %s is empty", where, f.Name)
			return
		}
		for i := range relatedSpecs {
			if len(relatedSpecs[i].Keys) > 0 {
				filled(t, where+"."+f.Name, &relatedSpecs[i], unsafe.Pointer(&l[0]))
			}
		}
	}
}

// decodeBoth decodes front matter with both decoders, requiring the fast
// one to take it and both to agree.
func decodeBoth(t *testing.T, fm string, keys *keyIndex) *Document {
	t.Helper()
	var ref, fast Document
	warnings, err := decodeYAML("p.md", []byte(fm), &ref, keys)
	if err != nil || len(warnings) > 0 {
		t.Fatalf("yaml.v3 decoder: %v %v\n%s", err, warnings, fm)
	}
	if !decodeFastString(fm, &fast, keys) {
		t.Fatalf("fast decoder refused:\n%s", fm)
	}
	a, _ := ref.MarshalJSON()
	b, _ := fast.MarshalJSON()
	if string(a) != string(b) {
		t.Fatalf("decoders differ on\n%s\nyaml: %s\nfast: %s", fm, a, b)
	}
	return &ref
}

// TestFieldTable walks the document's field table: for every field and
// each of its front-matter keys (nested records' too), both decoders fill
// the field from the key, and the field is in the JSON under its export
// name with that value. (CSV is checked in pkg/render.)
func TestFieldTable(t *testing.T) {
	for i := range documentSpecs {
		f := &documentSpecs[i]
		for _, key := range f.Keys {
			t.Run(f.Name+"/"+key, func(t *testing.T) {
				d := decodeBoth(t, key+":"+yamlValue(f, "")+"\n", documentKeys)
				filled(t, "document", f, unsafe.Pointer(d))
				checkJSON(t, d, f)
			})
		}
	}
	// Each key of each nested record, alone in its record.
	nested := []struct {
		field string
		specs []fieldSpec
		wrap  func(line string) string
	}{
		{"provider", providerSpecs, func(l string) string { return "provider:\n  " + l }},
		{"images", imageSpecs, func(l string) string { return "images:\n  - " + l }},
		{"related", relatedSpecs, func(l string) string { return "related:\n  - " + l }},
	}
	for _, n := range nested {
		for i := range n.specs {
			f := &n.specs[i]
			for _, key := range f.Keys {
				t.Run(n.field+"."+f.Name+"/"+key, func(t *testing.T) {
					d := decodeBoth(t, n.wrap(key+":"+yamlValue(f, "    ")+"\n"), documentKeys)
					var base unsafe.Pointer
					switch n.field {
					case "provider":
						base = unsafe.Pointer(&d.Provider)
					case "images":
						base = unsafe.Pointer(&d.Images[0])
					case "related":
						base = unsafe.Pointer(&d.Related[0])
					}
					filled(t, n.field, f, base)
				})
			}
		}
	}
}

// checkJSON finds field f in the document's JSON under its export name,
// holding what the table's accessor gives.
func checkJSON(t *testing.T, d *Document, f *fieldSpec) {
	t.Helper()
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(d.AppendJSON(nil), &obj); err != nil {
		t.Fatal(err)
	}
	got, ok := obj[f.Name]
	if !ok {
		t.Fatalf("JSON has no %q", f.Name)
	}
	want, err := json.Marshal(DocumentFields.MustLookup(f.Name).Value(d))
	if err != nil {
		t.Fatal(err)
	}
	var g, w any
	_ = json.Unmarshal(got, &g)
	_ = json.Unmarshal(want, &w)
	if fmt.Sprint(g) != fmt.Sprint(w) {
		t.Errorf("JSON %s = %s; the accessor gives %s", f.Name, got, want)
	}
}

// TestFieldMap: a mapped key fills its field in both decoders, for every
// field that is read from front matter; the field's own keys still work.
func TestFieldMap(t *testing.T) {
	mapping := map[string][]string{}
	for _, name := range MappableFields() {
		mapping[name] = []string{"my_" + name}
	}
	m, err := NewFieldMap(mapping)
	if err != nil {
		t.Fatal(err)
	}
	for i := range documentSpecs {
		f := &documentSpecs[i]
		if len(f.Keys) == 0 {
			continue
		}
		t.Run(f.Name, func(t *testing.T) {
			d := decodeBoth(t, "my_"+f.Name+":"+yamlValue(f, "")+"\n", m.documentKeys())
			filled(t, "document", f, unsafe.Pointer(d))
			if len(d.Extra) != 0 {
				t.Errorf("extra = %v; the mapped key went there", d.Extra)
			}
			d = decodeBoth(t, f.Keys[0]+":"+yamlValue(f, "")+"\n", m.documentKeys())
			filled(t, "document", f, unsafe.Pointer(d))
		})
	}
	// Without a mapping the key is an extra field, as before.
	d := decodeBoth(t, "my_title: x\n", documentKeys)
	if d.Title != "" || d.Extra["my_title"] != "x" {
		t.Errorf("without a mapping: title %q, extra %v", d.Title, d.Extra)
	}
}

// TestFieldMapFirstWins: when a field's keys are given more than once,
// the first with a value wins, as for the two URL spellings.
func TestFieldMapFirstWins(t *testing.T) {
	m, err := NewFieldMap(map[string][]string{"publishedAt": {"date", "publishDate"}, "topics": {"tags"}})
	if err != nil {
		t.Fatal(err)
	}
	d := decodeBoth(t, "date:\npublishDate: 2021-05-06\npublishedDateTime: 2020-01-01T00:00:00Z\ntags:\n  - x\ntopics:\n  - y\n", m.documentKeys())
	if got := d.PublishedAt.Format("2006-01-02"); got != "2021-05-06" {
		t.Errorf("publishedAt = %s, want the first key given with a value", got)
	}
	if fmt.Sprint(d.Topics) != "[x]" {
		t.Errorf("topics = %v", d.Topics)
	}
}

func TestNewFieldMapErrors(t *testing.T) {
	tests := []struct {
		mapping map[string][]string
		want    string
	}{
		{map[string][]string{"nope": {"x"}}, `unknown field "nope"`},
		{map[string][]string{"words": {"x"}}, `"words" is not read from front matter`},
		{map[string][]string{"extra": {"x"}}, `"extra" is not read from front matter`},
		{map[string][]string{"publishedAt": {"title"}}, `key "title" already fills field "title"`},
		{map[string][]string{"publishedAt": {"date"}, "title": {"date"}}, `key "date" is mapped to both`},
		{map[string][]string{"title": {""}}, `empty key`},
	}
	for _, tt := range tests {
		_, err := NewFieldMap(tt.mapping)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("NewFieldMap(%v) = %v, want %q", tt.mapping, err, tt.want)
		}
	}
	if m, err := NewFieldMap(map[string][]string{"url": {"webUrl"}}); err != nil || m == nil {
		t.Errorf("a field's own key: %v", err)
	}
	if m, err := NewFieldMap(nil); err != nil || m != nil {
		t.Errorf("no mapping: %v %v", m, err)
	}
}

// TestFieldInfos: the output description has every field in JSON order,
// kinds from the set record knows, and nested records described.
func TestFieldInfos(t *testing.T) {
	var obj map[string]any
	d := &Document{ID: "x", Kind: KindText}
	if err := json.Unmarshal(d.AppendJSON(nil), &obj); err != nil {
		t.Fatal(err)
	}
	if len(obj) != len(DocumentFields) {
		t.Errorf("JSON has %d keys, the table %d", len(obj), len(DocumentFields))
	}
	for _, path := range []string{"provider.domain", "provider.images.url", "related.target", "related.provider.name", "images.width"} {
		if _, ok := record.Lookup(DocumentFields.Infos(), path); !ok {
			t.Errorf("no nested field %s", path)
		}
	}
	known := map[record.Kind]bool{record.String: true, record.Integer: true, record.Number: true, record.Boolean: true,
		record.Time: true, record.StringList: true, record.Object: true, record.ObjectList: true, record.Map: true, record.Any: true}
	var walk func(string, []record.Info)
	walk = func(where string, infos []record.Info) {
		for _, in := range infos {
			if !known[in.Kind] || in.Doc == "" {
				t.Errorf("%s%s: kind %q, doc %q", where, in.Name, in.Kind, in.Doc)
			}
			if (in.Kind == record.Object || in.Kind == record.ObjectList) != (len(in.Sub) > 0) {
				t.Errorf("%s%s: kind %s with %d sub-fields", where, in.Name, in.Kind, len(in.Sub))
			}
			walk(where+in.Name+".", in.Sub)
		}
	}
	walk("", DocumentFields.Infos())
}
