package validate

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/seedscope/seedscope/internal/hostiletest"
	"github.com/seedscope/seedscope/pkg/corpus"
)

var update = flag.Bool("update", false, "rewrite testdata/validate/golden/*.golden from the current findings")

// casesDir holds one folder of broken files per rule; goldenDir one
// golden file per folder listing every finding with its line and column.
var (
	casesDir  = filepath.Join("..", "..", "testdata", "validate", "cases")
	goldenDir = filepath.Join("..", "..", "testdata", "validate", "golden")
)

// runtimeRules are tested with files made at run time (permissions, size
// limits, --fix) rather than with committed cases.
var runtimeRules = []string{RuleUnreadable, RuleFileSkipped, RuleFixFailed}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join(goldenDir, name+".golden")
	if *update {
		if err := os.MkdirAll(goldenDir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run: go test ./pkg/validate -run %s -update)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("findings differ from %s (run with -update to accept):\n--- got\n%s--- want\n%s", path, got, want)
	}
}

// caseSettings reads a case's own .seedscope.yaml, if any, and turns
// file-name off except in its own case (the cases have descriptive names).
func caseSettings(t *testing.T, dir, name string) *Settings {
	t.Helper()
	var cfg *Config
	if p := filepath.Join(dir, ConfigFileName); fileExists(p) {
		var err error
		if cfg, err = ReadConfig(p); err != nil {
			t.Fatal(err)
		}
	}
	var disable []string
	if name != RuleFileName {
		disable = []string{RuleFileName}
	}
	s, err := NewSettings(cfg, nil, disable, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// TestCases runs every case folder and compares each finding (path, line,
// column, severity, message, rule) with its golden file. A folder named
// after a rule must raise that rule; "valid" must raise nothing.
func TestCases(t *testing.T) {
	des, err := os.ReadDir(casesDir)
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, de := range des {
		name := de.Name()
		covered[name] = true
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(casesDir, name)
			rep, err := Run(context.Background(), []string{dir}, Options{Settings: caseSettings(t, dir, name)})
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			raised := false
			for _, f := range rep.Findings {
				rel, err := filepath.Rel(dir, f.Path)
				if err != nil {
					t.Fatal(err)
				}
				f.Path = filepath.ToSlash(rel)
				// Corpus-wide messages name the other file as the user gave it.
				f.Message = strings.ReplaceAll(f.Message, dir+string(filepath.Separator), "")
				fmt.Fprintln(&b, f)
				raised = raised || f.Rule == name
			}
			golden(t, name, []byte(b.String()))
			switch {
			case name == "valid" && len(rep.Findings) > 0:
				t.Errorf("valid files raised findings:\n%s", b.String())
			case name != "valid" && !raised:
				t.Errorf("case %s raised no %s finding:\n%s", name, name, b.String())
			}
		})
	}
	for _, r := range Rules {
		if !covered[r.ID] && !slices.Contains(runtimeRules, r.ID) {
			t.Errorf("rule %s has no case folder in %s", r.ID, casesDir)
		}
	}
}

func TestRuntimeRules(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.md")
	if err := os.WriteFile(big, []byte("Headline\n"+strings.Repeat("word ", 100)), 0o644); err != nil {
		t.Fatal(err)
	}
	locked := filepath.Join(dir, "locked.txt")
	if err := os.WriteFile(locked, []byte("Headline\n"), 0o000); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "gone.md"), filepath.Join(dir, "dangling.md")); err != nil {
		t.Fatal(err)
	}
	s, _ := NewSettings(nil, nil, []string{RuleFileName}, nil)
	rep, err := Run(context.Background(), []string{dir}, Options{Settings: s, Load: corpus.Options{MaxFileSize: 100}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"big.md": RuleFileSkipped, "dangling.md": RuleFileSkipped}
	if _, err := os.ReadFile(locked); err != nil { // not root: the file is unreadable
		want["locked.txt"] = RuleUnreadable
	}
	got := map[string]string{}
	for _, f := range rep.Findings {
		got[filepath.Base(f.Path)] = f.Rule
	}
	for file, rule := range want {
		if got[file] != rule {
			t.Errorf("%s: got rule %q, want %q (all: %v)", file, got[file], rule, rep.Findings)
		}
	}
	if rep.Files != 3 {
		t.Errorf("Files = %d, want 3", rep.Files)
	}
}

