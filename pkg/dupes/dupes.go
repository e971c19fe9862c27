// Package dupes finds documents that tell the same story: exact duplicates
// (one article under one normalised URL, or one cleaned body) and near
// duplicates (rewrites of one wire story), and groups them into clusters,
// each with a representative.
//
// Near duplicates are found by MinHash over word shingles (see K and the
// sketch in minhash.go) of each document's title, excerpt and cleaned body
// (not its related items, which quote other documents), with LSH banding
// to find candidate pairs in linear time, then verified exactly on the
// shingle sets: a pair is near-duplicate when its containment (the share of
// the shorter text found in the other) reaches Options.Containment, and its
// Jaccard similarity reaches Options.Jaccard. Clusters are the connected
// components of all pairs (a chain a~b~c is one cluster even if a and c
// share little).
//
// Everything is deterministic: the hash functions are fixed, documents are
// sketched in parallel but each into its own slot, and clusters, their
// order and their representatives depend only on the documents.
package dupes

import (
	"cmp"
	"context"
	"hash/maphash"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/urlnorm"
)

// DefaultContainment is the containment a near-duplicate pair reaches by
// default: a fifth of the shorter text's shingles (runs of three words)
// are in the other. Unrelated news stories on one subject share a few
// per cent (names, set phrases); rewrites of one wire story share whole
// sentences and quotes, a quarter and more.
const DefaultContainment = 0.2

// Options tune Find.
type Options struct {
	// Containment is the least containment of a near-duplicate pair
	// (0: DefaultContainment).
	Containment float64
	// Jaccard is the least Jaccard similarity of a near-duplicate pair
	// too (0: any): a high value keeps only copies of about the same
	// length.
	Jaccard float64
	// Workers sketch documents in parallel (0: GOMAXPROCS).
	Workers int
}

// Reason says why a document is in its representative's cluster.
type Reason string

const (
	// ByURL: its URL and the representative's normalise to one key
	// (urlnorm.Key; the URL, AMP URL or CDN AMP URL of either).
	ByURL Reason = "url"
	// ByBody: its cleaned body is the representative's, byte for byte.
	ByBody Reason = "body"
	// ByText: a near duplicate of the representative (its similarity to
	// it reaches the thresholds).
	ByText Reason = "near"
	// ByChain: in the cluster through other members, each a near or
	// exact duplicate of the next, but not itself close enough to the
	// representative.
	ByChain Reason = "chain"
)

// Member is one document of a cluster: dupes prints one per line.
type Member struct {
	// Cluster numbers the clusters from 1, largest first.
	Cluster int
	// Size is the number of documents of the cluster.
	Size int
	// Representative marks the document kept by --collapse: the earliest
	// published, then the one with the longest cleaned body, then the
	// first by id.
	Representative bool
	Doc            *corpus.Document
	// Similarity is the member's to the representative, nil for the
	// representative itself and when either text has no words.
	Similarity *Similarity
	// Reason is empty for the representative.
	Reason Reason
}

// Cluster is a set of documents that tell one story, representative
// first.
type Cluster struct {
	ID      int
	Members []Member
}

// Result is what Find found.
type Result struct {
	Clusters []Cluster
	// Candidates is the number of pairs verified exactly; Pairs, of them,
	// those found to be near duplicates.
	Candidates, Pairs int
}

// Members returns the members of every cluster, cluster by cluster.
func (r *Result) Members() []Member {
	var out []Member
	for _, c := range r.Clusters {
		out = append(out, c.Members...)
	}
	return out
}

// Collapse returns docs without the documents of a cluster that are not
// its representative, in their order.
func (r *Result) Collapse(docs []*corpus.Document) []*corpus.Document {
	drop := make(map[*corpus.Document]bool)
	for _, c := range r.Clusters {
		for _, m := range c.Members[1:] {
			drop[m.Doc] = true
		}
	}
	if len(drop) == 0 {
		return docs
	}
	out := make([]*corpus.Document, 0, len(docs)-len(drop))
	for _, d := range docs {
		if !drop[d] {
			out = append(out, d)
		}
	}
	return out
}

// Limits against pathological corpora, where many documents fall into one
// LSH bucket (very short texts around one shared boilerplate line): a
// bucket of up to maxBucket documents has all its pairs compared, a larger
// one only each document with the window documents after it (in path
// order). That bounds the candidate pairs by Bands × documents × window
// whatever the corpus; near duplicates in a large bucket still join
// through the chains of neighbours. Candidates are verified in batches of
// batchPairs, so the shingle sets held at once stay bounded, and a pair
// already in one cluster is never verified.
const (
	maxBucket  = 64
	window     = 16
	batchPairs = 1 << 15
)

