package yamlnode

import (
	"bytes"
	"fmt"

	"gopkg.in/yaml.v3"
)

// MaxNodes bounds the YAML nodes (keys, values, list items and
// collections) one front matter may hold. yaml.v3 builds about 200 bytes
// of tree per node; real front matter holds a few hundred nodes (2,212 in
// the largest file of the reference corpora).
const MaxNodes = 100_000

// NodesError reports front matter with more than MaxNodes nodes.
type NodesError struct{ Max int }

func (e *NodesError) Error() string {
	return fmt.Sprintf("front matter holds more than %d YAML nodes (keys, values and list items)", e.Max)
}

// PanicError is a panic inside yaml.v3, turned into an error.
type PanicError struct{ Value any }

func (e *PanicError) Error() string { return fmt.Sprintf("the YAML parser failed: %v", e.Value) }

// Parse parses front matter into a node tree, bounded and fenced: input
// whose nodes surely exceed MaxNodes is refused before yaml.v3 builds a
// tree (see EstimateNodes), a tree over MaxNodes is refused after, and a
// panic inside yaml.v3 is returned as a *PanicError. The loader and the
// validator both parse front matter with it.
func Parse(b []byte) (*yaml.Node, error) {
	if EstimateNodes(b) > MaxNodes {
		return nil, &NodesError{Max: MaxNodes}
	}
	root := new(yaml.Node)
	if err := Fenced(func() error { return yaml.Unmarshal(b, root) }); err != nil {
		return nil, err
	}
	if Count(root, MaxNodes) > MaxNodes {
		return nil, &NodesError{Max: MaxNodes}
	}
	return root, nil
}

// Fenced runs fn, a call into yaml.v3, and returns a panic inside it as
// a *PanicError: a malformed file must become a finding, never a crash.
func Fenced(fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &PanicError{Value: r}
		}
	}()
	return fn()
}

// DecodeScalar decodes a scalar node into v, fenced. It refuses other
// nodes: yaml.v3 checks the keys of a mapping for duplicates pairwise, in
// quadratic time, and decoding merge keys can panic.
func DecodeScalar(n *yaml.Node, v any) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("cannot decode a %s as a scalar", KindName(n))
	}
	return Fenced(func() error { return n.Decode(v) })
}

// Count returns the nodes of the tree under n, n excluded (a document
// node is not data), each alias counted once and not followed. The walk
// stops once the count passes limit.
func Count(n *yaml.Node, limit int) int {
	count := 0
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		for _, c := range n.Content {
			if count > limit {
				return
			}
			count++
			walk(c)
		}
	}
	walk(n)
	return count
}

// EstimateNodes returns, in one pass over the text, a lower bound of the
// nodes yaml.v3 builds for YAML text b when it parses (Count of the tree):
// each scalar, alias and flow collection is counted, each empty value
// ("key:" or "-" at the end of a line) once, for the null or the block
// collection that follows; quoted scalars, block scalars, comments and the
// continuation lines of plain scalars count nothing more. Only the first
// document is counted, as yaml.Unmarshal reads only that one.
func EstimateNodes(b []byte) int {
	if len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF) {
		return 0 // UTF-16, which front matter never is (the loader reads UTF-8 or Latin-1)
	}
	e := estimator{b: bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))}
	e.run()
	return e.count
}

