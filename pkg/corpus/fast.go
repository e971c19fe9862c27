package corpus

import (
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
	"unsafe"

	"gopkg.in/yaml.v3"

	"github.com/seedscope/seedscope/pkg/swar"
)

// The fast front-matter decoder reads the small, regular subset of YAML
// that seed documents are written in: block mappings and sequences (a
// sequence may sit at its parent key's indentation), single-line plain,
// single-quoted and double-quoted scalars, blank and comment lines. It
// decodes straight into a Document, giving exactly what decodeYAML gives.
//
// It never guesses: anchors, aliases, tags, flow collections, block
// scalars, multi-line scalars, tabs outside quotes, odd indentation,
// duplicate keys, plain scalars whose YAML type is not plainly known, and
// anything that would make decodeYAML warn all make it report the input as
// not handled, and the caller decodes that file with yaml.v3.

func init() { fastDecoder = decodeFastString }

// decodeFastString decodes front matter text into doc and reports whether
// it could. When it returns false doc is as it was. The strings it stores
// in doc are substrings of fm wherever no unescaping was needed: no copy
// is made before compact copies what the document keeps.
func decodeFastString(fm string, doc *Document, keys *keyIndex) bool {
	p, ok := decodeFast(fm, doc, keys)
	p.release()
	return ok
}

// decodeFast is decodeFastString that also returns the parser, for the
// caller to release: when it accepted the text it holds its tree (see
// tree.go).
func decodeFast(fm string, doc *Document, keys *keyIndex) (*fastParser, bool) {
	p := fastParsers.Get().(*fastParser)
	p.s = fm
	if !p.splitLines() {
		return p, false
	}
	if len(p.lines) == 0 {
		return p, true // empty or comment-only front matter: no fields
	}
	root, ok := p.block(p.lines[0].indent)
	if !ok || p.li != len(p.lines) || p.nodes[root].kind != nodeMap {
		return p, false
	}
	if len(p.nodes)+p.keys > MaxFrontMatterNodes {
		return p, false // yaml.v3 counts a node per key too; decodeYAML refuses the file
	}
	saved := *doc
	if !p.document(root, doc, keys) {
		*doc = saved
		return p, false
	}
	return p, true
}

var fastParsers = sync.Pool{New: func() any { return new(fastParser) }}

// fastLine is one line holding content: blank and comment lines are dropped.
type fastLine struct {
	indent int // spaces before start; for a sequence item's content, its column
	start  int // offset of the first content byte in the text
	end    int // offset of the line's end, less any "\r"
}

type nodeKind uint8

const (
	nodeScalar nodeKind = iota
	nodeMap
	nodeSeq
)

// fastNode is a node of the parsed tree. Nodes live in fastParser.nodes
// and name their children by index: first child, next sibling.
type fastNode struct {
	kind   nodeKind
	quoted bool   // a quoted scalar: always a string
	key    string // the key this node is the value of, in a mapping
	val    string // a scalar's value
	first  int32
	last   int32
	next   int32
	// off and keyOff are the offsets in the text where the node and its
	// key start (see tree.go, which gives them as yaml.v3's positions).
	off, keyOff int32
}

type fastParser struct {
	s     string
	lines []fastLine
	nodes []fastNode
	keys  int // the mapping keys parsed
	li    int // the next line to parse
	buf   []byte
	// tree, treePtrs and newlines hold the yaml.v3 tree built from the
	// parse, when asked for (see yamlTree).
	tree     []yaml.Node
	treePtrs []*yaml.Node
	newlines []int
	// lineHint is the line setPos found last (see lineOf).
	lineHint int
}

// fewKeys is the size up to which a mapping's keys are searched for a
// duplicate rather than looked up in a set. A search costs at most fewKeys
// comparisons a key, so time stays linear; real records (a seed document
// has about 20 keys, a related item 10) never pay for a set.
const fewKeys = 32

