package query

import (
	"encoding/json"
	"time"

	"github.com/seedscope/seedscope/pkg/record"
)

// The records query makes, described once (see pkg/record): their JSON
// keys in order, CSV columns and, later, --json fields come from here.

// LinkFields describes a related link.
var LinkFields = record.Table[Link]{
	{Info: record.Info{Name: "from", Kind: record.String, Doc: "id of the document the link is in"}, Value: func(l Link) any { return l.From }},
	{Info: record.Info{Name: "title", Kind: record.String, Nullable: true, Doc: "headline of the linked article"}, Value: func(l Link) any { return optString(l.Title) }},
	{Info: record.Info{Name: "provider", Kind: record.String, Nullable: true, Doc: "publisher of the linked article (name, or domain)"}, Value: func(l Link) any { return optString(l.Provider) }},
	{Info: record.Info{Name: "publishedAt", Kind: record.Time, Nullable: true, Doc: "publication date and time of the linked article"}, Value: func(l Link) any { return optTime(l.PublishedAt) }},
	{Info: record.Info{Name: "url", Kind: record.String, Nullable: true, Doc: "address of the linked article"}, Value: func(l Link) any { return optString(l.URL) }},
	{Info: record.Info{Name: "target", Kind: record.String, Nullable: true, Doc: "id of the corpus document the URL leads to"}, Value: func(l Link) any { return optString(l.Target) }},
}

// TopicFacetFields describes a topic count.
var TopicFacetFields = record.Table[Facet]{
	{Info: record.Info{Name: "value", Kind: record.String, Doc: "the topic"}, Value: func(f Facet) any { return f.Value }},
	{Info: record.Info{Name: "count", Kind: record.Integer, Doc: "documents with the topic"}, Value: func(f Facet) any { return f.Count }},
}

// ProviderFacetFields describes a provider count.
var ProviderFacetFields = record.Table[Facet]{
	{Info: record.Info{Name: "value", Kind: record.String, Doc: "the provider's name: the most frequent of names, or, without one, a name that looks like a domain, or the domain"}, Value: func(f Facet) any { return f.Value }},
	{Info: record.Info{Name: "domain", Kind: record.String, Nullable: true, Doc: "the provider's domain, lower case without www. (grouped by name: the most frequent of domains)"}, Value: func(f Facet) any { return optString(f.Domain) }},
	{Info: record.Info{Name: "names", Kind: record.StringList, Doc: "the distinct names of the documents counted, most frequent first, each in its most frequent spelling (a name that looks like a domain is read as a domain, not listed)"}, Value: func(f Facet) any { return list(f.Names) }},
	{Info: record.Info{Name: "domains", Kind: record.StringList, Doc: "the distinct domains of the documents counted, most frequent first"}, Value: func(f Facet) any { return list(f.Domains) }},
	{Info: record.Info{Name: "count", Kind: record.Integer, Doc: "documents from the provider"}, Value: func(f Facet) any { return f.Count }},
}

// StatsFields describes the summary of a corpus: its JSON object, and its
// lines in the other formats, in this order.
var StatsFields = record.Table[*Stats]{
	statInt("files", "files looked at", func(s *Stats) int { return s.Files }),
	statInt("skipped", "files that did not become documents", func(s *Stats) int { return s.Skipped }),
	statInt("documents", "documents loaded", func(s *Stats) int { return s.Documents }),
	statInt("frontMatter", "documents with front matter", func(s *Stats) int { return s.FrontMatter }),
	statInt("text", "plain-text documents", func(s *Stats) int { return s.Text }),
	statInt("words", "words in all bodies", func(s *Stats) int { return s.Words }),
	{Info: record.Info{Name: "wordsPerDocument", Kind: record.Number, Nullable: true, Doc: "mean words a document (null without documents)"}, Value: func(s *Stats) any {
		if mean, ok := s.WordsPerDocument(); ok {
			return mean
		}
		return nil
	}},
	{Info: record.Info{Name: "earliest", Kind: record.Time, Nullable: true, Doc: "earliest publication date"}, Value: func(s *Stats) any { return optTime(s.Earliest) }},
	{Info: record.Info{Name: "latest", Kind: record.Time, Nullable: true, Doc: "latest publication date"}, Value: func(s *Stats) any { return optTime(s.Latest) }},
	statInt("undated", "documents without a publication date", func(s *Stats) int { return s.Undated }),
	statInt("topics", "distinct topics: the rows topics prints", func(s *Stats) int { return s.Topics }),
	statInt("providers", "distinct providers: the rows providers prints (by domain)", func(s *Stats) int { return s.Providers }),
	statInt("noProvider", "documents without a provider", func(s *Stats) int { return s.NoProvider }),
	statInt("related", "related items", func(s *Stats) int { return s.Related }),
	statInt("withRelated", "documents with related items", func(s *Stats) int { return s.WithRelated }),
	{Info: record.Info{Name: "fields", Kind: record.ObjectList, Doc: "field discovery: each field and extra front-matter key at least one document holds, its types, and the documents that hold and miss it", Sub: FieldStatFields.Infos()},
		Value: func(s *Stats) any { return fieldStatsJSON(s.Fields()) }},
}

// fieldStatsJSON is the JSON array of field statistics.
func fieldStatsJSON(fs []FieldStat) json.RawMessage {
	b := []byte{'['}
	for i, f := range fs {
		if i > 0 {
			b = append(b, ',')
		}
		b, _ = record.AppendJSON(b, FieldStatFields, f)
	}
	return append(b, ']')
}

func statInt(name, doc string, v func(*Stats) int) record.Field[*Stats] {
	return record.Field[*Stats]{Info: record.Info{Name: name, Kind: record.Integer, Doc: doc}, Value: func(s *Stats) any { return v(s) }}
}

func optString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// list is never null: an empty list is [].
func list(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func optTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.Format(time.RFC3339)
}
