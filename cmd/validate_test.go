package cmd

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/seedscope/seedscope/pkg/iostreams"
	"github.com/seedscope/seedscope/pkg/render"
)

func TestNewCmdValidate(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    ValidateOptions
		wantErr string
	}{
		{"defaults", nil, ValidateOptions{}, ""},
		{"all", []string{"a", "b", "-f", "sarif", "--enable", "unknown-field", "--disable", "file-name,self-link", "--strict", "--fix", "--config", "c.yaml"},
			ValidateOptions{Paths: []string{"a", "b"}, Output: outputFlags{Format: &render.FormatFlag{Value: render.SARIF}},
				Enable: []string{"unknown-field"}, Disable: []string{"file-name", "self-link"}, Strict: true, Fix: true, Config: "c.yaml"}, ""},
		{"rules", []string{"--rules"}, ValidateOptions{ListRules: true}, ""},
		{"bad-format", []string{"--format", "xml"}, ValidateOptions{}, "valid values are {text|json|github|sarif|junit}"},
		{"unknown-rule", []string{"--disable", "filename"}, ValidateOptions{}, `unknown rule "filename"; valid rules are: `},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _ := iostreams.Test()
			var got *ValidateOptions
			c := NewCmdValidate(&GlobalOptions{IO: ios}, func(o *ValidateOptions) error { got = o; return nil })
			c.SetArgs(tt.args)
			c.SetOut(ios.Out)
			c.SetErr(ios.ErrOut)
			c.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &FlagError{err} })
			err := c.Execute()
			if tt.wantErr != "" {
				var fe *FlagError
				if !errors.As(err, &fe) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got %v, want a usage error containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			w := tt.want
			if !slices.Equal(got.Paths, w.Paths) || formatOf(got.Output) != formatOf(w.Output) || !slices.Equal(got.Enable, w.Enable) ||
				!slices.Equal(got.Disable, w.Disable) || got.Strict != w.Strict || got.Fix != w.Fix ||
				got.Config != w.Config || got.ListRules != w.ListRules {
				t.Errorf("got %+v, want %+v", *got, w)
			}
		})
	}
}

// validateCmd runs "seedscope validate args..." in-process.
func validateCmd(t *testing.T, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	ios, out, errOut := iostreams.Test()
	status = Execute(ios, testBuild, append([]string{"validate"}, args...))
	return out.String(), errOut.String(), status
}

