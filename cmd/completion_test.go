package cmd

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/seedscope/seedscope/pkg/iostreams"
	"github.com/seedscope/seedscope/pkg/render"
)

func TestFlagCompletion(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"__complete", "list", "--format", ""}, "table\ntsv\njson\nndjson\ncsv\n:4\n"},
		{[]string{"__complete", "export", "-f", ""}, "json\nndjson\ncsv\nparquet\nsqlite\n:4\n"},
		{[]string{"__complete", "validate", "--format", ""}, "text\njson\ngithub\nsarif\njunit\n:4\n"},
		{[]string{"__complete", "list", "--sort", ""}, "path\npublished\ntitle\nprovider\nquality\nheat\n:4\n"},
		{[]string{"__complete", "topics", "--parser", ""}, "auto\nyaml\n:4\n"},
		{[]string{"__complete", "show", "--format", ""}, "text\njson\nndjson\ncsv\n:4\n"},
		{[]string{"__complete", "stats", "-f", ""}, "table\ntsv\njson\nndjson\ncsv\n:4\n"},
		{[]string{"__complete", "related", "--format", ""}, "table\ntsv\njson\nndjson\ncsv\n:4\n"},
		{[]string{"__complete", "providers", "--format", ""}, "table\ntsv\njson\nndjson\ncsv\n:4\n"},
		{[]string{"__complete", "export", "--kind", ""}, "frontmatter\ntext\n:4\n"},
		{[]string{"__complete", "export", "--sort", ""}, "path\npublished\ntitle\nprovider\nquality\nheat\n:4\n"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args[1:], " "), func(t *testing.T) {
			r := execute(t, false, tt.args...)
			if r.stdout != tt.want {
				t.Errorf("got %q, want %q", r.stdout, tt.want)
			}
		})
	}
}

