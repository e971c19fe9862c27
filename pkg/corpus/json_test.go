package corpus

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/seedscope/seedscope/internal/sharedtest"
	"github.com/seedscope/seedscope/internal/synth"
)

// The reference encoding: the wire structs json.Marshal wrote documents
// from before AppendJSON. AppendJSON must give the same bytes.
type (
	refDoc struct {
		ID          string         `json:"id"`
		Path        string         `json:"path"`
		Kind        Kind           `json:"kind"`
		Title       *string        `json:"title"`
		Excerpt     *string        `json:"excerpt"`
		Category    *string        `json:"category"`
		Type        *string        `json:"type"`
		PublishedAt *string        `json:"publishedAt"`
		URL         *string        `json:"url"`
		AmpURL      *string        `json:"ampUrl"`
		CdnAmpURL   *string        `json:"cdnAmpUrl"`
		Quality     *float64       `json:"quality"`
		Heat        *float64       `json:"heat"`
		Published   *bool          `json:"published"`
		Provider    refProvider    `json:"provider"`
		Topics      []string       `json:"topics"`
		Images      []refImage     `json:"images"`
		Related     []refRelated   `json:"related"`
		Body        *string        `json:"body"`
		Words       int            `json:"words"`
		Secured     *string        `json:"secured"`
		Extra       map[string]any `json:"extra"`
	}
	refProvider struct {
		Name   *string    `json:"name"`
		Domain *string    `json:"domain"`
		Images []refImage `json:"images"`
	}
	refImage struct {
		URL    *string  `json:"url"`
		Width  *float64 `json:"width"`
		Height *float64 `json:"height"`
		Title  *string  `json:"title"`
	}
	refRelated struct {
		Title       *string     `json:"title"`
		Excerpt     *string     `json:"excerpt"`
		URL         *string     `json:"url"`
		AmpURL      *string     `json:"ampUrl"`
		CdnAmpURL   *string     `json:"cdnAmpUrl"`
		PublishedAt *string     `json:"publishedAt"`
		Type        *string     `json:"type"`
		Quality     *float64    `json:"quality"`
		Provider    refProvider `json:"provider"`
		Images      []refImage  `json:"images"`
		Target      *string     `json:"target"`
	}
)

func refMarshal(d *Document) ([]byte, error) {
	extra := d.Extra
	if extra == nil {
		extra = map[string]any{}
	}
	related := make([]refRelated, len(d.Related))
	for i, r := range d.Related {
		related[i] = refRelated{
			Title: refStr(r.Title), Excerpt: refStr(r.Excerpt),
			URL: refStr(r.URL), AmpURL: refStr(r.AmpURL), CdnAmpURL: refStr(r.CdnAmpURL),
			PublishedAt: refTime(r.PublishedAt), Type: refStr(r.Type), Quality: r.Quality,
			Provider: refProv(r.Provider), Images: refImages(r.Images), Target: refStr(r.Target),
		}
	}
	topics := d.Topics
	if topics == nil {
		topics = []string{}
	}
	return json.Marshal(refDoc{
		ID: d.ID, Path: d.Path, Kind: d.Kind,
		Title: refStr(d.Title), Excerpt: refStr(d.Excerpt), Category: refStr(d.Category), Type: refStr(d.Type),
		PublishedAt: refTime(d.PublishedAt),
		URL:         refStr(d.URL), AmpURL: refStr(d.AmpURL), CdnAmpURL: refStr(d.CdnAmpURL),
		Quality: d.Quality, Heat: d.Heat, Published: d.Published,
		Provider: refProv(d.Provider),
		Topics:   topics,
		Images:   refImages(d.Images),
		Related:  related,
		Body:     refStr(d.Body), Words: d.Words, Secured: d.Secured,
		Extra: extra,
	})
}

func refProv(p Provider) refProvider {
	return refProvider{Name: refStr(p.Name), Domain: refStr(p.Domain), Images: refImages(p.Images)}
}