func TestValidateRun(t *testing.T) {
	cases := filepath.Join("..", "testdata", "validate", "cases")
	seed002 := filepath.Join(seedsDir, "002_f88f13ebd34a52f5.txt")
	tests := []struct {
		name   string
		args   []string
		status int
		stdout []string // substrings, in order
		stderr string
	}{
		{"seeds-pass-with-warnings", []string{seedsDir}, 0,
			[]string{seed002 + ":4:55: warning: broken HTML entity \"& # 39;\" (should be \"&#39;\") [broken-entity]\n", "0 errors, 6 warnings in 1 file (5 files checked)\n"}, ""},
		{"strict-fails-on-warnings", []string{seedsDir, "--strict"}, 1, []string{"6 warnings"}, ""},
		{"strict-clean", []string{seedsDir, "--strict", "--disable", "broken-entity"}, 0, nil, ""},
		{"errors-fail", []string{filepath.Join(cases, "yaml-syntax"), "--disable", "file-name"}, 1,
			[]string{"bad-indent.md:4:1: error: invalid YAML: did not find expected key [yaml-syntax]"}, ""},
		{"github", []string{seedsDir, "--format", "github"}, 0,
			[]string{"::warning file=" + filepath.ToSlash(seed002) + ",line=4,col=55,title=broken-entity::broken HTML entity"}, ""},
		{"json", []string{seedsDir, "-f", "json"}, 0, []string{`"path": "` + seed002 + `"`, `"line": 4`, `"column": 55`, `"rule": "broken-entity"`}, ""},
		{"sarif", []string{seedsDir, "-f", "sarif"}, 0, []string{`"version": "2.1.0"`, `"uri": "../seeds/002_f88f13ebd34a52f5.txt"`}, ""},
		{"junit", []string{seedsDir, "-f", "junit"}, 0, []string{`<testsuites name="seedscope validate" tests="5" failures="0">`}, ""},
		{"rules", []string{"--rules"}, 0, []string{"RULE", "file-name", "unknown-field"}, ""},
		{"missing-path", []string{"no/such/dir"}, 2, nil, "no such file or folder"},
		{"unknown-rule", []string{seedsDir, "--enable", "nope"}, 2, nil, `unknown rule "nope"`},
		{"bad-format", []string{seedsDir, "--format", "xml"}, 2, nil, "valid values are {text|json|github|sarif|junit}"},
		{"missing-config", []string{seedsDir, "--config", "no-such.yaml"}, 2, nil, "--config:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, status := validateCmd(t, tt.args...)
			if status != tt.status {
				t.Errorf("status %d, want %d\nstdout:\n%s\nstderr:\n%s", status, tt.status, out, errOut)
			}
			rest := out
			for _, want := range tt.stdout {
				i := strings.Index(rest, want)
				if i < 0 {
					t.Errorf("stdout lacks %q (in order):\n%s", want, out)
					break
				}
				rest = rest[i+len(want):]
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

// TestValidateConfigFile: a configuration file in force is read; flags
// override it; a bad one is a usage error.
func TestValidateConfigFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := filepath.Join(dir, ".seedscope.yaml")
	write("x.txt", "Headline & # 39; s\n")
	write(".seedscope.yaml", "validate:\n  disable: [file-name]\n  strict: true\n")
	out, _, status := validateCmd(t, dir, "--config", cfg)
	if status != 1 || !strings.Contains(out, "[broken-entity]") || strings.Contains(out, "[file-name]") {
		t.Errorf("config not applied: status %d\n%s", status, out)
	}
	if out, _, status := validateCmd(t, dir, "--config", cfg, "--disable", "broken-entity"); status != 0 || out != "" {
		t.Errorf("flag did not override: status %d\n%s", status, out)
	}
	write(".seedscope.yaml", "validate:\n  disable: [filename]\n")
	if _, errOut, status := validateCmd(t, dir); status != 2 || !strings.Contains(errOut, `unknown rule "filename"`) {
		t.Errorf("bad config: status %d, stderr %q", status, errOut)
	}
}

// TestValidateConfigInData: a .seedscope.yaml inside the checked folder
// cannot switch rules off (a usage error naming it), but can add checks;
// -v names the files in force.
func TestValidateConfigInData(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, ".seedscope.yaml")
	write := func(name, s string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("001_0123456789abcdef.txt", "Headline & # 39; s\n")
	write(".seedscope.yaml", "validate:\n  disable: [broken-entity, file-name]\n")
	out, errOut, status := validateCmd(t, dir)
	if status != 2 || !strings.Contains(errOut, cfg+": a configuration file inside the checked folder cannot turn rules off") || out != "" {
		t.Errorf("weakening config in the data: status %d, stdout %q, stderr %q; want 2 and the reason", status, out, errOut)
	}
	write(".seedscope.yaml", "validate:\n  strict: true\n  enable: [unknown-field]\n")
	out, errOut, status = validateCmd(t, "-v", dir)
	if status != 1 || !strings.Contains(out, "[broken-entity]") {
		t.Errorf("strict: true in the data not applied: status %d\n%s", status, out)
	}
	if want := "seedscope: validate: configuration " + cfg + " (inside the checked folder: it can only add checks)\n"; !strings.Contains(errOut, want) {
		t.Errorf("-v: stderr %q lacks %q", errOut, want)
	}
	// --config names the file in force; the one in the data is not read.
	other := filepath.Join(t.TempDir(), "ci.yaml")
	if err := os.WriteFile(other, []byte("validate:\n  disable: [broken-entity]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, status = validateCmd(t, "-v", "--config", other, dir)
	if status != 0 || out != "" || !strings.Contains(errOut, "seedscope: validate: configuration "+other+"\n") || strings.Contains(errOut, cfg) {
		t.Errorf("--config: status %d, stdout %q, stderr %q", status, out, errOut)
	}
	if err := os.Remove(cfg); err != nil {
		t.Fatal(err)
	}
	if _, errOut, _ := validateCmd(t, "-v", dir); !strings.Contains(errOut, "no configuration file (.seedscope.yaml); default settings") {
		t.Errorf("-v without a file: stderr %q", errOut)
	}
	// Over the size cap.
	write(".seedscope.yaml", "validate:\n  strict: true\n#"+strings.Repeat("x", 64<<10)+"\n")
	if _, errOut, status := validateCmd(t, dir); status != 2 || !strings.Contains(errOut, "at most 64 KiB") {
		t.Errorf("oversized config: status %d, stderr %q", status, errOut)
	}
}

// TestValidateFix: --fix repairs in place, reports on stderr, and the
// repaired file passes.
func TestValidateFix(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "001_0123456789abcdef.txt")
	if err := os.WriteFile(p, []byte("Headline & # 39; s\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, status := validateCmd(t, dir, "--fix", "--strict")
	if status != 0 || out != "" || errOut != "seedscope: fixed 1 broken entity in 1 file\n" {
		t.Errorf("status %d stdout %q stderr %q", status, out, errOut)
	}
	if got, _ := os.ReadFile(p); string(got) != "Headline &#39; s\n" {
		t.Errorf("file = %q", got)
	}
}

// formatOf is the --format given, "" when none (or no flag).
func formatOf(o outputFlags) render.Format {
	if o.Format == nil {
		return ""
	}
	return o.Format.Value
}