func (p *fastParser) release() {
	p.releaseTree()
	p.s = ""
	p.lines = p.lines[:0]
	clear(p.nodes) // drop references to the text
	p.nodes = p.nodes[:0]
	p.li = 0
	p.keys = 0
	if cap(p.buf) > 64<<10 {
		p.buf = nil
	}
	fastParsers.Put(p)
}

// splitLines cuts the text into content lines and checks every character
// is one yaml.v3 reads as it is: printable, no line breaks other than
// "\n" and "\r\n", no byte order mark inside the text. One pass does
// both: the check stops at every line's end anyway. On false, lines may
// hold part of the text's lines; release clears them.
func (p *fastParser) splitLines() bool {
	s := p.s
	for start := 0; start < len(s); {
		i := start
		for i < len(s) {
			if i+8 <= len(s) {
				m := unprintable8(s[i:])
				if !swar.Any(m) {
					i += 8
					continue
				}
				// Straight to the byte that needs a look (a line's end, say),
				// not one byte at a time up to it.
				i += swar.First(m)
			}
			c := s[i]
			if c == '\n' {
				break
			}
			switch {
			case c >= 0x20 && c < 0x7F, c == '\t':
				i++
			case c == '\r':
				if i+1 >= len(s) || s[i+1] != '\n' {
					return false
				}
				i++
			case c < 0x80:
				return false
			default:
				r, size := utf8.DecodeRuneInString(s[i:])
				if r == utf8.RuneError && size <= 1 || r < 0xA0 ||
					r == 0x2028 || r == 0x2029 || r == 0xFEFF || r == 0xFFFE || r == 0xFFFF {
					return false
				}
				i += size
			}
		}
		end := i
		if end > start && s[end-1] == '\r' {
			end--
		}
		k := start
		for k < end && s[k] == ' ' {
			k++
		}
		switch {
		case k == end || s[k] == '#':
			// blank or comment line
		case k == start && (strings.HasPrefix(s[start:end], "---") || strings.HasPrefix(s[start:end], "...")):
			return false // a document marker, or something too close to one
		default:
			p.lines = append(p.lines, fastLine{indent: k - start, start: k, end: end})
		}
		start = i + 1
	}
	return true
}

// unprintable8 marks the first 8 bytes of s that are not printable ASCII
// (0x20 to 0x7E), testing them at once: a swar mask.
func unprintable8(s string) uint64 {
	return swar.Unprintable(swar.Load(s))
}

// newNode adds a node that starts at offset off of the text.
func (p *fastParser) newNode(kind nodeKind, off int) int32 {
	p.nodes = append(p.nodes, fastNode{kind: kind, first: -1, last: -1, next: -1, off: int32(off)})
	return int32(len(p.nodes) - 1)
}

func (p *fastParser) addChild(parent, child int32) {
	if p.nodes[parent].last < 0 {
		p.nodes[parent].first = child
	} else {
		p.nodes[p.nodes[parent].last].next = child
	}
	p.nodes[parent].last = child
}

func (p *fastParser) isSeqItem(l fastLine) bool {
	return p.s[l.start] == '-' && (l.start+1 == l.end || p.s[l.start+1] == ' ')
}

// block parses the mapping or sequence whose first line is the current
// one, with content at column indent.
func (p *fastParser) block(indent int) (int32, bool) {
	if p.isSeqItem(p.lines[p.li]) {
		return p.seq(indent)
	}
	return p.mapping(indent)
}

// keyLen returns the length of the simple key at the start of t, followed
// by ":" and a space or the line's end, or 0. Keys are kept to names that
// YAML reads as strings whatever their context.
func keyLen(t string) int {
	if len(t) == 0 || !keyStart[t[0]] {
		return 0
	}
	i := 1
	for i < len(t) && i <= 128 && keyRest[t[i]] {
		i++
	}
	if i > 128 || i == len(t) || t[i] != ':' || i+1 < len(t) && t[i+1] != ' ' {
		return 0
	}
	return i
}

