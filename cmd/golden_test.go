package cmd

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/seedscope/seedscope/pkg/buildinfo"
	"github.com/seedscope/seedscope/pkg/enum"
	"github.com/seedscope/seedscope/pkg/iostreams"
	"github.com/seedscope/seedscope/pkg/render"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.golden from the current output")

// seedsDir is the bundled corpus, relative to this package.
const seedsDir = "../seeds"

// golden compares got with testdata/golden/<name>.golden.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name+".golden")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run: go test ./cmd -run %s -update)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run with -update to accept):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

type run struct {
	stdout, stderr string
	status         int
}

// execute runs seedscope in-process with test streams.
func execute(t *testing.T, tty bool, args ...string) run {
	t.Helper()
	ios, out, errOut := iostreams.Test()
	if tty {
		ios.SetStdoutTTY(true)
		ios.SetTerminalWidth(100)
	}
	status := Execute(ios, testBuild, args)
	return run{out.String(), errOut.String(), status}
}

// TestGolden pins the output of every command in every format on the
// bundled seeds.
func TestGolden(t *testing.T) {
	commands := map[string][]string{
		"list":              {"list", seedsDir},
		"list-topic":        {"list", "--topic", "aws ai", "--sort", "published", "--reverse", seedsDir},
		"show":              {"show", "000", seedsDir},
		"show-text":         {"show", "002", seedsDir},
		"related":           {"related", "000_882eb17234bc9889", seedsDir},
		"related-all":       {"related", seedsDir},
		"related-backlinks": {"related", "003_ecfceb46a7c3448c", "--backlinks", seedsDir},
		"topics":            {"topics", seedsDir},
		"providers":         {"providers", seedsDir},
		"stats":             {"stats", seedsDir},
		"stats-topic":       {"stats", "--topic", "aws ai", seedsDir},
		"search":            {"search", `"law enforcement" ring -doorbell`, seedsDir},
		"stats-by-week":     {"stats", "--by", "week", seedsDir},
		"stats-by-kind":     {"stats", "--by", "kind", seedsDir},
		"stats-by-provider": {"stats", "--by", "provider", seedsDir},
		"dupes":             {"dupes", seedsDir},
		"list-collapse":     {"list", "--collapse", seedsDir},
		"concordance":       {"concordance", "law enforcement", "--sort", "right1", "--width", "30", seedsDir},
		"terms":             {"terms", "--limit", "15", seedsDir},
		"terms-bigrams":     {"terms", "-n", "2", "--min-count", "3", seedsDir},
		"terms-compare":     {"terms", "--kind", "frontmatter", "--compare", "--limit", "10", seedsDir},
		"list-count":        {"list", "--grep", "police", "-w", "--count", seedsDir},
	}
	for name, args := range commands {
		formats := acceptedFormats(t, args[0])
		for _, f := range formats {
			t.Run(name+"/"+f, func(t *testing.T) {
				r := execute(t, false, append(args, "--format", f)...)
				if r.status != 0 || r.stderr != "" {
					t.Fatalf("status %d, stderr %q", r.status, r.stderr)
				}
				golden(t, name+"."+f, []byte(r.stdout))
			})
		}
		t.Run(name+"/default-notty", func(t *testing.T) {
			r := execute(t, false, args...)
			want := execute(t, false, append(args, "--format", string(formatFlag(t, args[0]).Formats().Default(false)))...)
			if r.stdout != want.stdout {
				t.Errorf("default format when not a terminal:\n%s\nwant:\n%s", r.stdout, want.stdout)
			}
		})
	}
	for _, f := range acceptedFormats(t, "export") {
		if render.IsBinary(render.Format(f)) {
			continue // files, not text: testdata/script/export_columnar.txtar and pkg/render/columnar
		}
		t.Run("export/"+f, func(t *testing.T) {
			r := execute(t, false, "export", "--format", f, seedsDir)
			if r.status != 0 || r.stderr != "" {
				t.Fatalf("status %d, stderr %q", r.status, r.stderr)
			}
			golden(t, "export."+f, []byte(r.stdout))
		})
	}
}

// formatFlag is the --format flag of a command.
func formatFlag(t *testing.T, command string) *render.FormatFlag {
	t.Helper()
	ios, _, _ := iostreams.Test()
	c, _, err := NewRootCmd(ios, testBuild).Find([]string{command})
	if err != nil {
		t.Fatal(err)
	}
	f, ok := c.Flags().Lookup("format").Value.(*render.FormatFlag)
	if !ok {
		t.Fatalf("%s --format is not a render.FormatFlag", command)
	}
	return f
}

// acceptedFormats lists the formats a command declares.
func acceptedFormats(t *testing.T, command string) []string {
	return enum.Names(formatFlag(t, command).Formats().Formats())
}

// TestGoldenColor pins what a person sees on a terminal: colour, and the
// title shortened to the width.
func TestGoldenColor(t *testing.T) {
	for name, args := range map[string][]string{
		"list":    {"list", seedsDir},
		"show":    {"show", "003", seedsDir},
		"related": {"related", "000", seedsDir},
		"search":  {"search", `"law enforcement" ring police`, seedsDir},
		// Bars: drawn on a terminal, in colour.
		"topics":        {"topics", seedsDir},
		"stats-by-kind": {"stats", "--by", "kind", seedsDir},
		"stats":         {"stats", seedsDir},
	} {
		t.Run(name, func(t *testing.T) {
			ios, out, errOut := iostreams.Test()
			ios.SetStdoutTTY(true)
			ios.SetColorEnabled(true)
			ios.SetTerminalWidth(100)
			if status := Execute(ios, testBuild, args); status != 0 {
				t.Fatalf("status %d: %s", status, errOut)
			}
			golden(t, name+".color", out.Bytes())
		})
	}
}

// testBuild is the build the tests run as: a fixed version, so that
// output does not depend on how the test binary was built.
var testBuild = buildinfo.Info{Version: "test", Go: "go1.26.0", Platform: "linux/amd64"}
