package validate

import (
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/urlnorm"
	"github.com/seedscope/seedscope/pkg/yamlnode"
)

// The per-file checks run on every file of a corpus: these helpers give
// the same answers as the general code for less work on the common case.

// decodeNumber decodes an !!int or !!float scalar into a float64, as
// yamlnode.DecodeScalar does: directly when its text is a plain decimal
// (corpus.PlainNumber), else through yaml.v3.
func decodeNumber(v *yaml.Node) (float64, error) {
	if f, ok := corpus.PlainNumber(v.Value); ok {
		return f, nil
	}
	var f float64
	err := yamlnode.DecodeScalar(v, &f)
	return f, err
}

// urlKeys remembers the comparison keys (urlnorm.Key) of one file's URLs:
// a URL's key is asked for by the AMP host check, the document's own keys
// and the self-link check.
type urlKeys struct {
	raw, key [16]string
	n        int
}

func (m *urlKeys) get(raw string) string {
	for i := range m.n {
		if m.raw[i] == raw {
			return m.key[i]
		}
	}
	k := urlnorm.Key(raw)
	if m.n < len(m.raw) {
		m.raw[m.n], m.key[m.n] = raw, k
		m.n++
	}
	return k
}

// fieldSet is a mapping's fields in order, by key (the first of duplicate
// keys): a few keys are searched, more are indexed, so that a mapping of
// many keys stays linear while the usual record (about 15 keys) costs no
// map.
type fieldSet struct {
	list  []namedField
	index map[string]int // once there are more than fewFields
}

type namedField struct {
	key string
	field
}

// fewFields is the size up to which a fieldSet is searched.
const fewFields = 32

func newFieldSet(n int) *fieldSet { return &fieldSet{list: make([]namedField, 0, min(n, 64))} }

// get returns the field of key, if any.
func (s *fieldSet) get(key string) (field, bool) {
	if s == nil {
		return field{}, false
	}
	if s.index != nil {
		i, ok := s.index[key]
		if !ok {
			return field{}, false
		}
		return s.list[i].field, true
	}
	for i := range s.list {
		if s.list[i].key == key {
			return s.list[i].field, true
		}
	}
	return field{}, false
}

// add adds a field whose key is not in the set yet.
func (s *fieldSet) add(key string, f field) {
	s.list = append(s.list, namedField{key, f})
	switch {
	case s.index != nil:
		s.index[key] = len(s.list) - 1
	case len(s.list) > fewFields:
		s.index = make(map[string]int, 2*len(s.list))
		for i, e := range s.list {
			s.index[e.key] = i
		}
	}
}

// plainHTTPURL reports whether s is an absolute http(s) URL that
// url.Parse takes without error, with a host, for certain: a lowercase
// "http://" or "https://", a host of lowercase letters, digits, dots and
// hyphens, and a path of unreserved characters and slashes. Anything else
// goes through url.Parse.
func plainHTTPURL(s string) bool {
	rest, ok := strings.CutPrefix(s, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(s, "http://"); !ok {
			return false
		}
	}
	i := 0
	for i < len(rest) && (rest[i] >= 'a' && rest[i] <= 'z' || rest[i] >= '0' && rest[i] <= '9' || rest[i] == '.' || rest[i] == '-') {
		i++
	}
	if i == 0 || i < len(rest) && rest[i] != '/' {
		return false
	}
	for ; i < len(rest); i++ {
		c := rest[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_' || c == '~' || c == '/') {
			return false
		}
	}
	return true
}
