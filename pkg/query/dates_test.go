package query

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/seedscope/seedscope/internal/sharedtest"
	"github.com/seedscope/seedscope/pkg/corpus"
)

func TestParseDateBound(t *testing.T) {
	now := time.Date(2024, 3, 31, 12, 0, 0, 0, time.FixedZone("", -7*3600))
	for _, tc := range []struct {
		in      string
		upper   bool
		day     int
		instant string
		err     bool
	}{
		{"2020-03-13", false, 20200313, "", false},
		{" 2020-03-13 ", true, 20200313, "", false},
		{"2020-02", false, 20200201, "", false},
		{"2020-02", true, 20200229, "", false},
		{"2020", false, 20200101, "", false},
		{"2020", true, 20201231, "", false},
		{"30d", false, 20240301, "", false},
		{"2w", false, 20240317, "", false},
		{"1mo", false, 20240302, "", false}, // March 31 less a month: Go's AddDate normalises Feb 31
		{"1y", true, 20230331, "", false},
		{"2020-03-13T23:06:00-07:00", false, 0, "2020-03-13T23:06:00-07:00", false},
		{"2020-03-13T23:06:00-07:00", true, 0, "2020-03-13T23:06:00.000000001-07:00", false},
		{"", false, 0, "", true},
		{"   ", true, 0, "", true},
		{"yesterday", false, 0, "", true},
		{"2020-13", false, 0, "", true},
		{"2020-02-30", false, 0, "", true},
		{"30", false, 0, "", true},
		{"5m", false, 0, "", true}, // months are mo: m could be minutes
	} {
		day, instant, err := ParseDateBound(tc.in, tc.upper, now)
		if (err != nil) != tc.err {
			t.Errorf("%q (upper %v): error %v, want error %v", tc.in, tc.upper, err, tc.err)
			continue
		}
		got := ""
		if instant != nil {
			got = instant.Format(time.RFC3339Nano)
		}
		if day != tc.day || got != tc.instant {
			t.Errorf("%q (upper %v) = %d, %q; want %d, %q", tc.in, tc.upper, day, got, tc.day, tc.instant)
		}
	}
}

// TestDayIsTheDocumentsOwnDate: a document published late in the evening
// west of UTC is filed under the day its DATE column shows, not UTC's.
func TestDayIsTheDocumentsOwnDate(t *testing.T) {
	late, _ := time.Parse(time.RFC3339, "2020-03-13T23:06:00-07:00") // 2020-03-14 in UTC
	docs := []*corpus.Document{{ID: "late", PublishedAt: &late}, {ID: "undated"}}
	for _, tc := range []struct {
		f    Filter
		want []string
	}{
		{Filter{UntilDay: 20200313}, []string{"late"}},
		{Filter{SinceDay: 20200313, UntilDay: 20200313}, []string{"late"}},
		{Filter{SinceDay: 20200314}, nil},
	} {
		if got := ids(tc.f.Select(docs)); len(got) != len(tc.want) || len(got) > 0 && got[0] != tc.want[0] {
			t.Errorf("%+v: got %q, want %q", tc.f, got, tc.want)
		}
	}
}

// TestDatesInvariant: on each shared corpus, for every day D, the
// documents whose DATE cell reads D are exactly those --since D --until D
// keeps (the column prints the document's own date; so does the filter).
func TestDatesInvariant(t *testing.T) {
	for _, name := range []string{"bing-covid-news", "insideout-ai-posts"} {
		dir := filepath.Join(sharedtest.Dir(t, "corpora"), name)
		c, err := corpus.Load(t.Context(), []string{dir}, corpus.Options{})
		if err != nil {
			t.Fatal(err)
		}
		shown := map[string]int{}
		for _, d := range c.Docs {
			if d.PublishedAt != nil {
				shown[d.PublishedAt.Format("2006-01-02")]++ // the DATE column
			}
		}
		for day, want := range shown {
			since, _, err := ParseDateBound(day, false, time.Now())
			until, _, err2 := ParseDateBound(day, true, time.Now())
			if err != nil || err2 != nil {
				t.Fatal(err, err2)
			}
			f := Filter{SinceDay: since, UntilDay: until}
			if got := len(f.Select(c.Docs)); got != want {
				t.Errorf("%s: %s: %d documents read %s in the DATE column, --since/--until %s keeps %d", name, day, want, day, day, got)
			}
		}
		t.Logf("%s: %d days checked", name, len(shown))
	}
}
