package cmd

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/seedscope/seedscope/pkg/corpus"
)

// forged is a file name that holds a GitHub Actions workflow command.
const forged = "x\n::error title=forged::all clean.md"

// checkLines fails unless every line of out starts with the message
// prefix (or is the usage hint), and none could be read as a workflow
// command.
func checkLines(t *testing.T, what, out string) {
	t.Helper()
	if !strings.HasSuffix(out, "\n") {
		t.Errorf("%s: %q does not end in a newline", what, out)
	}
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if !strings.HasPrefix(l, messagePrefix) && !strings.HasPrefix(l, "Run '") {
			t.Errorf("%s: line %q does not start with %q", what, l, messagePrefix)
		}
		if strings.ContainsAny(l, "\r\x1b\u2028\u200b") {
			t.Errorf("%s: line %q holds a raw control or invisible character", what, l)
		}
	}
}

func TestPrintError(t *testing.T) {
	amb := &corpus.AmbiguousError{Prefix: "g", Candidates: []string{"g/" + forged, "g/::warning::x", "g/c", "g/\u200bc"}}
	many := &corpus.AmbiguousError{Prefix: "p\n::error::q", Candidates: make([]string, 12)}
	for i := range many.Candidates {
		many.Candidates[i] = fmt.Sprintf("::error::%d", i)
	}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"plain", errors.New("boom"), "seedscope: boom\n"},
		{"file name", fmt.Errorf("open %s: no such file or directory", forged),
			"seedscope: open x ::error title=forged::all clean.md: no such file or directory\n"},
		{"CR and line separator", errors.New("a\r::warning::b\u2028::notice::c"), "seedscope: a ::warning::b ::notice::c\n"},
		{"escape sequence", errors.New("a\x1b[2Jb"), "seedscope: a␛[2Jb\n"},
		{"zero-width", errors.New("no document \u200bc"), "seedscope: no document <U+200B>c\n"},
		{"ambiguous", amb, `seedscope: "g" matches 4 documents:
seedscope:   g/x ::error title=forged::all clean.md
seedscope:   g/::warning::x
seedscope:   g/c
seedscope:   g/<U+200B>c
`},
		{"ambiguous, more than shown", many, "seedscope: \"p\\n::error::q\" matches 12 documents:\n" +
			strings.Repeat("seedscope:   ::error::N\n", 10) + "seedscope:   … and 2 more\n"},
		{"ambiguous, wrapped", fmt.Errorf("show: %w", amb), "seedscope: show: \"g\" matches 4 documents:   g/x ::error title=forged::all clean.md   g/::warning::x   g/c   g/<U+200B>c\n"},
	}
	digits := regexp.MustCompile(`::error::\d+`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			printError(&b, tt.err)
			got := b.String()
			if tt.name == "ambiguous, more than shown" {
				got = digits.ReplaceAllString(got, "::error::N")
			}
			if got != tt.want {
				t.Errorf("got:\n%q\nwant:\n%q", got, tt.want)
			}
			checkLines(t, tt.name, b.String())
		})
	}
}

func TestExitStatusMessagesOneLine(t *testing.T) {
	for _, args := range [][]string{
		{"list", "missing\n::error title=forged::x"},
		{"show", "nothing\n::error::x", "missing\n::error::y"},
		{"list", "--max-file-size", "1\n::error::x"},
		{"list", "--format", "x\n::error::y"},
		{"list", "--workers", "x\n::error::y"},
		{"list", "--since", "x\n::error::y"},
		{"bogus\n::error::x"},
		{"list", "--bogus\n::error::x"},
		{"validate", "--config", "missing\n::error::x"},
		{"validate", "--enable", "no-rule\n::error::x"},
		{"export", "-o", filepath.Join(t.TempDir(), "missing\n::error::x", "out.json"), seedsDir},
	} {
		r := execute(t, false, args...)
		if r.status == ExitOK {
			t.Errorf("%q: status 0", args)
		}
		checkLines(t, fmt.Sprintf("%q", args), r.stderr)
	}
}

// TestStderrOnePlace keeps every write to stderr in stderr.go: a line of
// cmd/ or pkg/ that names the error stream must hand it to one of the
// printers (or to cobra, whose errors come back to exitStatus).
func TestStderrOnePlace(t *testing.T) {
	allowed := regexp.MustCompile(`print(Message|Messagef|Error|UsageHint)\([^)]*ErrOut|root\.SetErr\(ios\.ErrOut\)`)
	// internal/synth holds developer tools, pkg/iostreams the stream's definition.
	skip := func(p string) bool {
		return strings.HasSuffix(p, "internal/synth") || strings.HasSuffix(p, "pkg/iostreams")
	}
	for _, dir := range []string{".", filepath.Join("..", "pkg")} {
		scanSource(t, dir, skip, func(_, line string) string {
			if strings.Contains(line, "os.Stderr") || (strings.Contains(line, "ErrOut") && !allowed.MatchString(line)) {
				return "writes to stderr outside stderr.go's printers"
			}
			return ""
		})
	}
}
