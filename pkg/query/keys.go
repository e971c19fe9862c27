package query

import (
	"cmp"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/seedscope/seedscope/pkg/corpus"
)

// The identity of a topic and of a provider. The filters and the facet
// counts compare through these functions and nothing else, so a count
// always equals the number of documents its value selects.
//
//   - A topic, a provider name and the other text a filter compares (kind,
//     type, category) is its FoldKey: trimmed, each inner run of white
//     space one space, case-folded as strings.EqualFold folds.
//   - A domain is its DomainKey: lower case, without scheme, "www.",
//     port, path or trailing dot.
//   - A provider name that LooksLikeDomain (a dot and no white space:
//     "UPI.com", or a URL) is read as a domain: it is the document's domain
//     when the document names none, and it is not a name.

// FoldKey is the comparison key of a topic or provider name: s trimmed,
// each inner run of white space made one space, and each letter folded to
// one member of its case-folding orbit, so FoldKey(a) == FoldKey(b)
// exactly when strings.EqualFold holds between the two tidied strings.
// Keys compare with ==; they are not for display.
func FoldKey(s string) string {
	if plainKey(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	var r keyReader
	r.s = s
	for c, ok := r.next(); ok; c, ok = r.next() {
		b.WriteRune(c)
	}
	return b.String()
}

// SameFold reports whether FoldKey(a) == FoldKey(b), without allocating.
func SameFold(a, b string) bool {
	ra, rb := keyReader{s: a}, keyReader{s: b}
	for {
		ca, oka := ra.next()
		cb, okb := rb.next()
		if oka != okb || ca != cb {
			return false
		}
		if !oka {
			return true
		}
	}
}

// CompareFold orders a and b as cmp.Compare(FoldKey(a), FoldKey(b)),
// without allocating.
func CompareFold(a, b string) int {
	ra, rb := keyReader{s: a}, keyReader{s: b}
	for {
		ca, oka := ra.next()
		cb, okb := rb.next()
		switch {
		case !oka && !okb:
			return 0
		case !oka:
			return -1
		case !okb:
			return 1
		case ca != cb:
			return cmp.Compare(ca, cb)
		}
	}
}

// plainKey reports whether s is its own FoldKey: ASCII without upper case,
// control characters or doubled, leading or trailing spaces.
func plainKey(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf, 'A' <= c && c <= 'Z', c < ' ', c == 0x7f:
			return false
		case c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' '):
			return false
		}
	}
	return true
}

// keyReader yields the runes of FoldKey(s) one at a time.
type keyReader struct {
	s          string
	i          int
	started    bool // a rune has been given
	space      bool // white space seen since the last rune given
	pending    rune // a rune to give after the space, when hasPending
	hasPending bool
}

func (k *keyReader) next() (rune, bool) {
	if k.hasPending {
		k.hasPending = false
		return k.pending, true
	}
	for k.i < len(k.s) {
		r, n := utf8.DecodeRuneInString(k.s[k.i:])
		k.i += n
		if unicode.IsSpace(r) {
			k.space = true
			continue
		}
		r = foldRune(r)
		if k.space && k.started {
			k.space, k.pending, k.hasPending = false, r, true
			return ' ', true
		}
		k.space, k.started = false, true
		return r, true
	}
	return 0, false
}

// foldRune maps every member of a simple case-folding orbit (the classes
// strings.EqualFold treats as equal) to one of them: its lower-case member
// where it has one ('K', 'k' and the Kelvin sign all give 'k').
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		least = min(least, f)
	}
	if l := unicode.ToLower(least); l != least && inFoldOrbit(l, r) {
		return l
	}
	return least
}

func inFoldOrbit(x, r rune) bool {
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f == x {
			return true
		}
	}
	return x == r
}

// LooksLikeDomain reports whether a provider value names a domain rather
// than a provider's name: it holds a dot and no white space ("wired.com",
// "www.wired.com", "https://www.wired.com/story/…", "UPI.com").
func LooksLikeDomain(s string) bool {
	if plainDomain(s) {
		return true
	}
	s = strings.TrimSpace(s)
	return strings.Contains(s, ".") && strings.IndexFunc(s, unicode.IsSpace) < 0
}

