package validate

import (
	"hash/maphash"

	"github.com/seedscope/seedscope/pkg/arena"
)

// firstFiles remembers, for the corpus-wide rules, which file first had
// each document ID and each URL key. It is the one part of a run that
// grows with the corpus, so it keeps neither: a key is kept as a 128-bit
// hash (two independently seeded 64-bit hashes; two different keys share
// one with a chance of about 2^-128, some 10^-26 over a million files),
// and the files' paths are packed into shared chunks.
type firstFiles struct {
	hashers [2]maphash.Hash
	first   map[[2]uint64]int32 // key hash → index in paths
	paths   []string
	last    string      // the path paths ends with
	packed  arena.Arena // holds the paths
}

// Key kinds, so an ID and a URL key with the same text do not meet.
const (
	idKey  = 'i'
	urlKey = 'u'
)

func newFirstFiles() *firstFiles {
	x := &firstFiles{first: map[[2]uint64]int32{}}
	for i := range x.hashers {
		x.hashers[i].SetSeed(maphash.MakeSeed())
	}
	return x
}

// seen returns the file that first had key, or records that file p has it.
func (x *firstFiles) seen(kind byte, key, p string) (first string, dup bool) {
	var h [2]uint64
	for i := range x.hashers {
		x.hashers[i].Reset()
		x.hashers[i].WriteByte(kind)
		x.hashers[i].WriteString(key)
		h[i] = x.hashers[i].Sum64()
	}
	if i, ok := x.first[h]; ok {
		return x.paths[i], true
	}
	if len(x.paths) == 0 || x.last != p {
		x.paths = append(x.paths, x.packed.Copy(p))
		x.last = x.paths[len(x.paths)-1]
	}
	x.first[h] = int32(len(x.paths) - 1)
	return "", false
}
