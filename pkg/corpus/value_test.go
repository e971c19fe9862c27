package corpus

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/seedscope/seedscope/internal/sharedtest"
	"github.com/seedscope/seedscope/pkg/yamlnode"
)

// valueCases are extra-field values on the edges of yaml.v3's decoding.
var valueCases = []string{
	"x: plain\n",
	"x: [1, 1.5, 0x1F, 0o17, 1_000, .inf, -.nan, true, yes, ~, '', \"1\", 2020-01-02, 2001-12-14t21:59:43.10-05:00]\n",
	"x: {1: a, 1.0: b, true: c, ~: d, '1x': e}\n",
	"x: {a: {b: [c, {d: e}]}}\n",
	"x: !!binary aGVsbG8=\n",
	"x: !!str 12\n",
	"x: !custom {a: 1}\n",
	"x: !!null ''\n",
	"x: |\n  literal\n",
	"a: &a {k: v}\nx: *a\n",
	"a: &a [1, 2]\nx: {l: *a, m: *a}\n",
	// Merge keys.
	"x: {a: 1, <<: {a: 2, b: 3}}\n",
	"x: {<<: [{a: 1}, {a: 2, b: 2}], c: 3}\n",
	"b: &b {k: 1, j: 2}\nx: {<<: *b, j: 3}\n",
	"b: &b {k: 1}\nx: {<<: [*b, {k: 2, m: 3}]}\n",
	"x: {1: one, <<: {2: two, 1: uno}}\n",
	"x: {a: 1, <<: {2: two, ~: null}}\n",
	"x: {<<: {<<: {a: 1}, b: 2}, c: 3}\n",
	"x: {<<: {a: {<<: {b: 1}}}}\n",
	"x: {'<<': {a: 1}}\n",
	"x: {!!merge <<: {a: 1}}\n",
	// Errors: each must be refused, as yaml.v3 refuses it.
	"x: {a: 1, a: 2}\n",
	"x: {[a]: 1}\n",
	"x: {{a: 1}: 2}\n",
	"x: {[a]: 1, [b]: 2}\n",
	"x: {<<: 1}\n",
	"x: {<<: [1]}\n",
	"s: &s scalar\nx: {<<: *s}\n",
	"x: {<<: {a: 1, a: 2}}\n",
	"x: !!int abc\n",
	"x: !!binary '!!'\n",
	"x: {a: {b: 1, b: 2}}\n",
	"x: {a: 1, <<: {b: {c: 1, c: 2}}}\n",
	"x: {a: 1, <<: {[b]: 1}}\n",
	"x: {1: one, <<: {[a]: 1}}\n", // go-yaml #1050: yaml.v3 panics
	"x: {1: one, <<: [{b: 2}, {{c: 3}: 4}]}\n",
}

// decodeRef is the value yaml.v3's Node.Decode gives, made JSON-safe, or
// its error (or panic) as ok=false.
func decodeRef(n *yaml.Node) (v any, ok bool) {
	err := yamlnode.Fenced(func() error { return n.Decode(&v) })
	if err != nil {
		return nil, false
	}
	return jsonSafe(v), true
}

// checkValues compares nodeValue with Node.Decode for every top-level
// value of fm that yaml.v3 parses: the same value where Decode succeeds,
// an error where it fails (panics included).
func checkValues(t *testing.T, name string, fm []byte) {
	t.Helper()
	var root yaml.Node
	if yamlnode.Fenced(func() error { return yaml.Unmarshal(fm, &root) }) != nil || len(root.Content) == 0 {
		return
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode || yamlnode.Count(&root, MaxAliasExpansion) > MaxAliasExpansion/10 {
		return
	}
	d := &nodeDecoder{path: "f.md", aliasBudget: MaxAliasExpansion}
	for i := 0; i+1 < len(m.Content); i += 2 {
		v := m.Content[i+1]
		if !d.charge(v) {
			return // an alias bomb: neither decoder sees it
		}
		want, wantOK := decodeRef(v)
		got, err := nodeValue(v)
		switch {
		case !wantOK && err == nil:
			t.Errorf("%s: value %d: yaml.v3 fails, nodeValue gives %#v\n%q", name, i/2, got, fm)
		case wantOK && err != nil:
			t.Errorf("%s: value %d: yaml.v3 gives %#v, nodeValue fails: %v\n%q", name, i/2, want, err, fm)
		case wantOK && fmt.Sprintf("%#v", jsonSafe(got)) != fmt.Sprintf("%#v", want):
			t.Errorf("%s: value %d:\nnodeValue %#v\n  yaml.v3 %#v\n%q", name, i/2, jsonSafe(got), want, fm)
		}
	}
}

func TestNodeValueMatchesDecode(t *testing.T) {
	for _, c := range valueCases {
		checkValues(t, c, []byte(c))
	}
}

// TestNodeValueYAMLTestSuite compares the two on every case of the YAML
// test suite whose root is a mapping.
func TestNodeValueYAMLTestSuite(t *testing.T) {
	dir := sharedtest.Dir(t, "yaml-test-suite")
	err := filepath.WalkDir(dir, func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() || !strings.HasSuffix(p, ".yaml") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		checkValues(t, p, b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func FuzzNodeValue(f *testing.F) {
	for _, c := range valueCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, fm []byte) {
		checkValues(t, "fuzz", fm)
	})
}
