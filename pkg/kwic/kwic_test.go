package kwic

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/tokens"
)

func TestFind(t *testing.T) {
	for _, tc := range []struct {
		query, text string
		want        []string // "before|hit|after"
	}{
		{"police", "Police said the police's police.", []string{"|Police|said", "police's|police|"}},
		{"brown", "Browne and brown, BROWN", []string{"and|brown|BROWN", "brown|BROWN|"}},
		{"law enforcement", "law\nenforcement and Law  Enforcement, law-enforcement", []string{"|law\nenforcement|and", "and|Law  Enforcement|law", "Enforcement|law-enforcement|"}},
		{"a a", "a a a a a", []string{"|a a|a", "a|a a|a"}},
		{"amazon's", "Amazon’s ring and AMAZON'S", []string{"|Amazon’s|ring", "and|AMAZON'S|"}},
		{"ab ab c", "ab ab ab c", []string{"ab|ab ab c|"}},
		{"kelvin", "\u212aelvin", []string{"|\u212aelvin|"}},
		{"istanbul", "\u0130stanbul", []string{"|\u0130stanbul|"}},
		{"café", "CAFÉ au lait", []string{"|CAFÉ|au"}},
		{"3.5", "a 3.5 or 3.50", []string{"a|3.5|or"}},
		{"nothing", "", nil},
	} {
		q, err := Parse(tc.query)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		q.Find(tc.text, func(m Match) bool {
			got = append(got, m.Before+"|"+tc.text[m.Start:m.End]+"|"+m.After)
			return true
		})
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q in %q: got %q, want %q", tc.query, tc.text, got, tc.want)
		}
		if n := q.Count(tc.text); n != len(tc.want) {
			t.Errorf("Count = %d, want %d", n, len(tc.want))
		}
		if q.In(tc.text) != (len(tc.want) > 0) {
			t.Errorf("In = %v", !(len(tc.want) > 0))
		}
	}
}

func TestParseNoWord(t *testing.T) {
	for _, s := range []string{"", "  ", "—", "..."} {
		if _, err := Parse(s); err != ErrNoWord {
			t.Errorf("Parse(%q) = %v, want ErrNoWord", s, err)
		}
	}
}

// TestFindAgreesWithTokens: the prefilter and the allocation-free
// comparison never change what a plain token-by-token match finds.
func TestFindAgreesWithTokens(t *testing.T) {
	texts := []string{
		"The police and POLICE, polic e; Police’s \u212a K k İ i ı I",
		"Ünïcödé words ÜNÏCÖDÉ and ünïcödé",
		strings.Repeat("ab ", 50) + "abc AB",
	}
	queries := []string{"police", "police’s", "k", "i", "ünïcödé", "ab", "ab ab", "abc", "ı"}
	for _, s := range texts {
		var words []string
		for tok := range tokens.Words(s) {
			words = append(words, tokens.Fold(tok.Text))
		}
		for _, qs := range queries {
			q, _ := Parse(qs)
			want := 0
			for i := 0; i+q.Len() <= len(words); {
				if slices.Equal(words[i:i+q.Len()], q.words) {
					want++
					i += q.Len()
					continue
				}
				i++
			}
			if got := q.Count(s); got != want {
				t.Errorf("%q in %q: %d hits, a plain match finds %d", qs, s, got, want)
			}
		}
	}
}

func TestContainsASCIIFold(t *testing.T) {
	for _, tc := range []struct {
		s, p string
		want bool
	}{
		{"Hello World", "world", true}, {"Hello", "hello", true}, {"hell", "hello", false},
		{"xxPOLicE", "police", true}, {"", "a", false}, {"a", "", true}, {"pPpPolice", "police", true},
	} {
		if got := containsASCIIFold(tc.s, tc.p); got != tc.want {
			t.Errorf("containsASCIIFold(%q, %q) = %v", tc.s, tc.p, got)
		}
	}
}

