package search

import (
	"math"
	"time"

	"github.com/seedscope/seedscope/pkg/record"
)

// ResultFields describes a search result: its JSON keys in order, its CSV
// columns and --json fields.
var ResultFields = record.Table[Result]{
	{Info: record.Info{Name: "rank", Kind: record.Integer, Doc: "the result's place, from 1"}, Value: func(r Result) any { return r.Rank }},
	{Info: record.Info{Name: "score", Kind: record.Number, Doc: "BM25F relevance score, rounded to 3 decimals (documents holding more of the query's phrases rank first, whatever the score)"}, Value: func(r Result) any { return RoundScore(r.Score) }},
	{Info: record.Info{Name: "id", Kind: record.String, Doc: "the document's id"}, Value: func(r Result) any { return r.Doc.ID }},
	{Info: record.Info{Name: "title", Kind: record.String, Nullable: true, Doc: "the document's headline"}, Value: func(r Result) any { return optString(r.Doc.Title) }},
	{Info: record.Info{Name: "publishedAt", Kind: record.Time, Nullable: true, Doc: "publication date and time"}, Value: func(r Result) any {
		if r.Doc.PublishedAt == nil {
			return nil
		}
		return r.Doc.PublishedAt.Format(time.RFC3339)
	}},
	{Info: record.Info{Name: "provider", Kind: record.String, Nullable: true, Doc: "the publisher's name, or its domain"}, Value: func(r Result) any { return optString(Provider(r)) }},
	{Info: record.Info{Name: "snippet", Kind: record.String, Doc: "a passage of the cleaned body (or of the excerpt) around the best match, with … where the text goes on"}, Value: func(r Result) any { return r.Snippet }},
	{Info: record.Info{Name: "matched", Kind: record.StringList, Doc: "the query's words and phrases the document holds (folded; phrases in double quotes), in the query's order"}, Value: func(r Result) any { return list(r.Matched) }},
	{Info: record.Info{Name: "path", Kind: record.String, Doc: "the document's file, as the corpus path was given"}, Value: func(r Result) any { return r.Doc.Path }},
}

// RoundScore is a score as printed: 3 decimals.
func RoundScore(s float64) float64 { return math.Round(s*1000) / 1000 }

// Provider is the result's publisher: its name, or its domain.
func Provider(r Result) string {
	if r.Doc.Provider.Name != "" {
		return r.Doc.Provider.Name
	}
	return r.Doc.Provider.Domain
}

func optString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func list(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
