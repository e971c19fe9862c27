package yamlnode

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/seedscope/seedscope/pkg/internal/sharedtest"
)

// estimateCases are YAML texts with the exact node count yaml.v3 builds
// for them, and the least EstimateNodes must give (its lower bound is not
// tight for every shape).
var estimateCases = []struct {
	name, yaml string
	atLeast    int
}{
	{"empty", "", 0},
	{"scalars", "a: 1\nb: two\n", 4},
	{"empty values", "a:\nb:\n", 4},
	{"nested", "a:\n  b: 1\n  c:\n    - x\n    - y\n", 8},
	{"compact list of maps", "- name: a\n  url: b\n- name: c\n  url: d\n", 8},
	{"null items", "-\n-\n- \n", 3},
	{"flow", "x: [a, b, {c: d}]\n", 7},
	{"flow of empty maps", "related: [{},{},{}]\n", 5},
	{"quoted with indicators", "t: \"a: b, [c] # d\"\nu: 'it''s: - x'\n", 4},
	{"plain with quote inside", "t: it's \"x\" [no]\n", 2},
	{"multi-line plain", "t: one\n  two\n  - three\n  four\nu: 5\n", 4},
	{"seq continuation", "- a\n  - b\n- c\n", 2},
	{"block scalar", "t: |\n  a: 1\n  - b\n\n  [c]\nu: 2\n", 4},
	{"folded in list", "- k: >\n    x: 1\n  j: 2\n", 4},
	{"anchors and aliases", "a: &x [1, 2]\nb: *x\nc: !!str 3\n", 8},
	{"merge", "x:\n  1: one\n  <<: {[a]: 1}\n", 9},
	{"complex keys", "? [a]\n: 1\n? {b: 2}\n", 6},
	{"comments", "# c\na: 1 # c, [x]\n# - y\n", 2},
	{"document marker", "--- \na: 1\n...\nb: [1, 2, 3]\n", 2},
	{"flow over lines", "x: [a,\n  b, # c, d\n  c]\n", 5},
}

func TestEstimateNodes(t *testing.T) {
	for _, tc := range estimateCases {
		t.Run(tc.name, func(t *testing.T) {
			var root yaml.Node
			if err := yaml.Unmarshal([]byte(tc.yaml), &root); err != nil {
				t.Fatal(err)
			}
			exact, est := Count(&root, 1<<30), EstimateNodes([]byte(tc.yaml))
			if est > exact || est < tc.atLeast {
				t.Errorf("EstimateNodes = %d, want between %d and the exact count %d", est, tc.atLeast, exact)
			}
		})
	}
}

// checkLowerBound fails if EstimateNodes exceeds the exact node count of
// text that yaml.v3 parses.
func checkLowerBound(t *testing.T, name string, b []byte) (exact, est int) {
	t.Helper()
	var root yaml.Node
	if Fenced(func() error { return yaml.Unmarshal(b, &root) }) != nil {
		return 0, 0
	}
	exact, est = Count(&root, 1<<30), EstimateNodes(b)
	if est > exact {
		t.Errorf("%s: EstimateNodes = %d, over the %d nodes yaml.v3 builds\n%q", name, est, exact, b)
	}
	return exact, est
}

// TestEstimateNodesSharedData checks the lower bound on real front matter
// and on every case of the YAML test suite.
func TestEstimateNodesSharedData(t *testing.T) {
	base := sharedtest.Dir(t, "")
	total, estimated := 0, 0
	for _, dir := range []string{"corpora", "yaml-test-suite"} {
		err := filepath.WalkDir(filepath.Join(base, dir), func(p string, de fs.DirEntry, err error) error {
			if err != nil || de.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if dir == "yaml-test-suite" && filepath.Ext(p) != ".yaml" {
				return nil
			}
			if dir == "corpora" {
				s := string(b)
				if !strings.HasPrefix(s, "---\n") {
					return nil
				}
				end := strings.Index(s[4:], "\n---\n")
				if end < 0 {
					return nil
				}
				b = []byte(s[4 : 4+end+1])
			}
			exact, est := checkLowerBound(t, p, b)
			total += exact
			estimated += est
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			t.Fatal(err)
		}
	}
	t.Logf("estimated %d of %d nodes", estimated, total)
}

func FuzzEstimateNodes(f *testing.F) {
	for _, tc := range estimateCases {
		f.Add([]byte(tc.yaml))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		checkLowerBound(t, "fuzz", b)
	})
}

func TestFenced(t *testing.T) {
	err := Fenced(func() error { panic("boom") })
	var pe *PanicError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "the YAML parser failed: boom") {
		t.Errorf("Fenced gave %v, want a *PanicError", err)
	}
	if err := Fenced(func() error { return nil }); err != nil {
		t.Errorf("Fenced gave %v for a call that returns", err)
	}
	var v any
	if err := DecodeScalar(&yaml.Node{Kind: yaml.MappingNode}, &v); err == nil {
		t.Error("DecodeScalar decoded a mapping")
	}
}

// TestParseNodeLimit checks both checks of Parse: the estimate refuses a
// flow list of empty mappings before any tree is built; the count after
// refuses what the estimate undercounts (flow mappings of keys without
// values, counted once per key rather than twice).
func TestParseNodeLimit(t *testing.T) {
	var ne *NodesError
	flow := []byte("x: [" + strings.Repeat("{},", MaxNodes) + "{}]\n")
	if _, err := Parse(flow); !errors.As(err, &ne) || EstimateNodes(flow) <= MaxNodes {
		t.Errorf("a list of %d mappings: %v, estimate %d", MaxNodes+1, err, EstimateNodes(flow))
	}
	keys := []byte("x: {" + strings.Repeat("k, ", MaxNodes*3/4) + "}\n")
	if _, err := Parse(keys); !errors.As(err, &ne) || EstimateNodes(keys) > MaxNodes {
		t.Errorf("a mapping of %d keys without values: %v, estimate %d", MaxNodes*3/4, err, EstimateNodes(keys))
	}
	ok := []byte("x: [" + strings.Repeat("{},", MaxNodes-10) + "{}]\n")
	if _, err := Parse(ok); err != nil {
		t.Errorf("a list under the limit: %v", err)
	}
}
