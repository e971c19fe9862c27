package render

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/query"
	"github.com/seedscope/seedscope/pkg/record"
	"github.com/seedscope/seedscope/pkg/validate"
)

// TestSchemasNameRealFields: every column of every schema shows a field
// its record has, and a column naming a missing field is refused.
func TestSchemasNameRealFields(t *testing.T) {
	for name, err := range map[string]error{
		"Documents":      Documents.Check(),
		"Facets":         Facets.Check(),
		"ProviderFacets": ProviderFacets.Check(),
		"Links":          Links.Check(),
	} {
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	bad := Documents
	bad.Table = append(bad.Table[:len(bad.Table):len(bad.Table)], Column[*corpus.Document]{Name: "author", Field: "author"})
	if err := bad.Check(); err == nil || !strings.Contains(err.Error(), `"author"`) {
		t.Errorf("a column of a missing field: %v", err)
	}
	bad = Documents
	bad.Table = []Column[*corpus.Document]{{Name: "domain", Field: "provider.nope"}}
	if err := bad.Check(); err == nil {
		t.Error("a column of a missing nested field is accepted")
	}
	defer func() {
		if recover() == nil {
			t.Error("mustCheck accepts a column of a missing field")
		}
	}()
	mustCheck(bad)
}

// TestCSVColumnsAreTheTable: the CSV columns of each record are its
// table's fields, named as in the JSON the record is written as, in JSON
// order.
func TestCSVColumnsAreTheTable(t *testing.T) {
	check := func(name string, got []string, b []byte) {
		t.Helper()
		var want []string
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.Token()
		for dec.More() {
			k, _ := dec.Token()
			want = append(want, k.(string))
			var skip json.RawMessage
			_ = dec.Decode(&skip)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: CSV columns %v, JSON keys %v", name, got, want)
		}
	}
	ndjson := func(write func(*bytes.Buffer) error) []byte {
		t.Helper()
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	marshal := func(v any) []byte {
		t.Helper()
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	check("document", header(Documents.CSV), marshal(&corpus.Document{}))
	check("link", header(Links.CSV), marshal(query.Link{}))
	check("link written", header(Links.CSV), ndjson(func(b *bytes.Buffer) error {
		return WriteAll(b, NDJSON, Links, Options{}, []query.Link{{}})
	}))
	for _, f := range []query.Facet{{Value: "v", Domain: "d"}, {Value: "v"}} {
		check("provider facet", header(ProviderFacets.CSV), ndjson(func(b *bytes.Buffer) error {
			return WriteAll(b, NDJSON, ProviderFacets, Options{}, []query.Facet{f})
		}))
		check("topic facet", header(Facets.CSV), ndjson(func(b *bytes.Buffer) error {
			return WriteAll(b, NDJSON, Facets, Options{}, []query.Facet{f})
		}))
	}
	stats := ndjson(func(b *bytes.Buffer) error { return WriteStats(b, NDJSON, query.NewStats(), Options{}) })
	check("stats", query.StatsFields.Names(), stats)
	check("stats marshalled", query.StatsFields.Names(), marshal(query.NewStats()))
	var lines []string
	for _, l := range StatLines(query.NewStats()) {
		lines = append(lines, l.Name)
	}
	check("stat lines", lines, stats)
}

// TestCSVEveryField: each field read from front matter comes out in its
// CSV column as the text of its JSON value.
func TestCSVEveryField(t *testing.T) {
	fm := `---
title: T
excerpt: E
category: C
type: article
publishedDateTime: 2020-01-02T03:04:05Z
webUrl: https://a.example/x;y
ampWebUrl: https://a.example/x;y/amp
cdnAmpWebUrl: https://cdn.example/x
quality: 0.5
heat: 1e-7
published: false
provider:
  name: P
  domain: p.example
topics:
  - "a;b"
  - c
images:
  - url: https://i.example/1;2.jpg
    width: 10
    height: 20
related:
  - title: R
    webUrl: https://r.example/
secured: S
other: [1, "two"]
---
body text
`
	d, _, err := corpus.Parse("x.md", "x", []byte(fm), corpus.ParserAuto)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteAll(&buf, CSV, Documents, Options{}, []*corpus.Document{d}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("%v %v", rows, err)
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(d.AppendJSON(nil), &obj); err != nil {
		t.Fatal(err)
	}
	for i, name := range rows[0] {
		cell := rows[1][i]
		if cell == "" {
			t.Errorf("%s: empty cell", name)
			continue
		}
		if !sameJSON(t, cell, obj[name]) {
			t.Errorf("%s: cell %q, JSON %s", name, cell, obj[name])
		}
	}
}

// sameJSON compares a CSV cell with a JSON value: strings as themselves,
// null as empty, everything else as its JSON.
func sameJSON(t *testing.T, cell string, raw json.RawMessage) bool {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	switch v := v.(type) {
	case nil:
		return cell == ""
	case string:
		return cell == v
	}
	var c any
	if err := json.Unmarshal([]byte(cell), &c); err != nil {
		return false
	}
	return reflect.DeepEqual(c, v)
}

// TestCSVListsAreLossless: lists with ";" in items, no links and one
// unresolved link all read back exactly and differ.
func TestCSVListsAreLossless(t *testing.T) {
	docs := []*corpus.Document{
		{ID: "none", Kind: corpus.KindText},
		{ID: "one", Kind: corpus.KindFrontMatter, Related: []corpus.Related{{URL: "https://x.example/a;b"}}},
		{ID: "two", Kind: corpus.KindFrontMatter, Related: []corpus.Related{{URL: "https://x.example/1", Target: "t1"}, {Title: "no url"}, {URL: "https://x.example/3"}},
			Topics: []string{"a;b", "", "c,d", `"q"`}},
	}
	var buf bytes.Buffer
	if err := WriteAll(&buf, CSV, Documents, Options{}, docs); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, n := range rows[0] {
		col[n] = i
	}
	related := func(row int) []map[string]any {
		var out []map[string]any
		if err := json.Unmarshal([]byte(rows[row][col["related"]]), &out); err != nil {
			t.Fatalf("related cell %q: %v", rows[row][col["related"]], err)
		}
		return out
	}
	if r := related(1); r == nil || len(r) != 0 {
		t.Errorf("no links: %v", r)
	}
	if r := related(2); len(r) != 1 || r[0]["url"] != "https://x.example/a;b" || r[0]["target"] != nil {
		t.Errorf("one unresolved link: %v", r)
	}
	if r := related(3); len(r) != 3 || r[0]["target"] != "t1" || r[1]["url"] != nil || r[2]["url"] != "https://x.example/3" {
		t.Errorf("links out of line: %v", r)
	}
	var topics []string
	if err := json.Unmarshal([]byte(rows[3][col["topics"]]), &topics); err != nil || !reflect.DeepEqual(topics, docs[2].Topics) {
		t.Errorf("topics %q: %v", topics, err)
	}
}

// TestFindingJSONIsTheTable: validate's JSON findings carry the fields of
// validate.FindingFields, in order, with the accessors' values.
func TestFindingJSONIsTheTable(t *testing.T) {
	f := validate.Finding{Path: "a.md", Line: 3, Col: 7, Severity: validate.Warning, Rule: "r", Message: "m"}
	var buf bytes.Buffer
	if err := writeFindingsJSON(&buf, []validate.Finding{f}); err != nil {
		t.Fatal(err)
	}
	var got []json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil || len(got) != 1 {
		t.Fatal(err)
	}
	want, err := record.AppendJSON(nil, validate.FindingFields, f)
	if err != nil {
		t.Fatal(err)
	}
	var compact bytes.Buffer
	_ = json.Compact(&compact, got[0])
	if compact.String() != string(want) {
		t.Errorf("finding JSON %s; table gives %s", compact.String(), want)
	}
}

// TestTextIsCellTextOfValue: a field's typed AppendText accessor, which CSV
// export uses, gives the cell CellText gives for its Value, for every
// field of the document and its nested records, on the bundled seeds and
// the hostile corpus (odd numbers, missing values, extra fields, bombs
// cut short).
func TestTextIsCellTextOfValue(t *testing.T) {
	for _, dir := range []string{"../../seeds", "../../testdata/hostile"} {
		c, err := corpus.Load(context.Background(), []string{dir}, corpus.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range c.Docs {
			checkTextFields(t, d.ID, corpus.DocumentFields, d)
			checkTextFields(t, d.ID+" provider", corpus.ProviderFields, &d.Provider)
			for i := range d.Related {
				checkTextFields(t, d.ID+" related", corpus.RelatedFields, &d.Related[i])
				checkTextFields(t, d.ID+" related provider", corpus.ProviderFields, &d.Related[i].Provider)
			}
			for i := range d.Images {
				checkTextFields(t, d.ID+" image", corpus.ImageFields, &d.Images[i])
			}
		}
	}
}

func checkTextFields[T any](t *testing.T, where string, table record.Table[T], v T) {
	t.Helper()
	for _, f := range table {
		if f.AppendText == nil {
			t.Fatalf("%s: %s has no AppendText accessor", where, f.Name)
		}
		if got, want := string(f.AppendText([]byte("prefix"), v)), "prefix"+CellText(f.Value(v)); got != want {
			t.Errorf("%s: %s: AppendText %q, CellText(Value) %q", where, f.Name, got, want)
		}
	}
}
