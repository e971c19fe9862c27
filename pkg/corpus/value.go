package corpus

import (
	"fmt"
	"reflect"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/seedscope/seedscope/pkg/yamlnode"
)

// The values of extra fields are converted from the node tree here rather
// than by yaml.v3's Node.Decode, which compares every key of a mapping
// with every other (quadratic: 80,000 keys took 37 s) and panics on a
// merge key whose mapping has a list or mapping for a key (go-yaml #1050).
// The conversion gives the values Node.Decode gives into an interface{}:
// map[string]any when every key is a string, map[any]any otherwise,
// []any, and the scalars yaml.v3 resolves (each decoded by yaml.v3
// itself); merge keys (<<) follow yaml.v3's rules. It differs only where
// yaml.v3 fails or misleads: an unhashable merged key is an error rather
// than a panic, no "excessive aliasing" ratio is applied (aliases are
// bounded by MaxAliasExpansion, charged before), and a timestamp whose
// offset is outside ±23:59, which JSON cannot hold, is kept as its text.

// valueError is why an extra field cannot be converted.
type valueError struct {
	n   *yaml.Node
	msg string
}

func (e *valueError) Error() string { return e.msg }

func failAt(n *yaml.Node, format string, args ...any) *valueError {
	return &valueError{n, fmt.Sprintf(format, args...)}
}

type converter struct {
	// merged holds the keys already set in the mapping that merge keys
	// are filling, nil outside a merge.
	merged map[any]bool
	// active holds the aliases being followed, to refuse a loop.
	active map[*yaml.Node]bool
}

// nodeValue converts a value node of the front matter into what yaml.v3
// decodes it into when the target is an interface{}.
func nodeValue(n *yaml.Node) (v any, err error) {
	c := &converter{}
	return c.value(n)
}

func (c *converter) alias(n *yaml.Node, fn func(*yaml.Node) error) error {
	if c.active[n] {
		return failAt(n, "anchor '%s' value contains itself", n.Value)
	}
	if c.active == nil {
		c.active = map[*yaml.Node]bool{}
	}
	c.active[n] = true
	defer delete(c.active, n)
	if n.Alias == nil {
		return failAt(n, "unknown anchor '%s' referenced", n.Value)
	}
	return fn(n.Alias)
}

func (c *converter) value(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.AliasNode:
		var v any
		err := c.alias(n, func(a *yaml.Node) (err error) {
			v, err = c.value(a)
			return err
		})
		return v, err
	case yaml.ScalarNode:
		return scalarValue(n)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, item := range n.Content {
			v, err := c.value(item)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		if isStringMap(n) {
			m := map[string]any{}
			return m, c.fill(n, stringMap(m))
		}
		m := map[any]any{}
		return m, c.fill(n, anyMap(m))
	case yaml.DocumentNode:
		if len(n.Content) == 1 {
			return c.value(n.Content[0])
		}
		return nil, nil
	}
	return nil, failAt(n, "cannot decode node with unknown kind %d", n.Kind)
}

// scalarValue resolves a scalar as yaml.v3 does; strings and nulls, most
// scalars, without calling it.
func scalarValue(n *yaml.Node) (any, error) {
	switch {
	case n.Tag == "!!str":
		return n.Value, nil
	case n.Tag == "!!null" && n.Style == 0: // a plain null, untagged
		return nil, nil
	}
	var v any
	if err := yamlnode.DecodeScalar(n, &v); err != nil {
		return nil, failAt(n, "%s", trimYAMLPrefix(err))
	}
	if t, ok := v.(time.Time); ok && !offsetInRange(t, n.Value) {
		return n.Value, nil // JSON cannot hold it; the text can
	}
	return v, nil
}

// mapTarget is the map a mapping fills: map[string]any or map[any]any.
type mapTarget interface {
	// key converts a key node into a key of the map; ok is false for a
	// key yaml.v3 skips (a null key of a string map).
	key(c *converter, k *yaml.Node) (key any, ok bool, err error)
	set(k, v any)
}

type stringMap map[string]any

func (m stringMap) key(c *converter, k *yaml.Node) (any, bool, error) {
	switch k.Kind {
	case yaml.AliasNode:
		var key any
		var ok bool
		err := c.alias(k, func(a *yaml.Node) (err error) {
			key, ok, err = m.key(c, a)
			return err
		})
		return key, ok, err
	case yaml.ScalarNode:
		if k.Tag == "!!str" {
			return k.Value, true, nil
		}
		if k.ShortTag() == "!!null" {
			return nil, false, nil
		}
		var s string
		if err := yamlnode.DecodeScalar(k, &s); err != nil {
			return nil, false, failAt(k, "%s", trimYAMLPrefix(err))
		}
		return s, true, nil
	}
	return nil, false, failAt(k, "line %d: cannot unmarshal %s into string", k.Line, k.ShortTag())
}

