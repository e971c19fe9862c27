package clean

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/seedscope/seedscope/internal/sharedtest"
	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/tokens"
)

func textDoc(id, title, body string) *corpus.Document {
	return &corpus.Document{ID: id, Kind: corpus.KindText, Title: title, Body: body}
}

// footerCorpus is n plain-text documents with distinct titles, the first
// withFooter of which end with the same footer line.
func footerCorpus(n, withFooter int, footer string) []*corpus.Document {
	var docs []*corpus.Document
	for i := range n {
		title := fmt.Sprintf("Story number %d", i)
		body := title + "\n\nSome text of story " + fmt.Sprint(i) + "."
		if i < withFooter {
			body += "\n\n" + footer
		}
		docs = append(docs, textDoc(fmt.Sprintf("d%03d", i), title, body))
	}
	return docs
}

// TestRepeatedLines is the test of the repeated-lines rule.
func TestRepeatedLines(t *testing.T) {
	const footer = "Bill Thompson is a regular commentator on the BBC World Service."
	for _, tc := range []struct {
		name       string
		docs       []*corpus.Document
		repeated   bool // footer is dropped
		bodyOfDoc0 string
	}{
		{"in 10 of 100 documents", footerCorpus(100, 10, footer), true, "Story number 0\n\nSome text of story 0."},
		{"in 9 of 100: under the count", footerCorpus(100, 9, footer), false, "Story number 0\n\nSome text of story 0.\n\n" + footer},
		{"in 10 of 1000: under the share", footerCorpus(1000, 10, footer), false, ""},
		{"in 20 of 1000: 2%", footerCorpus(1000, 20, footer), true, ""},
		{"too long to be chrome", footerCorpus(100, 50, strings.Repeat("A long shared paragraph. ", 10)), false, ""},
		{"copies of one story count once", func() []*corpus.Document {
			var docs []*corpus.Document
			for i := range 30 {
				docs = append(docs, textDoc(fmt.Sprintf("c%02d", i), "One story", "One story\n\nShort shared line.\n\nAnother."))
			}
			return docs
		}(), false, ""},
		{"front matter is not learned from", func() []*corpus.Document {
			docs := footerCorpus(5, 5, footer)
			for i := range 20 {
				docs = append(docs, &corpus.Document{ID: fmt.Sprintf("f%02d", i), Kind: corpus.KindFrontMatter, Title: fmt.Sprint(i), Body: footer})
			}
			return docs
		}(), false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := New(tc.docs)
			got := len(c.Repeated()) > 0
			if got != tc.repeated {
				t.Fatalf("repeated lines %q; footer dropped = %v, want %v", c.Repeated(), got, tc.repeated)
			}
			if tc.bodyOfDoc0 != "" {
				if b := c.Body(tc.docs[0]); b != tc.bodyOfDoc0 {
					t.Errorf("Body = %q, want %q", b, tc.bodyOfDoc0)
				}
			}
			for _, d := range tc.docs {
				if d.Kind == corpus.KindFrontMatter && c.Body(d) != d.Body {
					t.Errorf("%s: a front-matter body changed", d.ID)
				}
			}
		})
	}
}