// doc is what Find keeps of one document.
type doc struct {
	url     uint64 // hash of the URL key, 0 for none
	body    uint64 // hash of the cleaned body, 0 when empty
	bodyLen int    // its length in bytes
	near    bool   // MinWords words or more: sketched
}

// finder holds the state of one Find.
type finder struct {
	ctx     context.Context
	docs    []*corpus.Document
	body    func(*corpus.Document) string
	o       Options
	workers int
	info    []doc
	keys    []uint32 // band b of document i at b*len(docs)+i
	uf      *unionFind
	freq    *counts
	seed    maphash.Seed
	res     Result
}

// Find groups docs into clusters of duplicates. body returns a document's
// cleaned body; it is called from several goroutines at once. Only
// clusters of two or more documents are returned, largest first (ties:
// the representative's position in docs).
func Find(ctx context.Context, docs []*corpus.Document, body func(*corpus.Document) string, o Options) (*Result, error) {
	if o.Containment <= 0 {
		o.Containment = DefaultContainment
	}
	f := &finder{ctx: ctx, docs: docs, body: body, o: o, workers: o.Workers, seed: maphash.MakeSeed()}
	if f.workers <= 0 {
		f.workers = runtime.GOMAXPROCS(0)
	}
	f.uf = newUnionFind(len(docs))
	f.freq = newCounts(len(docs))
	if err := f.sketch(); err != nil {
		return nil, err
	}
	f.exact()
	if err := f.nearPairs(); err != nil {
		return nil, err
	}
	f.keys = nil
	if err := f.clusters(); err != nil {
		return nil, err
	}
	return &f.res, nil
}

// parallel runs fn(i) for i in [0, n) on the workers, in chunks; each
// worker gets its own state from newState.
func parallel[S any](ctx context.Context, workers, n int, newState func() S, fn func(s S, i int)) error {
	const chunk = 64
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, (n+chunk-1)/chunk) {
		wg.Go(func() {
			s := newState()
			for ctx.Err() == nil {
				start := int(next.Add(chunk)) - chunk
				if start >= n {
					return
				}
				for i := start; i < min(start+chunk, n); i++ {
					fn(s, i)
				}
			}
		})
	}
	wg.Wait()
	return ctx.Err()
}

// sketch reads every document once: its URL keys, its body's hash and the
// LSH band keys of its sketch.
func (f *finder) sketch() error {
	n := len(f.docs)
	f.info = make([]doc, n)
	f.keys = make([]uint32, Bands*n)
	type state struct {
		sk  sketch
		key []byte
	}
	return parallel(f.ctx, f.workers, n, func() *state { return new(state) }, func(s *state, i int) {
		d, x := f.docs[i], &f.info[i]
		if s.key = urlnorm.AppendKey(s.key[:0], primaryURL(d)); len(s.key) > 0 {
			x.url = maphash.Bytes(f.seed, s.key) | 1
		}
		b := f.body(d)
		if b != "" {
			x.body, x.bodyLen = maphash.String(f.seed, b)|1, len(b)
		}
		s.sk.reset()
		p := providerKey(d)
		if shingles([]string{d.Title, d.Excerpt, b}, func(h uint64) {
			s.sk.add(h)
			f.freq.add(h)
			if p != 0 {
				f.freq.add(house(h, p))
			}
		}) < MinWords {
			return
		}
		x.near = true
		for band := range Bands {
			f.keys[band*n+i] = s.sk.bandKey(band)
		}
	})
}

// exact joins the documents that share a URL key or a cleaned body.
func (f *finder) exact() {
	type entry struct {
		h uint64
		i int32
	}
	var es []entry
	group := func(same func(i, j int32) bool) {
		slices.SortFunc(es, func(a, b entry) int { return cmp.Or(cmp.Compare(a.h, b.h), cmp.Compare(a.i, b.i)) })
		for lo := 0; lo < len(es); {
			hi := lo + 1
			for hi < len(es) && es[hi].h == es[lo].h {
				hi++
			}
			for k := lo + 1; k < hi; k++ {
				if es[k].i != es[lo].i && same(es[lo].i, es[k].i) { // a hash matched: confirm
					f.uf.union(es[lo].i, es[k].i)
				}
			}
			lo = hi
		}
	}
	for i, x := range f.info {
		if x.url != 0 {
			es = append(es, entry{x.url, int32(i)})
		}
	}
	// One URL for two texts that are long enough to compare and differ
	// is a URL reused (a live blog's page for each of its items, a feed
	// giving a section's address), not one article.
	group(func(i, j int32) bool {
		return f.sameURL(f.docs[i], f.docs[j]) && (!f.info[i].near || !f.info[j].near ||
			f.compare(f.set(f.docs[i]), f.set(f.docs[j])).near)
	})
	es = es[:0]
	for i, x := range f.info {
		if x.body != 0 {
			es = append(es, entry{x.body, int32(i)})
		}
	}
	var first int32 = -1
	var firstBody string
	group(func(i, j int32) bool {
		if i != first {
			first, firstBody = i, f.body(f.docs[i])
		}
		return f.body(f.docs[j]) == firstBody
	})
}

