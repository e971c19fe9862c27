package corpus

import (
	"path"
	"path/filepath"
)

// ParseBytes is what Stream makes of a file named as its only root, name,
// whose bytes were read elsewhere (standard input): its Result, with the
// same ID and BaseID (o.IDPrefix keyed by name) and o.Check run on it.
// The bytes stay the caller's: Result.Data holds them.
func ParseBytes(name string, data []byte, o Options) Result {
	prefix, rooted := o.IDPrefix[name]
	rel := path.Join(escapePath(prefix), escapeName(path.Base(filepath.ToSlash(name))))
	o.KeepData = true // not a buffer of the loader's pool
	return parseEntry(entry{path: name, rel: rel, id: idFromRel(rel), alone: !rooted}, data, &o)
}
