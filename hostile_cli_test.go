//go:build unix

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
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
	"unicode"

	"github.com/seedscope/seedscope/internal/hostiletest"
	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/termsafe"

	"github.com/seedscope/seedscope/internal/synth"
)

// The tests here run the built binary, as a user or a pipeline would: a
// closed pipe, a full disk, a failing or interrupted export, and every
// command over the hostile corpus.

// callLimit bounds each command; no call over the hostile corpus may take
// longer. It is a hang detector, not a speed test: a call takes a second or
// three alone, and a machine running the other test packages (or -race)
// beside it must not make it fail.
const callLimit = 30 * time.Second

// memLimit bounds the peak memory (resident size) of each call, measured
// on Linux for every call of runBin (see rssFileEnv). The largest inputs
// read whole are the 10 MB front matter and the 1 MiB ones yaml.v3
// parses; the 100 MB file, binary, is read no further than its first
// 8,000 bytes, even with the size limit off.
const memLimit = 400 << 20

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
	// maxRSS is the call's peak resident size in KB (0: not measured).
	maxRSS int64
}

// rssFileEnv, set in the environment of this test binary, makes it a
// wrapper that runs its arguments as a command, on the same streams, exits
// with the command's status and writes its peak resident size (KB) to the
// file the variable names. Linux reports a child's peak as at least the
// peak of the process that started it (the vfork and exec of os/exec carry
// the high-water mark over), so seedscope started from this large test
// process directly would seem as large as it; started from the small
// wrapper, its figure is its own.
const rssFileEnv = "SEEDSCOPE_TEST_RSS_FILE"

func init() {
	if path := os.Getenv(rssFileEnv); path != "" {
		os.Exit(rssWrap(path, os.Args[1:]))
	}
}

func rssWrap(path string, args []string) int {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, rssFileEnv+"=") })
	err := cmd.Run()
	if cmd.ProcessState == nil {
		os.Stderr.WriteString("rss wrapper: " + err.Error() + "\n")
		return 127
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		os.WriteFile(path, []byte(strconv.FormatInt(int64(ru.Maxrss), 10)), 0o644)
	}
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 128 + int(ws.Signal())
	}
	return cmd.ProcessState.ExitCode()
}

// runBin runs bin with args (stdout captured unless cmd.Stdout is set by
// prep) and fails the test if it runs past callLimit or memLimit, panics,
// or prints on stderr a line that is not one of seedscope's messages.
func runBin(t *testing.T, bin string, prep func(*exec.Cmd), args ...string) run {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), callLimit)
	defer cancel()
	// On Linux the call runs under the wrapper (see rssFileEnv), in a
	// process group of its own that a timeout kills whole.
	measure := runtime.GOOS == "linux"
	name, argv := bin, args
	var rssFile string
	if measure {
		self, err := os.Executable()
		if err != nil {
			t.Fatal(err)
		}
		rssFile = filepath.Join(t.TempDir(), "maxrss")
		name, argv = self, append([]string{bin}, args...)
	}
	cmd := exec.CommandContext(ctx, name, argv...)
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "SEEDSCOPE_FORCE_TTY=")
	if measure {
		cmd.Env = append(cmd.Env, rssFileEnv+"="+rssFile)
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	}
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if prep != nil {
		prep(cmd)
	}
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("seedscope %q: still running after %v", args, callLimit)
	}
	r := run{stdout: out.String(), stderr: errOut.String()}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	case err != nil:
		t.Fatalf("seedscope %q: %v", args, err)
	}
	if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine ") {
		t.Fatalf("seedscope %q panicked:\n%s", args, r.stderr)
	}
	// Memory is bounded too: Linux reports the peak resident size in KB.
	if measure {
		b, err := os.ReadFile(rssFile)
		if err != nil {
			t.Fatalf("seedscope %q: no peak memory figure: %v (stderr %q)", args, err, r.stderr)
		}
		r.maxRSS = int64(atoi(t, string(b)))
		if r.maxRSS > memLimit>>10 {
			t.Errorf("seedscope %q: peak memory %d MB, over %d MB", args, r.maxRSS>>10, memLimit>>20)
		}
	}
	checkStderr(t, args, r.stderr)
	return r
}

// checkStderr fails unless every line on stderr is one of seedscope's
// messages, "seedscope: …" (or the usage hint after it): a name or an
// argument in a message cannot start a line, so it cannot forge a message
// or a CI workflow command ("::error …").
func checkStderr(t *testing.T, args []string, stderr string) {
	t.Helper()
	if stderr == "" {
		return
	}
	if !strings.HasSuffix(stderr, "\n") {
		t.Errorf("seedscope %q: stderr does not end in a newline: %q", args, stderr)
	}
	for _, l := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
		if !strings.HasPrefix(l, "seedscope: ") && !strings.HasPrefix(l, "Run 'seedscope") {
			t.Errorf("seedscope %q: stderr line %.120q is not a seedscope message", args, l)
		}
		if strings.ContainsAny(l, "\r\x1b\x07\u2028\u2029\u200b\ufeff") {
			t.Errorf("seedscope %q: stderr line %.120q holds a raw control or invisible character", args, l)
		}
	}
}

// checkNoCommands fails if a line of text, as the GitHub Actions runner
// reads it (leading white space trimmed), is a workflow command.
func checkNoCommands(t *testing.T, what, text string) {
	t.Helper()
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(strings.TrimLeftFunc(l, unicode.IsSpace), "::") {
			t.Errorf("%s: line %.120q reads as a workflow command", what, l)
		}
	}
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

