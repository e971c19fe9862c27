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

	"github.com/seedscope/seedscope/pkg/hostiletest"

	"github.com/seedscope/seedscope/pkg/synth"
)

// The tests here run the built binary, as a user or a pipeline would: a
// closed pipe, a full disk, a failing or interrupted export, and every
// command over the hostile corpus.

// callLimit bounds each command; no call over the hostile corpus may take
// longer (a hang detector, the calls take milliseconds).
const callLimit = 10 * time.Second

// memLimit bounds the peak memory (resident size) of each call, measured
// on Linux for every call of runBin (see rssFileEnv). The largest input
// read whole is the 100 MB file with the size limit off.
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
	// Every file is a document or skipped, and each loop's link is reported.
	if looked != files+loops || len(ids)+skipped != looked {
		t.Errorf("%d documents + %d skipped of %d looked at; %d files + %d symlink loops on disk", len(ids), skipped, looked, files, loops)
	}
	t.Logf("%d files: %d documents, %d skipped", looked, len(ids), skipped)

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