// keyStart and keyRest mark the bytes a simple key starts with (letters
// and "_") and goes on with (digits and "-" too).
var keyStart, keyRest = func() (start, rest [256]bool) {
	for c := range 256 {
		b := byte(c)
		start[c] = 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || b == '_'
		rest[c] = start[c] || '0' <= b && b <= '9' || b == '-'
	}
	return start, rest
}()

func (p *fastParser) mapping(indent int) (int32, bool) {
	n := p.newNode(nodeMap, p.lines[p.li].start)
	var keys mappingKeys
	for p.li < len(p.lines) {
		l := p.lines[p.li]
		if l.indent < indent {
			break
		}
		if l.indent > indent || p.isSeqItem(l) {
			return 0, false
		}
		text := p.s[l.start:l.end]
		k := keyLen(text)
		if k == 0 {
			return 0, false
		}
		key := text[:k]
		if len(p.nodes)+p.keys > MaxFrontMatterNodes {
			return 0, false // decodeYAML refuses the file
		}
		if !keys.addNew(p, n, key) {
			return 0, false // duplicate key: decodeYAML warns
		}
		p.keys++
		rest := strings.TrimLeft(text[k+1:], " ")
		p.li++
		var v int32
		var ok bool
		if rest == "" {
			switch {
			case p.li < len(p.lines) && p.lines[p.li].indent > indent:
				v, ok = p.block(p.lines[p.li].indent)
			case p.li < len(p.lines) && p.lines[p.li].indent == indent && p.isSeqItem(p.lines[p.li]):
				v, ok = p.seq(indent)
			default:
				// An empty value (null) is where yaml.v3 puts it: just
				// after the colon.
				v, ok = p.newNode(nodeScalar, l.start+k+1), true
			}
		} else {
			v, ok = p.scalar(rest, l.end-len(rest))
			if ok && p.li < len(p.lines) && p.lines[p.li].indent > indent {
				ok = false // a continued scalar, or an error
			}
		}
		if !ok {
			return 0, false
		}
		p.nodes[v].key, p.nodes[v].keyOff = key, int32(l.start)
		p.addChild(n, v)
	}
	return n, true
}

// keyBit is one of 64 bits, from key's length and first and last bytes:
// equal keys have the same bit.
func keyBit(key string) uint64 {
	return 1 << ((uint(len(key))*5 + uint(key[0]) + uint(key[len(key)-1])<<1) & 63)
}

// mappingKeys are the keys of a mapping read so far, to find a
// duplicate: up to fewKeys, a bit for each (keyBit), and a search of the
// mapping's keys only for a key whose bit an earlier one set, so most
// keys are never compared; past fewKeys, a set made once.
type mappingKeys struct {
	count int
	bits  uint64
	seen  map[string]struct{}
}

// addNew takes key, the next key of mapping n, and reports whether the
// mapping did not have it already.
func (k *mappingKeys) addNew(p *fastParser, n int32, key string) bool {
	if k.count < fewKeys {
		k.count++
		bit := keyBit(key)
		if k.bits&bit == 0 {
			k.bits |= bit
			return true
		}
		return !p.hasKey(n, key)
	}
	return k.addToSet(p, n, key)
}

// addToSet is addNew past fewKeys keys.
func (k *mappingKeys) addToSet(p *fastParser, n int32, key string) bool {
	if k.seen == nil {
		k.seen = make(map[string]struct{}, 2*fewKeys)
		for c := p.nodes[n].first; c >= 0; c = p.nodes[c].next {
			k.seen[p.nodes[c].key] = struct{}{}
		}
	}
	if _, dup := k.seen[key]; dup {
		return false
	}
	k.seen[key] = struct{}{}
	return true
}

// hasKey reports whether mapping n has key.
func (p *fastParser) hasKey(n int32, key string) bool {
	for c := p.nodes[n].first; c >= 0; c = p.nodes[c].next {
		if p.nodes[c].key == key {
			return true
		}
	}
	return false
}

