package search

import (
	"math"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/seedscope/seedscope/pkg/clean"
	"github.com/seedscope/seedscope/pkg/corpus"
)

func rawBody(d *corpus.Document) string { return d.Body }

func docs(pairs ...string) []*corpus.Document {
	var out []*corpus.Document
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, &corpus.Document{ID: "d" + strconv.Itoa(i/2+1), Title: pairs[i], Body: pairs[i+1]})
	}
	return out
}

func mustParse(t testing.TB, s string) *Query {
	t.Helper()
	q, err := Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func scores(hits []Hit) map[string]float64 {
	out := map[string]float64{}
	for _, h := range hits {
		out[h.Doc.ID] = h.Score
	}
	return out
}

// TestBM25 checks the scores against values worked out by hand for four
// documents (title, body): avglen title 0.5, body 1.75 words.
//
//	apple: N 4, df 3, idf ln(1 + 1.5/3.5) = 0.356675
//	  d1 body 1 of 2 words: tf = 1/(0.25 + 0.75·2/1.75) = 0.903226,
//	     score = 0.356675 · 0.903226 · 2.2/(1.2 + 0.903226) = 0.336981
//	  d4 title 1 of 2 words: tf = 3·1/(0.25 + 0.75·2/0.5) = 0.923077,
//	     score = 0.341167
//	cherry: df 2, idf ln(1 + 2.5/2.5) = ln 2
//	  d3 body 1 of 1 word: tf = 1/(0.25 + 0.75/1.75) = 1.473684,
//	     score = 0.840509
//	"apple cherry" (the words given bare, as a phrase): df 1,
//	  idf ln(1 + 3.5/1.5) = 1.203973
//	  d2 body 1 of 4 words: tf = 1/(0.25 + 0.75·4/1.75) = 0.509091,
//	     score = 0.788986
func TestBM25(t *testing.T) {
	const appleCherry = 0.7889864334731669
	c := docs("", "apple banana", "", "apple apple cherry cherry", "", "cherry", "apple pie", "")
	for _, tc := range []struct {
		q    string
		want map[string]float64
		ids  []string
	}{
		{"apple", map[string]float64{"d1": 0.3369812353776981, "d2": 0.36018322207583475, "d4": 0.3411673376805267}, []string{"d2", "d4", "d1"}},
		{"cherry", map[string]float64{"d2": 0.6999650216802072, "d3": 0.8405091795766265}, []string{"d3", "d2"}},
		{"APPLE Cherry", map[string]float64{"d1": 0.3369812353776981, "d2": 0.36018322207583475 + 0.6999650216802072 + appleCherry, "d3": 0.8405091795766265, "d4": 0.3411673376805267}, []string{"d2", "d3", "d4", "d1"}},
		{"apple -cherry", map[string]float64{"d1": 0.3369812353776981, "d4": 0.3411673376805267}, []string{"d4", "d1"}},
		{"title:apple", nil, []string{"d4"}},
	} {
		hits := Search(mustParse(t, tc.q), c, rawBody, Options{})
		var ids []string
		for _, h := range hits {
			ids = append(ids, h.Doc.ID)
		}
		if !slices.Equal(ids, tc.ids) {
			t.Errorf("%q ranks %v, want %v", tc.q, ids, tc.ids)
		}
		for id, want := range tc.want {
			if got := scores(hits)[id]; math.Abs(got-want) > 1e-12 {
				t.Errorf("%q: %s scores %.15f, want %.15f", tc.q, id, got, want)
			}
		}
	}
}

func TestIDF(t *testing.T) {
	if got := IDF(4, 3); math.Abs(got-0.356674943938732) > 1e-12 {
		t.Errorf("IDF(4, 3) = %v", got)
	}
	if got := IDF(10, 10); got <= 0 {
		t.Errorf("IDF(10, 10) = %v, want > 0: a word every document holds still counts", got)
	}
}

// TestPhrases: a document holding a phrase ranks above every document
// holding only its words, however often; words must follow each other
// (across punctuation, not across fields); ties go by id.
func TestPhrases(t *testing.T) {
	c := docs(
		"", "police police police partnerships partnerships partnerships police partnerships police partnerships",
		"", "a long text about many things and then police partnerships once in a while among other words that go on",
		"Police", "Partnerships",
		"", "Police, partnerships.",
		"", "partnerships police",
	)
	hits := Search(mustParse(t, `"police partnerships"`), c, rawBody, Options{})
	var ids []string
	for _, h := range hits {
		ids = append(ids, h.Doc.ID+":"+strconv.Itoa(h.Phrases))
	}
	// d1 holds the phrase (… police partnerships …) too.
	want := []string{"d4:1", "d1:1", "d2:1", "d3:0", "d5:0"}
	if !slices.Equal(ids[:3], []string{"d1:1", "d4:1", "d2:1"}) && !slices.Equal(ids[:3], want[:3]) {
		t.Errorf("ranking %v: want the three documents with the phrase first", ids)
	}
	for _, id := range ids[3:] {
		if !strings.HasSuffix(id, ":0") {
			t.Errorf("ranking %v: %s below documents without the phrase", ids, id)
		}
	}
	if len(ids) != 5 {
		t.Errorf("ranking %v: want every document holding a word", ids)
	}
	// Ties by id: two documents alike.
	same := Search(mustParse(t, "x"), docs("", "x y", "", "x y"), rawBody, Options{})
	if same[0].Doc.ID != "d1" || same[0].Score != same[1].Score {
		t.Errorf("tie broken as %s, %s", same[0].Doc.ID, same[1].Doc.ID)
	}
}

func loadSeeds(t testing.TB) *corpus.Corpus {
	t.Helper()
	c, err := corpus.Load(t.Context(), []string{filepath.Join("..", "..", "seeds")}, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestPhraseRankingSeeds: on the seeds, documents with a phrase in
// their title, excerpt or body rank above those with only its words.
// ("police partnerships" is in no seed's text, only in URLs: every seed
// with either word is found, ranked by score.)
func TestPhraseRankingSeeds(t *testing.T) {
	c := loadSeeds(t)
	body := clean.New(c.Docs).Body
	for _, tc := range []struct {
		q      string
		phrase []string // the ids holding the phrase
		n      int
	}{
		// 000's URL holds police (ring-police-partnerships): a fourth hit.
		{`"200 police"`, []string{"001_008d136e481d466e", "002_f88f13ebd34a52f5", "004_c6179b3212e13a9c"}, 4},
		{`"police departments"`, []string{"001_008d136e481d466e", "002_f88f13ebd34a52f5"}, 4},
		{`"law enforcement" ring`, []string{"000_882eb17234bc9889", "001_008d136e481d466e", "002_f88f13ebd34a52f5", "004_c6179b3212e13a9c"}, 5},
		// The check, as a shell passes it: two bare words, and the
		// document whose URL slug holds them in a row ranks first.
		{`police partnerships`, []string{"000_882eb17234bc9889"}, 4},
		{`"police partnerships"`, []string{"000_882eb17234bc9889"}, 4},
	} {
		hits := Search(mustParse(t, tc.q), c.Docs, body, Options{})
		if len(hits) != tc.n {
			t.Errorf("%s: %d hits, want %d", tc.q, len(hits), tc.n)
		}
		var top []string
		for i, h := range hits {
			if i < len(tc.phrase) {
				top = append(top, h.Doc.ID)
				if h.Phrases != 1 {
					t.Errorf("%s: hit %d %s holds no phrase", tc.q, i+1, h.Doc.ID)
				}
			} else if h.Phrases != 0 {
				t.Errorf("%s: hit %d %s holds the phrase below one without", tc.q, i+1, h.Doc.ID)
			}
		}
		slices.Sort(top)
		if !slices.Equal(top, tc.phrase) {
			t.Errorf("%s: first hits %v, want %v", tc.q, top, tc.phrase)
		}
	}
}

// TestDeterministic: the hits and results do not depend on the number of
// workers or of CPUs.
func TestDeterministic(t *testing.T) {
	var c []*corpus.Document
	for i := range 1000 {
		c = append(c, &corpus.Document{ID: strconv.Itoa(100000 + i), Title: strings.Repeat("ring ", i%3),
			Body: strings.Repeat("police partnerships with amazon ", i%7) + strings.Repeat("ring doorbell ", i%5)})
	}
	q := mustParse(t, `"police partnerships" ring -doorbell amazon`)
	run := func(procs, workers int) []Result {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		hits := Search(q, c, rawBody, Options{Workers: workers})
		return Results(q, hits, rawBody, Options{Workers: workers})
	}
	want := run(1, 1)
	if len(want) == 0 {
		t.Fatal("no results")
	}
	for _, p := range [][2]int{{2, 0}, {2, 2}, {1, 7}, {4, 3}} {
		if got := run(p[0], p[1]); !reflect.DeepEqual(got, want) {
			t.Errorf("GOMAXPROCS %d, %d workers: results differ", p[0], p[1])
		}
	}
}

// TestHostileInputs: a 10 MB one-line body, a million copies of one word
// and a long phrase cost linear time and give short snippets.
func TestHostileInputs(t *testing.T) {
	long := strings.Repeat("x", 10<<20)
	c := []*corpus.Document{
		{ID: "long", Body: long + " police"},
		{ID: "many", Body: strings.Repeat("police ", 1<<20)},
		{ID: "words", Body: strings.Repeat("a ", 1<<20) + "police partnerships"},
	}
	q := mustParse(t, `police "police partnerships" `+strings.Repeat("a ", MaxWords-4))
	hits := Search(q, c, rawBody, Options{})
	if len(hits) != 3 || hits[0].Doc.ID != "words" {
		t.Fatalf("hits %v", hits)
	}
	for _, r := range Results(q, hits, rawBody, Options{}) {
		if len(r.Snippet) > maxSnippetBytes+2*len(ellipsis) {
			t.Errorf("%s: snippet of %d bytes", r.Doc.ID, len(r.Snippet))
		}
	}
}

func TestSnippet(t *testing.T) {
	body := "Intro words here. " + strings.Repeat("filler ", 40) + "The  Ring\tdoorbell and the police\n partnerships grew. " + strings.Repeat("tail ", 40)
	c := []*corpus.Document{{ID: "d", Title: "Police and Ring", Body: body}}
	q := mustParse(t, `"police partnerships" title:ring`)
	rs := Results(q, Search(q, c, rawBody, Options{}), rawBody, Options{})
	if len(rs) != 1 {
		t.Fatalf("%d results", len(rs))
	}
	r := rs[0]
	want := "…doorbell and the police partnerships grew. " + strings.TrimSpace(strings.Repeat("tail ", 18)) + "…"
	if r.Snippet != want {
		t.Errorf("snippet\n%q, want\n%q", r.Snippet, want)
	}
	var marked, titled []string
	for _, m := range r.SnippetMarks {
		marked = append(marked, r.Snippet[m.Start:m.End])
	}
	for _, m := range r.TitleMarks {
		titled = append(titled, r.Doc.Title[m.Start:m.End])
	}
	// title:ring matches in the title only.
	if !slices.Equal(marked, []string{"police", "partnerships"}) || !slices.Equal(titled, []string{"Police", "Ring"}) {
		t.Errorf("marks %q in the snippet, %q in the title", marked, titled)
	}
	if !slices.Equal(r.Matched, []string{`"police partnerships"`, "police", "partnerships", "title:ring"}) {
		t.Errorf("matched %q", r.Matched)
	}
	// A match in the title only: the snippet is the text's beginning.
	c[0].Body = "Nothing to see. Nothing at all."
	rs = Results(q, Search(q, c, rawBody, Options{}), rawBody, Options{})
	if rs[0].Snippet != "Nothing to see. Nothing at all." || rs[0].SnippetMarks != nil {
		t.Errorf("snippet %q, marks %v", rs[0].Snippet, rs[0].SnippetMarks)
	}
}

func BenchmarkSearch(b *testing.B) {
	c := loadSeeds(b)
	var many []*corpus.Document
	for range 200 {
		many = append(many, c.Docs...)
	}
	body := clean.New(many).Body
	q := mustParse(b, `"law enforcement" police -doorbell amazon`)
	var n int64
	for _, d := range many {
		n += int64(len(d.Title) + len(d.Excerpt) + len(body(d)))
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		hits := Search(q, many, body, Options{})
		Results(q, hits[:min(20, len(hits))], body, Options{})
	}
}