// headOne runs bin with args as "bin args | head -1" would: it reads the
// first line of stdout, closes the pipe with output still to come, and
// returns the exit status and stderr.
func headOne(t *testing.T, bin string, args ...string) (int, string) {
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
	stdout.Close() // the reader goes away with output still to come
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
			if code, stderr := headOne(t, bin, args...); code != 0 || strings.Contains(stderr, "broken pipe") {
				t.Errorf("%q | head -1: want status 0 and quiet; got status %d, stderr %q", args, code, stderr)
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
		slow := slowCorpus(t)
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
	// (regular, FIFO, file link or broken link; hidden ones excluded), and
	// the folder links. Links met in folders are not followed by default:
	// each is reported as skipped, so nothing under them is looked at.
	var files, folderLinks int
	must(filepath.WalkDir(root, func(p string, de os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if de.Type()&os.ModeSymlink != 0 {
			if fi, err := os.Stat(p); err == nil && fi.IsDir() {
				folderLinks++
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
	var ids, paths []string
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var d struct{ ID, Path string }
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatalf("ndjson line %.80q: %v", line, err)
		}
		ids = append(ids, d.ID)
		paths = append(paths, d.Path)
	}
	m := regexp.MustCompile(`(\d+) of (\d+) files skipped`).FindStringSubmatch(r.stderr)
	if m == nil {
		t.Fatalf("export: no skipped count in stderr:\n%s", r.stderr)
	}
	skipped, looked := atoi(t, m[1]), atoi(t, m[2])
	// Every file is a document or skipped, and each folder link is reported.
	if looked != files+folderLinks || len(ids)+skipped != looked {
		t.Errorf("%d documents + %d skipped of %d looked at; %d files + %d folder links on disk", len(ids), skipped, looked, files, folderLinks)
	}
	t.Logf("%d files: %d documents, %d skipped", looked, len(ids), skipped)
	if strings.Contains(r.stdout, "Outside the corpus") {
		t.Errorf("export read a file outside the corpus through a symlink")
	}
	checkFollowAccounting(t, bin, root)

	// Every command in every format over the whole corpus, within the time
	// and memory limits (runBin), with stdout well formed for its format
	// and terminal text unable to forge a line.
	var peak run
	var peakArgs []string
	call := func(want int, kind outKind, prep func(*exec.Cmd), args ...string) run {
		t.Helper()
		r := runBin(t, bin, prep, append(args, root)...)
		if r.maxRSS > peak.maxRSS {
			peak, peakArgs = r, args
		}
		if r.code != want {
			t.Errorf("%q: status %d, want %d\n%s", args, r.code, want, r.stderr)
		}
		checkOutput(t, args, kind, r.stdout)
		return r
	}
	tty := func(c *exec.Cmd) { c.Env = append(c.Env, "SEEDSCOPE_FORCE_TTY=100") }
	table := []string{"--format", "table"} // with tty: fitted to the width
	formats := map[string][]struct {
		kind outKind
		args []string
	}{
		"list":      {{textOut, table}, {jsonOut, []string{"--format", "json"}}, {ndjsonOut, []string{"--format", "ndjson"}}, {csvOut, []string{"--format", "csv"}}},
		"related":   {{textOut, table}, {textOut, nil}, {jsonOut, []string{"--format", "json"}}, {ndjsonOut, []string{"--format", "ndjson"}}, {csvOut, []string{"--format", "csv"}}},
		"stats":     {{textOut, table}, {textOut, nil}, {ndjsonOut, []string{"--format", "ndjson"}}, {csvOut, []string{"--format", "csv"}}},
		"topics":    {{textOut, table}, {textOut, nil}, {jsonOut, []string{"--format", "json"}}, {csvOut, []string{"--format", "csv"}}},
		"providers": {{textOut, table}, {textOut, nil}, {jsonOut, []string{"--format", "json"}}, {csvOut, []string{"--format", "csv"}}},
		"search":    {{textOut, append([]string{"red bold click evil end"}, table...)}, {textOut, []string{"red bold click evil end", "-n", "0"}}, {jsonOut, []string{"red bold click evil end", "--format", "json"}}, {csvOut, []string{"red bold click evil end", "--format", "csv"}}},
	}
	for command, fs := range formats {
		for _, f := range fs {
			prep := func(*exec.Cmd) {}
			if slices.Equal(f.args, table) {
				prep = tty
			}
			call(0, f.kind, prep, append([]string{command}, f.args...)...)
		}
	}
	for _, c := range []struct {
		kind outKind
		args []string
	}{
		{textOut, []string{"list", "--parser", "yaml"}},
		{textOut, []string{"list", "--max-file-size", "0"}},
		{jsonOut, []string{"export"}},
		{ndjsonOut, []string{"export", "--format", "ndjson", "--stream"}},
		{csvOut, []string{"export", "--format", "csv"}},
		{csvOut, []string{"export", "--format", "csv", "--safe-csv"}},
		{textOut, []string{"validate", "--rules"}},
	} {
		call(0, c.kind, nil, c.args...)
	}
	if r := call(0, textOut, nil, "list"); strings.Count(r.stdout, "\n") != len(ids) {
		t.Errorf("list printed %d rows for %d documents", strings.Count(r.stdout, "\n"), len(ids))
	}
	var st struct{ Files, Documents, Skipped int }
	if r := call(0, jsonOut, nil, "stats", "--format", "json"); json.Unmarshal([]byte(r.stdout), &st) != nil ||
		st.Files != looked || st.Documents != len(ids) || st.Skipped != skipped {
		t.Errorf("stats: %+v; want %d files, %d documents, %d skipped", st, looked, len(ids), skipped)
	}

	// export -o writes the same documents to a file.
	outDir := t.TempDir()
	for _, f := range []struct {
		format string
		kind   outKind
	}{{"json", jsonOut}, {"ndjson", ndjsonOut}, {"csv", csvOut}} {
		out := filepath.Join(outDir, "out."+f.format)
		if r := call(0, noOut, nil, "export", "--format", f.format, "-o", out); r.stdout != "" {
			t.Errorf("export -o %s: stdout %.80q", f.format, r.stdout)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatalf("export -o %s: %v", f.format, err)
		}
		checkOutput(t, []string{"export", "-o", out}, f.kind, string(b))
		if f.kind == ndjsonOut && bytes.Count(b, []byte("\n")) != len(ids) {
			t.Errorf("export -o %s: %d lines for %d documents", f.format, bytes.Count(b, []byte("\n")), len(ids))
		}
	}

	// Every document is shown, by its path from its file alone (a call
	// that loads the whole corpus takes a few hundred milliseconds); a
	// sample is shown and followed in the whole corpus, in each format.
	for _, p := range paths {
		p = unescapePath(p) // the file's real name
		r := runBin(t, bin, nil, "show", p, p)
		if r.code != 0 {
			t.Errorf("show %q: status %d\n%s", p, r.code, r.stderr)
		}
		checkOutput(t, []string{"show", p}, textOut, r.stdout)
	}
	shows := []struct {
		kind outKind
		prep func(*exec.Cmd)
		args []string
	}{
		{textOut, nil, nil}, {textOut, tty, nil}, {jsonOut, nil, []string{"--format", "json"}},
		{ndjsonOut, nil, []string{"--format", "ndjson"}}, {csvOut, nil, []string{"--format", "csv"}},
	}
	relateds := [][]string{nil, {"--backlinks"}, {"--format", "json"}}
	for i := range max(len(shows), len(relateds)) {
		id := ids[i*len(ids)/max(len(shows), len(relateds))]
		if i < len(shows) {
			call(0, shows[i].kind, shows[i].prep, append(append([]string{"show"}, shows[i].args...), id)...)
		}
		if i < len(relateds) {
			kind := textOut
			if len(relateds[i]) == 2 {
				kind = jsonOut
			}
			call(0, kind, nil, append(append([]string{"related"}, relateds[i]...), id)...)
		}
	}

	r = call(1, textOut, nil, "validate")
	if m := regexp.MustCompile(`in (\d+) files \((\d+) files checked\)`).FindStringSubmatch(r.stdout); m == nil || atoi(t, m[2]) < files {
		t.Errorf("validate checked fewer than the %d files: %q", files, m)
	}
	call(1, textOut, tty, "validate")
	call(1, jsonOut, nil, "validate", "--format", "json")
	call(1, jsonOut, nil, "validate", "--format", "sarif")
	call(1, xmlOut, nil, "validate", "--format", "junit")
	gh := call(1, githubOut, nil, "validate", "--format", "github")

	// The deceptive names (hostiletest.DeceptiveNames) stay on their line
	// wherever they are printed.
	var named []string
	for _, n := range hostiletest.DeceptiveNames {
		if n.Title != "" {
			named = append(named, n.Name)
		}
	}
	prefix := "gen/" + hostiletest.DeceptiveDir + "/"
	r = call(1, noOut, nil, "show", prefix)
	// The load's diagnostics come first, then the candidates.
	header := fmt.Sprintf("seedscope: %q matches %d documents:\n", prefix, len(named))
	if i := strings.Index(r.stderr, header); i < 0 {
		t.Errorf("show %s: no line %q on stderr:\n%s", prefix, header, r.stderr)
	} else if n := strings.Count(r.stderr[i:], "\n"); n != 1+min(len(named), 10)+min(max(len(named)-10, 0), 1) {
		t.Errorf("show %s: %d lines for %d candidates:\n%s", prefix, n, len(named), r.stderr[i:])
	}
	if !strings.Contains(r.stderr, "\nseedscope:   gen/names/<U+200B>c\n") || !strings.Contains(r.stderr, "\nseedscope:   gen/names/c\n") {
		t.Errorf("show %s: zero-width candidates not told apart:\n%s", prefix, r.stderr)
	}
	r = call(0, textOut, nil, "list", "--verbose")
	if !strings.Contains(r.stderr, "\nseedscope: "+filepath.Join(root, "gen", "names", "y ::error title=forged::all clean.md")+":1:1: front matter") {
		t.Errorf("list -v: no one-line diagnostic for the forged name:\n%s", r.stderr)
	}
	for _, name := range []string{"y%0A%3A%3Aerror title=forged%3A%3Aall clean.md", "%250A%3A%3Anotice%3A%3Apercent%2C comma%3A colon.md"} {
		if !strings.Contains(gh.stdout, "/gen/names/"+name+",line=1,col=1,") {
			t.Errorf("validate --format github: no annotation for %q", name)
		}
	}
	call(1, noOut, nil, "show", "nothing\n::error title=forged::x")
	forgedPath := filepath.Join(root, "missing\n::error title=forged::all clean.md")
	runBin(t, bin, nil, "list", forgedPath)
	runBin(t, bin, nil, "validate", forgedPath)
	call(1, noOut, nil, "export", "-o", filepath.Join(outDir, "missing\n::error title=forged::x", "out.json"))
	runBin(t, bin, nil, "list", "--format", "x\n::error title=forged::x", root)
	runBin(t, bin, nil, "show\n::error title=forged::x")
	if peak.maxRSS > 0 {
		t.Logf("peak memory %d MB (%q)", peak.maxRSS>>10, peakArgs)
	}
}

// outKind is what a call prints on stdout.
type outKind int

const (
	noOut     outKind = iota // anything (checked elsewhere)
	textOut                  // text for people: tables, TSV, show, findings
	jsonOut                  // one JSON value
	ndjsonOut                // one JSON value a line
	csvOut                   // RFC 4180
	githubOut                // GitHub Actions workflow commands
	xmlOut                   // XML (JUnit)
)

// githubCommand is one annotation, its properties escaped: no ":" or ","
// inside a value, no line break anywhere.
var githubCommand = regexp.MustCompile(`^::(error|warning) file=[^:,\r]+(,line=\d+(,col=\d+)?)?,title=[a-z0-9-]+::[^\r]*$`)

// checkOutput checks stdout is well formed for its kind, and that text
// for people holds nothing a terminal or a CI log would act on.
func checkOutput(t *testing.T, args []string, kind outKind, out string) {
	t.Helper()
	what := fmt.Sprintf("seedscope %q", args)
	switch kind {
	case textOut:
		checkNoCommands(t, what, out)
		if i := strings.IndexAny(out, "\x1b\x07\r\u2028\u200b\u200d\ufeff\u202e\u00ad"); i >= 0 {
			t.Errorf("%s: raw control or invisible character in %.80q", what, out[max(i-40, 0):])
		}
	case jsonOut:
		if !json.Valid([]byte(out)) {
			t.Errorf("%s: not JSON: %.200q", what, out)
		}
	case ndjsonOut:
		for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if !json.Valid([]byte(l)) {
				t.Errorf("%s: line not JSON: %.200q", what, l)
			}
		}
	case csvOut:
		if _, err := csv.NewReader(strings.NewReader(out)).ReadAll(); err != nil {
			t.Errorf("%s: not CSV: %v", what, err)
		}
	case githubOut:
		for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if !githubCommand.MatchString(l) {
				t.Errorf("%s: not a well-escaped workflow command: %.200q", what, l)
			}
		}
	case xmlOut:
		d := xml.NewDecoder(strings.NewReader(out))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Errorf("%s: not XML: %v", what, err)
				break
			}
		}
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

// checkFollowAccounting exports the hostile corpus with --follow: the
// symlink diamond and the loops end, each real file is a document at most
// once, and every regular document file under the corpus (and the one
// outside it that a link leads to) is a document or named in a warning.
func checkFollowAccounting(t *testing.T, bin, root string) {
	t.Helper()
	r := runBin(t, bin, nil, "export", "--follow", "--verbose", "--format", "ndjson", root)
	if r.code != 0 {
		t.Fatalf("export --follow: status %d\n%s", r.code, r.stderr)
	}
	type fileKey struct{ dev, ino uint64 }
	keyOf := func(p string) (fileKey, bool) {
		fi, err := os.Stat(p)
		if err != nil {
			return fileKey{}, false
		}
		st := fi.Sys().(*syscall.Stat_t)
		return fileKey{uint64(st.Dev), uint64(st.Ino)}, fi.Mode().IsRegular()
	}
	docs := map[fileKey]string{}
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		var d struct{ ID, Path string }
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatalf("ndjson line %.80q: %v", line, err)
		}
		n++
		k, _ := keyOf(unescapePath(d.Path))
		if first, dup := docs[k]; dup {
			t.Errorf("export --follow: %s and %s are the same file", first, d.Path)
		}
		docs[k] = d.Path
	}
	m := regexp.MustCompile(`(\d+) of (\d+) files skipped`).FindStringSubmatch(r.stderr)
	if m == nil {
		t.Fatalf("export --follow: no skipped count in stderr:\n%s", r.stderr)
	}
	if skipped, looked := atoi(t, m[1]), atoi(t, m[2]); n+skipped != looked {
		t.Errorf("export --follow: %d documents + %d skipped != %d looked at", n, skipped, looked)
	}
	// Every regular file with a document ending, reached through links or
	// not, is a document or named on stderr.
	var missing []string
	filepath.WalkDir(root, func(p string, de os.DirEntry, err error) error {
		if err != nil || de.IsDir() || strings.HasPrefix(de.Name(), ".") || !slices.Contains([]string{".md", ".txt"}, filepath.Ext(p)) {
			return nil
		}
		k, regular := keyOf(p)
		if _, ok := docs[k]; !ok && regular && !strings.Contains(r.stderr, termsafe.Line(strings.TrimPrefix(p, root))) {
			missing = append(missing, p)
		}
		return nil
	})
	if len(missing) > 0 {
		t.Errorf("export --follow: neither a document nor reported: %q", missing)
	}
	if !strings.Contains(r.stdout, "Outside the corpus") {
		t.Errorf("export --follow did not read the file a followed link leads to")
	}
}

