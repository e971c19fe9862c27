package validate

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFix(t *testing.T) {
	tests := []struct {
		name, in, want string
		n              int
		err            string
	}{
		{"text", "Amazon & # 39; s plan & #x27; & amp; &#39; ok\n", "Amazon &#39; s plan &#x27; &amp; &#39; ok\n", 3, ""},
		{"nothing", "Clean &#39; text\n", "Clean &#39; text\n", 0, ""},
		{"double-quoted", "---\ntitle: \"Amazon & # 39; s\"\n---\nBody & # 39;\n", "---\ntitle: \"Amazon &#39; s\"\n---\nBody &#39;\n", 2, ""},
		{"single-quoted", "---\ntitle: 'Amazon & # 39; s'\n---\n", "---\ntitle: 'Amazon &#39; s'\n---\n", 1, ""},
		{"block", "---\nexcerpt: |\n  a & # 39; b\n---\n", "---\nexcerpt: |\n  a &#39; b\n---\n", 1, ""},
		// In a plain scalar " # 39; s" is a comment: repairing it would
		// turn comment text into content, so the file is left alone.
		{"plain-scalar-comment", "---\ntitle: Amazon & # 39; s\n---\n", "", 0, "YAML reads it as syntax"},
		{"unparsable", "---\ntitle: \"open\n---\n& # 39;\n", "", 0, "does not parse"},
		{"unterminated", "---\ntitle: x & # 39;\n", "", 0, "never closed"},
		{"latin1", "caf\xe9 & # 39;\n", "", 0, "UTF-8"},
		// Repairing a key must not make it equal to another key of its
		// mapping: the loader would drop the second value.
		{"duplicate-key", "---\ntitle: x\n\"a& # 39;b\": 1\n\"a&#39;b\": 2\n---\n", "", 0, `would make key "a&#39;b" on line 4 a duplicate`},
		{"duplicate-key-nested", "---\nprovider:\n  \"n&#39;\": 1\n  \"n& # 39;\": 2\n---\n", "", 0, `would make key "n&#39;" on line 4 a duplicate`},
		{"keys-already-equal", "---\n\"a& # 39;b\": 1\n\"a& # 39;b\": 2\n---\n", "---\n\"a&#39;b\": 1\n\"a&#39;b\": 2\n---\n", 2, ""},
		{"key-repaired-alone", "---\n\"a& # 39;b\": 1\n---\n", "---\n\"a&#39;b\": 1\n---\n", 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, n, err := Fix([]byte(tt.in))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("got %v, want an error containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want || n != tt.n {
				t.Errorf("got %q (%d fixes), want %q (%d)", got, n, tt.want, tt.n)
			}
			if FindBrokenEntities(got) != nil {
				t.Errorf("entities left after fixing: %q", got)
			}
		})
	}
}

// TestRunFix: --fix rewrites the file in place keeping its mode, leaves a
// file it cannot fix untouched, and reports what is left.
func TestRunFix(t *testing.T) {
	dir := t.TempDir()
	fixable := filepath.Join(dir, "a.txt")
	refused := filepath.Join(dir, "b.md")
	if err := os.WriteFile(fixable, []byte("Headline & # 39; s\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	refusedIn := "---\ntitle: Plain & # 39; s\n---\n"
	if err := os.WriteFile(refused, []byte(refusedIn), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := Run(context.Background(), []string{dir}, Options{Fix: true, Settings: mustSettings(t, nil, []string{RuleFileName, RuleRequiredField})})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Fixed != 1 || len(rep.FixedFiles) != 1 || rep.FixedFiles[0] != fixable {
		t.Errorf("fixed %d in %v, want 1 in %s", rep.Fixed, rep.FixedFiles, fixable)
	}
	got, _ := os.ReadFile(fixable)
	if string(got) != "Headline &#39; s\n" {
		t.Errorf("fixed file = %q", got)
	}
	if fi, _ := os.Stat(fixable); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode = %v, want 0640", fi.Mode().Perm())
	}
	if got, _ := os.ReadFile(refused); string(got) != refusedIn {
		t.Errorf("refused file was changed: %q", got)
	}
	var msgs []string
	for _, f := range rep.Findings {
		if f.Path == fixable {
			t.Errorf("finding left on the fixed file: %s", f)
		}
		msgs = append(msgs, f.Message)
	}
	if !strings.Contains(strings.Join(msgs, "\n"), "not fixed") {
		t.Errorf("no 'not fixed' finding for %s: %v", refused, rep.Findings)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestFindBrokenEntities(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"& # 39;", []string{"&#39;"}},
		{"&# 39 ;", []string{"&#39;"}},
		{"& #X 2F;", []string{"&#X2F;"}},
		{"&\t#\t160\t;", []string{"&#160;"}},
		{"& quot;", []string{"&quot;"}},
		{"&#39; &amp; &quot;", nil}, // well formed
		{"Q & A; R & D", nil},       // not entities
		{"& #\n39;", nil},           // never across lines
		{"AT & T #39;", nil},        // text between & and #
		{"& # 12345678;", nil},      // too many digits for a code point
		{"a & # 39; b & # 34; c", []string{"&#39;", "&#34;"}},
	}
	for _, tt := range tests {
		var got []string
		for _, m := range FindBrokenEntities([]byte(tt.in)) {
			got = append(got, m.Repair)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("FindBrokenEntities(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
