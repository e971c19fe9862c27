package corpus

import (
	"bytes"
	"encoding/binary"
	"strings"

	"github.com/seedscope/seedscope/pkg/urlnorm"
)

// LinkNeedles pick, from their bytes alone, the files that may hold a URL
// of some keys (urlnorm.Key): a file whose document has a URL, AMP URL or
// CDN AMP URL of one of the keys, or a related item with one, holds one of
// the needles in its bytes as written, or something that could hide it.
// Parsing the files MayHold accepts then finds every document with such a
// URL, as ResolveLinks on the whole corpus would.
//
// A needle is the longest run of unreserved URL characters (letters,
// digits, - . _ ~) of the key's path, or of its host (matched ignoring
// ASCII case: the key lower-cases it). The key keeps a URL's path as
// written, segment by segment, so such a run is in the file as it is,
// unless the file escapes it: a YAML or JSON escape (\), a percent escape
// or a %TAG directive (%), or a binary tag (!! or !<). A file with any of
// these is accepted, as is every file when a key has no run of at least
// minNeedle characters, and for a host's run every file that is not
// ASCII.
//
// The runs of paths are looked for in one pass over the bytes, however
// many (grams): the short ones alone are each looked for on their own.
type LinkNeedles struct {
	keys  map[string]bool
	short [][]byte // runs of paths shorter than minGrammed
	grams grams    // the other runs of paths
	fold  [][]byte // runs of hosts, lower-case
	all   bool
}

// minNeedle is the shortest run used as a needle.
const minNeedle = 4

// NewLinkNeedles returns needles for no key: MayHold accepts nothing.
func NewLinkNeedles() *LinkNeedles { return &LinkNeedles{keys: map[string]bool{}} }

// Add adds the key of the URL u (nothing for an empty key, which no
// link resolves by). It reports whether the key is new.
func (n *LinkNeedles) Add(u string) bool {
	k := urlnorm.Key(u)
	if k == "" || n.keys[k] {
		return false
	}
	n.keys[k] = true
	host, path, _ := strings.Cut(k, "/")
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	if r := longestRun(path); len(r) >= 8 || len(r) >= len(longestRun(host)) && len(r) >= minNeedle {
		if len(r) >= minGrammed {
			n.grams.add([]byte(r))
		} else {
			n.short = append(n.short, []byte(r))
		}
	} else if r := longestRun(host); len(r) >= minNeedle && isASCII(host) {
		n.fold = append(n.fold, []byte(strings.ToLower(r)))
	} else {
		n.all = true
	}
	return true
}

// Has reports whether the key of u was added.
func (n *LinkNeedles) Has(u string) bool { return n.keys[urlnorm.Key(u)] }

// Len is the number of keys added.
func (n *LinkNeedles) Len() int { return len(n.keys) }

// MayHold reports whether a file of these bytes may hold a URL of one of
// the keys.
func (n *LinkNeedles) MayHold(data []byte) bool {
	switch {
	case len(n.keys) == 0:
		return false
	case n.all:
		return true
	}
	if n.grams.in(data) {
		return true
	}
	for _, x := range n.short {
		if bytes.Contains(data, x) {
			return true
		}
	}
	if bytes.IndexByte(data, '\\') >= 0 || bytes.IndexByte(data, '%') >= 0 || mayTag(data) {
		return true
	}
	if len(n.fold) > 0 {
		// strings.ToLower maps some non-ASCII letters (the Kelvin sign)
		// onto ASCII ones.
		if !isASCII(string(data)) {
			return true
		}
		lower := bytes.ToLower(data)
		for _, x := range n.fold {
			if bytes.Contains(lower, x) {
				return true
			}
		}
	}
	return false
}

// LinkBytes is the part of a file's bytes, as read, that can give its
// document URLs: the front matter, with its fences. It is nil for a file
// that gives none: plain text (no front matter) and a front matter never
// closed (an error). The fences are ASCII, which reading a file that is
// not UTF-8 as Latin-1 leaves as it is: these bytes split as the
// parser's do.
func LinkBytes(data []byte) []byte {
	split, err := SplitFrontMatter(data)
	if err != nil || !split.HasFrontMatter {
		return nil
	}
	return data[:len(data)-len(split.Body)]
}