func refImages(imgs []Image) []refImage {
	out := make([]refImage, len(imgs))
	for i, im := range imgs {
		out[i] = refImage{URL: refStr(im.URL), Width: im.Width, Height: im.Height, Title: refStr(im.Title)}
	}
	return out
}

func refStr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func refTime(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := t.Format(time.RFC3339)
	return &s
}

// sameJSON checks that AppendJSON, MarshalJSON and json.Marshal of the
// document all give the reference bytes, and that AppendJSON keeps what
// the buffer held. It reports whether they matched.
func sameJSON(t *testing.T, name string, d *Document) bool {
	t.Helper()
	want, err := refMarshal(d)
	if err != nil {
		t.Errorf("%s: reference encoding: %v", name, err)
		return false
	}
	prefix := []byte("prefix\n")
	got := d.AppendJSON(prefix[:len(prefix):len(prefix)])
	if !bytes.HasPrefix(got, prefix) || !bytes.Equal(got[len(prefix):], want) {
		t.Errorf("%s: AppendJSON\n got %s\nwant prefix\n%s", name, got, want)
		return false
	}
	viaMarshal, err := json.Marshal(d)
	if err != nil || !bytes.Equal(viaMarshal, want) {
		t.Errorf("%s: json.Marshal = %s, %v\nwant %s", name, viaMarshal, err, want)
		return false
	}
	return true
}

