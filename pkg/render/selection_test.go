package render

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/query"
	"github.com/seedscope/seedscope/pkg/validate"
)

func selDoc() *corpus.Document {
	q := 0.5
	t := time.Date(2020, 1, 7, 10, 0, 0, 0, time.UTC)
	return &corpus.Document{
		ID: "a/b", Path: "seeds/a/b.md", Kind: corpus.KindFrontMatter,
		Title: "<b>Tom & Jerry</b>", PublishedAt: &t, Quality: &q,
		Provider: corpus.Provider{Name: "Wired", Domain: "wired.com"},
		Topics:   []string{"AI", "x<y"},
		Related: []corpus.Related{
			{Title: "one", URL: "https://a.example/1", Target: "c", Provider: corpus.Provider{Domain: "a.example"}},
			{Title: "two", URL: "https://b.example/2"},
		},
		Extra: map[string]any{"z": 1, "a": []any{"x"}},
	}
}

func project(t *testing.T, names ...string) string {
	t.Helper()
	p, err := newProjection(corpus.DocumentFields, names)
	if err != nil {
		t.Fatal(err)
	}
	return string(p.appendJSON(nil, selDoc()))
}

func TestProjection(t *testing.T) {
	tests := []struct {
		names []string
		want  string
	}{
		{[]string{"id", "title"}, `{"id":"a/b","title":"<b>Tom & Jerry</b>"}`},
		{[]string{"title", "id"}, `{"title":"<b>Tom & Jerry</b>","id":"a/b"}`},
		// A dot path selects inside the object, keeping its shape; paths
		// into one field gather where it is first named, in the order given.
		{[]string{"provider.domain", "id", "provider.name"}, `{"provider":{"domain":"wired.com","name":"Wired"},"id":"a/b"}`},
		// The whole field wins over a path into it, whichever comes first.
		{[]string{"provider.domain", "provider"}, `{"provider":{"name":"Wired","domain":"wired.com","images":[]}}`},
		{[]string{"provider", "provider.domain"}, `{"provider":{"name":"Wired","domain":"wired.com","images":[]}}`},
		// Through a list of objects: in each.
		{[]string{"related.target"}, `{"related":[{"target":"c"},{"target":null}]}`},
		{[]string{"related.provider.domain", "related.title"}, `{"related":[{"provider":{"domain":"a.example"},"title":"one"},{"provider":{"domain":null},"title":"two"}]}`},
		// Nested objects keep the table's key order; numbers their digits.
		{[]string{"related"}, `{"related":[{"title":"one","excerpt":null,"url":"https://a.example/1","ampUrl":null,"cdnAmpUrl":null,"publishedAt":null,"type":null,"quality":null,"provider":{"name":null,"domain":"a.example","images":[]},"images":[],"target":"c"},{"title":"two","excerpt":null,"url":"https://b.example/2","ampUrl":null,"cdnAmpUrl":null,"publishedAt":null,"type":null,"quality":null,"provider":{"name":null,"domain":null,"images":[]},"images":[],"target":null}]}`},
		{[]string{"quality", "heat", "topics", "publishedAt"}, `{"quality":0.5,"heat":null,"topics":["AI","x<y"],"publishedAt":"2020-01-07T10:00:00Z"}`},
		// Keys the table does not describe (extra) come sorted.
		{[]string{"extra"}, `{"extra":{"a":["x"],"z":1}}`},
	}
	for _, tt := range tests {
		if got := project(t, tt.names...); got != tt.want {
			t.Errorf("%v:\n got %s\nwant %s", tt.names, got, tt.want)
		}
	}
}

// TestProjectionMatchesRecord: selecting every field gives the record's
// own JSON, value for value.
func TestProjectionMatchesRecord(t *testing.T) {
	d := selDoc()
	var want, got any
	if err := json.Unmarshal(d.AppendJSON(nil), &want); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(project(t, corpus.DocumentFields.Names()...)), &got); err != nil {
		t.Fatal(err)
	}
	wb, _ := json.Marshal(want)
	gb, _ := json.Marshal(got)
	if !bytes.Equal(wb, gb) {
		t.Errorf("projection of every field differs from the record:\n got %s\nwant %s", gb, wb)
	}
}

