package corpus

import (
	"bytes"
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
type LinkNeedles struct {
	keys  map[string]bool
	exact [][]byte // runs of paths
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
		n.exact = append(n.exact, []byte(r))
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
	for _, x := range n.exact {
		if bytes.Contains(data, x) {
			return true
		}
	}
	if bytes.IndexByte(data, '\\') >= 0 || bytes.IndexByte(data, '%') >= 0 ||
		bytes.Contains(data, []byte("!!")) || bytes.Contains(data, []byte("!<")) {
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