// unescapePath undoes the escaping of names that are not UTF-8 in printed
// paths: each \xNN is byte NN.
func unescapePath(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) && s[i+1] == 'x' {
			if c, err := strconv.ParseUint(s[i+2:i+4], 16, 8); err == nil {
				b = append(b, byte(c))
				i += 3
				continue
			}
		}
		b = append(b, s[i])
	}
	return string(b)
}

// TestExportTargets: export -o writes through symlinks, writes devices,
// FIFOs and /dev/stdout directly, honours the umask for a new file and
// refuses to overwrite one of its own input files.
func TestExportTargets(t *testing.T) {
	bin := buildSeedscope(t)
	seeds, err := filepath.Abs("seeds")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()

	t.Run("through a symlink", func(t *testing.T) {
		target := filepath.Join(dir, "real.json")
		link := filepath.Join(dir, "link.json")
		os.WriteFile(target, []byte("old"), 0o640)
		os.Symlink("real.json", link)
		if r := runBin(t, bin, nil, "export", "-o", link, seeds); r.code != 0 {
			t.Fatalf("status %d: %s", r.code, r.stderr)
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("the link was replaced")
		}
		if b, _ := os.ReadFile(target); !bytes.HasPrefix(b, []byte("[")) {
			t.Errorf("the link's target holds %.40q", b)
		}
		if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o640 {
			t.Errorf("target mode %v, want 0640 kept", fi.Mode().Perm())
		}
	})

	t.Run("umask", func(t *testing.T) {
		out := filepath.Join(dir, "new.json")
		r := runBin(t, "/bin/sh", nil, "-c", `umask 027 && exec "$0" "$@"`, bin, "export", "-o", out, seeds)
		if r.code != 0 {
			t.Fatalf("status %d: %s", r.code, r.stderr)
		}
		if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o640 {
			t.Errorf("new file under umask 027: mode %v, want 0640", fi.Mode().Perm())
		}
	})

	t.Run("/dev/stdout", func(t *testing.T) {
		// Redirected to a file, and to a pipe: the redirect gets the bytes.
		redirect := filepath.Join(dir, "redirect.json")
		f, err := os.Create(redirect)
		if err != nil {
			t.Fatal(err)
		}
		r := runBin(t, bin, func(c *exec.Cmd) { c.Stdout = f }, "export", "-o", "/dev/stdout", seeds)
		f.Close()
		if b, _ := os.ReadFile(redirect); r.code != 0 || !bytes.HasPrefix(b, []byte("[")) {
			t.Errorf("-o /dev/stdout > file: status %d, file %.40q, stderr %s", r.code, b, r.stderr)
		}
		r = runBin(t, bin, nil, "export", "--format", "ndjson", "-o", "/dev/stdout", seeds)
		if r.code != 0 || strings.Count(r.stdout, "\n") != 5 {
			t.Errorf("-o /dev/stdout | pipe: status %d, %d lines, stderr %s", r.code, strings.Count(r.stdout, "\n"), r.stderr)
		}
		if fi, err := os.Lstat("/dev/stdout"); err == nil && fi.Mode().IsRegular() {
			t.Errorf("/dev/stdout became a regular file")
		}
		if r := runBin(t, bin, nil, "export", "-o", os.DevNull, seeds); r.code != 0 {
			t.Errorf("-o /dev/null: status %d: %s", r.code, r.stderr)
		}
	})

	t.Run("FIFO", func(t *testing.T) {
		fifo := filepath.Join(dir, "fifo")
		if err := syscall.Mkfifo(fifo, 0o600); err != nil {
			t.Fatal(err)
		}
		got := make(chan []byte, 1)
		go func() { b, _ := os.ReadFile(fifo); got <- b }()
		if r := runBin(t, bin, nil, "export", "--format", "csv", "-o", fifo, seeds); r.code != 0 {
			t.Fatalf("status %d: %s", r.code, r.stderr)
		}
		if b := <-got; !bytes.HasPrefix(b, []byte("id,path,")) {
			t.Errorf("the FIFO's reader got %.40q", b)
		}
		if fi, _ := os.Lstat(fifo); fi.Mode()&os.ModeNamedPipe == 0 {
			t.Errorf("the FIFO was replaced")
		}
	})

	t.Run("own input", func(t *testing.T) {
		corpusDir := filepath.Join(dir, "corpus")
		if err := os.CopyFS(corpusDir, os.DirFS(seeds)); err != nil {
			t.Fatal(err)
		}
		input := filepath.Join(corpusDir, "003_ecfceb46a7c3448c.txt")
		before, _ := os.ReadFile(input)
		os.Symlink(input, filepath.Join(dir, "input-link"))
		os.Link(input, filepath.Join(dir, "input-hardlink"))
		for _, tc := range []struct {
			out  string
			args []string
		}{
			{input, []string{corpusDir}},
			{input, []string{input}},
			{input, []string{"--stream", corpusDir}},
			{filepath.Join(dir, "input-link"), []string{corpusDir}},
			{filepath.Join(dir, "input-hardlink"), []string{corpusDir}},
			{filepath.Join(dir, "input-hardlink"), []string{"--stream", "--format", "csv", corpusDir}},
		} {
			r := runBin(t, bin, nil, append([]string{"export", "-o", tc.out}, tc.args...)...)
			if r.code != 1 || !strings.Contains(r.stderr, "refusing to write the output over one of the input files") {
				t.Errorf("export -o %s %q: status %d, stderr %q; want 1 and a refusal", tc.out, tc.args, r.code, r.stderr)
			}
			if after, _ := os.ReadFile(input); !bytes.Equal(before, after) {
				t.Fatalf("export -o %s %q changed the input", tc.out, tc.args)
			}
		}
		if names := listDir(t, corpusDir); len(names) != 5 {
			t.Errorf("the corpus folder holds %q", names)
		}
	})
}

