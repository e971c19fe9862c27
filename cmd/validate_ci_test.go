package cmd

import (
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seedscope/seedscope/pkg/iostreams"
)

// validateStdin runs "seedscope validate args..." with stdin as input.
func validateStdin(t *testing.T, stdin string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	ios, out, errOut := iostreams.Test()
	ios.In = strings.NewReader(stdin)
	status = Execute(ios, testBuild, append([]string{"validate"}, args...))
	return out.String(), errOut.String(), status
}

func TestValidateCIFlags(t *testing.T) {
	seed002 := filepath.Join(seedsDir, "002_f88f13ebd34a52f5.txt")
	tests := []struct {
		name   string
		stdin  string
		args   []string
		status int
		stdout []string // substrings
		stderr string   // substring ("" matches any)
	}{
		// --max-warnings: more than N fails; N itself does not.
		{"max-warnings-at-limit", "", []string{seedsDir, "--max-warnings", "6"}, 0, []string{"6 warnings"}, ""},
		{"max-warnings-over", "", []string{seedsDir, "--max-warnings", "5"}, 1, []string{"6 warnings"}, "seedscope: 6 warnings, more than --max-warnings 5 allows\n"},
		{"max-warnings-zero", "", []string{seedsDir, "--max-warnings", "0"}, 1, nil, "more than --max-warnings 0"},
		{"max-warnings-unlimited", "", []string{seedsDir, "--max-warnings", "-1"}, 0, []string{"6 warnings"}, ""},
		{"max-warnings-bad", "", []string{seedsDir, "--max-warnings", "-2"}, 2, nil, "--max-warnings must be"},
		// --strict fails on any warning whatever the budget.
		{"strict-beats-max-warnings", "", []string{seedsDir, "--strict", "--max-warnings", "10"}, 1, []string{"6 warnings"}, ""},
		// --errors-only: warnings neither printed nor counted.
		{"errors-only", "", []string{seedsDir, "--errors-only", "--max-warnings", "0"}, 0, nil, ""},
		{"errors-only-strict", "", []string{seedsDir, "--errors-only", "--strict"}, 0, nil, ""},
		{"errors-only-json", "", []string{seedsDir, "--errors-only", "-f", "json"}, 0, []string{"[]"}, ""},
		{"errors-only-junit", "", []string{seedsDir, "--errors-only", "-f", "junit"}, 0, []string{`tests="5" failures="0"`}, ""},
		// --stats: in text and JSON output; on stderr for the others.
		{"stats-text", "", []string{seedsDir, "--stats"}, 0, []string{"RULE           SEVERITY  FINDINGS  FILES\nbroken-entity  warning          6      1\n"}, ""},
		{"stats-json", "", []string{seedsDir, "--stats", "-f", "json"}, 0, []string{`"stats": {`, `"warnings": 6`}, ""},
		{"stats-github", "", []string{seedsDir, "--stats", "-f", "github"}, 0, []string{"::warning "}, "seedscope: stats: broken-entity (warning): 6 findings in 1 file\n"},
		{"stats-selection", "", []string{seedsDir, "--stats", "--json", "rule"}, 0, []string{`{"rule":"broken-entity"}`}, "seedscope: stats: broken-entity"},
		// Standard input.
		{"stdin", "Headline & # 39; s\n", []string{"-"}, 0, []string{"<stdin>:1:10: warning: broken HTML entity", "(1 file checked)"}, ""},
		{"stdin-name", "Headline\n", []string{"-", "--stdin-filename", "seeds/x.txt"}, 0, []string{"seeds/x.txt:1:1: warning: file name \"x.txt\""}, ""},
		{"stdin-name-in-corpus", "Headline & # 39;\n", []string{"-", "--stdin-filename", seed002}, 0, []string{seed002 + ":1:10: warning"}, ""},
		{"stdin-junit", "Headline\n", []string{"-", "-f", "junit"}, 0, []string{`<testcase name="&lt;stdin&gt;"`}, ""},
		{"stdin-mixed", "", []string{"-", seedsDir}, 2, nil, "- (read a file from standard input) must be the only path"},
		{"stdin-filename-alone", "", []string{seedsDir, "--stdin-filename", "x.md"}, 2, nil, "give the path - as well"},
		{"stdin-fix", "", []string{"-", "--fix"}, 2, nil, "cannot fix standard input"},
		{"stdin-empty", "", []string{"-"}, 0, []string{"<stdin>:1:1: warning: empty file [empty-file]"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, status := validateStdin(t, tt.stdin, tt.args...)
			if status != tt.status {
				t.Errorf("status %d, want %d\nstdout:\n%s\nstderr:\n%s", status, tt.status, out, errOut)
			}
			for _, want := range tt.stdout {
				if !strings.Contains(out, want) {
					t.Errorf("stdout lacks %q:\n%s", want, out)
				}
			}
			if tt.stdout == nil && tt.status == 0 && out != "" {
				t.Errorf("want no output, got:\n%s", out)
			}
			if !strings.Contains(errOut, tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, errOut)
			}
		})
	}
}

// TestValidateStdinTerminal: "-" with a terminal on stdin is refused
// rather than waiting for a file that is never coming.
func TestValidateStdinTerminal(t *testing.T) {
	old := stdinIsTerminal
	stdinIsTerminal = func(io.Reader) bool { return true }
	defer func() { stdinIsTerminal = old }()
	out, errOut, status := validateStdin(t, "never read", "-")
	if status != ExitUsage || out != "" || !strings.Contains(errOut, "standard input, which is a terminal") {
		t.Errorf("status %d\nstdout:\n%s\nstderr:\n%s", status, out, errOut)
	}
}