func (p *fastParser) seq(indent int) (int32, bool) {
	n := p.newNode(nodeSeq, p.lines[p.li].start)
	for p.li < len(p.lines) {
		l := p.lines[p.li]
		if l.indent < indent {
			break
		}
		if l.indent == indent && !p.isSeqItem(l) {
			break // the next key of a mapping this sequence shares a column with
		}
		if l.indent > indent || len(p.nodes)+p.keys > MaxFrontMatterNodes {
			return 0, false
		}
		j := l.start + 1
		for j < l.end && p.s[j] == ' ' {
			j++
		}
		if j == l.end {
			return 0, false // an item on the following lines
		}
		text := p.s[j:l.end]
		var v int32
		var ok bool
		switch {
		case text[0] == '-' && (len(text) == 1 || text[1] == ' '):
			return 0, false // a sequence in a sequence
		case keyLen(text) > 0:
			col := l.indent + j - l.start
			p.lines[p.li] = fastLine{indent: col, start: j, end: l.end}
			v, ok = p.mapping(col)
		default:
			p.li++
			v, ok = p.scalar(text, j)
			if ok && p.li < len(p.lines) && p.lines[p.li].indent > indent {
				ok = false
			}
		}
		if !ok {
			return 0, false
		}
		p.addChild(n, v)
	}
	return n, true
}

// scalar parses a whole-line scalar, which starts at offset off.
func (p *fastParser) scalar(t string, off int) (int32, bool) {
	var val string
	var ok, quoted bool
	switch t[0] {
	case '"':
		val, ok = p.doubleQuoted(t)
		quoted = true
	case '\'':
		val, ok = p.singleQuoted(t)
		quoted = true
	default:
		val, ok = plain(t)
	}
	if !ok {
		return 0, false
	}
	n := p.newNode(nodeScalar, off)
	p.nodes[n].val, p.nodes[n].quoted = val, quoted
	return n, true
}

// plain checks a single-line plain scalar and trims its trailing spaces.
func plain(t string) (string, bool) {
	switch t[0] {
	case '-':
		if len(t) < 2 || !(t[1] >= '0' && t[1] <= '9' || t[1] == '.') {
			return "", false
		}
	case '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', '<':
		return "", false
	}
	t = strings.TrimRight(t, " ")
	if strings.IndexByte(t, '\t') >= 0 {
		return "", false
	}
	for i := 0; ; i++ {
		j := strings.IndexByte(t[i:], ':')
		if j < 0 {
			break
		}
		i += j
		if i+1 == len(t) || t[i+1] == ' ' {
			return "", false // ": " makes a mapping
		}
	}
	for i := 1; ; i++ {
		j := strings.IndexByte(t[i:], '#')
		if j < 0 {
			break
		}
		i += j
		if t[i-1] == ' ' {
			return "", false // " #" starts a comment
		}
	}
	return t, true
}

// afterQuote reports whether only spaces follow a closing quote.
func afterQuote(t string) bool {
	for i := 0; i < len(t); i++ {
		if t[i] != ' ' {
			return false
		}
	}
	return true
}

func (p *fastParser) singleQuoted(t string) (string, bool) {
	var b []byte
	start := 1
	for i := 1; i < len(t); i++ {
		if t[i] != '\'' {
			continue
		}
		if i+1 < len(t) && t[i+1] == '\'' {
			b = append(b, t[start:i+1]...)
			i++
			start = i + 1
			continue
		}
		if !afterQuote(t[i+1:]) {
			return "", false
		}
		if b == nil {
			return t[1:i], true
		}
		return string(append(b, t[start:i]...)), true
	}
	return "", false // closed on a later line
}