// slowCorpus writes files that yaml.v3 takes a tenth of a second or more
// each to decode (front matter just under the node limit): a load of
// several seconds with --parser yaml --workers 1.
func slowCorpus(t *testing.T) string {
	t.Helper()
	slow := filepath.Join(t.TempDir(), "slow")
	if err := os.Mkdir(slow, 0o755); err != nil {
		t.Fatal(err)
	}
	big := "---\nitems:\n" + strings.Repeat("- a\n", corpus.MaxFrontMatterNodes-100) + "---\n"
	for i := range 60 {
		if err := os.WriteFile(filepath.Join(slow, strconv.Itoa(i)+".md"), []byte(big), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return slow
}

// waitFor polls cond until it holds or the process ends (done receives);
// it fails the test past callLimit.
func waitFor(t *testing.T, what string, done <-chan error, cond func() bool) (exited bool, err error) {
	t.Helper()
	deadline := time.Now().Add(callLimit)
	for !cond() {
		select {
		case err := <-done:
			return true, err
		case <-time.After(5 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not reached after %v", what, callLimit)
		}
	}
	return false, nil
}

// stopWith sends sig to cmd and returns its exit status; the process must
// end within callLimit.
func stopWith(t *testing.T, cmd *exec.Cmd, done <-chan error, sig syscall.Signal) int {
	t.Helper()
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(callLimit):
		cmd.Process.Kill()
		t.Fatalf("still running %v after %v", callLimit, sig)
	}
	return -1
}

func start(t *testing.T, cmd *exec.Cmd) <-chan error {
	t.Helper()
	cmd.Env = append(os.Environ(), cmd.Env...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() { cmd.Process.Kill() })
	return done
}

// hasRead reports whether process pid has read at least n bytes
// (Linux's /proc/PID/io): once it has read one file of the slow corpus it
// is loading, for seconds more. (An open file is seen only while it is
// read, a moment per file, and a busy machine can miss every one.)
func hasRead(pid int, n int64) bool {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "io"))
	if err != nil {
		return false
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "rchar: "); ok {
			read, err := strconv.ParseInt(v, 10, 64)
			return err == nil && read >= n
		}
	}
	return false
}

