package dupes

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/seedscope/seedscope/pkg/clean"
	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/tokens"
)

func body(d *corpus.Document) string { return d.Body }

func find(t testing.TB, docs []*corpus.Document, o Options) *Result {
	t.Helper()
	res, err := Find(context.Background(), docs, body, o)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// ids lists each cluster's ids, representative first.
func ids(r *Result) [][]string {
	var out [][]string
	for _, c := range r.Clusters {
		var g []string
		for _, m := range c.Members {
			g = append(g, m.Doc.ID)
		}
		out = append(out, g)
	}
	return out
}

// TestSeeds: in the bundled seeds, 001 and 004 (one story, whole
// sentences shared) pair, and no other two documents do. Their Jaccard
// is low: a Jaccard threshold alone misses them.
func TestSeeds(t *testing.T) {
	c, err := corpus.Load(context.Background(), []string{filepath.Join("..", "..", "seeds")}, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cl := clean.New(c.Docs)
	res, err := Find(context.Background(), c.Docs, cl.Body, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := ids(res)
	if len(got) != 1 || len(got[0]) != 2 || !strings.HasPrefix(got[0][0], "001_") || !strings.HasPrefix(got[0][1], "004_") {
		t.Fatalf("clusters %v, want [[001_… 004_…]] (001, the longer cleaned body, represents)", got)
	}
	m := res.Clusters[0].Members[1]
	if m.Reason != ByText || m.Similarity == nil || m.Similarity.Containment < DefaultContainment || m.Similarity.Jaccard > 0.25 {
		t.Errorf("004 to 001: %+v %+v", m, m.Similarity)
	}
	// Every other pair is well below the threshold.
	f := &finder{docs: c.Docs, body: cl.Body, freq: newCounts(len(c.Docs))}
	for i := range c.Docs {
		for j := i + 1; j < len(c.Docs); j++ {
			a, b := c.Docs[i].ID[:3], c.Docs[j].ID[:3]
			s := f.compare(f.set(c.Docs[i]), f.set(c.Docs[j]))
			if pair := a + b; pair != "001004" && s.Containment >= DefaultContainment/2 {
				t.Errorf("%s~%s: containment %.3f", a, b, s.Containment)
			}
		}
	}
	if res := must(Find(context.Background(), c.Docs, cl.Body, Options{Jaccard: 0.3})); len(res.Clusters) != 0 {
		t.Errorf("with --jaccard 0.3: %v", ids(res))
	}
}

func must(r *Result, err error) *Result {
	if err != nil {
		panic(err)
	}
	return r
}

// vocabulary is a list of made-up words, large enough that random texts
// share few runs of three.
func vocabulary(n int) []string {
	r := rand.New(rand.NewPCG(1, 2))
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for range 3 + r.IntN(6) {
			b.WriteByte(byte('a' + r.IntN(26)))
		}
		out[i] = b.String()
	}
	return out
}

func text(r *rand.Rand, vocab []string, n int) []string {
	w := make([]string, n)
	for i := range w {
		w[i] = vocab[r.IntN(len(vocab))]
	}
	return w
}

// mutate replaces a share of the words.
func mutate(r *rand.Rand, vocab, w []string, share float64) []string {
	out := append([]string(nil), w...)
	for i := range out {
		if r.Float64() < share {
			out[i] = vocab[r.IntN(len(vocab))]
		}
	}
	return out
}

func mkdoc(id string, words []string) *corpus.Document {
	return &corpus.Document{ID: id, Body: strings.Join(words, " ")}
}

// TestEstimate: the sketch estimates the Jaccard similarity of generated
// sets within a few standard errors (√(J(1−J)/hashes) ≤ 0.056).
func TestEstimate(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, shared := range []int{0, 50, 100, 200, 300, 400} {
		a, b := make([]uint64, 0, 400), make([]uint64, 0, 400)
		for i := range 400 {
			x := r.Uint64()
			a = append(a, x)
			if i < shared {
				b = append(b, x)
			} else {
				b = append(b, r.Uint64())
			}
		}
		var sa, sb sketch
		sa.reset()
		sb.reset()
		for i := range a {
			sa.add(a[i])
			sb.add(b[i])
		}
		exact := float64(shared) / float64(800-shared)
		if est := sa.estimate(&sb); math.Abs(est-exact) > 0.17 {
			t.Errorf("%d shared: estimate %.3f, exact %.3f", shared, est, exact)
		}
	}
}

// TestPlanted: near duplicates planted among random texts are found (LSH
// recall), and nothing else is.
func TestPlanted(t *testing.T) {
	vocab := vocabulary(5000)
	r := rand.New(rand.NewPCG(5, 6))
	var docs []*corpus.Document
	const n = 300
	for i := range n {
		w := text(r, vocab, 200)
		docs = append(docs, mkdoc(fmt.Sprintf("%03d-a", i), w))
		if i%2 == 0 {
			// One word in 20 changed: containment about 0.85, J about 0.75.
			docs = append(docs, mkdoc(fmt.Sprintf("%03d-b", i), mutate(r, vocab, w, 0.05)))
		}
		if i%10 == 1 {
			// A short rewrite that keeps a third of the story: J about
			// 0.3, containment about 0.9.
			docs = append(docs, mkdoc(fmt.Sprintf("%03d-c", i), w[:70]))
		}
	}
	res := find(t, docs, Options{})
	found := map[string]bool{}
	for _, g := range ids(res) {
		if len(g) != 2 || g[0][:3] != g[1][:3] {
			t.Errorf("cluster %v: not a planted pair", g)
			continue
		}
		found[g[0][:3]] = true
	}
	want := 0
	for i := range n {
		if i%2 == 0 || i%10 == 1 {
			want++
			if !found[fmt.Sprintf("%03d", i)] {
				t.Errorf("pair %03d not found", i)
			}
		}
	}
	if len(found) != want {
		t.Errorf("%d pairs found, want %d", len(found), want)
	}
}

// TestDeterministic: the same clusters and scores whatever the
// concurrency.
func TestDeterministic(t *testing.T) {
	vocab := vocabulary(300) // a small vocabulary: many chance pairs
	r := rand.New(rand.NewPCG(7, 8))
	var docs []*corpus.Document
	for i := range 400 {
		w := text(r, vocab, 60+r.IntN(100))
		docs = append(docs, mkdoc(fmt.Sprintf("%03d", i), w))
		docs = append(docs, mkdoc(fmt.Sprintf("%03d-x", i), mutate(r, vocab, w, 0.3)))
	}
	old := runtime.GOMAXPROCS(1)
	one := find(t, docs, Options{})
	runtime.GOMAXPROCS(2)
	two := find(t, docs, Options{})
	runtime.GOMAXPROCS(old)
	eight := find(t, docs, Options{Workers: 8})
	if len(one.Clusters) == 0 {
		t.Fatal("no clusters")
	}
	if !reflect.DeepEqual(one, two) || !reflect.DeepEqual(one, eight) {
		t.Error("results differ with the number of workers")
	}
}

func TestUnionFind(t *testing.T) {
	u := newUnionFind(6)
	for _, p := range [][2]int32{{0, 1}, {2, 3}, {1, 3}, {4, 4}} {
		u.union(p[0], p[1])
	}
	if u.union(0, 2) {
		t.Error("0 and 2 were already joined")
	}
	for i, want := range []bool{true, true, true, true, false, false} {
		if got := u.find(int32(i)) == u.find(0); got != want {
			t.Errorf("%d with 0: %v", i, got)
		}
	}
	if u.size[u.find(0)] != 4 {
		t.Errorf("size %d", u.size[u.find(0)])
	}
}

// TestRepresentative: the earliest published, then the longest body, then
// the first id.
func TestRepresentative(t *testing.T) {
	day := func(d int) *time.Time { x := time.Date(2020, 1, d, 0, 0, 0, 0, time.UTC); return &x }
	w := strings.Fields(strings.Repeat("the mayor said the bridge would close for repairs next spring ", 3))
	mk := func(id string, at *time.Time, extra int) *corpus.Document {
		d := mkdoc(id, append(append([]string(nil), w...), strings.Fields(strings.Repeat("again ", extra))...))
		d.PublishedAt = at
		return d
	}
	for _, tt := range []struct {
		docs []*corpus.Document
		want string
	}{
		{[]*corpus.Document{mk("a", day(3), 0), mk("b", day(2), 0), mk("c", nil, 9)}, "b"},
		{[]*corpus.Document{mk("a", nil, 0), mk("b", nil, 2), mk("c", nil, 1)}, "b"},
		{[]*corpus.Document{mk("b", day(1), 0), mk("a", day(1), 0)}, "a"},
	} {
		got := ids(find(t, tt.docs, Options{}))
		if len(got) != 1 || got[0][0] != tt.want {
			t.Errorf("clusters %v, want %s first", got, tt.want)
		}
	}
}

// TestHostile: inputs built to be slow stay linear: a word repeated a
// million times, thousands of copies of one text (one LSH bucket), many
// short texts around one shared line, empty bodies.
func TestHostile(t *testing.T) {
	t.Run("one word a million times", func(t *testing.T) {
		docs := []*corpus.Document{
			mkdoc("a", strings.Fields(strings.Repeat("buffalo ", 1_000_000))),
			mkdoc("b", strings.Fields(strings.Repeat("buffalo ", 500_000))),
		}
		res := find(t, docs, Options{})
		// One cluster, by body? No: the bodies differ. Each has one
		// distinct shingle, too few to compare.
		if len(res.Clusters) != 0 {
			t.Errorf("clusters %v", ids(res))
		}
	})
	t.Run("copies in one bucket", func(t *testing.T) {
		w := text(rand.New(rand.NewPCG(9, 9)), vocabulary(1000), 100)
		var docs []*corpus.Document
		const n = 3000
		for i := range n {
			// Each copy differs by one word: no two bodies are equal.
			docs = append(docs, mkdoc(fmt.Sprintf("%04d", i), append(w, fmt.Sprintf("w%d", i))))
		}
		res := find(t, docs, Options{})
		if len(res.Clusters) != 1 || len(res.Clusters[0].Members) != n {
			t.Fatalf("%d clusters", len(res.Clusters))
		}
		if res.Candidates > Bands*n*window {
			t.Errorf("%d candidates verified", res.Candidates)
		}
	})
	t.Run("short texts around one line", func(t *testing.T) {
		vocab := vocabulary(5000)
		r := rand.New(rand.NewPCG(10, 10))
		line := strings.Fields("click here to subscribe to our newsletter for the latest updates")
		var docs []*corpus.Document
		const n = 3000
		for i := range n {
			docs = append(docs, mkdoc(fmt.Sprint(i), append(append([]string(nil), line...), text(r, vocab, 8)...)))
		}
		res := find(t, docs, Options{})
		if res.Candidates > Bands*n*window {
			t.Errorf("%d candidates verified", res.Candidates)
		}
		// The shared line is 10 of 18 shingles: containment 0.55, but it
		// is boilerplate (in more than 50 documents), not a story.
		if len(res.Clusters) != 0 {
			t.Errorf("%d clusters", len(res.Clusters))
		}
	})
	t.Run("empty bodies", func(t *testing.T) {
		docs := []*corpus.Document{{ID: "a"}, {ID: "b"}, {ID: "c", URL: "https://x.test/1"}, {ID: "d", URL: "https://www.x.test/1/"}}
		if got := ids(find(t, docs, Options{})); !reflect.DeepEqual(got, [][]string{{"c", "d"}}) {
			t.Errorf("clusters %v", got)
		}
	})
}

// TestWordHash: the hash of a word is that of its tokens.Fold key.
func TestWordHash(t *testing.T) {
	for _, w := range []string{"amazon", "Amazon", "AMAZON", "Amazon’s", "amazon's", "Éire", "3.5"} {
		if wordHash(w) != bytesHash(tokens.Fold(w)) {
			t.Errorf("%q: hash is not that of %q", w, tokens.Fold(w))
		}
	}
	if wordHash("Amazon’s") != wordHash("amazon's") {
		t.Error("Amazon’s and amazon's differ")
	}
}

func TestCollapse(t *testing.T) {
	w := strings.Fields("the mayor said on monday that the bridge would close for repairs next spring")
	docs := []*corpus.Document{mkdoc("a", []string{"alone", "here"}), mkdoc("b", w), mkdoc("c", w), mkdoc("d", []string{"other"})}
	got := find(t, docs, Options{}).Collapse(docs)
	var names []string
	for _, d := range got {
		names = append(names, d.ID)
	}
	if strings.Join(names, " ") != "a b d" {
		t.Errorf("collapsed to %v", names)
	}
}
