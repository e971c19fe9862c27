package query

import (
	"time"

	"github.com/seedscope/seedscope/pkg/corpus"
)

// Stats sums up a corpus one document at a time, in memory that grows with
// the number of distinct topics and providers only, never with the number
// of documents.
type Stats struct {
	Files       int        `json:"files"`
	Skipped     int        `json:"skipped"`
	Documents   int        `json:"documents"`
	FrontMatter int        `json:"frontMatter"`
	Text        int        `json:"text"`
	Words       int        `json:"words"`
	Earliest    *time.Time `json:"earliest"`
	Latest      *time.Time `json:"latest"`
	Undated     int        `json:"undated"`
	Topics      int        `json:"topics"`
	Providers   int        `json:"providers"`
	NoProvider  int        `json:"noProvider"`
	Related     int        `json:"related"`
	WithRelated int        `json:"withRelated"`

	topics, providers *Counter
}

// NewStats returns empty stats.
func NewStats() *Stats {
	return &Stats{topics: TopicCounter(), providers: ProviderCounter()}
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
	s.Topics, s.Providers = len(s.topics.counts), len(s.providers.counts)
	if d.Provider.Name == "" && d.Provider.Domain == "" {
		s.NoProvider++
	}
	s.Related += len(d.Related)
	if len(d.Related) > 0 {
		s.WithRelated++
	}
}

// WordsPerDocument is the mean number of words a document; false when
// there are no documents.
func (s *Stats) WordsPerDocument() (float64, bool) {
	if s.Documents == 0 {
		return 0, false
	}
	return float64(s.Words) / float64(s.Documents), true
}