func TestCheckFields(t *testing.T) {
	fields := corpus.DocumentFields.Infos()
	for _, ok := range [][]string{{"id"}, {"provider.domain"}, {"related.provider.images.url"}, {"extra"}} {
		if err := CheckFields("--json", fields, ok); err != nil {
			t.Errorf("%v: %v", ok, err)
		}
	}
	for _, bad := range [][]string{nil, {}, {"nope"}, {"id", "title.x"}, {"provider."}, {""}, {"Provider"}} {
		err := CheckFields("--json", fields, bad)
		var fe *FieldError
		if !errors.As(err, &fe) {
			t.Errorf("%q: error %v, want a *FieldError", bad, err)
			continue
		}
		if !slices.Contains(fe.Lines(), "id") || !slices.Contains(fe.Lines(), "provider.domain") {
			t.Errorf("%q: the fields are not listed: %q", bad, fe.Lines())
		}
	}
	if lines := (&FieldError{Flag: "--json"}).Lines(); lines[0] != "Specify one or more comma-separated fields for `--json`:" {
		t.Errorf("bare --json: %q", lines[0])
	}
}

// TestEveryFieldSelectable walks every record table: each field and dot
// path is accepted by --json and --columns, and a record written with it
// is valid JSON holding the field.
func TestEveryFieldSelectable(t *testing.T) {
	checkAll(t, DocumentRecords, selDoc())
	checkAll(t, DocumentViewRecord, DocumentView{Doc: selDoc(), LinkedFrom: []string{"x"}})
	checkAll(t, LinkRecords, query.Link{From: "a", Title: "t", URL: "u"})
	checkAll(t, TopicRecords, query.Facet{Value: "AI", Count: 2})
	checkAll(t, ProviderRecords, query.Facet{Value: "Wired", Domain: "wired.com", Count: 2})
	checkAll(t, StatsRecord, query.NewStats())
	checkAll(t, FindingRecords, validate.Finding{Path: "a.md", Line: 1, Col: 2, Rule: "r", Message: "m"})
}

func checkAll[T any](t *testing.T, r Selectable[T], v T) {
	t.Helper()
	for _, path := range FieldPaths(r.Fields.Infos()) {
		var out bytes.Buffer
		if err := WriteRecords(&out, JSON, r, Selection{Fields: []string{path}}, Options{}, []T{v}); err != nil {
			t.Errorf("--json %s: %v", path, err)
			continue
		}
		var got []map[string]any
		if err := json.Unmarshal(out.Bytes(), &got); err != nil || len(got) != 1 {
			t.Errorf("--json %s: %v: %s", path, err, out.Bytes())
			continue
		}
		top, _, _ := strings.Cut(path, ".")
		if _, ok := got[0][top]; !ok || len(got[0]) != 1 {
			t.Errorf("--json %s: %s", path, out.Bytes())
		}
		for _, f := range []Format{CSV, TSV, Table} {
			out.Reset()
			if err := WriteRecords(&out, f, r, Selection{Columns: []string{path}}, Options{Header: true}, []T{v}); err != nil {
				t.Errorf("--columns %s --format %s: %v", path, f, err)
				continue
			}
			if head, _, _ := strings.Cut(out.String(), "\n"); !strings.EqualFold(head, path) {
				t.Errorf("--columns %s --format %s: header %q", path, f, head)
			}
		}
	}
}

func TestColumns(t *testing.T) {
	var out bytes.Buffer
	sel := Selection{Columns: []string{"title", "provider.domain", "publishedAt", "related.url", "quality"}}
	if err := WriteRecords(&out, CSV, DocumentRecords, sel, Options{}, []*corpus.Document{selDoc()}); err != nil {
		t.Fatal(err)
	}
	want := "title,provider.domain,publishedAt,related.url,quality\n" +
		`<b>Tom & Jerry</b>,wired.com,2020-01-07T10:00:00Z,"[""https://a.example/1"",""https://b.example/2""]",0.5` + "\n"
	if out.String() != want {
		t.Errorf("csv:\n got %q\nwant %q", out.String(), want)
	}
	out.Reset()
	if err := WriteRecords(&out, TSV, DocumentRecords, sel, Options{Header: true}, []*corpus.Document{selDoc()}); err != nil {
		t.Fatal(err)
	}
	// In TSV, the command's own column for a field it shows (a short
	// date), and lists of scalars joined as topics are.
	want = "title\tprovider.domain\tpublishedAt\trelated.url\tquality\n" +
		"<b>Tom & Jerry</b>\twired.com\t2020-01-07\thttps://a.example/1, https://b.example/2\t0.5\n"
	if out.String() != want {
		t.Errorf("tsv:\n got %q\nwant %q", out.String(), want)
	}
	if err := WriteRecords(&out, TSV, DocumentRecords, Selection{Columns: []string{"nope"}}, Options{}, nil); err == nil {
		t.Error("an unknown column was accepted")
	}
}

