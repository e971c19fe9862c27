package dupes

import "math"

// The sketch: MinHash with LSH banding.
//
// A document's sketch is Bands×Rows minimum hashes of its shingle set, one
// per hash function h_i(x) = a_i·x + b_i (mod 2^64, a_i odd): each shingle
// is hashed once (shingleHash), and each h_i costs a multiply and an add.
// For two sets, the minima of one h_i agree with probability about their
// Jaccard similarity J. LSH cuts the sketch into Bands bands of Rows
// values; two documents whose values agree on a whole band share a bucket
// and become a candidate pair, with probability
//
//	P(J) = 1 − (1 − J^Rows)^Bands
//
// an S-curve. With 2 rows and 40 bands:
//
//	J     0.05  0.10  0.14  0.20  0.25  0.30  0.40  0.50
//	P(J)  0.10  0.33  0.55  0.80  0.92  0.98  1.00  1.00
//
// Candidates are then verified exactly (their shingle sets compared), so
// the curve decides recall, not precision. Rows 2 keeps unrelated
// documents out of the buckets (a pair sharing 2% of its shingles is a
// candidate 1.6% of the time; with 1 row it would be 55%), and 40 bands
// make a pair a candidate almost surely from J 0.25 on. A pair scored by
// containment may have a low J (a short story wholly inside a long one:
// J = |short|/|long|), so the near-duplicates found surely are those
// with J above about 0.2; below it they are found with the probability
// above, and more often than that when a third document links them.
const (
	Bands = 40
	Rows  = 2
	// hashes is the length of a sketch.
	hashes = Bands * Rows
)

// coef are the a_i, b_i of the hash functions: fixed, so that sketches are
// the same in every run.
var coef = func() (c [hashes][2]uint64) {
	s := uint64(0x5eed5c09e)
	next := func() uint64 {
		s += 0x9e3779b97f4a7c15
		return mix(s)
	}
	for i := range c {
		c[i] = [2]uint64{next() | 1, next()}
	}
	return c
}()

// sketch is the MinHash signature of a shingle set.
type sketch [hashes]uint64

func (s *sketch) reset() {
	for i := range s {
		s[i] = math.MaxUint64
	}
}

// add takes one shingle hash into the sketch. The order of the values
// does not matter, nor repeats: the sketch is that of the set.
func (s *sketch) add(x uint64) {
	for i := range s {
		if v := coef[i][0]*x + coef[i][1]; v < s[i] {
			s[i] = v
		}
	}
}

// bandKey is the bucket of band b: a 32-bit hash of its Rows values.
// Documents of one bucket agree on the band or, rarely, collide; either
// way they are verified.
func (s *sketch) bandKey(b int) uint32 {
	h := uint64(b)
	for _, v := range s[b*Rows : (b+1)*Rows] {
		h = mix(h ^ v)
	}
	return uint32(h >> 32)
}

// estimate is the sketch's estimate of the Jaccard similarity: the share
// of minima that agree.
func (s *sketch) estimate(o *sketch) float64 {
	n := 0
	for i := range s {
		if s[i] == o[i] {
			n++
		}
	}
	return float64(n) / hashes
}
