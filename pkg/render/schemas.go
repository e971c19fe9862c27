package render

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/query"
	"github.com/seedscope/seedscope/pkg/record"
)

// Documents is the schema of documents (list, export): CSV has a column
// per field of corpus.DocumentFields.
var Documents = mustCheck(Schema[*corpus.Document]{
	Fields: corpus.DocumentFields.Infos(),
	Table: []Column[*corpus.Document]{
		{Name: "id", Field: "id", Value: func(d *corpus.Document) string { return d.ID }, Style: IDStyle, ID: true},
		{Name: "date", Field: "publishedAt", Value: func(d *corpus.Document) string { return date(d.PublishedAt) }, Style: DateStyle, Drop: 1},
		{Name: "provider", Field: "provider.name", Value: func(d *corpus.Document) string { return d.Provider.Name }, Style: ProviderStyle, Shrink: ShrinkSecond, Drop: 2},
		{Name: "title", Field: "title", Value: func(d *corpus.Document) string { return d.Title }, Shrink: ShrinkLast},
		{Name: "topics", Field: "topics", Value: func(d *corpus.Document) string { return strings.Join(d.Topics, ", ") }, Style: DimStyle, Shrink: ShrinkFirst, Drop: 3},
	},
	CSV: FieldColumns(corpus.DocumentFields),
})

// Facets is the schema of value counts (topics).
var Facets = mustCheck(Schema[query.Facet]{
	Fields: query.TopicFacetFields.Infos(),
	Table:  facetColumns("topic", false),
	CSV:    FieldColumns(query.TopicFacetFields),
	JSON:   query.TopicFacetFields,
})

// ProviderFacets is the schema of provider counts, with their domain.
var ProviderFacets = mustCheck(Schema[query.Facet]{
	Fields: query.ProviderFacetFields.Infos(),
	Table:  facetColumns("provider", true),
	CSV:    FieldColumns(query.ProviderFacetFields),
	JSON:   query.ProviderFacetFields,
})

func facetColumns(heading string, withDomain bool) []Column[query.Facet] {
	cols := []Column[query.Facet]{{Name: "value", Field: "value", Heading: heading, Value: func(f query.Facet) string { return f.Value }, Shrink: ShrinkLast}}
	if withDomain {
		// A row of several names (by domain) or domains (by name) says
		// how many more: the names and domains fields list them. The domain,
		// what --provider takes, gives up width only after the name.
		cols[0].Value = func(f query.Facet) string { return f.Value + more(len(f.Names), "name") }
		cols = append(cols, Column[query.Facet]{Name: "domain", Field: "domain", Value: func(f query.Facet) string { return f.Domain + more(len(f.Domains), "domain") }, Style: ProviderStyle, Shrink: ShrinkLast, Drop: 1})
	}
	return append(cols, Column[query.Facet]{Name: "count", Field: "count", Value: func(f query.Facet) string { return strconv.Itoa(f.Count) }, Style: CountStyle, Right: true},
		BarColumn("count", func(f query.Facet) int { return f.Count }))
}

// more is " (+1 name)", " (+2 names)" for n of them, one shown; "" for
// one or none.
func more(n int, what string) string {
	switch {
	case n < 2:
		return ""
	case n == 2:
		return " (+1 " + what + ")"
	}
	return " (+" + strconv.Itoa(n-1) + " " + what + "s)"
}

// Links is the schema of related links (related).
var Links = mustCheck(Schema[query.Link]{
	Fields: query.LinkFields.Infos(),
	Table: []Column[query.Link]{
		{Name: "from", Field: "from", Value: func(l query.Link) string { return l.From }, Style: IDStyle, ID: true},
		{Name: "target", Field: "target", Value: func(l query.Link) string { return l.Target }, Style: IDStyle, ID: true},
		{Name: "date", Field: "publishedAt", Value: func(l query.Link) string { return date(l.PublishedAt) }, Style: DateStyle, Drop: 2},
		{Name: "provider", Field: "provider", Value: func(l query.Link) string { return l.Provider }, Style: ProviderStyle, Shrink: ShrinkSecond, Drop: 3},
		{Name: "title", Field: "title", Value: func(l query.Link) string { return l.Title }, Shrink: ShrinkLast},
		{Name: "url", Field: "url", Value: func(l query.Link) string { return l.URL }, Style: DimStyle, Shrink: ShrinkFirst, MinWidth: 24, Drop: 4},
	},
	CSV:  FieldColumns(query.LinkFields),
	JSON: query.LinkFields,
})

// FieldColumns makes a column of every field of a record table, headed by
// its export name, for CSV: a scalar is its text (a number as JSON writes
// it, a time in RFC 3339), null is empty, and lists and objects are their
// compact JSON, as sqlite-utils and Datasette write them, so that every
// CSV reader gets each list back exactly.
func FieldColumns[T any](t record.Table[T]) []Column[T] {
	cols := make([]Column[T], len(t))
	for i, f := range t {
		value, appendText := f.Value, f.AppendText
		cols[i] = Column[T]{Name: f.Name, Field: f.Name, Value: func(v T) string { return CellText(value(v)) }, Append: appendText}
		if appendText != nil {
			cols[i].Value = func(v T) string { return string(appendText(nil, v)) }
		}
	}
	return cols
}

// CellText is the CSV cell of a JSON-ready value (see record.Field) or of
// decoded JSON: scalars as text, null empty, lists and objects as compact
// JSON, escaped as encoding/json escapes it (as the json and ndjson
// formats write them). Templates print values the same way.
func CellText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case json.RawMessage:
		return string(v)
	case json.Number:
		return string(v)
	case int:
		return strconv.Itoa(v)
	case bool:
		return strconv.FormatBool(v)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}

// Check reports a column that names no field of the schema's record.
func (s Schema[T]) Check() error {
	if s.Fields == nil {
		return nil
	}
	for _, set := range [][]Column[T]{s.Table, s.CSV} {
		for _, c := range set {
			if _, ok := record.Lookup(s.Fields, c.Field); !ok {
				return fmt.Errorf("render: column %q shows field %q, which the record does not have", c.Name, c.Field)
			}
		}
	}
	return nil
}

// mustCheck makes a schema whose columns name a field that does not
// exist fail at start-up (and so in every test).
func mustCheck[T any](s Schema[T]) Schema[T] {
	if err := s.Check(); err != nil {
		panic(err)
	}
	return s
}

func date(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format("2006-01-02")
}

func number(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

func boolean(b *bool) string {
	if b == nil {
		return ""
	}
	return strconv.FormatBool(*b)
}
