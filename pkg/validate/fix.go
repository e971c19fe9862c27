package validate

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/seedscope/seedscope/pkg/corpus"
)

// Fix repairs the broken HTML entities in a file: the blanks inside are
// removed, so "& # 39;" becomes "&#39;" again. That is the exact inverse
// of the damage (blanks inserted by a text pipeline), changes no other
// byte, and puts no quote character into the file, so it cannot change
// how YAML quoting reads. Decoding the entity to "'" instead would mix a
// content change into a repair and could break quoted YAML scalars.
//
// Fix returns the repaired bytes and the number of repairs. It refuses,
// with an error and no change, a file that is not valid UTF-8, is binary,
// whose front matter does not parse, or whose front matter would read
// differently after the repair in any other way than the repaired text
// (for example an entity in a plain YAML scalar, where " #" starts a
// comment: the repair would turn comment text into content).
func Fix(data []byte) ([]byte, int, error) {
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, 0, errors.New("binary file")
	}
	if !utf8.Valid(data) {
		return nil, 0, errors.New("not valid UTF-8")
	}
	matches := FindBrokenEntities(data)
	if len(matches) == 0 {
		return data, 0, nil
	}
	before, err := parseForFix(data)
	if err != nil {
		return nil, 0, err
	}
	fixed := repairEntities(data, matches)
	after, err := parseForFix(fixed)
	if err != nil {
		return nil, 0, fmt.Errorf("the repaired file would not parse: %w", err)
	}
	if (before == nil) != (after == nil) || (before != nil && !sameTree(before, after)) {
		return nil, 0, errors.New("an entity sits where YAML reads it as syntax (in a plain scalar \" #\" starts a comment); fix it by hand")
	}
	if before != nil {
		if k := newDuplicateKey(before, after); k != nil {
			return nil, 0, fmt.Errorf("the repair would make key %q on line %d a duplicate of an earlier key; fix it by hand", k.Value, k.Line+fmLine-1)
		}
	}
	return fixed, len(matches), nil
}

// parseForFix returns the front matter tree, or nil for a plain-text file.
func parseForFix(data []byte) (*yaml.Node, error) {
	split, err := corpus.SplitFrontMatter(data)
	if err != nil {
		return nil, err
	}
	if !split.HasFrontMatter {
		return nil, nil
	}
	var root yaml.Node
	if err := safeUnmarshal(split.FrontMatter, &root); err != nil {
		return nil, fmt.Errorf("front matter does not parse: %w", err)
	}
	return &root, nil
}

func repairEntities(data []byte, ms []EntityMatch) []byte {
	out := make([]byte, 0, len(data))
	last := 0
	for _, m := range ms {
		out = append(out, data[last:m.Start]...)
		out = append(out, m.Repair...)
		last = m.End
	}
	return append(out, data[last:]...)
}

// newDuplicateKey returns a key of the repaired tree b that equals an
// earlier key of its mapping although the two differed in a (the loader
// would drop its value), or nil. a and b have the same shape (sameTree).
func newDuplicateKey(a, b *yaml.Node) *yaml.Node {
	if b.Kind == yaml.MappingNode {
		first := make(map[string]int, len(b.Content)/2)
		for i := 0; i+1 < len(b.Content); i += 2 {
			k := b.Content[i]
			if k.Kind != yaml.ScalarNode {
				continue
			}
			j, dup := first[k.Value]
			if !dup {
				first[k.Value] = i
				continue
			}
			if a.Content[i].Value != a.Content[j].Value {
				return k
			}
		}
	}
	for i := range b.Content {
		if k := newDuplicateKey(a.Content[i], b.Content[i]); k != nil {
			return k
		}
	}
	return nil
}

// sameTree reports whether b is a with every scalar's broken entities
// repaired and nothing else changed.
func sameTree(a, b *yaml.Node) bool {
	if a.Kind != b.Kind || a.Tag != b.Tag || a.Style != b.Style || a.Anchor != b.Anchor ||
		len(a.Content) != len(b.Content) {
		return false
	}
	if a.Kind == yaml.ScalarNode || a.Kind == yaml.AliasNode {
		want := a.Value
		if ms := FindBrokenEntities([]byte(a.Value)); len(ms) > 0 {
			want = string(repairEntities([]byte(a.Value), ms))
		}
		if b.Value != want {
			return false
		}
	}
	for i := range a.Content {
		if !sameTree(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}
