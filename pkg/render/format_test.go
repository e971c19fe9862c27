package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/seedscope/seedscope/pkg/corpus"
)

func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range Registry() {
		for _, name := range append([]string{string(f.Name)}, f.Aliases...) {
			if seen[name] || name != strings.ToLower(name) {
				t.Errorf("name %q declared twice or not lower case", name)
			}
			seen[name] = true
			if got, ok := Lookup(strings.ToUpper(name)); !ok || got.Name != f.Name {
				t.Errorf("Lookup(%q) = %v, %v", name, got.Name, ok)
			}
		}
		if f.Description == "" || f.Writes == 0 {
			t.Errorf("%s: no description or nothing it writes", f.Name)
		}
	}
	for _, f := range []Format{Table, TSV, JSON, NDJSON, CSV, Text, GitHub, SARIF, JUnit} {
		if !seen[string(f)] {
			t.Errorf("%s is not in the registry", f)
		}
	}
	if _, ok := Lookup("xml"); ok {
		t.Error("Lookup(xml) found a format")
	}
}

func TestNewFormatSetRefusesWhatAFormatCannotWrite(t *testing.T) {
	for name, build := range map[string]func(){
		"table of findings":     func() { NewFormatSet(Findings, Text, Text, Text, Table) },
		"sarif of records":      func() { NewFormatSet(Records, JSON, JSON, JSON, SARIF) },
		"default not accepted":  func() { NewFormatSet(Records, Table, TSV, Table, JSON) },
		"format not registered": func() { NewFormatSet(Records, JSON, JSON, JSON, "xml") },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			build()
		}()
	}
}

func TestFormatFlag(t *testing.T) {
	set := NewFormatSet(View, Text, Text, Text, JSON, NDJSON).Refusing("use list for rows", Table, TSV)
	tests := []struct {
		in, want, err string
	}{
		{"json", "json", ""},
		{"JSON", "json", ""},
		{"jsonl", "ndjson", ""}, // an alias
		{"text", "text", ""},
		{"tsv", "", `invalid format "tsv": valid values are {text|json|ndjson} (use list for rows)`},
		{"csv", "", `invalid format "csv": valid values are {text|json|ndjson}`},
		{"xml", "", `invalid format "xml": valid values are {text|json|ndjson}`},
	}
	for _, tt := range tests {
		f := set.Flag()
		err := f.Set(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("Set(%q) = %v, want %s", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || string(f.Value) != tt.want {
			t.Errorf("Set(%q): %q, %v; want %q", tt.in, f.Value, err, tt.want)
		}
	}
	f := set.Flag()
	if got := strings.Join(f.Completions(), " "); got != "text json ndjson" {
		t.Errorf("Completions = %q", got)
	}
	if f.Resolve(true) != Text || f.Resolve(false) != Text {
		t.Error("default is not text")
	}
	if got := f.Usage(); got != "output `format`: {text|json|ndjson} (default text)" {
		t.Errorf("Usage = %q", got)
	}
	rec := NewFormatSet(Records, Table, TSV, Table, TSV, JSON).Flag()
	if rec.Resolve(true) != Table || rec.Resolve(false) != TSV {
		t.Error("defaults by terminal")
	}
	if got := rec.Usage(); got != "output `format`: {table|tsv|json} (default: table on a terminal, tsv otherwise)" {
		t.Errorf("Usage = %q", got)
	}
	if err := rec.Set("jsonl"); err == nil {
		t.Error("an alias of a format the set does not accept was taken")
	}
}

func TestWriteDocument(t *testing.T) {
	d := &corpus.Document{ID: "a<b>", Path: "a.md", Kind: corpus.KindFrontMatter, Title: "T"}
	v := DocumentView{Doc: d, LinkedFrom: []string{"x", "y&z"}}
	var exp bytes.Buffer
	if err := WriteAll(&exp, JSON, Documents, Options{}, []*corpus.Document{d}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []Format{JSON, NDJSON} {
		var b bytes.Buffer
		if err := WriteDocument(&b, f, v, Options{}); err != nil {
			t.Fatal(err)
		}
		var got map[string]any
		if err := json.Unmarshal(b.Bytes(), &got); err != nil {
			t.Fatalf("%s: %v\n%s", f, err, b.Bytes())
		}
		// The export shape, plus linkedFrom.
		var exported []map[string]any
		if err := json.Unmarshal(exp.Bytes(), &exported); err != nil {
			t.Fatal(err)
		}
		lf := got["linkedFrom"]
		delete(got, "linkedFrom")
		gj, _ := json.Marshal(got)
		ej, _ := json.Marshal(exported[0])
		if !bytes.Equal(gj, ej) {
			t.Errorf("%s: not the export object:\n%s\n%s", f, gj, ej)
		}
		if l, _ := json.Marshal(lf); string(l) != `["x","y\u0026z"]` {
			t.Errorf("%s: linkedFrom = %s", f, l)
		}
		if lines := bytes.Count(b.Bytes(), []byte("\n")); (f == NDJSON) != (lines == 1) {
			t.Errorf("%s: %d lines", f, lines)
		}
	}
	var b bytes.Buffer
	if err := WriteDocument(&b, TSV, v, Options{}); err == nil {
		t.Error("a document written as tsv")
	}
	if got := string(DocumentView{}.AppendJSON(nil)); got != "null" {
		t.Errorf("nil document: %s", got)
	}
	if got := string(DocumentView{Doc: d}.AppendJSON(nil)); !strings.HasSuffix(got, `,"linkedFrom":[]}`) {
		t.Errorf("no links: %s", got)
	}
}

func TestWriteRulesRefusesOtherFormats(t *testing.T) {
	var b bytes.Buffer
	if err := WriteRules(&b, SARIF, nil, func(string) bool { return true }, Options{}); err == nil || b.Len() != 0 {
		t.Errorf("rules as sarif: %v, %q", err, b.String())
	}
}

func TestForFile(t *testing.T) {
	for name, want := range map[string]Format{
		"corpus.csv": CSV, "dir/x.CSV": CSV, "a.json": JSON, "a.ndjson": NDJSON, "a.jsonl": NDJSON,
		"a.tsv": TSV, "scan.sarif": SARIF, "a.txt": "", "csv": "", "a.csv.gz": "", "": "",
	} {
		got, ok := ForFile(name)
		if got != want || ok != (want != "") {
			t.Errorf("ForFile(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
}