// DomainKey is the comparison key of a domain: trimmed and lower case,
// without a scheme, user, "www.", port, path, query, fragment or trailing
// dot. "https://WWW.Wired.com:443/story/x" gives "wired.com". A value
// whose host holds no dot is a URL cut short ("com/2020/04/story.html"):
// its key is the whole value, lower case, up to any white space. A key
// without a dot is no domain: "". Every other key looks like a domain and
// is its own key, so a row's domain typed back as --provider selects the
// row. It is also the domain's display; for a plain lower-case domain it
// is the domain itself (a substring, no copy).
func DomainKey(s string) string {
	if plainDomain(s) {
		return s
	}
	s = strings.TrimSpace(s)
	for trimmed := ""; trimmed != s; {
		trimmed = s
		if i := strings.Index(s, "://"); i > 0 && isScheme(s[:i]) {
			s = s[i+3:]
		}
		s = strings.TrimPrefix(s, "//")
	}
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		s = s[:i]
	}
	host := cutHost(s)
	if strings.Contains(host, "%") {
		// An escaped path ("wsj.com%2Farticles%2F…") ends the host too.
		if u, err := url.PathUnescape(host); err == nil {
			host = cutHost(u)
		}
	}
	if i := strings.LastIndexByte(host, '@'); i >= 0 {
		host = host[i+1:]
	}
	if i := strings.LastIndexByte(host, ':'); i >= 0 && allDigits(host[i+1:]) {
		host = host[:i]
	}
	if key := hostKey(host); strings.Contains(key, ".") {
		return key
	}
	if key := hostKey(s); strings.Contains(key, ".") {
		return key
	}
	return ""
}

// plainDomain reports whether s is its own DomainKey by the look of it:
// lower-case letters, digits, hyphens and dots, with a dot, neither
// "www." first nor a dot last.
func plainDomain(s string) bool {
	dot := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.':
			dot = true
		case !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-'):
			return false
		}
	}
	return dot && s[len(s)-1] != '.' && !strings.HasPrefix(s, "www.")
}

// hostKey is s in lower case without leading "www." and trailing dots.
func hostKey(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return unicode.IsUpper(r) || unicode.IsTitle(r) }) >= 0 {
		s = strings.ToLower(s)
	}
	for strings.HasPrefix(s, "www.") {
		s = s[len("www."):]
	}
	return strings.TrimRight(s, ".")
}

func cutHost(s string) string {
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		return s[:i]
	}
	return s
}

func isScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return s != ""
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ProviderDomain is the DomainKey of a document's provider: its domain,
// or, when it gives none, its name if that looks like a domain. "" when
// neither.
func ProviderDomain(p corpus.Provider) string {
	if d := DomainKey(p.Domain); d != "" {
		return d
	}
	if LooksLikeDomain(p.Name) {
		return DomainKey(p.Name)
	}
	return ""
}

// ProviderName is the provider's name as a name: "" when it is empty or
// looks like a domain (then it is read as one; see ProviderDomain).
func ProviderName(p corpus.Provider) string {
	if LooksLikeDomain(p.Name) || strings.TrimSpace(p.Name) == "" {
		return ""
	}
	return p.Name
}

// ProviderMatches reports whether a --provider value v selects a
// provider: a value that looks like a domain matches its ProviderDomain,
// any other value its name (by FoldKey). An empty value matches nothing.
func ProviderMatches(v string, p corpus.Provider) bool {
	if LooksLikeDomain(v) {
		want := DomainKey(v)
		return want != "" && want == ProviderDomain(p)
	}
	name := ProviderName(p)
	return name != "" && SameFold(v, name)
}

// TopicMatches reports whether the topic value v is one of topics (by
// FoldKey). An empty value matches nothing.
func TopicMatches(v string, topics []string) bool {
	return anyFold([]string{v}, topics...)
}