// blockedIn reports whether a thread of process pid waits in one of the
// kernel functions named (Linux's /proc/PID/task/*/wchan).
func blockedIn(pid int, funcs ...string) bool {
	tasks, _ := filepath.Glob(filepath.Join("/proc", strconv.Itoa(pid), "task", "*", "wchan"))
	for _, task := range tasks {
		if b, err := os.ReadFile(task); err == nil && slices.Contains(funcs, string(b)) {
			return true
		}
	}
	return false
}

// TestSignals: SIGINT (130) and SIGTERM (143) end a command at any phase —
// loading, writing to a pipe nobody reads, blocked opening a FIFO, about
// to rename its output — and export -o then leaves the old file as it was
// and no temporary file.
func TestSignals(t *testing.T) {
	bin := buildSeedscope(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "out.json")
	const old = "previous export\n"
	untouched := func(t *testing.T) {
		t.Helper()
		if b, _ := os.ReadFile(out); string(b) != old {
			t.Errorf("out.json changed to %.60q", b)
		}
		if names := listDir(t, dir); !slices.Equal(names, []string{"out.json"}) {
			t.Errorf("left %q", names)
		}
	}
	reset := func() {
		if err := os.WriteFile(out, []byte(old), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("SIGTERM while loading", func(t *testing.T) {
		if _, err := os.Stat("/proc/self/io"); err != nil {
			t.Skip("no /proc/PID/io to see what a process reads")
		}
		reset()
		slow := slowCorpus(t)
		first, err := os.Stat(filepath.Join(slow, "0.md"))
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, "export", "--parser", "yaml", "--workers", "1", "-o", out, slow)
		var errOut bytes.Buffer
		cmd.Stderr = &errOut
		done := start(t, cmd)
		// Loading (for seconds): a file of the corpus has been read.
		if exited, err := waitFor(t, "loading", done, func() bool { return hasRead(cmd.Process.Pid, first.Size()) }); exited {
			t.Fatalf("export ended before loading: %v", err)
		}
		if code := stopWith(t, cmd, done, syscall.SIGTERM); code != 143 || !strings.Contains(errOut.String(), "interrupted") {
			t.Errorf("status %d, stderr %q; want 143 and \"interrupted\"", code, errOut.String())
		}
		untouched(t)
	})

	t.Run("SIGINT writing to a stalled pipe", func(t *testing.T) {
		if _, _, err := pipeFill(os.Stdin); errors.Is(err, errors.ErrUnsupported) {
			t.Skip("cannot see how full a pipe is here")
		}
		corpusDir := filepath.Join(t.TempDir(), "corpus")
		if err := synth.Write(corpusDir, 1000, 1, 2); err != nil {
			t.Fatal(err)
		}
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		cmd := exec.Command(bin, "export", corpusDir)
		cmd.Stdout = w
		done := start(t, cmd)
		w.Close()
		// The pipe is full: the export, with more to write, is blocked.
		// The kernel fills a pipe a page at a time, and a write that does
		// not fit waits with the last page or two part-filled: full is
		// within two pages of the size (seedscope grows its stdout pipe,
		// so the size is not 64 KiB).
		if exited, err := waitFor(t, "a full pipe", done, func() bool {
			queued, size, err := pipeFill(r)
			return err == nil && size > 0 && queued >= size-2*os.Getpagesize()
		}); exited {
			t.Fatalf("export ended before filling the pipe: %v", err)
		}
		if code := stopWith(t, cmd, done, syscall.SIGINT); code != 130 {
			t.Errorf("status %d, want 130", code)
		}
	})

	t.Run("SIGTERM blocked opening a FIFO", func(t *testing.T) {
		if _, err := os.ReadFile("/proc/self/wchan"); err != nil {
			t.Skip("no /proc/PID/wchan to see where a process waits")
		}
		fifo := filepath.Join(t.TempDir(), "config.yaml")
		if err := syscall.Mkfifo(fifo, 0o600); err != nil {
			t.Fatal(err)
		}
		seeds, _ := filepath.Abs("seeds")
		cmd := exec.Command(bin, "validate", "--config", fifo, seeds)
		var errOut bytes.Buffer
		cmd.Stderr = &errOut
		done := start(t, cmd)
		exited, err := waitFor(t, "blocked opening the FIFO", done, func() bool {
			return blockedIn(cmd.Process.Pid, "wait_for_partner", "fifo_open")
		})
		if exited {
			// validate refused the FIFO without opening it: fine too, as
			// long as it said so.
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 2 {
				t.Errorf("validate --config FIFO ended with %v, stderr %q", err, errOut.String())
			}
			t.Skipf("validate refuses a FIFO as --config: %s", errOut.String())
		}
		if code := stopWith(t, cmd, done, syscall.SIGTERM); code != 143 {
			t.Errorf("status %d, want 143; stderr %q", code, errOut.String())
		}
	})

	t.Run("SIGINT before the rename", func(t *testing.T) {
		reset()
		// A binary with the test hook: it stops just before renaming its
		// output and says so.
		hooked := filepath.Join(t.TempDir(), "seedscope-hooked")
		if b, err := exec.Command("go", "build", "-tags", "seedscope_testhook", "-o", hooked, ".").CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, b)
		}
		ready := filepath.Join(t.TempDir(), "ready")
		seeds, _ := filepath.Abs("seeds")
		for _, stream := range []bool{false, true} {
			os.Remove(ready)
			args := []string{"export", "-o", out, seeds}
			if stream {
				args = append(args, "--stream")
			}
			cmd := exec.Command(hooked, args...)
			cmd.Env = []string{"SEEDSCOPE_TESTHOOK_BEFORE_RENAME=" + ready}
			var errOut bytes.Buffer
			cmd.Stderr = &errOut
			done := start(t, cmd)
			if exited, err := waitFor(t, "about to rename", done, func() bool {
				_, err := os.Stat(ready)
				return err == nil
			}); exited {
				t.Fatalf("export ended before its rename: %v, stderr %q", err, errOut.String())
			}
			if code := stopWith(t, cmd, done, syscall.SIGINT); code != 130 || !strings.Contains(errOut.String(), "interrupted") {
				t.Errorf("stream=%v: status %d, stderr %q; want 130 and \"interrupted\"", stream, code, errOut.String())
			}
			untouched(t)
		}
	})
}

