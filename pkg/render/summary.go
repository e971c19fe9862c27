package render

import (
	"io"
	"strconv"

	"github.com/seedscope/seedscope/pkg/query"
)

// Stat is one line of a summary: a stable name (the JSON field's) and its
// value as text.
type Stat struct {
	Name  string
	Value string
}

// Stats is the schema of summary lines (stats) in table, TSV and CSV.
var Stats = Schema[Stat]{
	Table: statColumns,
	CSV:   statColumns,
}

var statColumns = []Column[Stat]{
	{Name: "stat", Value: func(s Stat) string { return s.Name }},
	{Name: "value", Value: func(s Stat) string { return s.Value }, Style: CountStyle, Right: true},
}

// StatLines turns stats into summary lines, in a fixed order.
func StatLines(s *query.Stats) []Stat {
	perDoc := ""
	if mean, ok := s.WordsPerDocument(); ok {
		perDoc = strconv.FormatFloat(mean, 'f', 1, 64)
	}
	n := strconv.Itoa
	return []Stat{
		{"files", n(s.Files)},
		{"skipped", n(s.Skipped)},
		{"documents", n(s.Documents)},
		{"frontMatter", n(s.FrontMatter)},
		{"text", n(s.Text)},
		{"words", n(s.Words)},
		{"wordsPerDocument", perDoc},
		{"earliest", rfc3339(s.Earliest)},
		{"latest", rfc3339(s.Latest)},
		{"undated", n(s.Undated)},
		{"topics", n(s.Topics)},
		{"providers", n(s.Providers)},
		{"noProvider", n(s.NoProvider)},
		{"related", n(s.Related)},
		{"withRelated", n(s.WithRelated)},
	}
}

// WriteStats writes stats: one JSON object for json and ndjson (indented
// for json), summary lines for the other formats.
func WriteStats(w io.Writer, f Format, s *query.Stats, o Options) error {
	switch f {
	case JSON, NDJSON:
		return writeObject(w, f, statsJSON(s), o.JSON)
	}
	return WriteAll(w, f, Stats, o, StatLines(s))
}

// statsJSON adds the derived mean (null for no documents) to the counted
// fields.
func statsJSON(s *query.Stats) any {
	type alias query.Stats
	var perDoc *float64
	if mean, ok := s.WordsPerDocument(); ok {
		perDoc = &mean
	}
	return struct {
		*alias
		WordsPerDocument *float64 `json:"wordsPerDocument"`
	}{(*alias)(s), perDoc}
}
