package clean

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/seedscope/seedscope/pkg/clean/rules"
)

var update = flag.Bool("update", false, "rewrite the rule list in docs/cleaning.md")

const (
	docPath    = "../../docs/cleaning.md"
	beginRules = "<!-- rules: generated from pkg/clean/rules by `go test ./pkg/clean -update`; do not edit -->"
	endRules   = "<!-- end of rules -->"
)

// ruleDoc is the rule list as docs/cleaning.md shows it.
func ruleDoc() string {
	var b strings.Builder
	for _, r := range Rules {
		b.WriteString("\n### `" + r.Name + "` (" + string(r.Stage) + ")\n\n" + r.Does + "\n\n")
		if r.Stage == rules.Corpus {
			b.WriteString("Example: " + r.In + " — the line is dropped from each of them.\n")
			continue
		}
		b.WriteString("```text\n" + visible(r.In) + "\n```\n\nbecomes\n\n```text\n" + visible(r.Out) + "\n```\n")
	}
	return b.String()
}

// visible writes the characters a reader could not see as Go escapes:
// \t, \r, \u00a0.
func visible(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\n' || r == ' ' || unicode.IsGraphic(r) && !unicode.IsSpace(r) && !unicode.Is(unicode.Cf, r):
			b.WriteRune(r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

// TestCleaningDoc: docs/cleaning.md lists every rule, as the list says.
func TestCleaningDoc(t *testing.T) {
	data, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	before, rest, ok1 := strings.Cut(doc, beginRules)
	_, after, ok2 := strings.Cut(rest, endRules)
	if !ok1 || !ok2 {
		t.Fatalf("%s has no generated rule list between %q and %q", docPath, beginRules, endRules)
	}
	want := before + beginRules + "\n" + ruleDoc() + "\n" + endRules + after
	if doc == want {
		return
	}
	if *update {
		if err := os.WriteFile(filepath.Clean(docPath), []byte(want), 0o666); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("%s does not list the rules as pkg/clean/rules has them: run go test ./pkg/clean -update", docPath)
}
