package query

import (
	"testing"
	"time"

	"github.com/seedscope/seedscope/pkg/corpus"
)

func TestStats(t *testing.T) {
	day := func(d int) *time.Time { v := time.Date(2020, 1, d, 0, 0, 0, 0, time.UTC); return &v }
	docs := []*corpus.Document{
		{Kind: corpus.KindFrontMatter, Words: 10, PublishedAt: day(5), Topics: []string{"AI", "Cloud", "AI"},
			Provider: corpus.Provider{Name: "Wired", Domain: "wired.com"}, Related: make([]corpus.Related, 2)},
		{Kind: corpus.KindFrontMatter, Words: 5, PublishedAt: day(2), Topics: []string{"AI"},
			Provider: corpus.Provider{Domain: "example.com"}},
		{Kind: corpus.KindText, Words: 7, PublishedAt: day(9)},
		{Kind: corpus.KindText, Words: 1},
	}
	s := NewStats()
	for _, d := range docs {
		s.Add(d)
	}
	want := Stats{Documents: 4, FrontMatter: 2, Text: 2, Words: 23, Earliest: day(2), Latest: day(9), Undated: 1,
		Topics: 2, Providers: 2, NoProvider: 2, Related: 2, WithRelated: 1}
	got := *s
	got.topics, got.providers, got.discovery = nil, nil, nil
	if !got.Earliest.Equal(*want.Earliest) || !got.Latest.Equal(*want.Latest) {
		t.Errorf("dates %v – %v, want %v – %v", got.Earliest, got.Latest, want.Earliest, want.Latest)
	}
	got.Earliest, got.Latest, want.Earliest, want.Latest = nil, nil, nil, nil
	if got != want {
		t.Errorf("stats\n%+v\nwant\n%+v", got, want)
	}
	// The dates are copies: changing a document afterwards changes nothing.
	*docs[1].PublishedAt = time.Time{}
	if s.Earliest.IsZero() {
		t.Error("Earliest shares memory with a document")
	}
}
