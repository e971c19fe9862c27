package render

import (
	"github.com/seedscope/seedscope/pkg/search"
)

// SearchResults is the schema of search results: the table shows the
// score, the document, and its title and snippet with the matched words
// highlighted on a colour terminal.
var SearchResults = mustCheck(Schema[search.Result]{
	Fields: search.ResultFields.Infos(),
	Table: []Column[search.Result]{
		{Name: "score", Field: "score", Value: func(r search.Result) string { return fixed(search.RoundScore(r.Score), 2) }, Style: CountStyle, Right: true},
		{Name: "id", Field: "id", Value: func(r search.Result) string { return r.Doc.ID }, Style: IDStyle, ID: true},
		{Name: "date", Field: "publishedAt", Value: func(r search.Result) string { return date(r.Doc.PublishedAt) }, Style: DateStyle, Drop: 1},
		{Name: "provider", Field: "provider", Value: search.Provider, Style: ProviderStyle, Shrink: ShrinkSecond, Drop: 2},
		{Name: "title", Field: "title", Value: func(r search.Result) string { return r.Doc.Title }, Shrink: ShrinkLast, Marks: func(r search.Result) []Span { return spans(r.TitleMarks) }},
		{Name: "snippet", Field: "snippet", Value: func(r search.Result) string { return r.Snippet }, Shrink: ShrinkLast, MinWidth: 40, Marks: func(r search.Result) []Span { return spans(r.SnippetMarks) }},
	},
	CSV:  FieldColumns(search.ResultFields),
	JSON: search.ResultFields,
})

// SearchRecords are search's records, for field selection.
var SearchRecords = Selectable[search.Result]{Schema: SearchResults, Fields: search.ResultFields, ID: "id"}

func spans(s []search.Span) []Span {
	out := make([]Span, len(s))
	for i, m := range s {
		out[i] = Span(m)
	}
	return out
}
