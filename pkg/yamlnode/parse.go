package yamlnode

import (
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

// bigFrontMatter is the size past which front matter waits for its turn
// to be parsed: yaml.v3 builds up to about 75 bytes of tree per byte of
// text before the node count can refuse it (70 MB for a 1 MiB list of
// empty mappings), so large ones are parsed one at a time, whatever the
// number of workers. Real front matter is a few KB and never waits.
const bigFrontMatter = 64 << 10

// bigParse is held while a front matter over bigFrontMatter is parsed.
var bigParse = make(chan struct{}, 1)

// Parse parses front matter into a node tree, bounded and fenced: a front
// matter over bigFrontMatter is parsed only while no other is, a tree over
// MaxNodes is refused (*NodesError), and a panic inside yaml.v3 is
// returned as a *PanicError. The loader and the validator both parse
// front matter with it.
func Parse(b []byte) (*yaml.Node, error) {
	if len(b) > bigFrontMatter {
		bigParse <- struct{}{}
		defer func() { <-bigParse }()
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