// sameJSONStream checks every document streamed from roots and returns how
// many it checked.
func sameJSONStream(t *testing.T, roots ...string) int {
	t.Helper()
	n, failed := 0, 0
	err := Stream(context.Background(), roots, Options{}, func(r Result) error {
		if r.Doc == nil {
			return nil
		}
		n++
		if !sameJSON(t, r.Path, r.Doc) {
			failed++
			if failed == 5 {
				t.Fatal("too many differences")
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestAppendJSONSeeds(t *testing.T) {
	c, err := Load(context.Background(), []string{"../../seeds"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Docs) == 0 {
		t.Fatal("no seed documents")
	}
	for _, d := range c.Docs { // resolved links: related targets are set
		sameJSON(t, d.ID, d)
	}
}

func TestAppendJSONSynthetic(t *testing.T) {
	dir := t.TempDir()
	const n = 400
	if err := synth.Write(dir, n, 7, 2); err != nil {
		t.Fatal(err)
	}
	c, err := Load(context.Background(), []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Docs) != n {
		t.Fatalf("%d documents, want %d", len(c.Docs), n)
	}
	for _, d := range c.Docs {
		sameJSON(t, d.ID, d)
	}
}

func TestAppendJSONHostile(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "hostile")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no hostile corpus")
	}
	if n := sameJSONStream(t, dir); n == 0 {
		t.Error("no document in the hostile corpus")
	}
}

// TestAppendJSONSharedCorpora checks every document of the real corpora
// (about two seconds).
func TestAppendJSONSharedCorpora(t *testing.T) {
	root := sharedtest.Dir(t, "corpora")
	for _, name := range []string{"insideout-ai-posts", "bing-covid-news", "bbc-text", "hugo-docs"} {
		t.Run(name, func(t *testing.T) {
			n := sameJSONStream(t, filepath.Join(root, name))
			t.Logf("%d documents", n)
		})
	}
}

func ptr[T any](v T) *T { return &v }

// jsonCases are documents built by hand with the values the encoders are
// most likely to disagree on.
var jsonCases = []struct {
	name string
	doc  Document
}{
	{"zero", Document{}},
	{"empty but not nil", Document{Topics: []string{}, Images: []Image{}, Related: []Related{}, Extra: map[string]any{}}},
	{"html and quotes", Document{Title: `<a href="x">&amp;</a>`, Body: `back\slash "quoted"`}},
	{"control characters", Document{Title: "\x00\x01\b\f\n\r\t\x1f\x7f end", Excerpt: "\u0085\u00a0"}},
	{"line separators", Document{Title: "a\u2028b\u2029c\u202a"}},
	{"invalid utf-8", Document{Title: "a\xffb\xc3", Body: "\xed\xa0\x80 surrogate, \xf4\x90\x80\x80 too big, \xc0\xaf overlong"}},
	{"utf-8", Document{Title: "héllo wörld 😀 日本"}},
	{"numbers", Document{Quality: ptr(0.0), Heat: ptr(math.Copysign(0, -1)), Words: -3}},
	{"small numbers", Document{Quality: ptr(1e-6), Heat: ptr(9.99e-7), Images: []Image{{Width: ptr(1e-9), Height: ptr(-1.5e-10)}}}},
	{"large numbers", Document{Quality: ptr(1e21), Heat: ptr(999999999999999900000.0), Images: []Image{{Width: ptr(math.MaxFloat64), Height: ptr(-1e100)}}}},
	{"fractions", Document{Quality: ptr(0.1), Heat: ptr(123456.789), Images: []Image{{Width: ptr(1.0 / 3), Height: ptr(math.SmallestNonzeroFloat64)}}}},
	{"booleans", Document{Published: ptr(false), Related: []Related{{Quality: ptr(2.5)}}}},
	{"times", Document{
		PublishedAt: ptr(time.Date(2020, 1, 7, 20, 2, 0, 123, time.UTC)),
		Related:     []Related{{PublishedAt: ptr(time.Date(1999, 12, 31, 23, 59, 59, 0, time.FixedZone("", -(5*3600+30*60))))}},
	}},
	{"secured", Document{Secured: ptr(""), Provider: Provider{Name: "n", Domain: "d", Images: []Image{{URL: "u", Title: "t"}}}}},
	{"extra", Document{Extra: map[string]any{
		"b": "<x>", "a": 1, "c": uint64(math.MaxUint64), "d": 1e-7, "e": true, "f": nil,
		"g": time.Date(2020, 1, 2, 3, 4, 5, 6, time.UTC), "h": []any{1, "x", nil}, "i": map[string]any{"z": 1, "y": []any{}},
		"\u2028": "\xff",
	}}},
	{"related", Document{Related: []Related{
		{Title: "t", Excerpt: "e", URL: "u", AmpURL: "a", CdnAmpURL: "c", Type: "y", Target: "x",
			Provider: Provider{Name: "p"}, Images: []Image{{URL: "i"}, {Title: "j"}}},
		{},
	}}},
}

func TestAppendJSONCases(t *testing.T) {
	var nilDoc *Document
	if want, _ := json.Marshal(nilDoc); string(nilDoc.AppendJSON(nil)) != string(want) {
		t.Errorf("nil document: AppendJSON = %s, want %s", nilDoc.AppendJSON(nil), want)
	}
	for _, tc := range jsonCases {
		t.Run(tc.name, func(t *testing.T) {
			d := tc.doc
			d.ID, d.Path, d.Kind = "id<1>", "a/b&c.md", KindFrontMatter
			sameJSON(t, tc.name, &d)
		})
	}
}

// TestAppendJSONUnencodable checks documents encoding/json refuses, which
// Parse never produces: MarshalJSON keeps refusing them with the same
// error, AppendJSON writes valid JSON.
func TestAppendJSONUnencodable(t *testing.T) {
	cases := map[string]Document{
		"NaN quality":         {Quality: ptr(math.NaN())},
		"infinite heat":       {Heat: ptr(math.Inf(1))},
		"infinite width":      {Images: []Image{{Width: ptr(math.Inf(-1))}}},
		"provider NaN height": {Provider: Provider{Images: []Image{{Height: ptr(math.NaN())}}}},
		"related NaN":         {Related: []Related{{Quality: ptr(math.NaN())}}},
		"related image":       {Related: []Related{{Provider: Provider{Images: []Image{{Width: ptr(math.Inf(1))}}}}}},
		"extra NaN":           {Extra: map[string]any{"x": math.NaN()}},
		"extra year 10000":    {Extra: map[string]any{"x": time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}},
		"extra channel":       {Extra: map[string]any{"x": make(chan int)}},
	}
	for name, d := range cases {
		t.Run(name, func(t *testing.T) {
			_, wantErr := refMarshal(&d)
			if wantErr == nil {
				t.Fatal("the reference encodes it; the case is wrong")
			}
			_, err := d.MarshalJSON()
			if err == nil {
				t.Fatal("MarshalJSON: no error")
			}
			if _, isNumber := wantErr.(*json.UnsupportedValueError); isNumber && err.Error() != wantErr.Error() {
				t.Errorf("MarshalJSON error %q, want %q", err, wantErr)
			}
			if got := d.AppendJSON(nil); !json.Valid(got) {
				t.Errorf("AppendJSON wrote invalid JSON: %s", got)
			}
		})
	}
}

// FuzzAppendJSON builds documents from fuzzed strings and numbers and
// compares AppendJSON with the reference encoding.
func FuzzAppendJSON(f *testing.F) {
	f.Add("plain", "<a>&\u2028\u2029", 12.5, 1e-7, int64(3), true)
	f.Add("\xff\xfe\x00\x1f\x7f", "\"\\\b\f\n\r\t", 1e21, -0.0, int64(-1), false)
	f.Add("", "é😀\xed\xa0\x80", 123456789.0, 5e-324, int64(1<<62), true)
	f.Add("x", "", math.MaxFloat64, 1e20, int64(0), false)
	f.Fuzz(func(t *testing.T, s1, s2 string, f1, f2 float64, n int64, b bool) {
		img := Image{URL: s2, Width: &f1, Height: &f2, Title: s1}
		d := &Document{
			ID: s1, Path: s2, Kind: Kind(s1 + s2),
			Title: s1, Excerpt: s2, Category: s2 + s1, Type: s1,
			URL: s2, AmpURL: s1, CdnAmpURL: s2,
			Quality: &f1, Heat: &f2, Published: &b,
			Provider: Provider{Name: s1, Domain: s2, Images: []Image{img}},
			Topics:   []string{s1, s2, ""},
			Images:   []Image{img, {}},
			Related: []Related{{Title: s2, Excerpt: s1, URL: s1, Type: s2, Quality: &f2, Target: s1,
				Provider: Provider{Name: s2}, Images: []Image{img}}},
			Body: s1 + "\n" + s2, Words: int(n), Extra: map[string]any{s1: s2, s2: f2, "n": n},
		}
		if b {
			d.Secured = &s2
			d.PublishedAt = ptr(time.Unix(n%(1<<35), 0).UTC())
			d.Extra = nil
		}
		want, err := refMarshal(d)
		got := d.AppendJSON(nil)
		if err != nil {
			if _, merr := d.MarshalJSON(); merr == nil {
				t.Errorf("reference fails (%v), MarshalJSON does not", err)
			}
			if !json.Valid(got) {
				t.Errorf("AppendJSON wrote invalid JSON: %s", got)
			}
			return
		}
		if !bytes.Equal(got, want) {
			t.Errorf("AppendJSON\n got %s\nwant %s", got, want)
		}
	})
}

// refMarshaler is a document with the reference MarshalJSON.
type refMarshaler struct{ d *Document }

func (r refMarshaler) MarshalJSON() ([]byte, error) { return refMarshal(r.d) }

// BenchmarkAppendJSON compares AppendJSON into a reused buffer with
// json.Marshal of a seed document, now and with the former wire structs.
func BenchmarkAppendJSON(b *testing.B) {
	c, err := Load(context.Background(), []string{"../../seeds"}, Options{})
	if err != nil {
		b.Fatal(err)
	}
	d := c.Docs[0]
	size := len(d.AppendJSON(nil))
	b.Run("AppendJSON", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		var buf []byte
		for b.Loop() {
			buf = d.AppendJSON(buf[:0])
		}
	})
	b.Run("json.Marshal", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(d); err != nil {
				b.Fatal(err)
			}
		}
	})
	// What json.Marshal(d) cost before AppendJSON: the wire structs through
	// encoding/json, then encoding/json checking and compacting the bytes
	// MarshalJSON returned.
	b.Run("json.Marshal/wire-structs", func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(refMarshaler{d}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
