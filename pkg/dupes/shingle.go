package dupes

import (
	"slices"
	"unicode/utf8"

	"github.com/seedscope/seedscope/pkg/tokens"
)

// K is the shingle length: a shingle is K consecutive words (tokens.Words,
// folded by tokens.Fold). Three words are long enough that unrelated news
// texts share few shingles (single words and pairs such as "of the" are
// everywhere), and short enough that a rewrite which changes one word in
// four still keeps many of a sentence's shingles: a wire story retold in
// other words keeps its quotes, names and figures as runs of three words.
const K = 3

// The hashes here are fixed functions of the text (no random seed), so the
// sketches, the candidate pairs and every output are the same run to run.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// mix is the finaliser of splitmix64: a bijection that spreads every input
// bit over the 64 output bits.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// wordHash is the 64-bit hash of tokens.Fold(w). ASCII words, most of
// them, are folded byte by byte as they are hashed (Fold of an ASCII word
// is its lower case), without making a string.
func wordHash(w string) uint64 {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return bytesHash(tokens.Fold(w))
		}
	}
	h := uint64(fnvOffset)
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h ^= uint64(c)
		h *= fnvPrime
	}
	return mix(h)
}

func bytesHash(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return mix(h)
}

// shingleHash combines the hashes of K consecutive words, in order ("a b
// c" and "c b a" differ).
func shingleHash(w *[K]uint64) uint64 {
	return mix(w[0]*0x9e3779b97f4a7c15 + w[1]*0xc2b2ae3d27d4eb4f + w[2])
}

// shingles calls f with the hash of each K-word shingle of the texts, read
// as one run of words (title, excerpt, body), and returns the number of
// words. A text of fewer than K words (but at least one) gives one
// shingle of its words. The same shingle may be given more than once; runs
// of one repeated shingle (a word repeated a million times) are given
// once.
func shingles(texts []string, f func(uint64)) int {
	var w [K]uint64
	n := 0
	var last uint64
	emit := func(h uint64) {
		if n > K && h == last {
			return // the previous shingle again
		}
		last = h
		f(h)
	}
	for _, s := range texts {
		for t := range tokens.Words(s) {
			w[0], w[1], w[2] = w[1], w[2], wordHash(t.Text)
			n++
			if n >= K {
				emit(shingleHash(&w))
			}
		}
	}
	if 0 < n && n < K {
		f(shingleHash(&w)) // the words after K-n zeros
	}
	return n
}

// shingleSet returns the distinct shingle hashes of the texts, sorted:
// what pairs are verified with exactly.
func shingleSet(buf []uint64, texts []string) []uint64 {
	buf = buf[:0]
	shingles(texts, func(h uint64) { buf = append(buf, h) })
	slices.Sort(buf)
	return slices.Compact(buf)
}

// overlap returns |a ∩ b| of two sorted sets, in |a|+|b| steps.
func overlap(a, b []uint64) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

// Similarity is how much two shingle sets share.
type Similarity struct {
	// Jaccard is |A∩B| / |A∪B|: 1 for the same text, low when one text is
	// much longer than the other even if it holds all of it.
	Jaccard float64
	// Containment is |A∩B| / min(|A|,|B|): the share of the shorter text
	// found in the other, 1 when a short rewrite is wholly inside a longer
	// story.
	Containment float64
}

// MinWords is the fewest words (title, excerpt and body together) a
// document needs to be compared as a near duplicate, and minShingles the
// fewest distinct shingles: a line of a few words (a headline alone, a
// word repeated) is found whole in too many unrelated texts. Shorter
// documents are matched by URL and body only.
const (
	MinWords    = 10
	minShingles = MinWords - K + 1
)

// minShared is the fewest shingles a near-duplicate pair shares, about a
// sentence: on short texts (a headline and a two-line excerpt, 30
// shingles) a containment of 0.2 is 6 shingles, which set phrases ("test
// positive for COVID-19", "for the rest of the academic year") give
// unrelated stories.
const minShared = 10

func similarity(a, b []uint64) Similarity {
	if len(a) == 0 || len(b) == 0 {
		return Similarity{}
	}
	n := overlap(a, b)
	return Similarity{
		Jaccard:     float64(n) / float64(len(a)+len(b)-n),
		Containment: float64(n) / float64(min(len(a), len(b))),
	}
}
