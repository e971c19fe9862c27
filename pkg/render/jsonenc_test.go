package render

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/seedscope/seedscope/pkg/jsonstr"
	"github.com/seedscope/seedscope/pkg/query"
	"github.com/seedscope/seedscope/pkg/record"
	"github.com/seedscope/seedscope/pkg/validate"
)

// TestAppendRecord: a record written from its table is the JSON
// encoding/json gives for a struct of the same fields, with the encoder's
// HTML escaping, for every kind of value an accessor returns.
func TestAppendRecord(t *testing.T) {
	type rec struct {
		S    string
		N    int
		F    float64
		B    bool
		L    []string
		Null bool
	}
	table := record.Table[rec]{
		{Info: record.Info{Name: "s<&>"}, Value: func(r rec) any { return r.S }},
		{Info: record.Info{Name: "n"}, Value: func(r rec) any { return r.N }},
		{Info: record.Info{Name: "f"}, Value: func(r rec) any { return r.F }},
		{Info: record.Info{Name: "b"}, Value: func(r rec) any { return r.B }},
		{Info: record.Info{Name: "l"}, Value: func(r rec) any { return r.L }},
		{Info: record.Info{Name: "null"}, Value: func(r rec) any {
			if r.Null {
				return nil
			}
			return "x"
		}},
	}
	for _, r := range []rec{
		{},
		{S: `<a href="x">&</a>` + "\n\xff", N: -12, F: 1e21, B: true, L: []string{"<", ""}, Null: true},
		{F: 0.000001234, N: 1 << 40, L: []string{}},
	} {
		for _, html := range []bool{false, true} {
			got, err := appendRecord(newJSONEncoder(JSONOptions{EscapeHTML: html}), nil, table, r)
			if err != nil {
				t.Fatal(err)
			}
			m := map[string]any{}
			for _, f := range table {
				m[f.Name] = f.Value(r)
			}
			// A map's keys come out sorted: compare values key by key.
			var back map[string]json.RawMessage
			if err := json.Unmarshal(got, &back); err != nil || len(back) != len(table) {
				t.Fatalf("%s: %v", got, err)
			}
			for _, f := range table {
				var buf bytes.Buffer
				enc := json.NewEncoder(&buf)
				enc.SetEscapeHTML(html)
				_ = enc.Encode(f.Value(r))
				if want := bytes.TrimSpace(buf.Bytes()); !bytes.Contains(got, append(append(jsonstr.Append(nil, f.Name, html), ':'), want...)) {
					t.Errorf("html %v: %s lacks %s: %s", html, got, f.Name, want)
				}
			}
		}
	}
	if got, _ := appendRecord(newJSONEncoder(JSONOptions{}), nil, record.Table[rec]{}, rec{}); string(got) != "{}" {
		t.Errorf("no fields: %s", got)
	}
}

// TestStatsFromTheTable: a stats figure added to query.StatsFields shows
// in every format: JSON, NDJSON and the summary lines.
func TestStatsFromTheTable(t *testing.T) {
	s := query.NewStats()
	s.Files, s.Documents, s.Words = 3, 3, 10
	var js, lines bytes.Buffer
	if err := WriteStats(&js, NDJSON, s, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteStats(&lines, TSV, s, Options{}); err != nil {
		t.Fatal(err)
	}
	want, _ := record.AppendJSON(nil, query.StatsFields, s)
	if got := bytes.TrimSuffix(js.Bytes(), []byte("\n")); !bytes.Equal(got, want) {
		t.Errorf("stats JSON %s, table %s", got, want)
	}
	if got := bytes.Count(lines.Bytes(), []byte("\n")); got != len(query.StatsFields) {
		t.Errorf("%d summary lines, %d fields", got, len(query.StatsFields))
	}
	if !bytes.Contains(lines.Bytes(), []byte("wordsPerDocument\t3.3\n")) || !bytes.Contains(js.Bytes(), []byte(`"wordsPerDocument":3.3333333333333335`)) {
		t.Errorf("the mean: a decimal in lines, in full in JSON:\n%s%s", lines.String(), js.String())
	}
}

// BenchmarkFindingsJSON writes 10,000 findings as validate --format json
// does.
func BenchmarkFindingsJSON(b *testing.B) {
	fs := make([]validate.Finding, 10000)
	for i := range fs {
		fs[i] = validate.Finding{Path: "corpus/some/folder/file-0001.md", Line: i, Col: 7, Severity: validate.Warning,
			Rule: "unknown-key", Message: `unknown key "publishDate" (did you mean "publishedDateTime"?)`}
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := writeFindingsJSON(&bytes.Buffer{}, fs); err != nil {
			b.Fatal(err)
		}
	}
}
