package cmd

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seedscope/seedscope/pkg/iostreams"
)

// terminal is how a test's streams pretend to be a terminal.
type terminal struct {
	stdout, stderr bool
	pager          string // the pager command, "" for none
}

// executeOn runs seedscope in-process with test streams set up as term.
func executeOn(t *testing.T, term terminal, args ...string) run {
	t.Helper()
	ios, out, errOut := iostreams.Test()
	if term.stdout {
		ios.SetStdoutTTY(true)
		ios.SetTerminalWidth(100)
	}
	ios.SetStderrTTY(term.stderr)
	// No progress line, however slow the machine: these tests are about
	// the pager and the notes (TestProgressOnlyOnTerminal draws it).
	ios.SetProgressDelay(time.Hour)
	ios.SetPagerCommand(term.pager)
	status := Execute(ios, testBuild, args)
	return run{out.String(), errOut.String(), status}
}

// bigCorpus writes n small seed files into a temporary folder: enough
// output to fill a pipe, and counts with thousands separators.
func bigCorpus(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	for i := range n {
		doc := fmt.Sprintf("---\ntitle: Document number %d about something long enough to fill a row of the table\npublishedDateTime: 2020-03-13T10:00:00Z\nwebUrl: https://p%d.example/%d\ntopics: [AI, t%d]\nprovider: {name: P%d, domain: p%d.example}\n---\nbody\n", i, i%3, i, i%7, i%3, i%3)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%05d_%016x.txt", i, i)), []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestPagerUsedOnTerminal: output for a terminal goes through the pager,
// started with LESS and LV set; not with --no-pager, not on a pipe, not
// when nothing is printed (an empty result, export -o, help); a pager that
// cannot start is a warning, and the output goes to stdout.
func TestPagerUsedOnTerminal(t *testing.T) {
	t.Setenv("LESS", "")
	os.Unsetenv("LESS")
	t.Setenv("LV", "")
	os.Unsetenv("LV")
	dir := t.TempDir()
	paged, env := filepath.Join(dir, "pager.out"), filepath.Join(dir, "env.out")
	pager := fmt.Sprintf("echo \"LESS=$LESS LV=$LV\" > %q; cat > %q", env, paged)
	tty := terminal{stdout: true, pager: pager}
	read := func(p string) string {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		os.Remove(p)
		return string(b)
	}

	direct := executeOn(t, terminal{stdout: true}, "list", seedsDir)
	r := executeOn(t, tty, "list", seedsDir)
	if r.status != 0 || r.stdout != "" || r.stderr != "" {
		t.Fatalf("paged list: status %d, stdout %q, stderr %q", r.status, r.stdout, r.stderr)
	}
	if got := read(paged); got != direct.stdout || !strings.HasPrefix(got, "ID ") {
		t.Errorf("the pager got:\n%s\nwant:\n%s", got, direct.stdout)
	}
	if got := read(env); got != "LESS=FRX LV=-c\n" {
		t.Errorf("pager's environment: %q", got)
	}
	for _, args := range [][]string{{"show", "000", seedsDir}, {"related", seedsDir}, {"topics", seedsDir}, {"providers", seedsDir},
		{"stats", seedsDir}, {"validate", seedsDir}, {"validate", "--rules"}, {"export", seedsDir}, {"schema"}} {
		r := executeOn(t, tty, args...)
		read(env)
		if got := read(paged); r.stdout != "" || got == "" {
			t.Errorf("%q not paged: stdout %q, pager got %q", args, r.stdout, got)
		}
	}

	for _, tt := range []struct {
		name string
		term terminal
		args []string
	}{
		{"--no-pager", tty, []string{"list", "--no-pager", seedsDir}},
		{"pipe", terminal{pager: pager}, []string{"list", seedsDir}},
		{"help", tty, []string{"list", "--help"}},
		{"completion script", tty, []string{"completion", "bash"}},
	} {
		read(env)
		r := executeOn(t, tt.term, tt.args...)
		if got := read(paged); got != "" || r.stdout == "" || r.status != 0 {
			t.Errorf("%s: paged %q; status %d, stdout %d bytes", tt.name, got, r.status, len(r.stdout))
		}
	}
	for _, tt := range []struct {
		name string
		args []string
	}{
		{"empty result", []string{"list", "--topic", "no such topic", seedsDir}},
		{"export -o", []string{"export", "-o", filepath.Join(dir, "x.json"), seedsDir}},
		{"error", []string{"show", "no-such-id", seedsDir}},
	} {
		executeOn(t, tty, tt.args...)
		if _, err := os.Stat(env); err == nil {
			t.Errorf("%s: a pager was started", tt.name)
			read(env)
		}
	}

	r = executeOn(t, terminal{stdout: true, pager: "no-such-pager-x -R"}, "list", seedsDir)
	if r.status != 0 || r.stdout != direct.stdout || !strings.Contains(r.stderr, `cannot start the pager "no-such-pager-x -R"`) {
		t.Errorf("pager that cannot start: status %d, stderr %q, stdout:\n%s", r.status, r.stderr, r.stdout)
	}
	checkLines(t, "pager warning", r.stderr)
}

// TestPagerQuitEarlyExitsZero: quitting the pager before the end (less's
// q) makes the rest of the output fail with EPIPE; seedscope stops
// quietly, with status 0.
func TestPagerQuitEarlyExitsZero(t *testing.T) {
	corpus := bigCorpus(t, 1500)
	out := filepath.Join(t.TempDir(), "first")
	whole := executeOn(t, terminal{stdout: true}, "list", corpus)
	if len(whole.stdout) < 1<<17 {
		t.Fatalf("output of %d bytes fits a pipe: the pager would not be quit early", len(whole.stdout))
	}
	for _, args := range [][]string{{"list"}, {"export"}, {"export", "--stream"}, {"export", "--format", "csv"}} {
		r := executeOn(t, terminal{stdout: true, stderr: true, pager: "head -c 100 > " + out}, append(args, corpus)...)
		if r.status != 0 || r.stdout != "" || r.stderr != "" {
			t.Errorf("%q: status %d, stdout %q, stderr %q", args, r.status, r.stdout, r.stderr)
		}
		if b, _ := os.ReadFile(out); len(b) != 100 {
			t.Errorf("%q: the pager read %d bytes", args, len(b))
		}
	}
}

// TestEmptyResultSaysSo: on a terminal, a command that prints no value
// says so on stderr; not on a pipe, not with --quiet.
func TestEmptyResultSaysSo(t *testing.T) {
	empty := t.TempDir()
	tty := terminal{stdout: true, stderr: true}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"list", "--topic", "no such topic", seedsDir}, "no documents match"},
		{[]string{"list", "--since", "2030-01-01", "--format", "json", seedsDir}, "no documents match"},
		{[]string{"list", empty}, "no documents"},
		{[]string{"export", "--provider", "nobody", seedsDir}, "no documents match"},
		{[]string{"export", "--stream", "--provider", "nobody", seedsDir}, "no documents match"},
		{[]string{"topics", "--provider", "nobody", seedsDir}, "no documents match"},
		{[]string{"providers", "--topic", "nobody", seedsDir}, "no documents match"},
		{[]string{"topics", empty}, "no documents"},
		{[]string{"related", "001", seedsDir}, "no related links"},
		{[]string{"related", "--backlinks", "001", seedsDir}, "no document links to it"},
	} {
		checkNote(t, tt.args, tt.want)
	}
	// Something printed: nothing to say.
	for _, args := range [][]string{{"list", seedsDir}, {"related", "000", seedsDir}, {"topics", seedsDir}} {
		if r := executeOn(t, tty, args...); r.stderr != "" {
			t.Errorf("%q: stderr %q", args, r.stderr)
		}
	}
	// export -o writes no output to the terminal.
	if r := executeOn(t, tty, "export", "--topic", "none", "-o", filepath.Join(t.TempDir(), "x.json"), seedsDir); r.stderr != "" {
		t.Errorf("export -o: stderr %q", r.stderr)
	}
}

