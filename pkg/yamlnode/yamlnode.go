// Package yamlnode holds the small yaml.Node helpers the loader and the
// validator share, so both describe YAML the same way in their messages.
package yamlnode

import (
	"strconv"

	"gopkg.in/yaml.v3"
)

// maxAliasChain bounds the walk through aliases of aliases.
const maxAliasChain = 100

// Resolve follows an alias node to the node it stands for. An alias chain
// cannot loop in yaml.v3 (an anchor must precede its alias), but the walk
// is bounded anyway.
func Resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < maxAliasChain; i++ {
		n = n.Alias
	}
	return n
}

// KindName names a node's kind as messages say it: mapping, list, alias,
// document or scalar.
func KindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	case yaml.AliasNode:
		return "alias"
	case yaml.DocumentNode:
		return "document"
	}
	return "scalar"
}

// Describe shows a scalar quoted and anything else by its kind ("a list").
func Describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.ScalarNode:
		return strconv.Quote(n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "a " + KindName(n)
}

// IsNull reports an explicit or implicit YAML null (~, null, empty).
func IsNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}