// TestFormatFlagsDeclared checks every --format of the tree is the one
// flag type, its help generated from the command's formats.
func TestFormatFlagsDeclared(t *testing.T) {
	ios, _, _ := iostreams.Test()
	var walk func(c *cobra.Command)
	n := 0
	walk = func(c *cobra.Command) {
		if f := c.Flags().Lookup("format"); f != nil {
			n++
			ff, ok := f.Value.(*render.FormatFlag)
			if !ok {
				t.Errorf("%s --format is a %T", c.Name(), f.Value)
			} else if f.Usage != ff.Usage() || !strings.Contains(f.Usage, "{"+ff.Formats().Names()+"}") {
				t.Errorf("%s --format help %q", c.Name(), f.Usage)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(NewRootCmd(ios, testBuild))
	if n != 14 {
		t.Errorf("%d commands take --format, want 14 (list, show, related, export, topics, providers, stats, search, dupes, concordance, terms, validate, schema, version)", n)
	}
}

// TestREADMEFormats keeps the README's table of formats in step with the
// registry: every format and alias is documented.
func TestREADMEFormats(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range render.Registry() {
		for _, name := range append([]string{string(f.Name)}, f.Aliases...) {
			if !strings.Contains(string(b), "`"+name+"`") {
				t.Errorf("README does not document format %q", name)
			}
		}
	}
}

// TestCompletionFromCorpus: show and related complete document ids, and
// the filter flags the corpus's own values with their counts, most
// frequent first, from the corpus the command line names; a prefix
// narrows them (ignoring case for values, keeping the case typed).
// Nothing but cobra's directive line goes to stderr, even over a corpus
// full of broken files.
func TestCompletionFromCorpus(t *testing.T) {
	t.Chdir("..") // the default corpus, ./seeds, is the repository's
	ids := "000_882eb17234bc9889\n001_008d136e481d466e\n002_f88f13ebd34a52f5\n003_ecfceb46a7c3448c\n004_c6179b3212e13a9c\n"
	folders := t.TempDir()
	for _, name := range []string{"business/a.md", "business/b.md", "business/old/c.md", "sport/d.md", "e.md"} {
		p := filepath.Join(folders, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("---\ntitle: x\n---\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"show", ""}, ids + ":4\n"},
		{[]string{"show", "00"}, ids + ":4\n"},
		{[]string{"show", "003"}, "003_ecfceb46a7c3448c\n:4\n"},
		// No id starts so: the argument may be a path.
		{[]string{"show", "se"}, ":0\n"},
		// After the id, paths.
		{[]string{"show", "003", ""}, ":0\n"},
		{[]string{"related", ""}, ids + ":4\n"},
		{[]string{"related", "003", ""}, ":0\n"},
		{[]string{"list", "--topic", ""}, "AI\t2 documents\nAWS AI\t2 documents\n:36\n"},
		{[]string{"list", "seeds", "-t", ""}, "AI\t2 documents\nAWS AI\t2 documents\n:36\n"},
		{[]string{"list", "--topic", "aw"}, "awS AI\t2 documents\n:36\n"},
		{[]string{"list", "--topic", "AW"}, "AWS AI\t2 documents\n:36\n"},
		{[]string{"export", "--topic-all", "a"}, "aI\t2 documents\naWS AI\t2 documents\n:36\n"},
		{[]string{"topics", "--not-topic", "x"}, ":36\n"},
		{[]string{"list", "--provider", ""}, "Mail Online\t1 document\nWired\t1 document\n:36\n"},
		{[]string{"providers", "--not-provider", "w"}, "wired\t1 document\n:36\n"},
		{[]string{"stats", "--category", ""}, "news\t2 documents\n:36\n"},
		{[]string{"list", folders, "--folder", ""}, "business\t3 files\nbusiness/old\t1 file\nsport\t1 file\n:36\n"},
		{[]string{"list", folders, "--folder", "b"}, "business\t3 files\nbusiness/old\t1 file\n:36\n"},
		// A corpus path that does not exist: nothing, and no message.
		{[]string{"list", "no-such-folder", "--topic", ""}, ":36\n"},
		// Load problems are not printed: the hostile corpus's broken files.
		{[]string{"list", "testdata/hostile", "--topic", ""}, ""},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := execute(t, false, append([]string{"__complete"}, tt.args...)...)
			if tt.want != "" && r.stdout != tt.want {
				t.Errorf("got\n%s\nwant\n%s", r.stdout, tt.want)
			}
			if !strings.HasSuffix(r.stdout, ":0\n") && !strings.HasSuffix(r.stdout, ":4\n") && !strings.HasSuffix(r.stdout, ":36\n") {
				t.Errorf("no directive at the end: %q", r.stdout)
			}
			if !strings.HasPrefix(r.stderr, "Completion ended with directive: ") || strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("stderr %q, want cobra's directive line alone", r.stderr)
			}
			if r.status != 0 {
				t.Errorf("status %d", r.status)
			}
		})
	}
}

// TestCompletionLeavesOutUnsafeValues: a value that would not reach the
// shell intact (a newline ends a completion, a tab starts its description)
// or would act on the terminal is not offered; the others are. Topics are
// offered as their rows show them, white space made single spaces, so a
// tab or newline inside one becomes a space (which selects it too).
func TestCompletionLeavesOutUnsafeValues(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("ok.md", "---\ntopics: [plain, \"tab\\there\", \"new\\nline\", \"esc\\e[2J\", \"zero\\u200bwidth\", \" spaced \"]\n---\n")
	write("x\nforged.md", "---\ntitle: newline in the name\n---\n")
	write("x\x1b[2J.md", "---\ntitle: escape in the name\n---\n")
	r := execute(t, false, "__complete", "list", dir, "--topic", "")
	if want := "new line\t1 document\nplain\t1 document\nspaced\t1 document\ntab here\t1 document\n:36\n"; r.stdout != want {
		t.Errorf("topics: got %q, want %q", r.stdout, want)
	}
	t.Chdir(t.TempDir())
	if err := os.Symlink(dir, "seeds"); err != nil {
		t.Fatal(err)
	}
	r = execute(t, false, "__complete", "show", "")
	if want := "ok\n:4\n"; r.stdout != want {
		t.Errorf("ids: got %q, want %q", r.stdout, want)
	}
}

// TestCompletionCapped: more values than completionCap offers the most
// frequent; more ids offers their shared beginnings, as long as they can
// be with at most completionCap of them, and no trailing space.
func TestCompletionCapped(t *testing.T) {
	var values []counted
	for i := range 2500 {
		values = append(values, counted{fmt.Sprintf("v%04d", i), 2500 - i})
	}
	comps, capped := offer(values, "", true, func(n int) string { return countOf(n, false, "document") })
	if !capped || len(comps) != completionCap || comps[0] != "v0000\t2500 documents" || comps[completionCap-1] != "v0999\t1501 documents" {
		t.Errorf("capped %v, %d values, first %q, last %q", capped, len(comps), comps[0], comps[len(comps)-1])
	}
	comps, capped = offer(values, "V24", true, func(n int) string { return countOf(n, true, "document") })
	if capped || len(comps) != 100 || comps[0] != "V2400\t≥100 documents" {
		t.Errorf("V24: capped %v, %d values, first %q", capped, len(comps), comps[0])
	}

	var ids []string
	for i := range 2500 {
		ids = append(ids, fmt.Sprintf("%05d_x", i))
	}
	got := idPrefixes(slices.Clone(ids), 0)
	// 4 characters give 250 beginnings (0000…0249), 5 would give 2500.
	if len(got) != 250 || got[0] != "0000\t10 ids" || got[249] != "0249\t10 ids" {
		t.Errorf("%d beginnings, first %q, last %q", len(got), got[0], got[len(got)-1])
	}
	// A beginning that is a whole id is offered as the id.
	ids = append(ids, "0")
	got = idPrefixes(slices.Clone(ids), 0)
	if got[0] != "0" || len(got) != 251 {
		t.Errorf("with id 0: %d beginnings, first %q", len(got), got[0])
	}
	// A beginning only one id has says so in the singular.
	got = idPrefixes(append(slices.Clone(ids), "9999_solo"), 0)
	if got[len(got)-1] != "9999\t1 id" {
		t.Errorf("with 9999_solo: last %q", got[len(got)-1])
	}
	// Beginnings are whole characters.
	var wide []string
	for i := range 1500 {
		wide = append(wide, fmt.Sprintf("é%04d", i), fmt.Sprintf("ü%04d", i))
	}
	for _, c := range idPrefixes(wide, 0) {
		if v, _, _ := strings.Cut(c, "\t"); !utf8.ValidString(v) {
			t.Errorf("beginning %q is not whole characters", v)
		}
	}
}

// TestCompletionDeadline: a corpus not read within the time allowed
// offers what was counted by then, described as a lower bound, and says
// so in an active help line.
func TestCompletionDeadline(t *testing.T) {
	old := completionBudget
	completionBudget = time.Nanosecond
	t.Cleanup(func() { completionBudget = old })
	r := execute(t, false, "__complete", "list", seedsDir, "--topic", "")
	if !strings.HasSuffix(r.stdout, ":36\n") || !strings.Contains(r.stdout, "_activeHelp_ counted in the first") {
		t.Errorf("got %q", r.stdout)
	}
	for _, l := range strings.Split(r.stdout, "\n") {
		if _, desc, ok := strings.Cut(l, "\t"); ok && !strings.HasPrefix(desc, "≥") {
			t.Errorf("%q: a partial count not marked ≥", l)
		}
	}
}

// TestHelpHasNoStrayBackticks: pflag takes a `name` in a flag's usage as
// its placeholder and drops the backticks; any left in a help text (two
// in one usage, or one alone) print as they are.
func TestHelpHasNoStrayBackticks(t *testing.T) {
	ios, _, _ := iostreams.Test()
	var walk func(c *cobra.Command)
	check := func(args ...string) {
		r := execute(t, false, append(args, "--help")...)
		if !strings.Contains(r.stdout, "Usage:") {
			t.Errorf("%q --help printed no usage: %q", args, r.stdout)
		}
		if strings.Contains(r.stdout, "`") {
			for _, l := range strings.Split(r.stdout, "\n") {
				if strings.Contains(l, "`") {
					t.Errorf("%q --help: %q", args, l)
				}
			}
		}
	}
	walk = func(c *cobra.Command) {
		check(strings.Fields(c.CommandPath())[1:]...)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(NewRootCmd(ios, testBuild))
	// Added by cobra when it runs.
	for _, shell := range []string{"", "bash", "zsh", "fish", "powershell"} {
		check(strings.Fields("completion " + shell)...)
	}
}

// BenchmarkCompletion times a TAB on the 11,634 files of bing-covid-news:
// the ids of show (the walk alone) and the topics of list (every file
// read, within completionBudget).
func BenchmarkCompletion(b *testing.B) {
	// The shared corpora beside the repository, as internal/sharedtest
	// finds them (cmd cannot import it).
	shared := cmp.Or(os.Getenv("SEEDSCOPE_SHARED"), filepath.Join("..", "..", "shared"))
	bing, err := filepath.Abs(filepath.Join(shared, "corpora", "bing-covid-news"))
	if _, statErr := os.Stat(bing); err != nil || statErr != nil {
		b.Skipf("shared corpus %s not present; skipping", bing)
	}
	for _, bc := range []struct {
		name string
		args []string
	}{
		{"show-ids", []string{"__complete", "show", ""}},
		{"list-topic", []string{"__complete", "list", bing, "--topic", ""}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.Chdir(b.TempDir())
			if err := os.Symlink(bing, "seeds"); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				ios, out, _ := iostreams.Test()
				if Execute(ios, testBuild, bc.args) != 0 || out.Len() < 100 {
					b.Fatalf("%q: %q", bc.args, out.String())
				}
			}
		})
	}
}
