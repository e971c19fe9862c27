package cmd

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestStdoutOnePlace keeps every byte cmd/ puts on stdout in pkg/render: a
// line of cmd/ that names the output stream must hand it to a render
// function (or to cobra, for help and completion scripts), and nothing in
// cmd/ prints by itself (fmt.Print*, fmt.Fprint*, io.WriteString, os.Stdout
// — stderr.go's printers excepted, TestStderrOnePlace keeps those).
func TestStdoutOnePlace(t *testing.T) {
	cmdOnly := func(string) bool { return true } // no folder below cmd/
	scanSource(t, ".", cmdOnly, stdoutMisuse)
}

// scanSource calls check on each line of the Go source (tests excluded)
// under dir, skipping the folders skip names, and fails the test with
// each message check returns.
func scanSource(t *testing.T, dir string, skip func(slashPath string) bool, check func(path, line string) string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, de fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case de.IsDir() && p != dir && skip(filepath.ToSlash(p)):
			return filepath.SkipDir
		case de.IsDir(), !strings.HasSuffix(p, ".go"), strings.HasSuffix(p, "_test.go"):
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(b), "\n") {
			if why := check(p, line); why != "" {
				t.Errorf("%s:%d: %s: %s", p, i+1, why, strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

var (
	namesStdout = regexp.MustCompile(`\bOut\b`)
	toRender    = regexp.MustCompile(`render\.\w+(\[[^\]]*\])?\((opts\.Global\.IO|g\.IO|ios)\.Out\b|root\.SetOut\(ios\.Out\)`)
	prints      = regexp.MustCompile(`\bos\.Stdout\b|\bfmt\.(Print|Fprint)|\bio\.(WriteString|Copy)\(|\bprintln\(|\bprint\(`)
)

// stdoutMisuse says what is wrong with a line of file in cmd/, "" if
// nothing.
func stdoutMisuse(file, line string) string {
	code, _, _ := strings.Cut(line, "//")
	if namesStdout.MatchString(code) && !toRender.MatchString(code) {
		return "stdout used other than through pkg/render"
	}
	if file != "stderr.go" && prints.MatchString(code) {
		return "prints outside pkg/render"
	}
	return ""
}

func TestStdoutMisuse(t *testing.T) {
	bad := []string{
		`		_, err = fmt.Fprintf(g.IO.Out, "%s\n", b)`, // show's JSON before it moved to render
		`	out := opts.Global.IO.Out`,
		`	w := bufio.NewWriter(ios.Out)`,
		`	fmt.Println(id)`,
		`	os.Stdout.Write(b)`,
		`	io.WriteString(w, s)`,
		`	fmt.Fprintln(w, "x")`,
	}
	for _, l := range bad {
		if stdoutMisuse("show.go", l) == "" {
			t.Errorf("not caught: %s", l)
		}
	}
	good := []string{
		`	return render.WriteAll(ios.Out, f, render.Documents, ro, docs)`,
		`	return render.WriteDocument(g.IO.Out, f, v, ro)`,
		`			return streamExport(opts, render.NewWriter(opts.Global.IO.Out, f, render.Documents, ro))`,
		`	root.SetOut(ios.Out)`,
		`	root.SetErr(ios.ErrOut)`,
	}
	for _, l := range good {
		if why := stdoutMisuse("show.go", l); why != "" {
			t.Errorf("%s: %s", why, l)
		}
	}
	if stdoutMisuse("stderr.go", `	io.WriteString(w, messagePrefix+termsafe.Line(msg)+"\n")`) != "" {
		t.Error("stderr.go's printers refused")
	}
}