// TestSeeds: the bundled seeds pass (exit 0), with only the broken-entity
// warnings of the one scraped plain-text seed.
func TestSeeds(t *testing.T) {
	rep, err := Run(context.Background(), []string{filepath.Join("..", "..", "seeds")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Failed(false) {
		t.Errorf("seeds fail validation: %v", rep.Findings)
	}
	for _, f := range rep.Findings {
		if f.Rule != RuleBrokenEntity || !strings.HasPrefix(filepath.Base(f.Path), "002_") {
			t.Errorf("unexpected finding on the seeds: %s", f)
		}
	}
	if rep.Files != 5 {
		t.Errorf("Files = %d, want 5", rep.Files)
	}
}

func TestNoPath(t *testing.T) {
	_, err := Run(context.Background(), []string{filepath.Join(t.TempDir(), "missing")}, Options{})
	if !errors.Is(err, corpus.ErrNoPath) {
		t.Errorf("got %v, want ErrNoPath", err)
	}
}

// TestDuplicateAcrossRoots: two roots whose files give the same ID clash.
func TestDuplicateAcrossRoots(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, d := range []string{a, b} {
		if err := os.WriteFile(filepath.Join(d, "x.txt"), []byte("Headline\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := Run(context.Background(), []string{a, b}, Options{Settings: mustSettings(t, nil, []string{RuleFileName})})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 1 || rep.Findings[0].Rule != RuleDuplicateID || rep.Findings[0].Path != filepath.Join(b, "x.txt") {
		t.Errorf("got %v, want one duplicate-id on the second root's file", rep.Findings)
	}
}

func mustSettings(t *testing.T, enable, disable []string) *Settings {
	t.Helper()
	s, err := NewSettings(nil, enable, disable, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSettings(t *testing.T) {
	yes := true
	req := []string{"title", "provider.domain"}
	cfg := &Config{Enable: []string{RuleUnknownField}, Disable: []string{RuleFileName, RuleSelfLink}, Strict: &yes, Required: &req}
	s, err := NewSettings(cfg, []string{RuleSelfLink}, []string{RuleUnknownField}, nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		rule string
		on   bool
	}{
		{RuleFileName, false},     // file turns it off
		{RuleSelfLink, true},      // flag turns back on what the file turned off
		{RuleUnknownField, false}, // flag wins over the file
		{RuleDuplicateKey, true},  // default
	}
	for _, tt := range tests {
		if s.Enabled(tt.rule) != tt.on {
			t.Errorf("%s enabled = %v, want %v", tt.rule, !tt.on, tt.on)
		}
	}
	if !s.Strict || !slices.Equal(s.Required, req) {
		t.Errorf("strict %v required %v", s.Strict, s.Required)
	}
	var ue *UnknownRuleError
	if _, err := NewSettings(nil, []string{"nope"}, nil, nil); !errors.As(err, &ue) || !strings.Contains(err.Error(), "duplicate-key") {
		t.Errorf("unknown rule: got %v, want UnknownRuleError listing valid ids", err)
	}
}

func TestParseConfig(t *testing.T) {
	tests := []struct {
		name, in, err string
		check         func(*Config) bool
	}{
		{"empty", "", "", func(c *Config) bool { return c.Required == nil && c.Strict == nil }},
		{"other-commands-keys", "list:\n  sort: title\n", "", func(c *Config) bool { return c.Enable == nil }},
		{"full", "validate:\n  enable: [unknown-field]\n  disable: [file-name]\n  strict: true\n  required: [title]\n", "",
			func(c *Config) bool {
				return *c.Strict && slices.Equal(*c.Required, []string{"title"}) && c.Enable[0] == RuleUnknownField && c.Disable[0] == RuleFileName
			}},
		{"require-nothing", "validate:\n  required: []\n", "", func(c *Config) bool { return c.Required != nil && len(*c.Required) == 0 }},
		{"unknown-key", "validate:\n  disabled: [file-name]\n", `x.yaml:2:3: validate: unknown key "disabled"`, nil},
		{"unknown-rule", "validate:\n  disable: [filename]\n", `unknown rule "filename"`, nil},
		{"bad-required", "validate:\n  required: [a.b.c]\n", `required field "a.b.c"`, nil},
		{"not-a-mapping", "validate: [x]\n", "x.yaml:1:11: validate: expected a mapping", nil},
		{"bad-yaml", "validate: [\n", "x.yaml: yaml:", nil},
		{"wrong-type", "validate:\n  strict: maybe\n", `x.yaml:2:11: validate.strict: expected true or false, found "maybe"`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ParseConfig("x.yaml", []byte(tt.in))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("got %v, want an error containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(c) {
				t.Errorf("unexpected config %+v", c)
			}
		})
	}
}

func TestFindConfigs(t *testing.T) {
	root := t.TempDir()
	if got := mustFindConfigs(t, []string{root}); len(got) != 0 {
		t.Errorf("found %v in a folder without one", got)
	}
	p := filepath.Join(root, ConfigFileName)
	if err := os.WriteFile(p, []byte("validate:\n  strict: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The file in the corpus folder is part of the checked data.
	want := []ConfigFile{{Path: p, InData: true}}
	if got := mustFindConfigs(t, []string{filepath.Join(root, "missing"), root}); !slices.Equal(got, want) {
		t.Errorf("FindConfigs = %v, want %v", got, want)
	}
	// A file named as a root belongs to its folder's corpus: the search
	// starts from the file's folder.
	if got := mustFindConfigs(t, []string{p}); !slices.Equal(got, want) {
		t.Errorf("FindConfigs(file) = %v, want %v", got, want)
	}
	// Run from the corpus folder, the same file is the working
	// directory's: in force, listed once.
	t.Chdir(root)
	want = []ConfigFile{{Path: ConfigFileName}}
	for _, roots := range [][]string{{root}, {"."}, {"missing", "."}} {
		if got := mustFindConfigs(t, roots); !slices.Equal(got, want) {
			t.Errorf("FindConfigs(%q) from the folder = %v, want %v", roots, got, want)
		}
	}
	// Run from elsewhere with a file of its own: both, the working
	// directory's first.
	wd := t.TempDir()
	if err := os.WriteFile(filepath.Join(wd, ConfigFileName), []byte(""), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(wd)
	want = []ConfigFile{{Path: ConfigFileName}, {Path: p, InData: true}}
	if got := mustFindConfigs(t, []string{root}); !slices.Equal(got, want) {
		t.Errorf("FindConfigs = %v, want %v", got, want)
	}
}

// TestTighten: a configuration inside the checked data can only add
// checks over the one in force.
func TestTighten(t *testing.T) {
	yes, no := true, false
	req := func(f ...string) *[]string { return &f }
	tests := []struct {
		name       string
		base, data *Config
		err        string
		on, off    []string
		strict     bool
		required   []string
	}{
		{"enable", nil, &Config{Enable: []string{RuleUnknownField}}, "", []string{RuleUnknownField, RuleFileName}, nil, false, DefaultRequired},
		{"re-enable", &Config{Disable: []string{RuleFileName, RuleSelfLink}}, &Config{Enable: []string{RuleFileName}}, "",
			[]string{RuleFileName}, []string{RuleSelfLink}, false, DefaultRequired},
		{"disable-refused", nil, &Config{Disable: []string{RuleFileName}}, "cannot turn rules off (disable: file-name)", nil, nil, false, nil},
		{"strict", nil, &Config{Strict: &yes}, "", nil, nil, true, DefaultRequired},
		{"not-unstrict", &Config{Strict: &yes}, &Config{Strict: &no}, "", nil, nil, true, DefaultRequired},
		{"required-added", &Config{Required: req("title")}, &Config{Required: req("provider.domain", "title")}, "",
			nil, nil, false, []string{"title", "provider.domain"}},
		{"required-added-to-defaults", nil, &Config{Required: req("provider.domain")}, "",
			nil, nil, false, append(slices.Clone(DefaultRequired), "provider.domain")},
		{"require-nothing-is-nothing", nil, &Config{Required: req()}, "", nil, nil, false, DefaultRequired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Tighten(tt.base, tt.data, "corpus/.seedscope.yaml")
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.Contains(err.Error(), "corpus/.seedscope.yaml") {
					t.Fatalf("got %v, want an error naming the file and containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			s, err := NewSettings(c, nil, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range tt.on {
				if !s.Enabled(id) {
					t.Errorf("%s is off", id)
				}
			}
			for _, id := range tt.off {
				if s.Enabled(id) {
					t.Errorf("%s is on", id)
				}
			}
			if s.Strict != tt.strict || !slices.Equal(s.Required, tt.required) {
				t.Errorf("strict %v required %v, want %v %v", s.Strict, s.Required, tt.strict, tt.required)
			}
		})
	}
}

// TestReadConfigLimits: a configuration file must be a regular file of at
// most MaxConfigSize bytes.
func TestReadConfigLimits(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, []byte("validate:\n  strict: true\n#"+strings.Repeat("x", MaxConfigSize)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	atLimit := filepath.Join(dir, "at-limit.yaml")
	body := "validate:\n  strict: true\n#"
	if err := os.WriteFile(atLimit, []byte(body+strings.Repeat("x", MaxConfigSize-len(body)-1)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if c, err := ReadConfig(atLimit); err != nil || c.Strict == nil || !*c.Strict {
		t.Errorf("a file of exactly %d bytes: %+v, %v", MaxConfigSize, c, err)
	}
	for _, tt := range []struct{ path, err string }{
		{big, "at most 64 KiB"},
		{dir, "not a regular file"},
		{filepath.Join(dir, "missing.yaml"), "no such file"},
	} {
		if _, err := ReadConfig(tt.path); err == nil || !strings.Contains(err.Error(), tt.err) || !strings.Contains(err.Error(), tt.path) {
			t.Errorf("ReadConfig(%s) = %v, want an error naming it and containing %q", tt.path, err, tt.err)
		}
	}
}

// TestDeterministic: the findings do not depend on the number of workers.
func TestDeterministic(t *testing.T) {
	var first []Finding
	for _, workers := range []int{1, 2, 7} {
		rep, err := Run(context.Background(), []string{casesDir}, Options{Load: corpus.Options{Workers: workers}})
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Findings) == 0 {
			t.Fatal("no findings over the cases")
		}
		if first == nil {
			first = rep.Findings
			continue
		}
		if !slices.Equal(first, rep.Findings) {
			t.Errorf("workers=%d: findings differ from workers=1", workers)
		}
	}
}

// TestDuplicateIDFileRoots: files named one by one (pre-commit) clash
// only when they differ by extension alone.
func TestDuplicateIDFileRoots(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for _, name := range []string{"a/x.txt", "b/x.txt", "b/x.md"} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("Headline\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	rep, err := Run(context.Background(), files, Options{Settings: mustSettings(t, nil, []string{RuleFileName})})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 1 || rep.Findings[0].Rule != RuleDuplicateID || rep.Findings[0].Path != files[2] {
		t.Errorf("got %v, want one duplicate-id on b/x.md", rep.Findings)
	}
}

// TestRulesDocumented: docs/validate.md has a table row for every rule,
// with its severity and default.
func TestRulesDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "validate.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Rules {
		def := "on"
		if !r.Default {
			def = "**off**"
		}
		row := fmt.Sprintf("| `%s` | %s | %s |", r.ID, r.Severity, def)
		if !bytes.Contains(doc, []byte(row)) {
			t.Errorf("docs/validate.md lacks the row %q", row)
		}
	}
}

// TestRepeatedMessagesShared: a finding reported the same way in many
// files keeps one copy of its text.
func TestRepeatedMessagesShared(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "b.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("Title\n\nIt& # 39;s here.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := Run(context.Background(), []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, f := range rep.Findings {
		if f.Rule == RuleBrokenEntity {
			msgs = append(msgs, f.Message)
		}
	}
	if len(msgs) != 2 || msgs[0] != msgs[1] {
		t.Fatalf("broken-entity messages %q, want two equal ones", msgs)
	}
	if unsafe.StringData(msgs[0]) != unsafe.StringData(msgs[1]) {
		t.Error("the two messages are separate copies")
	}
}

// TestFrontMatterBounds checks validate parses front matter within the
// loader's bounds: a file over the node limit is one load-error finding
// (its tree is never built), and a merge key that makes yaml.v3's
// Node.Decode panic is checked like any file.
func TestFrontMatterBounds(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"many-nodes.md":       hostiletest.ManyNodes(349_000),
		"many-keys.md":        hostiletest.ManyKeys(190_000, ""),
		"merge-unhashable.md": "---\ntitle: T\nx:\n  1: one\n  <<: {[a]: 1}\n---\nBody.\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := Run(context.Background(), []string{dir}, Options{Settings: caseSettings(t, dir, "")})
	if err != nil {
		t.Fatal(err)
	}
	rules := map[string][]string{}
	for _, f := range rep.Findings {
		name := filepath.Base(f.Path)
		rules[name] = append(rules[name], f.Rule)
		if f.Rule == RuleLoadError && !strings.Contains(f.Message, "more than 100000 YAML nodes") {
			t.Errorf("%s: load-error %q does not name the node limit", name, f.Message)
		}
	}
	for _, name := range []string{"many-nodes.md", "many-keys.md"} {
		if !slices.Equal(rules[name], []string{RuleLoadError}) {
			t.Errorf("%s: rules %q, want one load-error", name, rules[name])
		}
	}
	if slices.Contains(rules["merge-unhashable.md"], RuleLoadError) || slices.Contains(rules["merge-unhashable.md"], RuleYAMLSyntax) {
		t.Errorf("merge-unhashable.md: rules %q: the file loads", rules["merge-unhashable.md"])
	}
}

func TestOneEditApart(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"titel", "title", true}, {"urls", "url", true}, {"tile", "title", true}, {"titlr", "title", true},
		{"title", "title", false}, {"date", "type", false}, {"tags", "type", false}, {"ab", "ba", true},
		{"abc", "cba", false}, {"", "a", true}, {"provider.nmae", "provider.name", true},
	} {
		if got := oneEditApart(tc.a, tc.b); got != tc.want {
			t.Errorf("oneEditApart(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestSettingsFromFlagsAndFile: flags override the file (--strict=false
// too), rule lists take spaces around ids, a rule both enabled and
// disabled is refused, and a required name one letter off a field is a
// typo while a corpus's own key is kept.
func TestSettingsFromFlagsAndFile(t *testing.T) {
	yes, no := true, false
	file := &Config{Strict: &yes}
	if s, err := NewSettings(file, nil, nil, &no); err != nil || s.Strict {
		t.Errorf("--strict=false over strict: true: %+v, %v", s, err)
	}
	if s, err := NewSettings(file, nil, nil, nil); err != nil || !s.Strict {
		t.Errorf("no --strict: the file's strict: true should hold: %v", err)
	}
	s, err := NewSettings(nil, nil, []string{" file-name", "broken-entity "}, nil)
	if err != nil || s.Enabled(RuleFileName) || s.Enabled(RuleBrokenEntity) {
		t.Errorf("--disable 'file-name, broken-entity': %v", err)
	}
	if _, err := NewSettings(nil, []string{RuleSelfLink}, []string{RuleSelfLink}, nil); err == nil || !strings.Contains(err.Error(), "both enabled and disabled") {
		t.Errorf("--enable X --disable X: %v", err)
	}
	for required, typo := range map[string]bool{"titel": true, "provider.nmae": true, "title": false, "description": false, "date": false, "sourceUrl": false} {
		_, err := ParseConfig("c.yaml", []byte("validate:\n  required: ["+required+"]\n"))
		if (err != nil) != typo {
			t.Errorf("required: [%s]: %v, want a typo error %v", required, err, typo)
		}
	}
	for cfg, want := range map[string]string{
		"validate:\n  strict: maybe\n":      `c.yaml:2:11: validate.strict: expected true or false, found "maybe"`,
		"validate:\n  enable: {a: 1}\n":     "c.yaml:2:11: validate.enable: expected a list of names, found a mapping",
		"validate:\n  required: [[a]]\n":    "validate.required: expected a list of names, found a list at 2:14",
		"validate:\n  disable: file-name\n": "",
	} {
		_, err := ParseConfig("c.yaml", []byte(cfg))
		if got := fmt.Sprint(err); want == "" && err != nil || want != "" && !strings.Contains(got, want) {
			t.Errorf("%q: %v, want %q", cfg, err, want)
		}
	}
}
