//go:build unix

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/seedscope/seedscope/pkg/hostiletest"

	"github.com/seedscope/seedscope/pkg/synth"
)

// The tests here run the built binary, as a user or a pipeline would: a
// closed pipe, a full disk, a failing or interrupted export, and every
// command over the hostile corpus.

// callLimit bounds each command; no call over the hostile corpus may take
// longer (a hang detector, the calls take milliseconds).
const callLimit = 10 * time.Second

// memLimit bounds the peak memory of each call. The largest input read
// whole is the 100 MB file with the size limit off.
const memLimit = 400 << 20

// selfMaxRSS is this process's peak resident size in KB.
func selfMaxRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return int64(ru.Maxrss)
}

// buildSeedscope builds the binary into a temporary folder.
func buildSeedscope(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := filepath.Join(t.TempDir(), "seedscope")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

type run struct {
	stdout, stderr string
	code           int
}

// runBin runs bin with args (stdout captured unless cmd.Stdout is set by
// prep) and fails the test if it runs past callLimit or panics.
func runBin(t *testing.T, bin string, prep func(*exec.Cmd), args ...string) run {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), callLimit)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "SEEDSCOPE_FORCE_TTY=")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if prep != nil {
		prep(cmd)
	}
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("seedscope %q: still running after %v", args, callLimit)
	}
	r := run{out.String(), errOut.String(), 0}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	case err != nil:
		t.Fatalf("seedscope %q: %v", args, err)
	}
	// Memory is bounded too: Linux reports the peak resident size in KB.
	// A child's figure starts at its parent's size when it was started
	// (fork and exec carry the high-water mark over), so it says something
	// about seedscope only while this test process stays under the limit,
	// which it does except under -race.
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && runtime.GOOS == "linux" && ru.Maxrss > memLimit>>10 && selfMaxRSS() <= memLimit>>10 {
		t.Errorf("seedscope %q: peak memory %d MB, over %d MB", args, ru.Maxrss>>10, memLimit>>20)
	}
	if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine ") {
		t.Fatalf("seedscope %q panicked:\n%s", args, r.stderr)
	}
	return r
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, de := range des {
		names = append(names, de.Name())
	}
	return names
}