// primaryURL is the URL a document is known by: its URL, else its AMP
// URL, else its CDN AMP URL. Only that one is compared: the AMP URL of an
// item of a live blog is often the blog's, shared by all its items.
func primaryURL(d *corpus.Document) string {
	return cmp.Or(d.URL, d.AmpURL, d.CdnAmpURL)
}

// sameURL reports whether a and b have URLs of one key.
func (f *finder) sameURL(a, b *corpus.Document) bool {
	ka := urlnorm.Key(primaryURL(a))
	return ka != "" && ka == urlnorm.Key(primaryURL(b))
}

// nearPairs finds the candidate pairs band by band and verifies them in
// batches.
func (f *finder) nearPairs() error {
	n := len(f.docs)
	var bucket []uint64 // key<<32 | document, sorted
	cand := make(map[uint64]struct{})
	for band := range Bands {
		if err := f.ctx.Err(); err != nil {
			return err
		}
		bucket = bucket[:0]
		for i, x := range f.info {
			if x.near {
				bucket = append(bucket, uint64(f.keys[band*n+i])<<32|uint64(i))
			}
		}
		slices.Sort(bucket)
		for lo := 0; lo < len(bucket); {
			hi := lo + 1
			for hi < len(bucket) && bucket[hi]>>32 == bucket[lo]>>32 {
				hi++
			}
			reach := hi - lo
			if reach > maxBucket {
				reach = window + 1
			}
			for a := lo; a < hi; a++ {
				i := int32(uint32(bucket[a]))
				for b := a + 1; b < min(hi, a+reach); b++ {
					j := int32(uint32(bucket[b]))
					if f.uf.find(i) != f.uf.find(j) {
						cand[uint64(i)<<32|uint64(j)] = struct{}{}
					}
				}
			}
			lo = hi
		}
		if len(cand) >= batchPairs {
			if err := f.verify(cand); err != nil {
				return err
			}
			clear(cand)
		}
	}
	return f.verify(cand)
}

// verify compares the candidate pairs exactly and joins those that are
// near duplicates.
func (f *finder) verify(cand map[uint64]struct{}) error {
	pairs := make([]uint64, 0, len(cand))
	for p := range cand {
		pairs = append(pairs, p)
	}
	slices.Sort(pairs)
	// The shingle sets of the documents involved, each computed once.
	var involved []int32
	for _, p := range pairs {
		involved = append(involved, int32(p>>32), int32(uint32(p)))
	}
	slices.Sort(involved)
	involved = slices.Compact(involved)
	sets := make([]shingleSets, len(involved))
	if err := parallel(f.ctx, f.workers, len(involved), func() struct{} { return struct{}{} }, func(_ struct{}, k int) {
		sets[k] = f.set(f.docs[involved[k]])
	}); err != nil {
		return err
	}
	set := func(i int32) shingleSets {
		k, _ := slices.BinarySearch(involved, i)
		return sets[k]
	}
	ok := make([]bool, len(pairs))
	if err := parallel(f.ctx, f.workers, len(pairs), func() struct{} { return struct{}{} }, func(_ struct{}, k int) {
		ok[k] = f.compare(set(int32(pairs[k]>>32)), set(int32(uint32(pairs[k])))).near
	}); err != nil {
		return err
	}
	f.res.Candidates += len(pairs)
	for k, p := range pairs {
		if ok[k] {
			f.res.Pairs++
			f.uf.union(int32(p>>32), int32(uint32(p)))
		}
	}
	return nil
}

// near reports whether a pair's similarity makes it a near duplicate.
func (f *finder) near(s Similarity) bool {
	return s.Containment >= f.o.Containment && s.Jaccard >= f.o.Jaccard
}

// shingleSets are a document's shingle set, all of it and without the
// frequent shingles (counts).
type shingleSets struct{ all, rare []uint64 }

// copyJaccard is the Jaccard similarity, counting every shingle, from
// which two texts are copies however common their shingles: a story
// carried by more documents than the frequency limit.
const copyJaccard = 0.5

type comparison struct {
	Similarity
	near bool
}

