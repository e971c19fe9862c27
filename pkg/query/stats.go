package query

import (
	"time"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/record"
)

// Stats sums up a corpus one document at a time, in memory that grows with
// the number of distinct topics and providers only, never with the number
// of documents. Its JSON, and every output of it, is StatsFields'.
type Stats struct {
	Files       int
	Skipped     int
	Documents   int
	FrontMatter int
	Text        int
	Words       int
	Earliest    *time.Time
	Latest      *time.Time
	Undated     int
	Topics      int
	Providers   int
	NoProvider  int
	Related     int
	WithRelated int

	topics, providers *Counter
	discovery         *Discovery
}

// NewStats returns empty stats.
func NewStats() *Stats {
	return &Stats{topics: TopicCounter(), providers: ProviderCounter(ByDomain), discovery: NewDiscovery()}
}

// Add counts one document.
func (s *Stats) Add(d *corpus.Document) {
	s.Documents++
	if d.Kind == corpus.KindText {
		s.Text++
	} else {
		s.FrontMatter++
	}
	s.Words += d.Words
	if t := d.PublishedAt; t == nil {
		s.Undated++
	} else {
		if s.Earliest == nil || t.Before(*s.Earliest) {
			s.Earliest = new(*t)
		}
		if s.Latest == nil || t.After(*s.Latest) {
			s.Latest = new(*t)
		}
	}
	s.topics.Add(d)
	s.providers.Add(d)
	s.discovery.Add(d)
	// The rows topics and providers (by domain) would print.
	s.Topics, s.Providers = s.topics.Len(), s.providers.Len()
	if ProviderDomain(d.Provider) == "" && ProviderName(d.Provider) == "" {
		s.NoProvider++
	}
	s.Related += len(d.Related)
	if len(d.Related) > 0 {
		s.WithRelated++
	}
}

// MarshalJSON writes the fields of StatsFields, in order.
func (s *Stats) MarshalJSON() ([]byte, error) {
	return record.AppendJSON(nil, StatsFields, s)
}

// WordsPerDocument is the mean number of words a document; false when
// there are no documents.
func (s *Stats) WordsPerDocument() (float64, bool) {
	if s.Documents == 0 {
		return 0, false
	}
	return float64(s.Words) / float64(s.Documents), true
}

// Fields is field discovery: the fields and front-matter keys the
// documents hold, their types and how many documents miss each (see
// Discovery.Fields).
func (s *Stats) Fields() []FieldStat {
	if s.discovery == nil {
		return []FieldStat{}
	}
	return s.discovery.Fields()
}

// OtherKeys counts the extra keys past MaxDiscoveredKeys distinct ones,
// which Fields leaves out.
func (s *Stats) OtherKeys() int {
	if s.discovery == nil {
		return 0
	}
	return s.discovery.OtherKeys
}