func TestOutputIntegrity(t *testing.T) {
	bin := buildSeedscope(t)
	corpusDir := filepath.Join(t.TempDir(), "corpus")
	if err := synth.Write(corpusDir, 1000, 1, 2); err != nil {
		t.Fatal(err)
	}

	// A reader that stops early (| head) is not an error: no message,
	// status 0.
	t.Run("closed pipe", func(t *testing.T) {
		for _, args := range [][]string{
			{"list", corpusDir},
			{"export", "--format", "ndjson", corpusDir},
			{"export", "--format", "csv", corpusDir},
			{"related", corpusDir},
		} {
			cmd := exec.Command(bin, args...)
			cmd.Env = append(os.Environ(), "NO_COLOR=1")
			var errOut bytes.Buffer
			cmd.Stderr = &errOut
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			first, err := bufio.NewReader(stdout).ReadString('\n')
			if err != nil || first == "" {
				t.Fatalf("%q: no first line: %v", args, err)
			}
			stdout.Close() // the reader goes away with output still to come
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err = <-done:
			case <-time.After(callLimit):
				cmd.Process.Kill()
				t.Fatalf("%q: still running after the pipe closed", args)
			}
			if err != nil || strings.Contains(errOut.String(), "broken pipe") {
				t.Errorf("%q: want status 0 and quiet; got %v, stderr %q", args, err, errOut.String())
			}
		}
	})

	// A full disk is a real failure: a clear message and status 1.
	t.Run("full disk", func(t *testing.T) {
		for _, args := range [][]string{
			{"list", corpusDir},
			{"export", corpusDir},
			{"export", "--format", "csv", corpusDir},
			{"show", "000/000000", corpusDir},
		} {
			full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
			if err != nil {
				t.Skipf("no /dev/full: %v", err)
			}
			r := runBin(t, bin, func(c *exec.Cmd) { c.Stdout = full }, args...)
			full.Close()
			if r.code != 1 || !strings.Contains(r.stderr, "no space left on device") {
				t.Errorf("%q > /dev/full: status %d, stderr %q; want 1 and the reason", args, r.code, r.stderr)
			}
			if n := strings.Count(r.stderr, "no space left on device"); n != 1 {
				t.Errorf("%q > /dev/full: the reason is printed %d times", args, n)
			}
		}
	})

	// export -o writes a temporary file and renames it: a failure leaves an
	// existing file as it was and no temporary file behind.
	t.Run("export -o", func(t *testing.T) {
		dir := t.TempDir()
		out := filepath.Join(dir, "out.json")
		const old = "previous export\n"
		if err := os.WriteFile(out, []byte(old), 0o600); err != nil {
			t.Fatal(err)
		}
		untouched := func(what string) {
			t.Helper()
			if b, _ := os.ReadFile(out); string(b) != old {
				t.Errorf("%s: out.json changed to %.60q", what, b)
			}
			if names := listDir(t, dir); !slices.Equal(names, []string{"out.json"}) {
				t.Errorf("%s: left %q", what, names)
			}
		}

		// The file size limit (ulimit -f, 64 blocks) makes the write fail
		// half-way: the export is several MB.
		r := runBin(t, "/bin/sh", nil, "-c", `ulimit -f 64 && exec "$0" "$@"`, bin, "export", "-o", out, corpusDir)
		if r.code != 1 || !strings.Contains(r.stderr, "file too large") {
			t.Errorf("export over the file size limit: status %d, stderr %q", r.code, r.stderr)
		}
		untouched("failed write")

		r = runBin(t, bin, nil, "export", "-o", dir, corpusDir)
		if r.code != 1 || !strings.Contains(r.stderr, "not a regular file") {
			t.Errorf("export -o a folder: status %d, stderr %q", r.code, r.stderr)
		}
		untouched("a folder as target")

		r = runBin(t, bin, nil, "export", "-o", filepath.Join(dir, "missing", "x.json"), corpusDir)
		if r.code != 1 || !strings.Contains(r.stderr, "no such file or directory") {
			t.Errorf("export -o into a missing folder: status %d, stderr %q", r.code, r.stderr)
		}
		untouched("a missing folder")

		// Success replaces the file whole and keeps its mode.
		r = runBin(t, bin, nil, "export", "--format", "ndjson", "-o", out, corpusDir)
		if r.code != 0 {
			t.Fatalf("export -o: status %d, stderr %q", r.code, r.stderr)
		}
		b, _ := os.ReadFile(out)
		if lines := bytes.Count(b, []byte("\n")); lines != 1000 {
			t.Errorf("export -o wrote %d lines, want 1000", lines)
		}
		if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o600 {
			t.Errorf("export -o changed the mode to %v", fi.Mode().Perm())
		}
		if names := listDir(t, dir); !slices.Equal(names, []string{"out.json"}) {
			t.Errorf("export -o left %q", names)
		}
	})

	// Ctrl-C during a long load stops the command with status 130 and
	// leaves nothing behind.
	t.Run("interrupt", func(t *testing.T) {
		slow := filepath.Join(t.TempDir(), "slow")
		if err := os.Mkdir(slow, 0o755); err != nil {
			t.Fatal(err)
		}
		// Front matter just under the size limit that yaml.v3 needs about
		// half a second each to decode: a load of several seconds.
		big := "---\nitems:\n" + strings.Repeat("- a\n", (1<<20)/4-8) + "---\n"
		for i := range 30 {
			if err := os.WriteFile(filepath.Join(slow, strconv.Itoa(i)+".md"), []byte(big), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		dir := t.TempDir()
		out := filepath.Join(dir, "out.json")
		const old = "previous export\n"
		if err := os.WriteFile(out, []byte(old), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, "export", "--parser", "yaml", "--workers", "1", "-o", out, slow)
		var errOut bytes.Buffer
		cmd.Stderr = &errOut
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(500 * time.Millisecond) // well into the load
		start := time.Now()
		if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		var err error
		select {
		case err = <-done:
		case <-time.After(callLimit):
			cmd.Process.Kill()
			t.Fatal("still running after Ctrl-C")
		}
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 130 || !strings.Contains(errOut.String(), "interrupted") {
			t.Errorf("after Ctrl-C: %v, stderr %q; want status 130 and \"interrupted\"", err, errOut.String())
		}
		t.Logf("stopped %v after Ctrl-C", time.Since(start).Round(time.Millisecond))
		if b, _ := os.ReadFile(out); string(b) != old {
			t.Errorf("out.json changed to %.60q", b)
		}
		if names := listDir(t, dir); !slices.Equal(names, []string{"out.json"}) {
			t.Errorf("left %q", names)
		}
	})
}

// TestHostileCorpusCLI runs every command over the hostile corpus, with
// the cases git cannot hold added: no call panics or hangs, and every
// regular file is a document or a reported problem.
func TestHostileCorpusCLI(t *testing.T) {
	bin := buildSeedscope(t)
	root := hostiletest.Corpus(t, filepath.Join("testdata", "hostile"))
	gen := filepath.Join(root, "gen")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// Over the front matter limit: decoded anyway it would take ~600 MB.
	must(os.WriteFile(filepath.Join(gen, "big-fm.md"), []byte("---\nx:\n"+strings.Repeat("- a\n", 10<<20/4)+"---\n"), 0o644))
	topics := make([]string, 2000)
	for i := range topics {
		topics[i] = "topic" + strconv.Itoa(i)
	}
	must(os.WriteFile(filepath.Join(gen, "wide.md"), []byte("---\ntitle: "+strings.Repeat("t", 64<<10)+
		"\nprovider:\n  name: "+strings.Repeat("p ", 10000)+"\ntopics: ["+strings.Join(topics, ",")+"]\n---\n"), 0o644))

	// The files the loader looks at: every entry with a document ending
	// (regular, FIFO or broken link; hidden ones excluded), and the folder
	// links, each reported as a loop.
	var files, loops int
	must(filepath.WalkDir(root, func(p string, de os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if de.Type()&os.ModeSymlink != 0 {
			if fi, err := os.Stat(p); err == nil && fi.IsDir() {
				loops++
				return nil
			}
		}
		if !de.IsDir() && !strings.HasPrefix(de.Name(), ".") && slices.Contains([]string{".md", ".txt"}, filepath.Ext(p)) {
			files++
		}
		return nil
	}))

	r := runBin(t, bin, nil, "export", "--format", "ndjson", root)
	if r.code != 0 {
		t.Fatalf("export: status %d\n%s", r.code, r.stderr)
	}
	var ids []string
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var d struct{ ID string }
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatalf("ndjson line %.80q: %v", line, err)
		}
		ids = append(ids, d.ID)
	}
	m := regexp.MustCompile(`(\d+) of (\d+) files skipped`).FindStringSubmatch(r.stderr)
	if m == nil {
		t.Fatalf("export: no skipped count in stderr:\n%s", r.stderr)
	}
	skipped, looked := atoi(t, m[1]), atoi(t, m[2])
	// Every file is a document or skipped, and each loop's link is reported.
	if looked != files+loops || len(ids)+skipped != looked {
		t.Errorf("%d documents + %d skipped of %d looked at; %d files + %d symlink loops on disk", len(ids), skipped, looked, files, loops)
	}
	t.Logf("%d files: %d documents, %d skipped", looked, len(ids), skipped)

	for _, args := range [][]string{
		{"list"}, {"list", "--format", "json"}, {"list", "--format", "csv"},
		{"export"}, {"export", "--format", "csv"}, {"export", "--format", "csv", "--safe-csv"},
		{"related"}, {"topics"}, {"providers"},
		{"list", "--parser", "yaml"}, {"list", "--max-file-size", "0"},
	} {
		r := runBin(t, bin, nil, append(args, root)...)
		if r.code != 0 {
			t.Errorf("%q: status %d\n%s", args, r.code, r.stderr)
		}
	}
	if r := runBin(t, bin, nil, "list", root); strings.Count(r.stdout, "\n") != len(ids) {
		t.Errorf("list printed %d rows for %d documents", strings.Count(r.stdout, "\n"), len(ids))
	}
	for i, id := range ids {
		// Every document is shown; a sample goes through the other views
		// (each call loads the whole corpus, so this keeps the test short).
		calls := [][]string{{"show", id}}
		if i%4 == 0 {
			calls = append(calls, []string{"related", id}, []string{"show", "--format", "json", id}, []string{"related", "--backlinks", id})
		}
		for _, args := range calls {
			if r := runBin(t, bin, nil, append(args, root)...); r.code != 0 {
				t.Errorf("%q: status %d\n%s", args, r.code, r.stderr)
			}
		}
	}
	r = runBin(t, bin, nil, "validate", root)
	if r.code != 1 {
		t.Errorf("validate: status %d, want 1 (the corpus has errors)", r.code)
	}
	if m := regexp.MustCompile(`in (\d+) files \((\d+) files checked\)`).FindStringSubmatch(r.stdout); m == nil || atoi(t, m[2]) < files {
		t.Errorf("validate checked fewer than the %d files: %q", files, m)
	}
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestValidateClosedPipe: validate's exit status is its verdict even when
// the reader goes away (validate | head under set -o pipefail): 1 when
// errors were found, 0 when not, and no "broken pipe" message either way.
func TestValidateClosedPipe(t *testing.T) {
	bin := buildSeedscope(t)
	dir := t.TempDir()
	// Far more output than a pipe holds: the writes after the reader
	// left fail with EPIPE.
	many := "Headline\n" + strings.Repeat("It& # 39;s here. ", 20000) + "\n"
	if err := os.WriteFile(filepath.Join(dir, "001_0123456789abcdef.txt"), []byte(many), 0o644); err != nil {
		t.Fatal(err)
	}
	firstLine := func(args ...string) (int, string) {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "NO_COLOR=1")
		var errOut bytes.Buffer
		cmd.Stderr = &errOut
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if first, err := bufio.NewReader(stdout).ReadString('\n'); err != nil || first == "" {
			t.Fatalf("%q: no first line: %v", args, err)
		}
		stdout.Close() // | head -1
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err = <-done:
		case <-time.After(callLimit):
			cmd.Process.Kill()
			t.Fatalf("%q: still running after the pipe closed", args)
		}
		var ee *exec.ExitError
		switch {
		case errors.As(err, &ee):
			return ee.ExitCode(), errOut.String()
		case err != nil:
			t.Fatalf("%q: %v", args, err)
		}
		return 0, errOut.String()
	}
	for _, tt := range []struct {
		args []string
		want int
	}{
		{[]string{"validate", dir}, 0},             // warnings only
		{[]string{"validate", "--strict", dir}, 1}, // warnings fail
		{[]string{"validate", "-f", "json", "--strict", dir}, 1},
		{[]string{"validate", "-f", "sarif", "--strict", dir}, 1},
		{[]string{"validate", "-f", "github", "--strict", dir}, 1},
	} {
		if code, stderr := firstLine(tt.args...); code != tt.want || strings.Contains(stderr, "broken pipe") {
			t.Errorf("%q | head -1: status %d, stderr %q; want %d and quiet", tt.args, code, stderr, tt.want)
		}
	}
	// An error, not just warnings.
	if err := os.WriteFile(filepath.Join(dir, "002_0123456789abcdef.md"), []byte("---\ntitle: [\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stderr := firstLine("validate", dir); code != 1 {
		t.Errorf("validate with an error | head -1: status %d, stderr %q; want 1", code, stderr)
	}
}

// TestHostileCorpusValidateFormats: validate writes every format over the
// hostile corpus (among it 2 MB of broken entities on one line) within
// the time and memory limits, its status is the verdict, and a file name
// that reads as a URI scheme is a relative reference in SARIF.
func TestHostileCorpusValidateFormats(t *testing.T) {
	bin := buildSeedscope(t)
	root := hostiletest.Corpus(t, filepath.Join("testdata", "hostile"))
	discard := func(c *exec.Cmd) { c.Stdout = nil } // os.DevNull: the output is large
	for _, format := range []string{"text", "json", "github", "sarif", "junit"} {
		if r := runBin(t, bin, discard, "validate", "-f", format, root); r.code != 1 {
			t.Errorf("validate -f %s: status %d, want 1\n%s", format, r.code, r.stderr)
		}
	}
	r := runBin(t, bin, func(c *exec.Cmd) { c.Dir = filepath.Join(root, "gen") }, "validate", "-f", "sarif", "javascript:alert(1).md")
	if !strings.Contains(r.stdout, `"uri": "./javascript:alert%281%29.md"`) {
		t.Errorf("SARIF uri of javascript:alert(1).md not a relative reference:\n%.2000s", r.stdout)
	}
}