// compare scores a pair on its rare shingles (boilerplate and set phrases
// left out), or on all of them when they are copies, and says whether it
// is a near duplicate.
func (f *finder) compare(a, b shingleSets) comparison {
	rare := similarity(a.rare, b.rare)
	if min(len(a.rare), len(b.rare)) >= minShingles && overlap(a.rare, b.rare) >= minShared && f.near(rare) {
		return comparison{rare, true}
	}
	if all := similarity(a.all, b.all); all.Jaccard >= copyJaccard && min(len(a.all), len(b.all)) >= minShingles && f.near(all) {
		return comparison{all, true}
	}
	return comparison{rare, false}
}

// set is d's shingle sets.
func (f *finder) set(d *corpus.Document) shingleSets {
	all := shingleSet(nil, []string{d.Title, d.Excerpt, f.body(d)})
	p := providerKey(d)
	rare := make([]uint64, 0, len(all))
	for _, h := range all {
		if !f.freq.frequent(h, p) {
			rare = append(rare, h)
		}
	}
	return shingleSets{all, rare}
}

// providerKey is the hash of d's provider (its domain, else its name, in
// lower case), 0 for none.
func providerKey(d *corpus.Document) uint64 {
	p := cmp.Or(d.Provider.Domain, d.Provider.Name)
	if p == "" {
		return 0
	}
	return wordHash(strings.ToLower(p)) | 1
}

// clusters turns the components of two or more documents into clusters:
// representative, order, and each member's similarity to the
// representative.
func (f *finder) clusters() error {
	byRoot := make(map[int32][]int32)
	for i := range f.docs {
		r := f.uf.find(int32(i))
		if f.uf.size[r] > 1 {
			byRoot[r] = append(byRoot[r], int32(i))
		}
	}
	groups := make([][]int32, 0, len(byRoot))
	for _, g := range byRoot {
		slices.SortFunc(g, f.representativeFirst)
		groups = append(groups, g)
	}
	slices.SortFunc(groups, func(a, b []int32) int {
		return cmp.Or(cmp.Compare(len(b), len(a)), cmp.Compare(a[0], b[0]))
	})
	f.res.Clusters = make([]Cluster, len(groups))
	for c, g := range groups {
		slices.SortFunc(g[1:], f.byDate)
		ms := make([]Member, len(g))
		for k, i := range g {
			ms[k] = Member{Cluster: c + 1, Size: len(g), Representative: k == 0, Doc: f.docs[i]}
		}
		f.res.Clusters[c] = Cluster{ID: c + 1, Members: ms}
	}
	// Similarities to the representative: each cluster's representative
	// set is computed once, each member's once.
	type job struct{ c, k int }
	var jobs []job
	for c, g := range groups {
		for k := 1; k < len(g); k++ {
			jobs = append(jobs, job{c, k})
		}
	}
	reps := make([]shingleSets, len(groups))
	if err := parallel(f.ctx, f.workers, len(reps), func() struct{} { return struct{}{} }, func(_ struct{}, c int) {
		reps[c] = f.set(f.docs[groups[c][0]])
	}); err != nil {
		return err
	}
	return parallel(f.ctx, f.workers, len(jobs), func() struct{} { return struct{}{} }, func(_ struct{}, j int) {
		c, k := jobs[j].c, jobs[j].k
		i, r := groups[c][k], groups[c][0]
		m := &f.res.Clusters[c].Members[k]
		set := f.set(m.Doc)
		cmp := f.compare(set, reps[c])
		near := cmp.near
		if len(set.all) > 0 && len(reps[c].all) > 0 {
			m.Similarity = &cmp.Similarity
		}
		switch {
		case f.sameURL(f.docs[i], f.docs[r]):
			m.Reason = ByURL
		case f.info[i].body != 0 && f.info[i].body == f.info[r].body && f.body(f.docs[i]) == f.body(f.docs[r]):
			m.Reason = ByBody
		case near:
			m.Reason = ByText
		default:
			m.Reason = ByChain
		}
	})
}

// representativeFirst orders a cluster's documents so that its
// representative comes first: the earliest published (dated before
// undated), then the longest cleaned body, then the first by id.
func (f *finder) representativeFirst(i, j int32) int {
	a, b := f.docs[i], f.docs[j]
	return cmp.Or(compareDates(a.PublishedAt, b.PublishedAt),
		cmp.Compare(f.info[j].bodyLen, f.info[i].bodyLen),
		cmp.Compare(a.ID, b.ID))
}

// byDate orders the other members: by publication (undated last), then
// by id.
func (f *finder) byDate(i, j int32) int {
	a, b := f.docs[i], f.docs[j]
	return cmp.Or(compareDates(a.PublishedAt, b.PublishedAt), cmp.Compare(a.ID, b.ID))
}

func compareDates(a, b *time.Time) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	return a.Compare(*b)
}
