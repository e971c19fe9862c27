package dupes

import (
	"math/bits"
	"sync/atomic"
)

// counts estimates how often each shingle occurs in the corpus: a
// count-min sketch of two rows, which never counts low and rarely high.
//
// A shingle that occurs more than limit times (1% of the documents, at
// least 50) is a set phrase or boilerplate, and is not compared; so is
// one that occurs more than houseLimit times in the documents of one
// provider (its house boilerplate: "Get all the latest news on
// coronavirus and more delivered daily to your inbox", a template its
// daily figures fill in), counted in the same table under the shingle's
// hash mixed with the provider's.
type counts struct {
	mask  uint64
	rows  [2][]atomic.Uint32
	limit uint32
}

// houseLimit is how often one provider may use a shingle before it is
// boilerplate.
const houseLimit = 10

func newCounts(docs int) *counts {
	size := 1 << min(21, max(16, bits.Len(uint(docs)*32)))
	c := &counts{mask: uint64(size - 1)}
	for i := range c.rows {
		c.rows[i] = make([]atomic.Uint32, size)
	}
	c.limit = uint32(max(50, docs/100))
	return c
}

func (c *counts) add(h uint64) {
	c.rows[0][h&c.mask].Add(1)
	c.rows[1][(h>>32)&c.mask].Add(1)
}

// house is the key of shingle h in the documents of a provider.
func house(h, provider uint64) uint64 { return mix(h ^ provider) }

// frequent reports whether a shingle of a document from a provider (0:
// none) is too frequent to compare.
func (c *counts) frequent(h, provider uint64) bool {
	return c.get(h) > c.limit || provider != 0 && c.get(house(h, provider)) > houseLimit
}

func (c *counts) get(h uint64) uint32 {
	return min(c.rows[0][h&c.mask].Load(), c.rows[1][(h>>32)&c.mask].Load())
}