func TestHeaderDefaultColumns(t *testing.T) {
	var out bytes.Buffer
	if err := WriteAll(&out, TSV, Facets, Options{Header: true}, []query.Facet{{Value: "AI", Count: 2}}); err != nil {
		t.Fatal(err)
	}
	if out.String() != "topic\tcount\nAI\t2\n" {
		t.Errorf("got %q", out.String())
	}
}

func TestNull(t *testing.T) {
	fs := []validate.Finding{{Path: "a"}, {Path: "a"}, {Path: ""}, {Path: "b"}, {Path: "a"}}
	var out bytes.Buffer
	if err := WriteRecords(&out, Text, FindingRecords, Selection{Null: true}, Options{}, fs); err != nil {
		t.Fatal(err)
	}
	if out.String() != "a\x00b\x00a\x00" {
		t.Errorf("got %q", out.String())
	}
	out.Reset()
	if err := WriteRecords(&out, Text, TopicRecords, Selection{Null: true}, Options{}, []query.Facet{{Value: "x\x00y"}}); err == nil {
		t.Error("a value holding NUL was written")
	}
	out.Reset()
	if err := WriteRecords(&out, Text, DocumentRecords, Selection{Null: true, Columns: []string{"provider.domain"}}, Options{}, []*corpus.Document{selDoc()}); err != nil || out.String() != "wired.com\x00" {
		t.Errorf("-0 --columns provider.domain: %q, %v", out.String(), err)
	}
}

func TestSelectedJSONLayout(t *testing.T) {
	docs := []*corpus.Document{selDoc(), selDoc()}
	sel := Selection{Fields: []string{"id"}}
	tests := []struct {
		f      Format
		pretty bool
		docs   []*corpus.Document
		want   string
	}{
		{JSON, false, docs, `[{"id":"a/b"},{"id":"a/b"}]` + "\n"},
		{JSON, true, docs, "[\n  {\n    \"id\": \"a/b\"\n  },\n  {\n    \"id\": \"a/b\"\n  }\n]\n"},
		{JSON, false, nil, "[]\n"},
		{JSON, true, nil, "[]\n"},
		{NDJSON, true, docs, "{\"id\":\"a/b\"}\n{\"id\":\"a/b\"}\n"},
		{NDJSON, false, nil, ""},
	}
	for _, tt := range tests {
		sel.Pretty = tt.pretty
		var out bytes.Buffer
		if err := WriteRecords(&out, tt.f, DocumentRecords, sel, Options{}, tt.docs); err != nil {
			t.Fatal(err)
		}
		if out.String() != tt.want {
			t.Errorf("%s pretty=%v: got %q, want %q", tt.f, tt.pretty, out.String(), tt.want)
		}
	}
	var out bytes.Buffer
	sel.Pretty = false
	if err := WriteSelected(&out, JSON, StatsRecord, Selection{Fields: []string{"documents", "earliest"}}, Options{}, query.NewStats()); err != nil {
		t.Fatal(err)
	}
	if out.String() != `{"documents":0,"earliest":null}`+"\n" {
		t.Errorf("one object: %q", out.String())
	}
}

func TestJQ(t *testing.T) {
	docs := []*corpus.Document{selDoc()}
	run := func(expr string, f Format, fields []string, pretty bool) (string, error) {
		q, err := ParseJQ(expr)
		if err != nil {
			return "", err
		}
		var out bytes.Buffer
		err = WriteRecords(&out, f, DocumentRecords, Selection{Fields: fields, JQ: q, Pretty: pretty, Context: context.Background()}, Options{}, docs)
		return out.String(), err
	}
	tests := []struct {
		expr   string
		f      Format
		fields []string
		pretty bool
		want   string
	}{
		// Strings print raw; the input is the array json prints.
		{".[].title", JSON, nil, false, "<b>Tom & Jerry</b>\n"},
		{".[].title", JSON, []string{"title"}, false, "<b>Tom & Jerry</b>\n"},
		{"map(.provider)", JSON, []string{"provider.domain"}, false, `[{"domain":"wired.com"}]` + "\n"},
		{".[0].topics", JSON, nil, true, "[\n  \"AI\",\n  \"x<y\"\n]\n"},
		{"length", JSON, []string{"id"}, false, "1\n"},
		// With ndjson, the filter runs on each record.
		{".id", NDJSON, nil, false, "a/b\n"},
		{".quality", NDJSON, nil, false, "0.5\n"},
		{"empty", JSON, nil, false, ""},
	}
	for _, tt := range tests {
		got, err := run(tt.expr, tt.f, tt.fields, tt.pretty)
		if err != nil || got != tt.want {
			t.Errorf("%s (%s, %v): got %q, %v; want %q", tt.expr, tt.f, tt.fields, got, err, tt.want)
		}
	}
	_, err := run(".[].title | tonumber", JSON, nil, false)
	var je *JQError
	if !errors.As(err, &je) {
		t.Errorf("runtime error: %v, want a *JQError", err)
	}
}