// TestNewDeterministic: the order of the documents does not change what is
// learned, and New leaves the slice it is given alone.
func TestNewDeterministic(t *testing.T) {
	docs := footerCorpus(200, 40, "Shared footer line.")
	want := New(docs).Repeated()
	if len(want) != 1 {
		t.Fatalf("learned %q", want)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 5 {
		r.Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
		before := slices.Clone(docs)
		if got := New(docs).Repeated(); !slices.Equal(got, want) {
			t.Fatalf("shuffled: %q, want %q", got, want)
		}
		if !slices.Equal(before, docs) {
			t.Fatal("New reordered its argument")
		}
	}
}

// TestDocument: a copy only where cleaning changes the body.
func TestDocument(t *testing.T) {
	c := New(nil)
	fm := &corpus.Document{Kind: corpus.KindFrontMatter, Body: "Skip to main content\nx"}
	clean := textDoc("a", "T", "T\n\nText.")
	dirty := textDoc("b", "T", "Skip to main content\nT")
	if c.Document(fm) != fm || c.Document(clean) != clean {
		t.Error("a document cleaning leaves alone was copied")
	}
	if d := c.Document(dirty); d == dirty || d.Body != "T" || dirty.Body != "Skip to main content\nT" || d.ID != "b" {
		t.Errorf("cleaned copy %+v, original %+v", d, dirty)
	}
}

func loadSeeds(t *testing.T) *corpus.Corpus {
	t.Helper()
	c, err := corpus.Load(context.Background(), []string{filepath.Join("..", "..", "seeds")}, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestSeeds: what cleaning does to the bundled plain-text seeds, rule by
// rule; front-matter seeds are kept as written; words counts the cleaned
// text.
func TestSeeds(t *testing.T) {
	c := loadSeeds(t)
	cl := New(c.Docs)
	if r := cl.Repeated(); len(r) > 0 {
		t.Errorf("repeated lines learned from 3 plain-text seeds: %q", r)
	}
	type want struct {
		gone, kept []string
	}
	wants := map[string]want{
		"001_008d136e481d466e": {
			gone: []string{"Skip to main content", "Share this story", "Photo by Dan Seifert / The Verge"},
			kept: []string{"Law enforcement across the country works with Ring", "The news shows the scope of the relationship"},
		},
		"002_f88f13ebd34a52f5": {
			gone: []string{"& # 39;", "(TagsToTranslate)", "- Advertisement -"},
			kept: []string{"between Amazon's security company Ring", "with a 'neighborhood portal'.", "Although Ring's cameras"},
		},
		"004_c6179b3212e13a9c": {
			gone: []string{"Get your daily dose", "Nearby Super-Earth", "James Webb Telescope"},
			kept: []string{"The e-commerce giant is planning to offer \"surveillance as a service\""},
		},
	}
	for _, d := range c.Docs {
		body := cl.Body(d)
		if d.Kind == corpus.KindFrontMatter {
			if body != d.Body {
				t.Errorf("%s: front-matter body changed", d.ID)
			}
			continue
		}
		w, ok := wants[d.ID]
		if !ok {
			t.Errorf("%s: a plain-text seed with no expectations", d.ID)
			continue
		}
		for _, g := range w.gone {
			if !strings.Contains(d.Body, g) {
				t.Errorf("%s: the raw body has no %q", d.ID, g)
			}
			if strings.Contains(body, g) {
				t.Errorf("%s: %q is still in the cleaned body", d.ID, g)
			}
		}
		for _, k := range w.kept {
			if !strings.Contains(body, k) {
				t.Errorf("%s: %q is not in the cleaned body:\n%s", d.ID, k, body)
			}
		}
		if strings.Contains(body, "\n\n\n") || strings.Contains(body, " \n") || strings.HasPrefix(body, "\n") {
			t.Errorf("%s: white space left unnormalised", d.ID)
		}
		if n := tokens.Count(body); d.Words != n {
			t.Errorf("%s: words %d, the cleaned body has %d", d.ID, d.Words, n)
		}
		// 001's headline was scraped twice; once is kept.
		if d.ID == "001_008d136e481d466e" && strings.Count(body, "Amazon’s Ring reportedly partners") != 1 {
			t.Errorf("001: the doubled headline is not kept exactly once")
		}
	}
}

// TestBBCText is the acceptance test on the shared bbc-text corpus (2,095
// clean plain-text articles): cleaning decodes its entities and loses
// almost nothing, and no line is common enough to be learned as repeated.
func TestBBCText(t *testing.T) {
	root := filepath.Join(sharedtest.Dir(t, "corpora"), "bbc-text")
	c, err := corpus.Load(context.Background(), []string{root}, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Docs) != 2095 {
		t.Fatalf("%d documents, want 2095", len(c.Docs))
	}
	cl := New(c.Docs)
	if r := cl.Repeated(); len(r) > 0 {
		t.Errorf("repeated lines learned from bbc-text: %q", r)
	}
	entity := regexp.MustCompile(`&#?[A-Za-z0-9]+;`)
	raw, cleaned := 0, 0
	for _, d := range c.Docs {
		body := cl.Body(d)
		raw += tokens.Count(d.Body)
		cleaned += tokens.Count(body)
		if m := entity.FindString(body); m != "" {
			t.Errorf("%s: entity %q left", d.ID, m)
		}
		if first, _, _ := strings.Cut(body, "\n"); !strings.Contains(d.Title, "&") && first != strings.Join(strings.Fields(d.Title), " ") {
			t.Errorf("%s: the cleaned body starts %q, not with the title %q", d.ID, first, d.Title)
		}
	}
	// The entities (&#163;1.8m is £1.8m, one word, not two) are all
	// that changes the words.
	if raw-cleaned > 100 || cleaned > raw {
		t.Errorf("words: %d raw, %d cleaned", raw, cleaned)
	}
	for _, tc := range []struct{ id, want string }{
		{"tech/no-re-draft-for-eu-patent-law", "EC President José Manuel Barroso"},
		{"sport/tottenham-bid-8m-for-forest-duo", "Tottenham bid £8m for Forest duo"},
	} {
		d, err := c.Find(tc.id)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(cl.Body(d), tc.want) {
			t.Errorf("%s: no %q in the cleaned body", tc.id, tc.want)
		}
	}
}

// TestBodyConcurrent: the views call Body from many goroutines at once
// (parallel.For); each call must give what a lone call gives. Run with
// -race to check the pooled buffers and the learnt lines are not shared
// unsafely.
func TestBodyConcurrent(t *testing.T) {
	var docs []*corpus.Document
	for i := range 40 {
		docs = append(docs, &corpus.Document{ID: strconv.Itoa(i), Kind: corpus.KindText, Title: "t" + strconv.Itoa(i%7),
			Body: "Share this story\n\nCaf&eacute; " + strings.Repeat("word ", i*50) + "\n\nSubscribe to our newsletter\n"})
	}
	c := New(docs)
	want := make([]string, len(docs))
	for i, d := range docs {
		want[i] = c.Body(d)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for k := range 200 {
				i := k % len(docs)
				if got := c.Body(docs[i]); got != want[i] {
					t.Errorf("doc %d: concurrent Body differs", i)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestFocusSameAsNew holds the cleaner a Focus learns from the shares of
// a corpus's documents to New's on the focused documents: random corpora
// of plain-text and front-matter documents whose lines are drawn from a
// small pool (so that many repeat, some with entities and blanks the
// character rules change, some over the length limit), with titles that
// repeat, at sizes around RepeatedMinDocs.
func TestFocusSameAsNew(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pool := []string{"Share this article", "Read more: the story", "Sign up for our newsletter",
		"Copyright &amp; all rights", "A line  with   blanks ", "", "Advertisement",
		strings.Repeat("long line ", 25), "Follow us on Twitter", "The end."}
	dropped := 0 // documents the repeated-lines rule changed
	for round := range 200 {
		n := rng.IntN(3 * 12)
		var docs []*corpus.Document
		for i := range n {
			var lines []string
			for range 1 + rng.IntN(8) {
				if rng.IntN(3) == 0 {
					lines = append(lines, fmt.Sprintf("own line %d.%d", i, rng.IntN(5)))
				} else {
					lines = append(lines, pool[rng.IntN(len(pool))])
				}
			}
			d := textDoc(fmt.Sprintf("d%03d", i), fmt.Sprintf("title %d", rng.IntN(n/2+1)), strings.Join(lines, "\n"))
			if rng.IntN(5) == 0 {
				d.Kind = corpus.KindFrontMatter
			}
			docs = append(docs, d)
		}
		want := New(docs)
		for _, d := range docs {
			f := NewFocus(d)
			var shares []*Share
			for _, o := range slices.Backward(docs) { // any order
				if s := f.Share(o); s != nil {
					shares = append(shares, s)
				}
			}
			if got, w := f.Cleaner(shares).Body(d), want.Body(d); got != w {
				t.Fatalf("round %d, %s: the focus cleans\n%q\nNew\n%q", round, d.ID, got, w)
			}
			if want.Body(d) != Text(d.Body) {
				dropped++
			}
		}
	}
	if dropped == 0 {
		t.Error("no corpus had a repeated line: the test tests nothing")
	}
}
