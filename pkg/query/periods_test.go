package query

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/seedscope/seedscope/internal/sharedtest"
	"github.com/seedscope/seedscope/pkg/corpus"
)

func at(t *testing.T, s string) *corpus.Document {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return &corpus.Document{ID: s, PublishedAt: &tm}
}

// TestPeriodOf: each document falls in the period of its own calendar
// date; weeks are ISO weeks (Monday to Sunday, numbered by the year of
// their Thursday).
func TestPeriodOf(t *testing.T) {
	for _, tc := range []struct {
		unit        PeriodUnit
		date        string
		label       string
		first, last string
	}{
		{Day, "2020-03-13T10:00:00Z", "2020-03-13", "2020-03-13", "2020-03-13"},
		// Late in the evening west of UTC: the document's own date.
		{Day, "2020-03-13T23:06:00-07:00", "2020-03-13", "2020-03-13", "2020-03-13"},
		{Month, "2020-03-31T23:30:00-07:00", "2020-03", "2020-03-01", "2020-03-31"},
		// Early in the morning east of UTC: its own date, not UTC's.
		{Month, "2020-04-01T00:30:00+09:00", "2020-04", "2020-04-01", "2020-04-30"},
		{Month, "2020-02-10T00:00:00Z", "2020-02", "2020-02-01", "2020-02-29"},
		{Year, "2020-12-31T23:59:59-10:00", "2020", "2020-01-01", "2020-12-31"},
		{Year, "2021-01-01T00:00:00+14:00", "2021", "2021-01-01", "2021-12-31"},
		{Week, "2020-04-01T12:00:00Z", "2020-W14", "2020-03-30", "2020-04-05"},
		{Week, "2020-03-30T00:00:00Z", "2020-W14", "2020-03-30", "2020-04-05"}, // a Monday
		{Week, "2020-04-05T23:59:00Z", "2020-W14", "2020-03-30", "2020-04-05"}, // a Sunday
		{Week, "2020-04-05T23:59:00-05:00", "2020-W14", "2020-03-30", "2020-04-05"},
		{Week, "2020-04-06T01:00:00+05:00", "2020-W15", "2020-04-06", "2020-04-12"},
		// Year ends: weeks belong to the year of their Thursday.
		{Week, "2019-12-30T12:00:00Z", "2020-W01", "2019-12-30", "2020-01-05"},
		{Week, "2020-12-31T12:00:00Z", "2020-W53", "2020-12-28", "2021-01-03"},
		{Week, "2021-01-03T12:00:00Z", "2020-W53", "2020-12-28", "2021-01-03"},
		{Week, "2021-01-04T12:00:00Z", "2021-W01", "2021-01-04", "2021-01-10"},
		{Week, "2016-01-01T12:00:00Z", "2015-W53", "2015-12-28", "2016-01-03"},
		// Before 1970.
		{Week, "1969-12-31T12:00:00Z", "1970-W01", "1969-12-29", "1970-01-04"},
		{Month, "1900-02-15T12:00:00Z", "1900-02", "1900-02-01", "1900-02-28"},
	} {
		c := NewPeriodCounter(tc.unit)
		c.Add(at(t, tc.date))
		ps, filled := c.Periods()
		if len(ps) != 1 || !filled {
			t.Fatalf("%s %s: %+v", tc.unit, tc.date, ps)
		}
		p := ps[0]
		if p.Label != tc.label || p.First.Format(time.DateOnly) != tc.first || p.Last.Format(time.DateOnly) != tc.last || p.Count != 1 {
			t.Errorf("%s of %s: %s %s..%s, want %s %s..%s", tc.unit, tc.date, p.Label, p.First.Format(time.DateOnly), p.Last.Format(time.DateOnly), tc.label, tc.first, tc.last)
		}
	}
}

// TestPeriodsFilled: the periods between the first and the last with
// documents are listed with 0, undated documents are counted apart, and
// a range too long to fill lists only the periods with documents.
func TestPeriodsFilled(t *testing.T) {
	c := NewPeriodCounter(Month)
	for _, s := range []string{"2020-11-02T00:00:00Z", "2021-02-01T00:00:00Z", "2020-11-30T00:00:00Z"} {
		c.Add(at(t, s))
	}
	c.Add(&corpus.Document{ID: "undated"})
	ps, filled := c.Periods()
	var got []string
	var counts []int
	for _, p := range ps {
		got = append(got, p.Label)
		counts = append(counts, p.Count)
	}
	if !filled || !reflect.DeepEqual(got, []string{"2020-11", "2020-12", "2021-01", "2021-02"}) || !reflect.DeepEqual(counts, []int{2, 0, 0, 1}) {
		t.Errorf("periods %q %v (filled %v)", got, counts, filled)
	}
	if c.Undated != 1 {
		t.Errorf("undated %d", c.Undated)
	}
	if ps, filled := NewPeriodCounter(Week).Periods(); len(ps) != 0 || ps == nil || !filled {
		t.Errorf("no documents: %v %v", ps, filled)
	}
	// A stray date centuries off: only the days with documents.
	c = NewPeriodCounter(Day)
	for _, s := range []string{"0001-01-01T00:00:00Z", "2020-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2020-01-01T10:00:00Z"} {
		c.Add(at(t, s))
	}
	ps, filled = c.Periods()
	got = nil
	for _, p := range ps {
		got = append(got, p.Label)
	}
	if filled || !reflect.DeepEqual(got, []string{"0001-01-01", "2020-01-01", "9999-12-31"}) || ps[1].Count != 2 {
		t.Errorf("stray dates: %q (filled %v)", got, filled)
	}
	// Just within the bound: filled.
	c = NewPeriodCounter(Day)
	c.Add(at(t, "2000-01-01T00:00:00Z"))
	last := time.Date(2000, 1, MaxFilledPeriods, 0, 0, 0, 0, time.UTC)
	c.Add(&corpus.Document{PublishedAt: &last})
	if ps, filled := c.Periods(); !filled || len(ps) != MaxFilledPeriods {
		t.Errorf("%d days: %d periods, filled %v", MaxFilledPeriods, len(ps), filled)
	}
}

