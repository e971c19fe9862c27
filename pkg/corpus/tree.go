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
}

func (t *parsedTree) release() {
	if t.fast != nil {
		t.fast.release()
	}
	*t = parsedTree{}
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
// yaml.v3 would build: a document node holding the root mapping. Nodes
// are allocated in one block; scalar tags are resolved as yaml.v3
// resolves them (see yaml.Node.ShortTag).
func (p *fastParser) yamlTree() *yaml.Node {
	if len(p.nodes) == 0 {
		return &yaml.Node{} // what yaml.v3 makes of comments alone
	}
	// Each node, its key if it has one, and the document node.
	// Every key belongs to a node: twice the nodes is room for all, and
	// the block never moves.
	block := make([]yaml.Node, 0, 2*len(p.nodes)+1)
	ptrs := make([]*yaml.Node, 0, 2*len(p.nodes)+1)
	var newlines []int // offsets of the line ends, for positions
	for i := 0; ; {
		j := strings.IndexByte(p.s[i:], '\n')
		if j < 0 {
			break
		}
		newlines = append(newlines, i+j)
		i += j + 1
	}
	pos := func(n *yaml.Node, off int32) {
		line := sort.SearchInts(newlines, int(off)) // the line ends before off
		start := 0
		if line > 0 {
			start = newlines[line-1] + 1
		}
		// Everything before a node on its line is ASCII (indentation,
		// "- ", a key and ": "), so bytes count as characters.
		n.Line, n.Column = line+1, int(off)-start+1
	}
	add := func(n yaml.Node) *yaml.Node {
		if len(block) == cap(block) {
			return &n // not met (see above); appending would move the block
		}
		block = append(block, n)
		return &block[len(block)-1]
	}
	var build func(i int32) *yaml.Node
	build = func(i int32) *yaml.Node {
		nd := &p.nodes[i]
		var n *yaml.Node
		switch nd.kind {
		case nodeMap:
			n = add(yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"})
			first := len(ptrs)
			for c := nd.first; c >= 0; c = p.nodes[c].next {
				k := add(yaml.Node{Kind: yaml.ScalarNode, Value: p.nodes[c].key})
				k.Tag = k.ShortTag()
				pos(k, p.nodes[c].keyOff)
				ptrs = append(ptrs, k, nil)
			}
			n.Content = ptrs[first:len(ptrs):len(ptrs)]
			ci := 1
			for c := nd.first; c >= 0; c = p.nodes[c].next {
				n.Content[ci] = build(c)
				ci += 2
			}
		case nodeSeq:
			n = add(yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"})
			first := len(ptrs)
			for c := nd.first; c >= 0; c = p.nodes[c].next {
				ptrs = append(ptrs, nil)
			}
			n.Content = ptrs[first:len(ptrs):len(ptrs)]
			ci := 0
			for c := nd.first; c >= 0; c = p.nodes[c].next {
				n.Content[ci] = build(c)
				ci++
			}
		default:
			n = add(yaml.Node{Kind: yaml.ScalarNode, Value: nd.val})
			switch {
			case nd.quoted && p.s[nd.off] == '"':
				n.Style, n.Tag = yaml.DoubleQuotedStyle, "!!str"
			case nd.quoted:
				n.Style, n.Tag = yaml.SingleQuotedStyle, "!!str"
			default:
				n.Tag = n.ShortTag()
			}
		}
		pos(n, nd.off)
		return n
	}
	doc := add(yaml.Node{Kind: yaml.DocumentNode})
	root := build(0)
	ptrs = append(ptrs, root)
	doc.Content = ptrs[len(ptrs)-1:]
	doc.Line, doc.Column = root.Line, root.Column
	return doc
}