func TestContext(t *testing.T) {
	s := "One two three\nfour  five KEY six seven, eight nine."
	start := strings.Index(s, "KEY")
	end := start + 3
	for _, tc := range []struct {
		width       int
		left, right string
	}{
		{0, "", ""},
		{3, "", "six"},
		{4, "five", "six"},
		{10, "four five", "six seven"},
		{16, "three four five", "six seven, eight"},
		{100, "One two three four five", "six seven, eight nine"},
	} {
		l, r := Context(s, start, end, tc.width)
		if l != tc.left || r != tc.right {
			t.Errorf("width %d: %q, %q; want %q, %q", tc.width, l, r, tc.left, tc.right)
		}
		if Width(l) > tc.width || Width(r) > tc.width {
			t.Errorf("width %d: context wider: %q %q", tc.width, l, r)
		}
	}
}

// TestContextLongText: context costs time in its width, not in the text:
// a 10 MB line of one word, or of words, gives a bounded context.
func TestContextLongText(t *testing.T) {
	long := strings.Repeat("x", 10<<20)
	s := long + " KEY " + long
	i := strings.Index(s, "KEY")
	if l, r := Context(s, i, i+3, 40); l != "" || r != "" {
		t.Errorf("a word wider than the context: %.20q %.20q", l, r)
	}
	s = strings.Repeat("word ", 2<<20) + "KEY" + strings.Repeat(" word", 2<<20)
	i = strings.Index(s, "KEY")
	l, r := Context(s, i, i+3, 40)
	if Width(l) > 40 || Width(r) > 40 || !strings.HasPrefix(l, "word") || !strings.HasSuffix(r, "word") {
		t.Errorf("%q %q", l, r)
	}
}

func TestContextWide(t *testing.T) {
	s := "世界世界 平和 KEY 平和 世界世界"
	i := strings.Index(s, "KEY")
	l, r := Context(s, i, i+3, 5)
	if Width(l) > 5 || Width(r) > 5 {
		t.Errorf("%q %q wider than 5", l, r)
	}
}

func docsForTest() []*corpus.Document {
	day := func(d int) *time.Time { t := time.Date(2020, 1, d, 0, 0, 0, 0, time.UTC); return &t }
	return []*corpus.Document{
		{ID: "b", Title: "Ring and police", Body: "The police said: zebra police. Apple police."},
		{ID: "a", Title: "Nothing", Body: "police first", PublishedAt: day(2)},
		{ID: "c", Excerpt: "police, again", PublishedAt: day(1)},
	}
}

func TestFindSorted(t *testing.T) {
	q, _ := Parse("police")
	for _, tc := range []struct {
		key  SortKey
		want string
	}{
		{SortPath, "b:title:9 b:body:4 b:body:23 b:body:37 a:body:0 c:excerpt:0"},
		{SortLeft1, "a:body:0 c:excerpt:0 b:title:9 b:body:37 b:body:4 b:body:23"},
		{SortRight1, "b:title:9 b:body:37 c:excerpt:0 b:body:23 a:body:0 b:body:4"},
		{SortDate, "c:excerpt:0 a:body:0 b:title:9 b:body:4 b:body:23 b:body:37"},
	} {
		for _, workers := range []int{1, 2, 8} {
			c := Find(q, docsForTest(), Options{Sort: tc.key, Workers: workers})
			var got []string
			for _, h := range c.Hits {
				l := c.Line(h, 20)
				got = append(got, fmt.Sprintf("%s:%s:%d", l.Doc.ID, l.Field, l.Offset))
			}
			if g := strings.Join(got, " "); g != tc.want {
				t.Errorf("sort %s, %d workers:\n got %s\nwant %s", tc.key, workers, g, tc.want)
			}
			if c.Documents != 3 {
				t.Errorf("documents %d", c.Documents)
			}
		}
	}
}

// TestFindDeterministic: many documents, any number of workers, the same
// hits in the same order.
func TestFindDeterministic(t *testing.T) {
	var docs []*corpus.Document
	for i := range 1000 {
		docs = append(docs, &corpus.Document{ID: fmt.Sprintf("%04d", 999-i), Body: strings.Repeat(fmt.Sprintf("w%d police x%d. ", i%7, i%5), i%4)})
	}
	q, _ := Parse("police")
	for _, key := range SortKeys {
		ref := Find(q, docs, Options{Sort: key, Workers: 1})
		for _, w := range []int{2, runtime.NumCPU(), 16} {
			c := Find(q, docs, Options{Sort: key, Workers: w})
			if !slices.EqualFunc(ref.Hits, c.Hits, func(a, b Hit) bool { return a == b }) {
				t.Errorf("sort %s: %d workers differ from 1", key, w)
			}
		}
	}
}
