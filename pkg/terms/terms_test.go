package terms

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/tokens"
)

func TestLogLikelihood(t *testing.T) {
	for _, tc := range []struct {
		a, b, c, d int64
		g2, ratio  float64
	}{
		// E1 = 1000·15/3000 = 5, E2 = 10: 2·(10·ln 2 + 5·ln ½) = 10·ln 2.
		{10, 5, 1000, 2000, 10 * math.Ln2, 2},
		// E2 = 5: 2·10·ln 2; the zero count is 0.5: log2(0.005/0.1).
		{0, 10, 100, 100, 20 * math.Ln2, math.Log2(0.05)},
		// Same rate on both sides: no keyness.
		{5, 10, 100, 200, 0, 0},
		{0, 0, 100, 100, 0, math.Log2(1)},
		{3, 0, 0, 0, 0, 0},
	} {
		if g := LogLikelihood(tc.a, tc.b, tc.c, tc.d); math.Abs(g-tc.g2) > 1e-9 {
			t.Errorf("LogLikelihood(%d, %d, %d, %d) = %v, want %v", tc.a, tc.b, tc.c, tc.d, g, tc.g2)
		}
		if r := LogRatio(tc.a, tc.b, tc.c, tc.d); math.Abs(r-tc.ratio) > 1e-9 {
			t.Errorf("LogRatio(%d, %d, %d, %d) = %v, want %v", tc.a, tc.b, tc.c, tc.d, r, tc.ratio)
		}
	}
}

func docs(bodies ...string) []*corpus.Document {
	var out []*corpus.Document
	for i, b := range bodies {
		out = append(out, &corpus.Document{ID: fmt.Sprint(i), Body: b})
	}
	return out
}

func list(c *Counts) []string {
	var out []string
	for _, t := range c.List(1) {
		out = append(out, fmt.Sprintf("%s=%d/%d", t.Term, t.Count, t.Documents))
	}
	return out
}

func TestCount(t *testing.T) {
	ds := docs("The Police and the police’s dogs. Police!", "police police. New York, new york\nstate of the art")
	for _, tc := range []struct {
		n    int
		stop StopWords
		want []string
	}{
		{1, DefaultStopWords(), []string{"police=4/2", "new=2/1", "york=2/1", "art=1/1", "dogs=1/1", "police's=1/1", "state=1/1"}},
		{1, nil, []string{"police=4/2", "the=3/2", "new=2/1", "york=2/1", "and=1/1", "art=1/1", "dogs=1/1", "of=1/1", "police's=1/1", "state=1/1"}},
		// Not across . , line breaks; "and the" and "of the" start or end
		// with a stop word; "new york" twice (the comma does not break).
		{2, DefaultStopWords(), []string{"new york=2/1", "police police=1/1", "police's dogs=1/1", "york new=1/1"}},
		{4, DefaultStopWords(), []string{"new york new york=1/1", "police and the police's=1/1", "state of the art=1/1"}},
	} {
		for _, w := range []int{1, 2, 7} {
			c := Count(ds, Options{N: tc.n, Stop: tc.stop, Workers: w})
			if got := list(c); !slices.Equal(got, tc.want) {
				t.Errorf("n=%d workers=%d: %q, want %q", tc.n, w, got, tc.want)
			}
			if c.Words != 17 {
				t.Errorf("words %d, want 17", c.Words)
			}
		}
	}
}

// TestCountDeterministic: the list is the same whatever the number of
// workers, on many documents.
func TestCountDeterministic(t *testing.T) {
	var bodies []string
	for i := range 500 {
		bodies = append(bodies, strings.Repeat(fmt.Sprintf("w%d x%d y. ", i%13, i%7), i%5+1))
	}
	ref := list(Count(docs(bodies...), Options{N: 2, Workers: 1}))
	for _, w := range []int{2, 3, 16} {
		if got := list(Count(docs(bodies...), Options{N: 2, Workers: w})); !slices.Equal(got, ref) {
			t.Errorf("%d workers differ from 1", w)
		}
	}
}

func TestAppendFoldIsFold(t *testing.T) {
	for _, w := range []string{"police", "Police", "AMAZON’S", "Café", "\u212aelvin", "İstanbul", "3.5", "U.S"} {
		if got := string(appendFold(nil, w)); got != tokens.Fold(w) {
			t.Errorf("appendFold(%q) = %q, tokens.Fold %q", w, got, tokens.Fold(w))
		}
	}
}

func TestCompare(t *testing.T) {
	target := Count(docs("ring ring ring police"), Options{N: 1})
	ref := Count(docs("police police police ring"), Options{N: 1})
	var got []string
	for _, k := range Compare(target, ref, 1) {
		got = append(got, k.Term+":"+k.Use())
	}
	if want := []string{"ring:over", "police:under"}; !slices.Equal(got, want) {
		t.Errorf("%q, want %q", got, want)
	}
}

func TestReadStopWords(t *testing.T) {
	s, err := ReadStopWords(strings.NewReader("# comment\nThe\n  of and\n\nDON’T\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"the", "of", "and", "don't"} {
		if _, ok := s[w]; !ok {
			t.Errorf("%q missing", w)
		}
	}
	if len(s) != 4 || len(DefaultStopWords()) != 179 {
		t.Errorf("%d words; default %d", len(s), len(DefaultStopWords()))
	}
}

func BenchmarkCount(b *testing.B) {
	text := strings.Repeat("Amazon has partnered with more than 200 law enforcement agencies to use its Ring home surveillance system, reports show. ", 40)
	ds := docs(slices.Repeat([]string{text}, 200)...)
	b.SetBytes(int64(len(text) * 200))
	for b.Loop() {
		Count(ds, Options{N: 1, Stop: DefaultStopWords()})
	}
}