// TestPeriodCountsMatchFilters: each period's count is what --since FIRST
// --until LAST selects (the filters compare the documents' own dates too),
// on the bundled seeds, the facets corpus and each shared corpus.
func TestPeriodCountsMatchFilters(t *testing.T) {
	corpora := map[string]string{"seeds": "../../seeds", "facets": facetsCorpus, "hostile": "../../testdata/hostile"}
	t.Run("shared", func(t *testing.T) {
		dir := sharedtest.Dir(t, "corpora")
		for _, name := range []string{"bing-covid-news", "insideout-ai-posts"} {
			if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
				corpora[name] = filepath.Join(dir, name)
			}
		}
	})
	for name, dir := range corpora {
		docs := loadDocs(t, dir)
		for _, u := range PeriodUnits {
			c := NewPeriodCounter(u)
			for _, d := range docs {
				c.Add(d)
			}
			ps, _ := c.Periods()
			total := c.Undated
			for _, p := range ps {
				total += p.Count
				since, _, err := ParseDateBound(p.First.Format(time.DateOnly), false, time.Now())
				until, _, err2 := ParseDateBound(p.Last.Format(time.DateOnly), true, time.Now())
				if err != nil || err2 != nil {
					t.Fatal(err, err2)
				}
				if got := count(docs, Filter{SinceDay: since, UntilDay: until}); got != p.Count {
					t.Errorf("%s: %s %s counts %d, --since %s --until %s selects %d", name, u, p.Label, p.Count, p.First.Format(time.DateOnly), p.Last.Format(time.DateOnly), got)
				}
				if u == Month || u == Year {
					// The label itself is a --since/--until value.
					since, _, _ := ParseDateBound(p.Label, false, time.Now())
					until, _, _ := ParseDateBound(p.Label, true, time.Now())
					if got := count(docs, Filter{SinceDay: since, UntilDay: until}); got != p.Count {
						t.Errorf("%s: %s %s counts %d, --since/--until %[3]s selects %d", name, u, p.Label, p.Count, got)
					}
				}
			}
			if total != len(docs) {
				t.Errorf("%s: %s periods and undated count %d documents of %d", name, u, total, len(docs))
			}
		}
	}
}

// TestFieldCountsMatchFilters is the facets invariant for stats --by
// FIELD: each row's count is what the field's filter selects with the
// row's value, and the rows and the documents without a value account
// for every document (scalar fields).
func TestFieldCountsMatchFilters(t *testing.T) {
	corpora := map[string]string{"seeds": "../../seeds", "facets": facetsCorpus, "hostile": "../../testdata/hostile"}
	t.Run("shared", func(t *testing.T) {
		dir := sharedtest.Dir(t, "corpora")
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if e.IsDir() && e.Name()[0] != '_' {
				corpora[e.Name()] = filepath.Join(dir, e.Name())
			}
		}
	})
	filters := map[string]func(v string) Filter{
		"topic":         func(v string) Filter { return Filter{Topics: []string{v}} },
		"provider":      func(v string) Filter { return Filter{Providers: []string{v}} },
		"provider.name": func(v string) Filter { return Filter{Providers: []string{v}} },
		"category":      func(v string) Filter { return Filter{Categories: []string{v}} },
		"type":          func(v string) Filter { return Filter{Types: []string{v}} },
		"kind":          func(v string) Filter { return Filter{Kinds: []string{v}} },
		"folder":        func(v string) Filter { return Filter{Folders: []string{v}} },
	}
	for name, dir := range corpora {
		docs := loadDocs(t, dir)
		for field, filter := range filters {
			c, providers, err := FieldCounter(field)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range docs {
				c.Add(d)
			}
			total := c.None()
			for _, f := range c.Facets() {
				total += f.Count
				value := f.Value
				switch {
				case field == "provider" && f.Domain == "", field == "provider.name" && len(f.Names) == 0:
					continue // rows of the other key (see ProviderCounter)
				case field == "provider":
					value = f.Domain
				}
				if got := count(docs, filter(value)); got != f.Count {
					t.Errorf("%s: --by %s row %q counts %d, its filter selects %d", name, field, value, f.Count, got)
				}
			}
			if field != "topic" && total != len(docs) {
				t.Errorf("%s: --by %s rows and %d without a value count %d documents of %d (providers %v)", name, field, c.None(), total, len(docs), providers)
			}
		}
	}
}

func TestFieldCounterRefuses(t *testing.T) {
	for _, f := range []string{"body", "publishedAt", "related", "images", "extra", "nope", ""} {
		if _, _, err := FieldCounter(f); err == nil {
			t.Errorf("--by %q accepted", f)
		}
	}
	for _, f := range ByFields() {
		if _, _, err := FieldCounter(f); err != nil {
			t.Errorf("--by %s: %v", f, err)
		}
	}
}
