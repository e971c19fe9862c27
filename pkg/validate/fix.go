package validate

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"unicode/utf8"

	"github.com/seedscope/seedscope/pkg/atomicfile"
	"github.com/seedscope/seedscope/pkg/corpus"
	"gopkg.in/yaml.v3"
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

// WriteFileAtomic replaces a file's content atomically, keeping its mode
// (see atomicfile.Write). A symlink is followed and its target rewritten,
// so the link stays a link.
func WriteFileAtomic(path string, data []byte) error {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return err
	}
	return atomicfile.Write(target, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}