func (m stringMap) set(k, v any) { m[k.(string)] = v }

type anyMap map[any]any

func (m anyMap) key(c *converter, k *yaml.Node) (any, bool, error) {
	key, err := c.value(k)
	if err != nil {
		return nil, false, err
	}
	if !hashable(key) {
		return nil, false, failAt(k, "invalid map key: %#v", key)
	}
	return key, true, nil
}

func (m anyMap) set(k, v any) { m[k] = v }

func hashable(v any) bool {
	return v == nil || reflect.TypeOf(v).Comparable()
}

// isStringMap is yaml.v3's test for decoding a mapping into
// map[string]any: every key is a string or a merge key.
func isStringMap(n *yaml.Node) bool {
	for i := 0; i < len(n.Content); i += 2 {
		if t := n.Content[i].ShortTag(); t != "!!str" && t != "!!merge" {
			return false
		}
	}
	return true
}

// isMerge is yaml.v3's test for a merge key.
func isMerge(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Value == "<<" && (n.Tag == "" || n.Tag == "!" || n.Tag == "!!merge")
}

// fill sets the pairs of mapping n into m, as yaml.v3's decoder does:
// duplicate keys are an error; keys already set by the mapping a merge is
// filling are skipped, values unseen; the merge key's value is merged
// last, so the mapping's own keys win.
func (c *converter) fill(n *yaml.Node, m mapTarget) error {
	if err := duplicateKeys(n); err != nil {
		return err
	}
	merged := c.merged
	c.merged = nil
	defer func() { c.merged = merged }()
	var mergeNode *yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		kn, vn := n.Content[i], n.Content[i+1]
		if isMerge(kn) {
			mergeNode = vn
			continue
		}
		k, ok, err := m.key(c, kn)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if merged != nil {
			if merged[k] {
				continue
			}
			merged[k] = true
		}
		v, err := c.value(vn)
		if err != nil {
			return err
		}
		m.set(k, v)
	}
	c.merged = merged
	if mergeNode != nil {
		return c.merge(n, mergeNode, m)
	}
	return nil
}

// merge fills m from the value of parent's merge key: a mapping, an alias
// to one, or a list of them (earlier ones win).
func (c *converter) merge(parent, mn *yaml.Node, m mapTarget) error {
	if c.merged == nil {
		c.merged = map[any]bool{}
		defer func() { c.merged = nil }()
		for i := 0; i+1 < len(parent.Content); i += 2 {
			k, err := c.value(parent.Content[i])
			if err != nil {
				return err
			}
			if !hashable(k) {
				return failAt(parent.Content[i], "invalid map key: %#v", k)
			}
			c.merged[k] = true
		}
	}
	wantMap := func(n *yaml.Node) error {
		return failAt(n, "map merge requires map or sequence of maps as the value")
	}
	one := func(n *yaml.Node) error {
		if n.Kind == yaml.AliasNode {
			if n.Alias == nil || n.Alias.Kind != yaml.MappingNode {
				return wantMap(n)
			}
			return c.alias(n, func(a *yaml.Node) error { return c.fill(a, m) })
		}
		if n.Kind != yaml.MappingNode {
			return wantMap(n)
		}
		return c.fill(n, m)
	}
	if mn.Kind == yaml.SequenceNode {
		for _, item := range mn.Content {
			if err := one(item); err != nil {
				return err
			}
		}
		return nil
	}
	return one(mn)
}

// duplicateKeys refuses a mapping with two keys of the same kind and text,
// yaml.v3's rule, in linear time.
func duplicateKeys(n *yaml.Node) error {
	type key struct {
		kind  yaml.Kind
		value string
	}
	l := len(n.Content) / 2
	if l < 2 {
		return nil
	}
	if l <= 8 {
		for i := 0; i+1 < len(n.Content); i += 2 {
			for j := i + 2; j+1 < len(n.Content); j += 2 {
				if a, b := n.Content[i], n.Content[j]; a.Kind == b.Kind && a.Value == b.Value {
					return dupError(a, b)
				}
			}
		}
		return nil
	}
	seen := make(map[key]*yaml.Node, l)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if first, dup := seen[key{k.Kind, k.Value}]; dup {
			return dupError(first, k)
		}
		seen[key{k.Kind, k.Value}] = k
	}
	return nil
}

func dupError(first, again *yaml.Node) error {
	return failAt(again, "duplicate mapping key %q at %d:%d (first at %d:%d)", again.Value,
		again.Line+FrontMatterLine-1, again.Column, first.Line+FrontMatterLine-1, first.Column)
}

// trimYAMLPrefix gives a yaml.v3 error's text on one line, without its
// "yaml: " prefix.
func trimYAMLPrefix(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	return strings.ReplaceAll(strings.TrimPrefix(msg, "unmarshal errors:\n  "), "\n  ", "; ")
}
