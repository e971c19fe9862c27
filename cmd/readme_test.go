package cmd

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/seedscope/seedscope/pkg/iostreams"
)

// TestREADMEExamples runs every example of the README's console blocks
// that is a plain seedscope command (no pipe, redirection or other shell
// syntax) and shows its output, as a person runs it from the repository's
// top: on the bundled seeds/ (the default corpus), on a 100-column
// terminal without colour. What it prints on stderr and stdout, in the
// order a terminal shows them, must be what the README shows, byte for
// byte, except that a line holding only "…" stands for any number of
// lines. -update rewrites the outputs that differ (not those with "…").
func TestREADMEExamples(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join("..", ".seedscope.yaml")); err == nil {
		t.Skip("a .seedscope.yaml at the repository's top changes the default corpus")
	}
	examples := readmeExamples(string(b))
	if len(examples) < 15 {
		t.Fatalf("found %d examples with output in the README; the extraction is broken", len(examples))
	}
	t.Chdir("..") // the default corpus is ./seeds, printed as seeds/…
	lines := strings.Split(string(b), "\n")
	rewritten := false
	// Bottom up, so that a rewrite does not move the examples above it.
	slices.Reverse(examples)
	for _, ex := range examples {
		t.Run(ex.command, func(t *testing.T) {
			ios, out, _ := iostreams.Test()
			ios.ErrOut = out // one stream, in the order a terminal shows
			ios.SetStdoutTTY(true)
			ios.SetTerminalWidth(100)
			ios.SetColorEnabled(false)
			ios.SetPagerCommand("")
			Execute(ios, testBuild, ex.args)
			got := strings.TrimRight(out.String(), "\n")
			if !ex.matches(got) && *update && !ex.excerpt() {
				// -update rewrites an output shown whole (one with a "…"
				// line is a hand-made excerpt: it is reported instead).
				n := strings.Count(ex.output, "\n") + 1
				lines = slices.Replace(lines, ex.line, ex.line+n, strings.Split(got, "\n")...)
				rewritten = true
				return
			}
			if !ex.matches(got) {
				t.Errorf("README.md:%d: $ %s\n--- the README shows\n%s\n--- the command prints\n%s", ex.line, ex.command, ex.output, got)
			}
		})
	}
	if rewritten {
		if err := os.WriteFile("README.md", []byte(strings.Join(lines, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

type readmeExample struct {
	line    int
	command string
	args    []string
	output  string
}

// excerpt reports whether the output shown leaves lines out (a line
// holding only "…").
func (ex readmeExample) excerpt() bool {
	return slices.ContainsFunc(strings.Split(ex.output, "\n"), func(l string) bool { return strings.TrimSpace(l) == "…" })
}

// matches compares got with the output shown, a line "…" matching any
// lines.
func (ex readmeExample) matches(got string) bool {
	var pat strings.Builder
	pat.WriteString(`^`)
	for i, l := range strings.Split(ex.output, "\n") {
		if i > 0 {
			pat.WriteString(`\n`)
		}
		if strings.TrimSpace(l) == "…" {
			pat.WriteString(`(?s:.*?)`)
			continue
		}
		pat.WriteString(regexp.QuoteMeta(l))
	}
	pat.WriteString(`$`)
	return regexp.MustCompile(pat.String()).MatchString(got)
}

// readmeExamples extracts the "$ seedscope …" lines of ```console blocks
// that are plain commands and are followed by output.
func readmeExamples(md string) []readmeExample {
	var out []readmeExample
	var cur *readmeExample
	inConsole := false
	flush := func() {
		if cur != nil && cur.args != nil {
			cur.output = strings.TrimRight(cur.output, "\n")
			if cur.output != "" {
				out = append(out, *cur)
			}
		}
		cur = nil
	}
	for i, l := range strings.Split(md, "\n") {
		switch {
		case strings.HasPrefix(l, "```"):
			flush()
			inConsole = !inConsole && strings.TrimPrefix(l, "```") == "console"
		case !inConsole:
		case strings.HasPrefix(l, "$ "):
			flush()
			cur = &readmeExample{line: i + 1, command: l[2:]}
			if words, ok := shellWords(l[2:]); ok && len(words) > 1 && words[0] == "seedscope" {
				cur.args = words[1:]
			}
		case cur != nil:
			cur.output += l + "\n"
		}
	}
	flush()
	return out
}

// shellWords splits a command line as sh does, for the plain commands
// the README shows: words, 'single' and "double" quotes. Anything else
// of the shell's (a pipe, a redirection, a variable, a comment…) outside
// quotes makes it not plain: ok is false.
func shellWords(s string) (words []string, ok bool) {
	var w strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, false
			}
			w.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '"':
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 || strings.ContainsAny(s[i+1:i+1+j], "$`\\") {
				return nil, false
			}
			w.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case strings.IndexByte("|&;<>()$`\\#*?[]{}~", c) >= 0:
			return nil, false
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words, true
}