// doubleQuoted decodes a double-quoted scalar with yaml.v3's escapes.
func (p *fastParser) doubleQuoted(t string) (string, bool) {
	b := p.buf[:0]
	escaped := false
	start := 1
	quote := -1 // the next '"' at or after i, once found
	for i := 1; i < len(t); {
		var j int
		j, quote = nextQuoteOrEscape(t, i, quote)
		if j < 0 {
			break
		}
		i = j
		c := t[i]
		if c == '"' {
			if !afterQuote(t[i+1:]) {
				return "", false
			}
			if !escaped {
				return t[1:i], true
			}
			b = append(b, t[start:i]...)
			p.buf = b
			return string(b), true
		}
		escaped = true
		b = append(b, t[start:i]...)
		if i+1 >= len(t) {
			return "", false // an escaped line break
		}
		code := 0
		switch t[i+1] {
		case '0':
			b = append(b, 0)
		case 'a':
			b = append(b, '\a')
		case 'b':
			b = append(b, '\b')
		case 't', '\t':
			b = append(b, '\t')
		case 'n':
			b = append(b, '\n')
		case 'v':
			b = append(b, '\v')
		case 'f':
			b = append(b, '\f')
		case 'r':
			b = append(b, '\r')
		case 'e':
			b = append(b, 0x1B)
		case ' ', '"', '\'', '\\':
			b = append(b, t[i+1])
		case 'N':
			b = append(b, "\u0085"...)
		case '_':
			b = append(b, "\u00a0"...)
		case 'L':
			b = append(b, "\u2028"...)
		case 'P':
			b = append(b, "\u2029"...)
		case 'x':
			code = 2
		case 'u':
			code = 4
		case 'U':
			code = 8
		default:
			return "", false
		}
		i += 2
		if code > 0 {
			if i+code > len(t) {
				return "", false
			}
			v, err := strconv.ParseUint(t[i:i+code], 16, 32)
			if err != nil || v >= 0xD800 && v <= 0xDFFF || v > 0x10FFFF {
				return "", false
			}
			b = utf8.AppendRune(b, rune(v))
			i += code
		}
		start = i
	}
	p.buf = b
	return "", false // closed on a later line
}

// nextQuoteOrEscape returns the index of the first '"' or '\\' in s at
// or after i, or -1. quote is the index of the first '"' at or after i if
// known from an earlier call, or -1; the one it returns is for the next
// call. Keeping it makes a line of many escapes linear, not quadratic.
func nextQuoteOrEscape(s string, i, quote int) (int, int) {
	if quote < i {
		quote = strings.IndexByte(s[i:], '"')
		if quote < 0 {
			quote = len(s)
		} else {
			quote += i
		}
	}
	if b := strings.IndexByte(s[i:quote], '\\'); b >= 0 {
		return i + b, quote
	}
	if quote == len(s) {
		return -1, quote
	}
	return quote, quote
}

// Mapping the tree onto a Document follows decodeYAML field by field; any
// case in which decodeYAML would warn returns false.

func (p *fastParser) isNull(n int32) bool {
	nd := &p.nodes[n]
	if nd.kind != nodeScalar || nd.quoted {
		return false
	}
	switch nd.val {
	case "", "~", "null", "Null", "NULL":
		return true
	}
	return false
}

func (p *fastParser) str(n int32) (string, bool) {
	if p.nodes[n].kind != nodeScalar {
		return "", false
	}
	if p.isNull(n) {
		return "", true
	}
	return p.nodes[n].val, true
}

func (p *fastParser) number(n int32) (*float64, bool) {
	if p.isNull(n) {
		return nil, true
	}
	nd := &p.nodes[n]
	if nd.kind != nodeScalar || nd.quoted {
		return nil, false
	}
	f, ok := PlainNumber(nd.val)
	if !ok {
		return nil, false
	}
	return &f, true
}