// TestLimitedListSaysNofM: on a terminal, a list cut by --limit says how
// much was left out ("15 of 1,500 documents"); not on a pipe, not with
// --quiet, not when nothing was cut.
func TestLimitedListSaysNofM(t *testing.T) {
	big := bigCorpus(t, 1500)
	tty := terminal{stdout: true, stderr: true}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"list", "-n", "15", big}, "15 of 1,500 documents"},
		{[]string{"list", "-n", "2", "--topic", "t1", big}, "2 of 215 documents"},
		{[]string{"list", "-n", "2", seedsDir}, "2 of 5 documents"},
		{[]string{"export", "-n", "3", big}, "3 of 1,500 documents"},
		{[]string{"topics", "-n", "3", big}, "3 of 8 topics"},
		{[]string{"providers", "-n", "1", big}, "1 of 3 providers"},
	} {
		checkNote(t, tt.args, tt.want)
	}
	for _, args := range [][]string{{"list", "-n", "5", seedsDir}, {"list", "-n", "50", seedsDir}, {"topics", "-n", "2", seedsDir}} {
		if r := executeOn(t, tty, args...); r.stderr != "" {
			t.Errorf("%q: nothing cut, stderr %q", args, r.stderr)
		}
	}
}

// TestProgressOnlyOnTerminal (command part; the drawing is tested in
// pkg/progress): through the real streams (iostreams.System on files),
// with the delay taken away, a load draws its line on a terminal's stderr
// and erases it before the output; nothing on a pipe, with --quiet, in CI
// or on TERM=dumb.
func TestProgressOnlyOnTerminal(t *testing.T) {
	dir := t.TempDir()
	run := func(t *testing.T, env map[string]string, args ...string) (stderr, stdout string) {
		t.Helper()
		for _, k := range []string{"SEEDSCOPE_FORCE_STDERR_TTY", "CI", "TERM", "SEEDSCOPE_FORCE_TTY", "SEEDSCOPE_PAGER"} {
			t.Setenv(k, env[k])
			if _, ok := env[k]; !ok {
				os.Unsetenv(k)
			}
		}
		errFile, err := os.Create(filepath.Join(dir, "stderr"))
		if err != nil {
			t.Fatal(err)
		}
		outFile, err := os.Create(filepath.Join(dir, "stdout"))
		if err != nil {
			t.Fatal(err)
		}
		oldErr, oldOut := os.Stderr, os.Stdout
		os.Stderr, os.Stdout = errFile, outFile
		ios := iostreams.System()
		os.Stderr, os.Stdout = oldErr, oldOut
		ios.SetProgressDelay(0)
		Execute(ios, testBuild, args)
		errFile.Close()
		outFile.Close()
		e, _ := os.ReadFile(errFile.Name())
		o, _ := os.ReadFile(outFile.Name())
		return string(e), string(o)
	}
	terminal := map[string]string{"SEEDSCOPE_FORCE_STDERR_TTY": "1", "TERM": "xterm"}
	for _, tt := range []struct {
		args  []string
		label string
	}{
		{[]string{"list", seedsDir}, "reading…"},
		{[]string{"topics", seedsDir}, "reading…"},
		{[]string{"validate", seedsDir}, "checking…"},
	} {
		stderr, stdout := run(t, terminal, tt.args...)
		if !strings.HasPrefix(stderr, "\r\x1b[2K"+tt.label+" ") || !strings.HasSuffix(stderr, "\r\x1b[2K") {
			t.Errorf("%q on a terminal: stderr %q, want a progress line, erased", tt.args, stderr)
		}
		if strings.Contains(stdout, "\x1b") || stdout == "" {
			t.Errorf("%q: stdout %q", tt.args, stdout)
		}
		for name, env := range map[string]map[string]string{
			"pipe":      {"TERM": "xterm"},
			"CI":        {"SEEDSCOPE_FORCE_STDERR_TTY": "1", "TERM": "xterm", "CI": "1"},
			"CI=true":   {"SEEDSCOPE_FORCE_STDERR_TTY": "1", "CI": "true"},
			"TERM=dumb": {"SEEDSCOPE_FORCE_STDERR_TTY": "1", "TERM": "dumb"},
		} {
			if stderr, _ := run(t, env, tt.args...); stderr != "" {
				t.Errorf("%q, %s: stderr %q", tt.args, name, stderr)
			}
		}
		if stderr, _ := run(t, terminal, append(tt.args, "--quiet")...); stderr != "" {
			t.Errorf("%q --quiet: stderr %q", tt.args, stderr)
		}
	}
	// A load warning erases the line first: it starts a row of its own.
	bad := t.TempDir()
	os.WriteFile(filepath.Join(bad, "a.md"), []byte("---\ntitle: [unclosed\n---\n"), 0o644)
	stderr, _ := run(t, terminal, "list", bad)
	for _, l := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
		if i := strings.Index(l, messagePrefix); i > 0 && !strings.HasSuffix(l[:i], "\r\x1b[2K") {
			t.Errorf("message shares a row with the progress line: %q", l)
		}
	}
	if !strings.Contains(stderr, "\r\x1b[2Kseedscope: ") {
		t.Errorf("no warning after the line: %q", stderr)
	}
}

// checkNote runs args with stdout and stderr on a terminal, where the
// note want must be all of stderr, and with either on a pipe or with
// --quiet, where stderr must be empty.
func checkNote(t *testing.T, args []string, want string) {
	t.Helper()
	tty := terminal{stdout: true, stderr: true}
	r := executeOn(t, tty, args...)
	if r.status != 0 || r.stderr != messagePrefix+want+"\n" {
		t.Errorf("%q: status %d, stderr %q, want %q", args, r.status, r.stderr, want)
	}
	for name, term := range map[string]terminal{"stdout pipe": {stderr: true}, "stderr pipe": {stdout: true}} {
		if r := executeOn(t, term, args...); r.stderr != "" {
			t.Errorf("%q, %s: stderr %q", args, name, r.stderr)
		}
	}
	if r := executeOn(t, tty, append(args, "--quiet")...); r.stderr != "" {
		t.Errorf("%q --quiet: stderr %q", args, r.stderr)
	}
}