type estimator struct {
	b     []byte
	i     int
	count int
	flow  int // flow collection depth
	// pending is set when an indicator ended its line with no value after
	// it ("key:" or "-"): its node is a null, a block collection (counted
	// once when the next line shows which), or a scalar on the next line
	// (counted as that scalar). pendingCol is the column of the collection
	// the value belongs to.
	pending    bool
	pendingCol int
	root       bool // no node of the document seen yet
	done       bool // the document's root node is complete
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\r' }

// blankAt reports whether b[i] is a blank or a line end, or past the end.
func (e *estimator) blankAt(i int) bool {
	return i >= len(e.b) || isBlank(e.b[i]) || e.b[i] == '\n'
}

func isFlowIndicator(c byte) bool {
	return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'
}

// indicatorEnd reports whether the ':', '?' or '-' at i is an indicator:
// followed by a blank, a line end or, in flow context, a flow indicator.
func (e *estimator) indicatorEnd(i int) bool {
	return e.blankAt(i+1) || e.flow > 0 && isFlowIndicator(e.b[i+1])
}

func (e *estimator) skipLine() {
	for e.i < len(e.b) && e.b[e.i] != '\n' {
		e.i++
	}
}

func (e *estimator) run() {
	e.root = true
	// cont says the previous line ended inside a block plain scalar, which
	// continues on the lines indented more than contCol.
	cont, contCol := false, 0
	started := false // a document start marker seen
	// rootIndent is the indentation of the document's block collection,
	// once known: a line indented less ends the document.
	rootIndent := -1
	defer func() {
		if e.pending {
			e.count++
		}
	}()
	for e.i < len(e.b) && !e.done {
		// At a line start.
		start := e.i
		for e.i < len(e.b) && isBlank(e.b[e.i]) {
			e.i++
		}
		if e.i >= len(e.b) {
			return
		}
		indent := e.i - start
		c := e.b[e.i]
		switch {
		case c == '\n':
			e.i++
			continue
		case c == '#':
			// A comment line: it ends a plain scalar at the root, which
			// is then the whole document; elsewhere, counting the lines
			// after it as the scalar's continuation keeps the bound low.
			e.skipLine()
			e.done = cont && contCol < 0
			continue
		case indent == 0 && hasMarker(e.b[e.i:], "---") && e.root && !started:
			e.i += 3 // the start of the first document
			started = true
			continue
		case indent == 0 && (hasMarker(e.b[e.i:], "---") || hasMarker(e.b[e.i:], "...")):
			return // the end of the first document: yaml.Unmarshal reads only that one
		case indent == 0 && c == '%' && e.root:
			e.skipLine() // a directive
			continue
		case rootIndent >= 0 && indent < rootIndent:
			return // yaml.Unmarshal reads no further
		case cont && indent > contCol:
			// The continuation of a multi-line plain scalar (or an error).
			if e.plainRest() {
				cont = false // a comment ends the scalar
				e.done = e.done || contCol < 0
			}
			continue
		}
		first := e.root
		cont, contCol = e.blockLine(start)
		if first && !e.root && !e.done && !(cont && contCol < 0) {
			rootIndent = indent
		}
	}
}

func hasMarker(b []byte, m string) bool {
	return len(b) >= 3 && string(b[:3]) == m && (len(b) == 3 || isBlank(b[3]) || b[3] == '\n')
}

// plainRest skips the rest of a plain scalar's line, and reports whether
// a comment ended it.
func (e *estimator) plainRest() bool {
	for e.i < len(e.b) && e.b[e.i] != '\n' {
		if e.b[e.i] == '#' && e.i > 0 && isBlank(e.b[e.i-1]) {
			e.skipLine()
			return true
		}
		e.i++
	}
	return false
}

// blockLine counts the nodes of one line in block context, from its first
// content byte; lineStart is the offset of the line. When the line ends
// inside a plain scalar, which may continue on the lines indented more
// than its parent collection, it returns true and the parent's column.
func (e *estimator) blockLine(lineStart int) (bool, int) {
	parentCol := e.i - lineStart
	pending := e.pending
	e.pending = false
	// settle resolves a value left pending by the line before, once the
	// first node of this line shows what it is: a scalar of its own
	// (counted by itself) or the start of a block collection.
	settle := func(scalar bool) {
		if !pending {
			return
		}
		pending = false
		if scalar {
			parentCol = e.pendingCol
		} else {
			e.count++
		}
	}
	// rootScalar settles the document's first node: a scalar or flow
	// collection that is not a key is the whole document.
	rootScalar := func(key bool) bool {
		wasRoot := e.root
		e.root = false
		if wasRoot && !key {
			parentCol = -1
			return true
		}
		return false
	}
	defer func() {
		if pending {
			e.pending = true // only properties or comments on this line
		}
	}()
	for e.i < len(e.b) {
		c := e.b[e.i]
		col := e.i - lineStart
		switch {
		case c == '\n':
			e.i++
			return false, 0
		case isBlank(c):
			e.i++
		case c == '#':
			e.skipLine()
		case (c == '-' || c == '?' || c == ':') && e.indicatorEnd(e.i):
			settle(false)
			e.root = false
			if c != ':' {
				parentCol = col
			}
			e.i++
			e.emptyValue(parentCol)
		case c == '"' || c == '\'' || c == '*':
			e.count++
			if c == '*' {
				e.property()
			} else {
				e.quoted(c)
			}
			key := e.afterScalar(col)
			settle(!key)
			if rootScalar(key) {
				e.done = true
				return false, 0
			}
			if key {
				parentCol = col
			}
		case c == '[' || c == '{':
			e.count++
			e.flow++
			e.i++
			e.flowLine()
			if e.flow > 0 {
				return false, 0 // the text ended inside
			}
			key := e.afterScalar(col)
			settle(!key)
			if rootScalar(key) {
				e.done = true
				return false, 0
			}
		case c == '|' || c == '>':
			e.count++
			settle(true)
			rootScalar(false)
			e.blockScalar(parentCol)
			if parentCol < 0 {
				e.done = true
			}
			return false, 0
		case c == '&' || c == '!':
			e.property()
		default:
			e.count++
			key := e.plainBlock()
			settle(!key)
			root := rootScalar(key)
			if !key {
				if e.i < len(e.b) && e.b[e.i] == '#' {
					e.skipLine()
					e.done = e.done || root
					return false, 0 // a comment ended the scalar
				}
				return true, parentCol
			}
			parentCol = col // a key: its value belongs to its mapping
			e.i++           // the ':' before the value
			e.emptyValue(col)
		}
	}
	return false, 0
}

// emptyValue notes a value left pending when an indicator (the "-" of a
// list item, the ":" of a value, the "?" of a key) has nothing after it
// on its line; col is the column of the collection the value belongs to.
func (e *estimator) emptyValue(col int) {
	j := e.i
	for j < len(e.b) && isBlank(e.b[j]) {
		j++
	}
	if j >= len(e.b) || e.b[j] == '\n' || e.b[j] == '#' {
		e.pending, e.pendingCol = true, col
	}
}

// afterScalar skips what may follow a quoted scalar, an alias or a flow
// collection on its line and reports whether a ":" makes it a key (whose
// value is then noted, as emptyValue does); col is the key's column.
func (e *estimator) afterScalar(col int) (key bool) {
	for e.i < len(e.b) && isBlank(e.b[e.i]) {
		e.i++
	}
	if e.i < len(e.b) && e.b[e.i] == ':' && e.indicatorEnd(e.i) {
		e.i++
		e.emptyValue(col)
		return true
	}
	return false
}

// plainBlock skips a plain scalar in block context up to its line's end
// or a comment (false, e.i at the '\n' or '#') or to the ":" that makes
// it a key (true, e.i at the ':').
func (e *estimator) plainBlock() bool {
	for e.i < len(e.b) && e.b[e.i] != '\n' {
		c := e.b[e.i]
		switch {
		case c == ':' && e.indicatorEnd(e.i):
			return true
		case c == '#' && isBlank(e.b[e.i-1]):
			return false
		}
		e.i++
	}
	return false
}

// property skips an anchor, a tag or an alias name.
func (e *estimator) property() {
	for e.i < len(e.b) && !isBlank(e.b[e.i]) && e.b[e.i] != '\n' && (e.flow == 0 || !isFlowIndicator(e.b[e.i])) {
		e.i++
	}
}

// quoted skips a quoted scalar, which may span lines.
func (e *estimator) quoted(q byte) {
	e.i++
	for e.i < len(e.b) {
		c := e.b[e.i]
		switch {
		case q == '"' && c == '\\':
			e.i += 2
			continue
		case c == q && q == '\'' && e.i+1 < len(e.b) && e.b[e.i+1] == '\'':
			e.i += 2
			continue
		case c == q:
			e.i++
			return
		}
		e.i++
	}
}

// blockScalar skips a literal or folded scalar: its header line, then the
// blank lines and the lines indented more than its parent collection's
// column, up to a document marker.
func (e *estimator) blockScalar(parentCol int) {
	e.skipLine()
	for e.i < len(e.b) {
		j := e.i + 1 // past the '\n'
		k := j
		for k < len(e.b) && isBlank(e.b[k]) {
			k++
		}
		if k < len(e.b) && e.b[k] != '\n' && (k-j <= parentCol || k == j && (hasMarker(e.b[k:], "---") || hasMarker(e.b[k:], "..."))) {
			e.i = j // a line of the enclosing structure
			return
		}
		e.i = k
		e.skipLine()
	}
}

// flowLine counts the nodes inside flow collections until they close or
// the text ends; plain scalars in flow may span lines.
func (e *estimator) flowLine() {
	atStart := true // where a new node may begin
	for e.i < len(e.b) && e.flow > 0 {
		c := e.b[e.i]
		switch {
		case c == '\n' || isBlank(c):
			e.i++
			continue
		case c == '#' && (atStart || isBlank(e.b[e.i-1]) || e.b[e.i-1] == '\n'):
			e.skipLine()
			continue
		case c == '[' || c == '{':
			e.count++
			e.flow++
			atStart = true
		case c == ']' || c == '}':
			e.flow--
			atStart = false
		case c == ',':
			atStart = true
		case (c == '?' || c == ':') && e.indicatorEnd(e.i):
			atStart = true
		case atStart && (c == '"' || c == '\''):
			e.count++
			e.quoted(c)
			atStart = false
			continue
		case atStart && (c == '&' || c == '!'):
			e.property()
			continue
		case atStart && c == '*':
			e.count++
			e.property()
			atStart = false
			continue
		default:
			if atStart {
				e.count++
				atStart = false
			}
		}
		e.i++
	}
}