// PlainNumber reads the number forms whose yaml.v3 meaning is plain: an
// optional minus, decimal digits without a leading zero (which yaml.v3
// reads as octal), and an optional fraction, at most 15 digits on each
// side of the point, so that the conversion is exact. ok is false for any
// other text, which yaml.v3 must decode.
func PlainNumber(s string) (float64, bool) {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	d := digits(s[i:])
	if d == 0 || d > 15 || d > 1 && s[i] == '0' {
		return 0, false
	}
	i += d
	if i == len(s) {
		v, err := strconv.ParseInt(s, 10, 64)
		return float64(v), err == nil
	}
	if s[i] != '.' {
		return 0, false
	}
	i++
	if f := digits(s[i:]); f == 0 || f > 15 || i+f != len(s) {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

func digits(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

func (p *fastParser) bool(n int32) (*bool, bool) {
	if p.isNull(n) {
		return nil, true
	}
	nd := &p.nodes[n]
	if nd.kind != nodeScalar || nd.quoted {
		return nil, false
	}
	var b bool
	switch nd.val {
	case "true", "True", "TRUE":
		b = true
	case "false", "False", "FALSE":
	default:
		return nil, false
	}
	return &b, true
}

func (p *fastParser) timeField(n int32, dst **time.Time) bool {
	s, ok := p.str(n)
	if !ok {
		return false
	}
	if s == "" {
		*dst = nil
		return true
	}
	t, err := ParseTime(s)
	if err != nil {
		return false
	}
	*dst = &t
	return true
}

func (p *fastParser) strings(n int32) ([]string, bool) {
	if p.isNull(n) {
		return nil, true
	}
	if p.nodes[n].kind != nodeSeq {
		return nil, false
	}
	count := 0
	for c := p.nodes[n].first; c >= 0; c = p.nodes[c].next {
		if p.nodes[c].kind != nodeScalar || p.isNull(c) {
			return nil, false
		}
		count++
	}
	if count > MaxListItems {
		return nil, false // decodeYAML keeps the first items and warns
	}
	out := make([]string, 0, count)
	for c := p.nodes[n].first; c >= 0; c = p.nodes[c].next {
		out = append(out, p.nodes[c].val)
	}
	return out, true
}

// eachMap calls fn for every item of a list of mappings.
func (p *fastParser) eachMap(n int32, fn func(int32) bool) bool {
	if p.isNull(n) {
		return true
	}
	if p.nodes[n].kind != nodeSeq || p.count(n) > MaxListItems {
		return false // a list over the limit: decodeYAML keeps the first items and warns
	}
	for c := p.nodes[n].first; c >= 0; c = p.nodes[c].next {
		if p.nodes[c].kind != nodeMap || !fn(c) {
			return false
		}
	}
	return true
}

func (p *fastParser) count(n int32) int {
	k := 0
	for c := p.nodes[n].first; c >= 0; c = p.nodes[c].next {
		k++
	}
	return k
}

func (p *fastParser) images(n int32) ([]Image, bool) {
	var out []Image
	if !p.isNull(n) && p.nodes[n].kind == nodeSeq {
		out = make([]Image, 0, p.count(n))
	}
	ok := p.eachMap(n, func(m int32) bool {
		var im Image
		if !p.record(m, unsafe.Pointer(&im), imageKeys) {
			return false
		}
		out = append(out, im)
		return true
	})
	return out, ok
}

func (p *fastParser) provider(n int32) (Provider, bool) {
	var pr Provider
	if p.isNull(n) {
		return pr, true
	}
	if p.nodes[n].kind != nodeMap {
		return pr, false
	}
	return pr, p.record(n, unsafe.Pointer(&pr), providerKeys)
}

func (p *fastParser) related(n int32) ([]Related, bool) {
	var out []Related
	if !p.isNull(n) && p.nodes[n].kind == nodeSeq {
		out = make([]Related, 0, p.count(n))
	}
	ok := p.eachMap(n, func(m int32) bool {
		var r Related
		// Other keys of related items are dropped, as decodeYAML does.
		if !p.record(m, unsafe.Pointer(&r), relatedKeys) {
			return false
		}
		out = append(out, r)
		return true
	})
	return out, ok
}

// record decodes mapping m into the record at base, by keys; other keys
// are dropped.
func (p *fastParser) record(m int32, base unsafe.Pointer, keys *keyIndex) bool {
	for c := p.nodes[m].first; c >= 0; c = p.nodes[c].next {
		if f := keys.find(p.nodes[c].key); f != nil && !p.set(f, base, c) {
			return false
		}
	}
	return true
}

// set decodes node c into field f of the record at base, as
// nodeDecoder.set does; false when the value is outside the fast path's
// subset.
func (p *fastParser) set(f *fieldSpec, base unsafe.Pointer, c int32) bool {
	ptr := f.at(base)
	switch f.code {
	case cString:
		s, ok := p.str(c)
		setFirst((*string)(ptr), s)
		return ok
	case cOptString:
		s, ok := p.str(c)
		if s != "" && *(**string)(ptr) == nil {
			*(**string)(ptr) = &s
		}
		return ok
	case cTime:
		var t *time.Time
		ok := p.timeField(c, &t)
		setFirstPtr((**time.Time)(ptr), t)
		return ok
	case cNumber:
		v, ok := p.number(c)
		setFirstPtr((**float64)(ptr), v)
		return ok
	case cBool:
		v, ok := p.bool(c)
		setFirstPtr((**bool)(ptr), v)
		return ok
	case cStrings:
		v, ok := p.strings(c)
		setFirstList((*[]string)(ptr), v)
		return ok
	case cProvider:
		v, ok := p.provider(c)
		if (*Provider)(ptr).empty() {
			*(*Provider)(ptr) = v
		}
		return ok
	case cImages:
		v, ok := p.images(c)
		setFirstList((*[]Image)(ptr), v)
		return ok
	case cRelated:
		v, ok := p.related(c)
		setFirstList((*[]Related)(ptr), v)
		return ok
	}
	return false
}

func (p *fastParser) document(m int32, doc *Document, keys *keyIndex) bool {
	base := unsafe.Pointer(doc)
	for c := p.nodes[m].first; c >= 0; c = p.nodes[c].next {
		key := p.nodes[c].key
		if f := keys.find(key); f != nil {
			if !p.set(f, base, c) {
				return false
			}
			continue
		}
		v, ok := p.value(c)
		if !ok {
			return false
		}
		if doc.Extra == nil {
			doc.Extra = map[string]any{}
		}
		doc.Extra[key] = v
	}
	return true
}

// value gives what yaml.v3 decodes a node into when the target is an
// interface{}, for the node shapes whose result is certain.
func (p *fastParser) value(n int32) (any, bool) {
	nd := &p.nodes[n]
	switch nd.kind {
	case nodeSeq:
		out := make([]any, 0, p.count(n))
		for c := nd.first; c >= 0; c = p.nodes[c].next {
			v, ok := p.value(c)
			if !ok {
				return nil, false
			}
			out = append(out, v)
		}
		return out, true
	case nodeMap:
		out := make(map[string]any, p.count(n))
		for c := nd.first; c >= 0; c = p.nodes[c].next {
			if _, special := plainWords[p.nodes[c].key]; special {
				return nil, false // a key YAML reads as null or a boolean
			}
			v, ok := p.value(c)
			if !ok {
				return nil, false
			}
			out[p.nodes[c].key] = v
		}
		return out, true
	}
	if nd.quoted {
		return nd.val, true
	}
	if v, ok := plainWords[nd.val]; ok {
		return v, true
	}
	switch c := nd.val[0]; {
	case c >= '0' && c <= '9', c == '-', c == '+', c == '.':
		s := strings.TrimPrefix(nd.val, "-")
		d := digits(s)
		if d == 0 || d > 18 || d != len(s) || d > 1 && s[0] == '0' {
			return nil, false
		}
		v, err := strconv.ParseInt(nd.val, 10, 64)
		return int(v), err == nil
	}
	return nd.val, true
}

// plainWords are the plain scalars yaml.v3 reads as null or a boolean.
var plainWords = map[string]any{
	"": nil, "~": nil, "null": nil, "Null": nil, "NULL": nil,
	"true": true, "True": true, "TRUE": true,
	"false": false, "False": false, "FALSE": false,
}
