package validate

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/seedscope/seedscope/pkg/corpus"
)

// TestNotLoadedFindings: a file the loader refuses, or does not read,
// gets the one finding that says why (load-error, file-skipped,
// unreadable, text-binary), never findings about fields it was never
// loaded with (a "missing" title, a topic of the wrong type). A file the
// loader reads as Latin-1 is loaded: it gets text-utf8 and nothing else
// when its fields are right.
func TestNotLoadedFindings(t *testing.T) {
	const good = "title: T\nsourceUrl: https://example.com/a\npublishedDateTime: 2020-01-07T20:02:00Z\nprovider:\n  name: P\n"
	bomb := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for _, c := range "bcdefgh" {
		prev := string(c - 1)
		bomb += string(c) + ": &" + string(c) + " [" + strings.Repeat("*"+prev+", ", 9) + "*" + prev + "]\n"
	}
	bigList := "topics:\n" + strings.Repeat("  - x\n", corpus.MaxFrontMatterNodes+1)
	for _, tc := range []struct {
		name  string
		data  string
		limit int64 // MaxFileSize; 0: the default
		want  []string
	}{
		{"alias bomb, no fields", "---\n" + bomb + "---\nbody\n", 0, []string{RuleLoadError}},
		{"alias bomb, fields", "---\n" + good + bomb + "---\nbody\n", 0, []string{RuleLoadError}},
		{"alias bomb in a known field", "---\n" + bomb + "topics: *h\n---\nbody\n", 0, []string{RuleLoadError}},
		{"alias bomb, self alias", "---\nloop: &l [*l]\n---\nbody\n", 0, []string{RuleLoadError}},
		{"node limit", "---\n" + bigList + "---\nbody\n", 0, []string{RuleLoadError}},
		{"front matter over its limit", "---\nexcerpt: \"" + strings.Repeat("a", corpus.MaxFrontMatterSize) + "\"\n---\nbody\n", 0, []string{RuleLoadError}},
		{"over the size limit", "---\nnot: [closed\n---\n" + strings.Repeat("b", 200), 100, []string{RuleFileSkipped}},
		{"binary", "---\ntitle: [\n---\n\x00", 0, []string{RuleTextBinary}},
		{"not UTF-8, loaded as Latin-1", "---\n" + good + "excerpt: caf\xe9\n---\nbody\n", 0, []string{RuleTextUTF8}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "001_0123456789abcdef.md"), []byte(tc.data), 0o644); err != nil {
				t.Fatal(err)
			}
			assertRules(t, dir, corpus.Options{MaxFileSize: tc.limit}, tc.want)
		})
	}
	t.Run("broken symlink", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.Symlink("nowhere.md", filepath.Join(dir, "001_0123456789abcdef.md")); err != nil {
			t.Skip(err)
		}
		assertRules(t, dir, corpus.Options{}, []string{RuleFileSkipped})
	})
	t.Run("unreadable", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root reads any file")
		}
		dir := t.TempDir()
		p := filepath.Join(dir, "001_0123456789abcdef.md")
		if err := os.WriteFile(p, []byte("---\nnot: [closed\n---\n"), 0o000); err != nil {
			t.Fatal(err)
		}
		assertRules(t, dir, corpus.Options{}, []string{RuleUnreadable})
	})
}

// assertRules validates dir and checks the rules of its findings.
func assertRules(t *testing.T, dir string, load corpus.Options, want []string) {
	t.Helper()
	rep, err := Run(context.Background(), []string{dir}, Options{Load: load})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.Rule)
	}
	if !slices.Equal(got, want) {
		t.Errorf("rules %v, want %v; findings: %v", got, want, rep.Findings)
	}
}
