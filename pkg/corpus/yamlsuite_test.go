package corpus

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/seedscope/seedscope/internal/sharedtest"
)

// TestYAMLTestSuite wraps every in.yaml of the official YAML test suite
// (valid and invalid cases alike) as front matter: each must give a
// document or a clean *Diagnostic error, under both parsers, never a panic
// or a hang.
func TestYAMLTestSuite(t *testing.T) {
	dir := sharedtest.Dir(t, "yaml-test-suite")
	var cases []string
	err := filepath.WalkDir(dir, func(p string, de fs.DirEntry, err error) error {
		if err == nil && de.Type().IsRegular() && de.Name() == "in.yaml" {
			cases = append(cases, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 300 {
		t.Fatalf("only %d cases under %s", len(cases), dir)
	}
	counts := map[string]int{}
	for _, p := range cases {
		in, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		_, statErr := os.Stat(filepath.Join(filepath.Dir(p), "error"))
		invalid := statErr == nil
		rel, _ := filepath.Rel(dir, filepath.Dir(p))
		data := append(append([]byte("---\n"), in...), "\n---\n"...)
		outcome := map[ParserName]string{}
		for _, parser := range Parsers {
			var doc *Document
			var perr error
			withDeadline(t, rel, func() {
				doc, _, perr = parseChecked(t, rel+"/in.yaml", rel, data, parser)
			})
			if (doc == nil) == (perr == nil) {
				t.Errorf("%s (%s): doc %v, error %v: want exactly one", rel, parser, doc != nil, perr)
				continue
			}
			if perr != nil {
				var d *Diagnostic
				if !errors.As(perr, &d) || d.Msg == "" {
					t.Errorf("%s (%s): error %#v is not a *Diagnostic", rel, parser, perr)
				}
				outcome[parser] = perr.Error()
				counts[string(parser)+" error"]++
				if !invalid {
					counts[string(parser)+" error on a valid case"]++
				}
				continue
			}
			j, err := json.Marshal(doc)
			if err != nil {
				t.Errorf("%s (%s): document does not print as JSON: %v", rel, parser, err)
			}
			outcome[parser] = string(j)
			counts[string(parser)+" document"]++
			if invalid {
				counts[string(parser)+" document from an invalid case"]++
			}
		}
		if outcome[ParserAuto] != outcome[ParserYAML] {
			t.Errorf("%s: the parsers disagree:\nauto: %s\nyaml: %s", rel, outcome[ParserAuto], outcome[ParserYAML])
		}
	}
	t.Logf("%d cases: %v", len(cases), counts)
}