func TestJQParseError(t *testing.T) {
	tests := []struct {
		expr  string
		lines []string
	}{
		{".[", []string{"--jq: unexpected EOF at column 3:", ".[", "  ^"}},
		{".[] | .title)", []string{`--jq: unexpected token ")" at column 13:`, ".[] | .title)", "            ^"}},
		{".a |\n .b ]", []string{`--jq: unexpected token "]" at line 2, column 5:`, " .b ]", "    ^"}},
		{"nosuchfn", []string{"--jq: function not defined: nosuchfn/0"}},
	}
	for _, tt := range tests {
		_, err := ParseJQ(tt.expr)
		var e *ExprError
		if !errors.As(err, &e) {
			t.Errorf("%q: %v, want an *ExprError", tt.expr, err)
			continue
		}
		if got := e.Lines(); !slices.Equal(got, tt.lines) {
			t.Errorf("%q:\n got %q\nwant %q", tt.expr, got, tt.lines)
		}
	}
}

func TestTemplate(t *testing.T) {
	tests := []struct {
		tmpl  string
		color bool
		want  string
	}{
		{`{{range .}}{{.id}}: {{join ", " .topics}}{{"\n"}}{{end}}`, false, "a/b: AI, x<y\n"},
		{`{{range .}}{{truncate 8 .title}}|{{date "2006-01-02" .publishedAt}}|{{date "Jan 2" .heat}}{{end}}`, false, "<b>Tom …|2020-01-07|"},
		{`{{range .}}{{tablerow .id .provider.name}}{{tablerow "long id here" "x"}}{{end}}`, false, "a/b           Wired\nlong id here  x\n"},
		{`{{range .}}{{tablerow "a" "b"}}{{end}}{{tablerender}}after`, false, "a  b\nafter"},
		{`{{range .}}{{json .provider}}{{end}}`, false, `{"domain":"wired.com","images":[],"name":"Wired"}`},
		{`{{range .}}{{pluck "url" .related | join " "}}{{end}}`, false, "https://a.example/1 https://b.example/2"},
		{`{{range .}}{{color "red+bold" .id}}{{end}}`, false, "a/b"},
		{`{{range .}}{{color "red" .id}}{{end}}`, true, "\x1b[31ma/b\x1b[0m"},
		{`{{range .}}{{.quality}} {{.words}} {{.nosuch}}{{end}}`, false, "0.5 0 <no value>"},
	}
	for _, tt := range tests {
		tp, err := ParseTemplate(tt.tmpl)
		if err != nil {
			t.Errorf("%s: %v", tt.tmpl, err)
			continue
		}
		var out bytes.Buffer
		err = WriteRecords(&out, JSON, DocumentRecords, Selection{Template: tp}, Options{Color: tt.color}, []*corpus.Document{selDoc()})
		if err != nil || out.String() != tt.want {
			t.Errorf("%s: got %q, %v; want %q", tt.tmpl, out.String(), err, tt.want)
		}
	}
}

func TestTemplateErrors(t *testing.T) {
	_, err := ParseTemplate("{{.id}}\n{{range .}")
	var e *ExprError
	if !errors.As(err, &e) || !strings.Contains(e.Lines()[0], "line 2") {
		t.Errorf("parse error: %v", err)
	}
	_, err = ParseTemplate("{{.id}} {{.title | nosuch}}")
	if !errors.As(err, &e) || !slices.Equal(e.Lines(), []string{`--template: function "nosuch" not defined`}) {
		t.Errorf("parse error: %q", e.Lines())
	}
	_, err = ParseTemplate("ok {{if}}")
	if !errors.As(err, &e) {
		t.Errorf("parse error: %v", err)
	}
	tp, err := ParseTemplate(`{{range .}}{{date "2006" .title}}{{end}}`)
	if err != nil {
		t.Fatal(err)
	}
	err = WriteRecords(&bytes.Buffer{}, JSON, DocumentRecords, Selection{Template: tp}, Options{}, []*corpus.Document{selDoc()})
	var te *TemplateError
	if !errors.As(err, &te) || !strings.Contains(te.Error(), "not an RFC 3339 time") {
		t.Errorf("run error: %v", err)
	}
}