// mayTag reports whether data holds "!!" or "!<" (a YAML tag that may
// hide a URL).
func mayTag(data []byte) bool {
	for {
		i := bytes.IndexByte(data, '!')
		if i < 0 || i+1 >= len(data) {
			return false
		}
		if c := data[i+1]; c == '!' || c == '<' {
			return true
		}
		data = data[i+1:]
	}
}

// minGrammed is the shortest run looked for by its grams.
const minGrammed = 16

// gramLen is the length of a gram: 8 bytes, read as one word.
const gramLen = 8

// grams finds any of a set of runs (each at least minGrammed long) in one
// pass: a run of n bytes holds n-gramLen+1 grams (its substrings of
// gramLen bytes) at consecutive offsets, so wherever it stands in the
// data one of them starts at a multiple of step (the least n-gramLen+1).
// Only the grams at those offsets are looked up, in a bitmap first; a
// gram found there that is one of a run's is compared with the data
// around it, at each offset of the gram in the run: a gram at more than
// maxGramOffsets offsets of one run is followed by a search for that run
// instead, once per call. A call never costs more than a search for
// each run.
type grams struct {
	step int
	bits [gramBits / 64]uint64
	runs [][]byte
	// of lists, for each gram, where it stands in the runs.
	of map[uint64][]gramAt
}

// gramAt is a gram at offset off of the run; off -1 stands for more
// than maxGramOffsets offsets.
type gramAt struct{ run, off int }

const maxGramOffsets = 4

// gramBits is the size of the bitmap of grams: a few hundred grams leave
// most bits clear.
const gramBits = 1 << 16

func gramHash(g uint64) uint64 { return (g * 0x9E3779B97F4A7C15) >> (64 - 16) }

func (g *grams) add(run []byte) {
	if g.of == nil {
		g.of = map[uint64][]gramAt{}
	}
	r := len(g.runs)
	g.runs = append(g.runs, run)
	for off := 0; off+gramLen <= len(run); off++ {
		w := binary.LittleEndian.Uint64(run[off:])
		h := gramHash(w)
		g.bits[h/64] |= 1 << (h % 64)
		at := g.of[w]
		n := 0 // the offsets of w in this run so far (they come last)
		for n < len(at) && at[len(at)-1-n].run == r {
			n++
		}
		switch {
		case n > 0 && at[len(at)-1].off < 0:
			// searched whole already
		case n == maxGramOffsets:
			at = append(at[:len(at)-n], gramAt{r, -1})
		default:
			at = append(at, gramAt{r, off})
		}
		g.of[w] = at
	}
	if s := len(run) - gramLen + 1; g.step == 0 || s < g.step {
		g.step = s
	}
}

// in reports whether data holds one of the runs.
func (g *grams) in(data []byte) bool {
	if g.step == 0 {
		return false
	}
	var searched map[int]bool
	for p := 0; p+gramLen <= len(data); p += g.step {
		w := binary.LittleEndian.Uint64(data[p:])
		if h := gramHash(w); g.bits[h/64]&(1<<(h%64)) == 0 {
			continue
		}
		for _, a := range g.of[w] {
			run := g.runs[a.run]
			if a.off >= 0 {
				if start := p - a.off; start >= 0 && start+len(run) <= len(data) && bytes.Equal(data[start:start+len(run)], run) {
					return true
				}
				continue
			}
			if searched[a.run] {
				continue
			}
			if bytes.Contains(data, run) {
				return true
			}
			if searched == nil {
				searched = map[int]bool{}
			}
			searched[a.run] = true
		}
	}
	return false
}

// longestRun is the longest run of unreserved URL characters in s.
func longestRun(s string) string {
	best, start := "", 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && unreserved(s[i]) {
			continue
		}
		if i-start > len(best) {
			best = s[start:i]
		}
		start = i + 1
	}
	return best
}

func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
