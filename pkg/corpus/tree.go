package corpus

import (
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// File is one file as the loader finished with it, handed to
// Options.Check: what the loader made of it (the Result, its Data the
// bytes read, nil when the file was not read) and the front-matter tree
// its decoder built. Nothing in it may be kept after the call: the bytes
// are reused for the next file.
type File struct {
	Result
	tree *parsedTree
}

// FrontMatter returns the yaml.v3 node tree of the file's front matter
// from the loader's own parse, so that a checker does not parse it again.
// ok is false when the loader did not parse it (not read, no front
// matter, or refused before parsing): the caller parses it itself. err is
// yaml.v3's error for front matter that does not parse (nodes over the
// limit: *yamlnode.NodesError; a parser panic: *yamlnode.PanicError).
//
// The tree is yaml.v3's when the loader decoded the file with it. When
// the fast decoder did, it is built from that decoder's parse, with the
// kinds, tags, styles, values, lines and columns yaml.v3 gives (lines
// counted from the front matter's first, as yaml.v3 counts them; see
// FrontMatterLine), but no comments. Its strings share the file's bytes:
// copy any kept after the call.
func (f *File) FrontMatter() (root *yaml.Node, ok bool, err error) {
	t := f.tree
	switch {
	case t == nil:
		return nil, false, nil
	case t.fast != nil:
		if t.root == nil {
			t.root = t.fast.yamlTree()
		}
		return t.root, true, nil
	case t.parsed:
		return t.root, true, t.err
	}
	return nil, false, nil
}

// parsedTree is what the decoders made of one front matter: the fast
// parser that accepted it (not yet released), or yaml.v3's tree or error.
type parsedTree struct {
	fast   *fastParser
	root   *yaml.Node
	err    error
	parsed bool // yaml.v3 ran: root or err is its outcome
	// stubs asks for a stub document (Options.DocumentStubs).
	stubs bool
}

func (t *parsedTree) release() {
	if t.fast != nil {
		t.fast.release()
	}
	*t = parsedTree{stubs: t.stubs}
}

// check runs Options.Check on a result, with the bytes read (nil when
// none were) and the tree t (nil when there is none).
func (o *Options) check(r *Result, data []byte, t *parsedTree) {
	if o.Check == nil {
		return
	}
	f := File{Result: *r, tree: t}
	f.Data = data
	r.Checked = o.Check(&f)
}

// yamlTree builds, from the parse of an accepted front matter, the tree
// yaml.v3 would build: a document node holding the root mapping. The
// nodes live in a block the parser keeps for the next file (see
// releaseTree): the tree is valid until the parser is released. Scalar
// tags are resolved as yaml.v3 resolves them (see plainTag).
func (p *fastParser) yamlTree() *yaml.Node {
	if len(p.nodes) == 0 {
		return &yaml.Node{} // what yaml.v3 makes of comments alone
	}
	// Each node, each key, and the document node; the block is sized
	// once, so that pointers into it stay valid.
	need := len(p.nodes) + p.keys + 1
	if cap(p.tree) < need {
		p.tree = make([]yaml.Node, 0, need)
	}
	if cap(p.treePtrs) < need {
		p.treePtrs = make([]*yaml.Node, 0, need)
	}
	p.newlines, p.lineHint = p.newlines[:0], 0
	for i := 0; ; {
		j := strings.IndexByte(p.s[i:], '\n')
		if j < 0 {
			break
		}
		p.newlines = append(p.newlines, i+j)
		i += j + 1
	}
	doc := p.treeNode(yaml.DocumentNode)
	root := p.build(0)
	p.treePtrs = append(p.treePtrs, root)
	doc.Content = p.treePtrs[len(p.treePtrs)-1:]
	doc.Line, doc.Column = root.Line, root.Column
	return doc
}

// releaseTree drops the tree's references to the text and keeps its
// block for the next file, unless it grew large.
func (p *fastParser) releaseTree() {
	clear(p.tree)
	clear(p.treePtrs)
	p.tree, p.treePtrs = p.tree[:0], p.treePtrs[:0]
	if cap(p.tree) > 4096 {
		p.tree, p.treePtrs, p.newlines = nil, nil, nil
	}
}

// treeNode adds a node to the block.
func (p *fastParser) treeNode(kind yaml.Kind) *yaml.Node {
	if len(p.tree) == cap(p.tree) {
		return &yaml.Node{Kind: kind} // not met (see yamlTree); appending would move the block
	}
	p.tree = p.tree[:len(p.tree)+1]
	n := &p.tree[len(p.tree)-1]
	n.Kind = kind
	return n
}

// lineOf is sort.SearchInts(p.newlines, off): the index of the first
// newline at or after off. Nodes mostly come in text order, so it looks a
// few lines on from the last answer before it searches.
func (p *fastParser) lineOf(off int) int {
	nl, h := p.newlines, p.lineHint
	i := 0
	if h <= len(nl) && (h == 0 || nl[h-1] < off) { // the answer is h or after
		for end := min(h+8, len(nl)); h < end && nl[h] < off; h++ {
		}
		i = h
		if h < len(nl) && nl[h] < off {
			i = h + sort.SearchInts(nl[h:], off)
		}
	} else {
		i = sort.SearchInts(nl, off)
	}
	p.lineHint = i
	return i
}

// setPos gives n the line and column of offset off, as yaml.v3 counts
// them.
func (p *fastParser) setPos(n *yaml.Node, off int32) {
	line := p.lineOf(int(off)) // the line ends before off
	start := 0
	if line > 0 {
		start = p.newlines[line-1] + 1
	}
	// Everything before a node on its line is ASCII (indentation, "- ",
	// a key and ": "), so bytes count as characters.
	n.Line, n.Column = line+1, int(off)-start+1
}

func (p *fastParser) build(i int32) *yaml.Node {
	nd := &p.nodes[i]
	var n *yaml.Node
	switch nd.kind {
	case nodeMap:
		n = p.treeNode(yaml.MappingNode)
		n.Tag = "!!map"
		first := len(p.treePtrs)
		for c := nd.first; c >= 0; c = p.nodes[c].next {
			k := p.treeNode(yaml.ScalarNode)
			k.Value = p.nodes[c].key
			k.Tag = plainTag(k)
			p.setPos(k, p.nodes[c].keyOff)
			p.treePtrs = append(p.treePtrs, k, nil)
		}
		n.Content = p.treePtrs[first:len(p.treePtrs):len(p.treePtrs)]
		ci := 1
		for c := nd.first; c >= 0; c = p.nodes[c].next {
			n.Content[ci] = p.build(c)
			ci += 2
		}
	case nodeSeq:
		n = p.treeNode(yaml.SequenceNode)
		n.Tag = "!!seq"
		first := len(p.treePtrs)
		for c := nd.first; c >= 0; c = p.nodes[c].next {
			p.treePtrs = append(p.treePtrs, nil)
		}
		n.Content = p.treePtrs[first:len(p.treePtrs):len(p.treePtrs)]
		ci := 0
		for c := nd.first; c >= 0; c = p.nodes[c].next {
			n.Content[ci] = p.build(c)
			ci++
		}
	default:
		n = p.treeNode(yaml.ScalarNode)
		n.Value = nd.val
		switch {
		case nd.quoted && p.s[nd.off] == '"':
			n.Style, n.Tag = yaml.DoubleQuotedStyle, "!!str"
		case nd.quoted:
			n.Style, n.Tag = yaml.SingleQuotedStyle, "!!str"
		default:
			n.Tag = plainTag(n)
		}
	}
	p.setPos(n, nd.off)
	return n
}

// plainTag is the tag yaml.v3 resolves a plain scalar to (what
// n.ShortTag gives), without its cost where the first character settles
// it: yaml.v3 reads a scalar as a string unless it starts with a sign, a
// digit, a dot or one of "yYnNtTfFoO~", and of those starting with a
// letter or "~" only its null and boolean words are not strings.
func plainTag(n *yaml.Node) string {
	s := n.Value
	if s == "" {
		return "!!null"
	}
	switch c := s[0]; {
	case c >= '1' && c <= '9' && len(s) <= 18 && digits(s) == len(s):
		return "!!int" // what ShortTag gives (no timestamp, no overflow), at a fraction of its cost
	case c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9':
		return n.ShortTag()
	case strings.IndexByte("yYnNtTfFoO~", c) < 0:
		return "!!str"
	}
	switch s {
	case "~", "null", "Null", "NULL":
		return "!!null"
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "!!bool"
	}
	return "!!str"
}