// TestHostileParseCLI runs the commands that once crashed or failed
// on front matter over the hostile corpus: a yaml.v3 panic (a merge key
// whose mapping has a list for a key) took every command down, and a
// date with a +24:00 offset made stats -f json fail for the whole corpus.
// export -o must write its file and leave no temporary one.
func TestHostileParseCLI(t *testing.T) {
	bin := buildSeedscope(t)
	root := hostiletest.Corpus(t, filepath.Join("testdata", "hostile"))
	for _, args := range [][]string{
		{"stats", "-f", "json"}, {"stats"}, {"topics"}, {"show", "merge-unhashable"}, {"show", "--format", "json", "bad-offsets"},
	} {
		r := runBin(t, bin, nil, append(args, root)...)
		if r.code != 0 {
			t.Errorf("%q: status %d\n%s", args, r.code, r.stderr)
		}
		if args[0] == "stats" && len(args) > 1 && !json.Valid([]byte(r.stdout)) {
			t.Errorf("%q: output is not JSON:\n%.300s", args, r.stdout)
		}
	}
	out := t.TempDir()
	r := runBin(t, bin, nil, "export", "-o", filepath.Join(out, "corpus.json"), root)
	if r.code != 0 {
		t.Fatalf("export -o: status %d\n%s", r.code, r.stderr)
	}
	if names := listDir(t, out); !slices.Equal(names, []string{"corpus.json"}) {
		t.Errorf("export -o left %q, want only corpus.json", names)
	}
	b, err := os.ReadFile(filepath.Join(out, "corpus.json"))
	if err != nil || !json.Valid(b) || !bytes.Contains(b, []byte(`"Merge of a mapping with a list for a key"`)) {
		t.Errorf("export -o: not the corpus as JSON (%v)", err)
	}
	r = runBin(t, bin, nil, "validate", root)
	for _, want := range []string{
		"merge-unhashable.md", "bad-offsets.md:3:20", "the time zone offset is outside ±23:59", "more than 100000 YAML nodes",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("validate: no %q in its findings", want)
		}
	}
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
		if code, stderr := headOne(t, bin, tt.args...); code != tt.want || strings.Contains(stderr, "broken pipe") {
			t.Errorf("%q | head -1: status %d, stderr %q; want %d and quiet", tt.args, code, stderr, tt.want)
		}
	}
	// An error, not just warnings.
	if err := os.WriteFile(filepath.Join(dir, "002_0123456789abcdef.md"), []byte("---\ntitle: [\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stderr := headOne(t, bin, "validate", dir); code != 1 {
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

// TestHostileCompletion: shell completion over the hostile corpus (a
// FIFO, symlink loops and a diamond, huge files, names with newlines and
// escapes) returns within callLimit, prints only completions, one per
// line, each a value a shell can take whole, and ends with its directive.
func TestHostileCompletion(t *testing.T) {
	bin := buildSeedscope(t)
	root := hostiletest.Corpus(t, filepath.Join("testdata", "hostile"))
	// show completes the IDs of the default corpus, ./seeds.
	cwd := t.TempDir()
	if err := os.Symlink(root, filepath.Join(cwd, "seeds")); err != nil {
		t.Fatal(err)
	}
	// completion-values.md: of its topics, category and provider, only
	// those a shell can take whole are offered, in the spelling a facet row
	// shows (white space made single spaces, so a newline or tab inside a
	// value becomes a space, which the filter matches as well).
	for _, tc := range []struct{ flag, want string }{
		{"--topic", "new line\t1 document\nok topic\t1 document\nspaced\t1 document\ntab here\t1 document\n"},
		{"--category", "news ::error::forged\t1 document\n"},
	} {
		var errOut bytes.Buffer
		r := runBin(t, bin, func(c *exec.Cmd) { c.Stderr = &errOut }, "__complete", "list", filepath.Join(root, "completion-values.md"), tc.flag, "")
		if want := tc.want + ":36\n"; r.stdout != want {
			t.Errorf("%s: got %q, want %q", tc.flag, r.stdout, want)
		}
	}
	for _, args := range [][]string{
		{"__complete", "show", ""},
		{"__complete", "related", "gen/"},
		{"__complete", "-L", "show", ""},
		{"__complete", "list", root, "--topic", ""},
		{"__complete", "list", "-L", root, "--provider", ""},
		{"__complete", "export", root, "--not-topic", "t"},
		{"__complete", "stats", root, "--category", ""},
		{"__complete", "topics", root, "-L", "--folder", ""},
		{"__complete", "list", root, filepath.Join(root, "gen", "fifo.md"), "--topic", ""},
	} {
		var errOut bytes.Buffer
		r := runBin(t, bin, func(c *exec.Cmd) { c.Dir, c.Stderr = cwd, &errOut }, args...)
		if r.code != 0 {
			t.Errorf("%q: status %d", args, r.code)
		}
		if !strings.HasPrefix(errOut.String(), "Completion ended with directive: ") || strings.Count(errOut.String(), "\n") != 1 {
			t.Errorf("%q: stderr %q, want cobra's directive line alone", args, errOut.String())
		}
		lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
		if !regexp.MustCompile(`^:\d+$`).MatchString(lines[len(lines)-1]) {
			t.Errorf("%q: last line %q is not a directive", args, lines[len(lines)-1])
		}
		values := 0
		for _, l := range lines[:len(lines)-1] {
			value, _, _ := strings.Cut(l, "\t")
			if strings.HasPrefix(value, "_activeHelp_ ") {
				continue
			}
			values++
			if value == "" || value != strings.TrimSpace(value) || termsafe.Line(l) != strings.ReplaceAll(l, "\t", " ") {
				t.Errorf("%q: completion %q is not one clean value", args, l)
			}
		}
		t.Logf("%q: %d values", args, values)
	}
}

// TestHostileCorpusValidateCI: over the hostile corpus, JUnit lists every
// file checked as one test case (odd names escaped, the document still
// XML), --stats counts the same files, and each regular file piped
// through "validate -" under its own name gives the findings validate
// gives on the file itself.
func TestHostileCorpusValidateCI(t *testing.T) {
	bin := buildSeedscope(t)
	root := hostiletest.Corpus(t, filepath.Join("testdata", "hostile"))
	r := runBin(t, bin, nil, "validate", "-f", "junit", root)
	var doc struct {
		Tests int `xml:"tests,attr"`
		Suite struct {
			Cases []struct {
				Name string `xml:"name,attr"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("JUnit output does not parse: %v", err)
	}
	st := runBin(t, bin, nil, "validate", "-f", "json", "--stats", root)
	var stats struct {
		Stats struct{ Files int } `json:"stats"`
	}
	if err := json.Unmarshal([]byte(st.stdout), &stats); err != nil {
		t.Fatalf("--stats JSON: %v", err)
	}
	if doc.Tests != len(doc.Suite.Cases) || doc.Tests != stats.Stats.Files || doc.Tests < 40 {
		t.Errorf("JUnit tests=%d with %d cases; --stats counts %d files", doc.Tests, len(doc.Suite.Cases), stats.Stats.Files)
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, de := range entries {
		p := filepath.Join(root, de.Name())
		if !de.Type().IsRegular() || !slices.Contains([]string{".md", ".txt"}, filepath.Ext(p)) {
			continue
		}
		onDisk := runBin(t, bin, nil, "validate", "-f", "json", p)
		piped := runBin(t, bin, func(c *exec.Cmd) {
			f, err := os.Open(p)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { f.Close() })
			c.Stdin = f
		}, "validate", "-f", "json", "-", "--stdin-filename", p)
		if piped.code != onDisk.code || piped.stdout != onDisk.stdout {
			t.Errorf("%s: piped (status %d)\n%.1000s\non disk (status %d)\n%.1000s", de.Name(), piped.code, piped.stdout, onDisk.code, onDisk.stdout)
		}
	}
}
