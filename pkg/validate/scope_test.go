package validate

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestConfigScopedShapes: ignores, overrides and rules are read with
// their shapes checked; every error names the file, line and column, and
// a key one letter off a known one is named.
func TestConfigScopedShapes(t *testing.T) {
	long := strings.Repeat("a", MaxGlobLen+1)
	heavy := "[" + strings.Repeat(strings.Repeat("x", 250)+", ", MaxGlobWeight/250+1) + "y]"
	manyOverrides := "[" + strings.Repeat(`{files: x}, `, MaxOverrides) + `{files: y}]`
	tests := []struct {
		name, yaml string
		err        string // "" for a valid file
		check      func(t *testing.T, c *Config)
	}{
		{"ignores-list", "validate:\n  ignores: [drafts/**, ./tmp/, '*.bak.md']\n", "", func(t *testing.T, c *Config) {
			if want := []string{"drafts/**", "tmp/**", "*.bak.md"}; !slices.Equal(c.Ignores, want) {
				t.Errorf("ignores %q, want %q", c.Ignores, want)
			}
		}},
		{"ignores-one-string", "validate:\n  ignores: drafts/**\n", "", func(t *testing.T, c *Config) {
			if len(c.Ignores) != 1 {
				t.Errorf("ignores %q", c.Ignores)
			}
		}},
		{"overrides", "validate:\n  overrides:\n    - files: bing/**\n      disable: [file-name]\n    - files: [a/*.md, b/**]\n      enable: unknown-field\n      rules:\n        file-name: {pattern: '^[a-z]+\\.md$'}\n        required-field: {fields: [title]}\n", "", func(t *testing.T, c *Config) {
			if len(c.Overrides) != 2 || !slices.Equal(c.Overrides[0].Disable, []string{RuleFileName}) ||
				!slices.Equal(c.Overrides[1].Files, []string{"a/*.md", "b/**"}) || c.Overrides[1].FileNamePattern != `^[a-z]+\.md$` ||
				c.Overrides[1].Required == nil || !slices.Equal(*c.Overrides[1].Required, []string{"title"}) {
				t.Errorf("overrides %+v", c.Overrides)
			}
			if c.Overrides[0].Dir == "" || c.Overrides[0].Dir != c.IgnoreDir {
				t.Errorf("globs relative to %q / %q, want the file's folder", c.Overrides[0].Dir, c.IgnoreDir)
			}
		}},
		{"rules", "validate:\n  rules:\n    file-name: {pattern: '^post-'}\n    required-field: {fields: [title, url]}\n", "", func(t *testing.T, c *Config) {
			if c.FileNamePattern != "^post-" || c.Required == nil || !slices.Equal(*c.Required, []string{"title", "url"}) {
				t.Errorf("pattern %q required %v", c.FileNamePattern, c.Required)
			}
		}},
		{"key-typo", "validate:\n  overides: []\n", `2:3: validate: unknown key "overides": did you mean "overrides"?`, nil},
		{"ignores-not-a-list", "validate:\n  ignores: {a: b}\n", "2:12: validate.ignores: expected a glob or a list of globs", nil},
		{"ignores-null-item", "validate:\n  ignores: [a, ~]\n", `2:16: validate.ignores: expected a glob, found "~"`, nil},
		{"glob-absolute", "validate:\n  ignores: [/etc/**]\n", `glob "/etc/**" is an absolute path`, nil},
		{"glob-climbs", "validate:\n  ignores: [a/../../b]\n", `glob "a/../../b" climbs out`, nil},
		{"glob-empty", "validate:\n  ignores: ['  ']\n", "empty glob", nil},
		{"glob-invalid", "validate:\n  ignores: ['a/[b']\n", `glob "a/[b" is not a valid pattern`, nil},
		{"glob-long", "validate:\n  ignores: [" + long + "]\n", fmt.Sprintf("is longer than %d bytes", MaxGlobLen), nil},
		{"glob-alternatives", "validate:\n  ignores: ['{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}x']\n", fmt.Sprintf("stands for more than %d patterns", MaxGlobAlternatives), nil},
		{"glob-alternatives-nested", "validate:\n  ignores: ['{a,{b,{c,{d,{e,{f,{g,h}}}}}}}/{1,2,3,4,5,6,7,8,9}/**']\n", "stands for more than", nil},
		{"globs-too-heavy", "validate:\n  ignores: " + heavy + "\n", fmt.Sprintf("the globs (ignores and overrides' files) hold %d bytes; at most %d", (MaxGlobWeight/250+1)*250+1, MaxGlobWeight), nil},
		{"globs-heavy-in-overrides", "validate:\n  ignores: " + heavy[:len(heavy)-3] + "]\n  overrides: [{files: yy, enable: [self-link]}]\n", fmt.Sprintf("hold %d bytes", (MaxGlobWeight/250+1)*250+2), nil},
		{"overrides-too-many", "validate:\n  overrides: " + manyOverrides + "\n", fmt.Sprintf("%d entries; at most %d", MaxOverrides+1, MaxOverrides), nil},
		{"overrides-not-a-list", "validate:\n  overrides: {files: a}\n", "2:14: validate.overrides: expected a list of {files: GLOBS", nil},
		{"override-not-a-mapping", "validate:\n  overrides: [a]\n", "validate.overrides[0]: expected a mapping such as {files:", nil},
		{"override-no-files", "validate:\n  overrides: [{disable: [file-name]}]\n", "validate.overrides[0]: no files:", nil},
		{"override-empty-files", "validate:\n  overrides: [{files: [], disable: [file-name]}]\n", "validate.overrides[0]: no files:", nil},
		{"override-key-typo", "validate:\n  overrides: [{files: a, disabel: [file-name]}]\n", `unknown key "disabel": did you mean "disable"?`, nil},
		{"override-unknown-rule", "validate:\n  overrides: [{files: a, disable: [file-nam]}]\n", `unknown rule "file-nam"`, nil},
		{"override-strict", "validate:\n  overrides: [{files: a, strict: true}]\n", `unknown key "strict"; an entry's keys are files, enable, disable, required, rules`, nil},
		{"override-required-typo", "validate:\n  overrides: [{files: a, required: [titel]}]\n", `did you mean "title"`, nil},
		{"rules-not-a-mapping", "validate:\n  rules: [file-name]\n", "2:10: validate.rules: expected a mapping of rule ids", nil},
		{"rules-unknown-rule", "validate:\n  rules: {file-nme: {pattern: x}}\n", `unknown rule "file-nme": did you mean "file-name"?`, nil},
		{"rules-no-options", "validate:\n  rules: {date-format: {}}\n", "rule date-format has no options; rules with options are file-name, required-field", nil},
		{"rules-options-not-a-mapping", "validate:\n  rules: {file-name: '^x'}\n", "validate.rules.file-name: expected a mapping of options (pattern)", nil},
		{"rules-option-typo", "validate:\n  rules: {file-name: {patern: x}}\n", `unknown option "patern" of file-name: did you mean "pattern"?`, nil},
		{"rules-pattern-not-a-string", "validate:\n  rules: {file-name: {pattern: [a]}}\n", "expected a regular expression (a string)", nil},
		{"rules-pattern-invalid", "validate:\n  rules: {file-name: {pattern: 'a('}}\n", "not a regular expression", nil},
		{"rules-pattern-empty", "validate:\n  rules: {file-name: {pattern: ''}}\n", "empty pattern", nil},
		{"rules-fields-not-a-list", "validate:\n  rules: {required-field: {fields: {a: b}}}\n", "expected a list of names", nil},
		{"rules-fields-typo", "validate:\n  rules: {required-field: {fields: [urls]}}\n", `did you mean "url"`, nil},
		{"required-twice", "validate:\n  required: [title]\n  rules: {required-field: {fields: [url]}}\n", "the required fields are given twice", nil},
		{"required-twice-other-order", "validate:\n  rules: {required-field: {fields: [url]}}\n  required: [title]\n", "the required fields are given twice", nil},
		{"alias", "x: &g [a/**]\nvalidate:\n  ignores: *g\n", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ParseConfig("dir/.seedscope.yaml", []byte(tt.yaml))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.HasPrefix(err.Error(), "dir/.seedscope.yaml:") {
					t.Fatalf("got %v, want an error naming the file and containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.check != nil {
				tt.check(t, c)
			}
		})
	}
}

// TestTightenScoped: a configuration inside the checked data may only
// add checks with its overrides too, and may not ignore files or change
// the file-name pattern.
func TestTightenScoped(t *testing.T) {
	tests := []struct{ name, yaml, err string }{
		{"enable-override", "validate:\n  overrides: [{files: a/**, enable: [unknown-field]}]\n", ""},
		{"required-override", "validate:\n  overrides: [{files: a/**, required: [provider.domain]}]\n", ""},
		{"disable-override", "validate:\n  overrides: [{files: a/**, disable: [file-name]}]\n", "cannot turn rules off (overrides: disable: file-name)"},
		{"ignores", "validate:\n  ignores: [a/**]\n", "cannot ignore files (ignores: a/**)"},
		{"pattern", "validate:\n  rules: {file-name: {pattern: '.*'}}\n", "cannot change the file-name pattern"},
		{"pattern-override", "validate:\n  overrides: [{files: a, rules: {file-name: {pattern: '.*'}}}]\n", "cannot change the file-name pattern"},
		{"glob-weight", "validate:\n  overrides: [{files: ['" + strings.Repeat("a", 250) + "', '{a,b,c,d}" + strings.Repeat("b", 200) + "'], enable: [self-link]}]\n",
			fmt.Sprintf("hold %d bytes of globs for the same files; at most %d", 250+4*209, MaxDataGlobWeight)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ParseConfig("corpus/.seedscope.yaml", []byte(tt.yaml))
			if err != nil {
				t.Fatal(err)
			}
			_, err = Tighten(nil, c, "corpus/.seedscope.yaml")
			if tt.err == "" && err != nil || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
				t.Fatalf("got %v, want %q", err, tt.err)
			}
		})
	}
}

// TestGlobMatch: globs match '/'-separated paths below the
// configuration's folder: * within a name, ** across folders, a folder
// ending in / for everything below it, nothing outside the folder.
func TestGlobMatch(t *testing.T) {
	tests := []struct {
		glob, rel string
		want      bool
	}{
		{"bing/**", "bing/a.md", true},
		{"bing/**", "bing/x/y/a.md", true},
		{"bing/**", "bingo/a.md", false},
		{"bing/", "bing/x/a.md", true},
		{"*.md", "a.md", true},
		{"*.md", "x/a.md", false},
		{"**/*.md", "x/y/a.md", true},
		{"**/*.md", "a.md", true},
		{"x/{a,b}.md", "x/b.md", true},
		{"x/[0-9][0-9][0-9]_*.md", "x/001_abc.md", true},
		{"x/?.md", "x/ab.md", false},
		{"./x/*.md", "x/a.md", true},
	}
	for _, tt := range tests {
		g, err := checkGlob(tt.glob)
		if err != nil {
			t.Fatalf("%q: %v", tt.glob, err)
		}
		if got := matchAny([]string{g}, tt.rel); got != tt.want {
			t.Errorf("%q on %q = %v, want %v", tt.glob, tt.rel, got, tt.want)
		}
	}
	if _, ok := relTo("/r/seeds", "/r/other", "a.md"); ok {
		t.Error("a file outside the configuration's folder is below it")
	}
	if rel, ok := relTo("/r", "/r/seeds/bing", "a.md"); !ok || rel != "seeds/bing/a.md" {
		t.Errorf("relTo = %q %v", rel, ok)
	}
}

// scopeTree writes files (path: content) under a new folder.
func scopeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil { // nothing above counts
		t.Fatal(err)
	}
	for p, content := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// doc is a document with every default required field.
const doc = "---\ntitle: T\nwebUrl: https://example.com/%s\npublishedDateTime: 2024-01-01T00:00:00Z\nprovider:\n  name: P\nextra: 1\n---\n"

func docAt(name string) string { return fmt.Sprintf(doc, name) }

// TestSettingsFor: the settings of each file are the configuration in
// force, then the .seedscope.yaml files of the folders below the corpus
// path down to the file's (each may only add checks), then the overrides
// matching it, in order (a later one wins), then the flags.
func TestSettingsFor(t *testing.T) {
	type want struct {
		on, off  []string
		required []string
	}
	tests := []struct {
		name    string
		working string // the configuration in force, at the top
		files   map[string]string
		enable  []string
		disable []string
		want    map[string]want // file below the top: its settings
		err     string
	}{
		{
			name:    "override-disables-for-a-folder",
			working: "validate:\n  overrides:\n    - files: bing/**\n      disable: [file-name, duplicate-url]\n",
			want: map[string]want{
				"bing/x/a.md": {off: []string{RuleFileName, RuleDuplicateURL}},
				"other/a.md":  {on: []string{RuleFileName, RuleDuplicateURL}},
				"a.md":        {on: []string{RuleFileName}},
			},
		},
		{
			name:    "later-override-wins",
			working: "validate:\n  overrides:\n    - {files: '**', disable: [self-link]}\n    - {files: 'a/**', enable: [self-link]}\n    - {files: 'a/b/**', disable: [self-link]}\n",
			want: map[string]want{
				"x.md":     {off: []string{RuleSelfLink}},
				"a/x.md":   {on: []string{RuleSelfLink}},
				"a/b/x.md": {off: []string{RuleSelfLink}},
			},
		},
		{
			name:    "override-required-replaces",
			working: "validate:\n  required: [title, url]\n  overrides:\n    - {files: 'a/**', rules: {required-field: {fields: [title]}}}\n",
			want: map[string]want{
				"x.md":   {required: []string{"title", "url"}},
				"a/x.md": {required: []string{"title"}},
			},
		},
		{
			name:    "nested-adds-checks-cascading",
			working: "validate:\n  disable: [unknown-field]\n  overrides:\n    - {files: 'a/**', disable: [self-link]}\n",
			files: map[string]string{
				"a/.seedscope.yaml":   "validate:\n  enable: [unknown-field]\n  required: [provider.domain]\n",
				"a/b/.seedscope.yaml": "validate:\n  enable: [self-link]\n",
			},
			want: map[string]want{
				"x.md":     {off: []string{RuleUnknownField}, required: DefaultRequired},
				"a/x.md":   {on: []string{RuleUnknownField}, off: []string{RuleSelfLink}, required: append(slices.Clone(DefaultRequired), "provider.domain")},
				"a/b/x.md": {on: []string{RuleUnknownField, RuleSelfLink}, required: append(slices.Clone(DefaultRequired), "provider.domain")},
			},
		},
		{
			name:    "nested-override-relative-to-its-folder",
			working: "",
			files: map[string]string{
				"a/.seedscope.yaml": "validate:\n  overrides:\n    - {files: 'b/**', enable: [unknown-field]}\n",
			},
			want: map[string]want{
				"a/b/x.md": {on: []string{RuleUnknownField}},
				"a/x.md":   {off: []string{RuleUnknownField}},
				"b/x.md":   {off: []string{RuleUnknownField}},
			},
		},
		{
			name:    "flags-last",
			working: "validate:\n  overrides:\n    - {files: '**', enable: [unknown-field]}\n",
			files:   map[string]string{"a/.seedscope.yaml": "validate:\n  enable: [self-link]\n"},
			disable: []string{RuleUnknownField, RuleSelfLink},
			want:    map[string]want{"a/x.md": {off: []string{RuleUnknownField, RuleSelfLink}}},
		},
		{
			name:    "nested-fields-not-read",
			files:   map[string]string{"a/.seedscope.yaml": "fields:\n  publishedAt: date\nvalidate:\n  enable: [unknown-field]\n"},
			want:    map[string]want{"a/x.md": {on: []string{RuleUnknownField}}},
			working: "",
		},
		{
			name:  "nested-disable-refused",
			files: map[string]string{"a/.seedscope.yaml": "validate:\n  disable: [file-name]\n"},
			want:  map[string]want{"a/x.md": {}},
			err:   "a/.seedscope.yaml: a configuration file inside the checked folder cannot turn rules off",
		},
		{
			name: "nested-glob-weight-accumulates",
			files: map[string]string{
				"a/.seedscope.yaml":   "validate:\n  overrides: [{files: '" + strings.Repeat("x", 250) + "', enable: [self-link]}, {files: '" + strings.Repeat("y", 250) + "', enable: [self-link]}]\n",
				"a/b/.seedscope.yaml": "validate:\n  overrides: [{files: '" + strings.Repeat("z", 250) + "', enable: [self-link]}, {files: '" + strings.Repeat("w", 250) + "', enable: [self-link]}, {files: '" + strings.Repeat("q", 30) + "', enable: [self-link]}]\n",
			},
			want: map[string]want{"a/b/x.md": {}},
			err:  fmt.Sprintf("a/b/.seedscope.yaml: the configuration files inside the checked folder (this one and those above it) hold %d bytes", 4*250+30),
		},
		{
			name:  "nested-bad-shape",
			files: map[string]string{"a/.seedscope.yaml": "validate:\n  ignores: {a: b}\n"},
			want:  map[string]want{"a/x.md": {}},
			err:   "a/.seedscope.yaml:2:12: validate.ignores: expected a glob",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := scopeTree(t, tt.files)
			var cfg *Config
			if tt.working != "" {
				var err error
				if cfg, err = ParseConfig(filepath.Join(dir, ConfigFileName), []byte(tt.working)); err != nil {
					t.Fatal(err)
				}
			}
			s, err := NewSettings(cfg, tt.enable, tt.disable, nil)
			if err != nil {
				t.Fatal(err)
			}
			s.top(dir, true)
			for rel, w := range tt.want {
				got, err := s.For(filepath.Join(dir, filepath.FromSlash(rel)))
				if tt.err != "" {
					if err == nil || !strings.Contains(err.Error(), tt.err) {
						t.Fatalf("%s: got %v, want %q", rel, err, tt.err)
					}
					continue
				}
				if err != nil {
					t.Fatal(err)
				}
				for _, id := range w.on {
					if !got.Enabled(id) {
						t.Errorf("%s: %s is off", rel, id)
					}
				}
				for _, id := range w.off {
					if got.Enabled(id) {
						t.Errorf("%s: %s is on", rel, id)
					}
				}
				if w.required != nil && !slices.Equal(got.Required, w.required) {
					t.Errorf("%s: required %v, want %v", rel, got.Required, w.required)
				}
			}
		})
	}
}

// TestSettingsForCached: a folder's settings are resolved once, however
// many files it holds, and a file matching the same overrides as another
// gets the same settings.
func TestSettingsForCached(t *testing.T) {
	dir := scopeTree(t, map[string]string{"a/.seedscope.yaml": "validate:\n  enable: [unknown-field]\n"})
	cfg, err := ParseConfig(filepath.Join(dir, ConfigFileName), []byte("validate:\n  overrides: [{files: 'a/*.md', disable: [self-link]}]\n"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSettings(cfg, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.top(dir, true)
	reads := 0
	s.OnNestedConfig(func(string) { reads++ })
	first, _ := s.For(filepath.Join(dir, "a", "x.md"))
	second, _ := s.For(filepath.Join(dir, "a", "y.md"))
	other, _ := s.For(filepath.Join(dir, "a", "y.txt"))
	if reads != 1 || first != second || first == other {
		t.Errorf("reads %d, same settings %v, other the same %v", reads, first == second, first == other)
	}
	if !first.Enabled(RuleUnknownField) || first.Enabled(RuleSelfLink) || !other.Enabled(RuleSelfLink) {
		t.Error("wrong settings")
	}
}

// TestRunScoped: a run skips the ignored files (not counted), checks each
// file with its settings (a file-name pattern, required fields), and a
// nested strict: true makes the run strict.
func TestRunScoped(t *testing.T) {
	dir := scopeTree(t, map[string]string{
		"drafts/001_0123456789abcdef.md": "not a document: no front matter but fine",
		"drafts/x/bad.md":                "---\n: [\n---\n",
		"hugo/my-post.md":                docAt("1"),
		"hugo/Bad Name.md":               docAt("2"),
		"bing/001_0123456789abcdef.md":   "---\ntitle: T\n---\n",
		"strict/.seedscope.yaml":         "validate:\n  strict: true\n",
		"strict/001_0123456789abcdef.md": docAt("3"),
	})
	cfg, err := ParseConfig(filepath.Join(dir, ConfigFileName), []byte(`validate:
  ignores: [drafts/]
  overrides:
    - files: hugo/**
      rules: {file-name: {pattern: '^[a-z0-9-]+\.md$'}}
    - files: bing/**
      required: [title]
`))
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSettings(cfg, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Run(context.Background(), []string{dir}, Options{Settings: s})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Findings {
		rel, _ := filepath.Rel(dir, f.Path)
		got = append(got, filepath.ToSlash(rel)+" "+f.Rule+" "+f.Message)
	}
	want := []string{`hugo/Bad Name.md file-name file name "Bad Name.md" does not match the configured pattern ^[a-z0-9-]+\.md$`}
	if !slices.Equal(got, want) || rep.Files != 4 || !rep.Strict {
		t.Errorf("findings %q (want %q), files %d (want 4), strict %v", got, want, rep.Files, rep.Strict)
	}
}

// BenchmarkGlobHostile matches the costliest globs a configuration may
// hold against a long path they miss: star runs and ** runs backtrack to
// one point each, so the time grows with the path and the glob's length,
// not exponentially; brace groups are bounded by MaxGlobAlternatives.
func BenchmarkGlobHostile(b *testing.B) {
	name := strings.Repeat("a", 200) + ".md"
	deep := strings.Repeat("a/", 1000) + name // a 2 KiB path, 1001 folders deep
	globs := map[string]string{
		"stars":       strings.Repeat("*a", 60) + "*b",
		"doublestars": strings.Repeat("**/a/", 40) + "**/b",
		"braces":      "{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}/**/*b",
		"plain":       "bing/**",
		"literal":     "*" + strings.Repeat("a", 250) + "b",
		"segments":    "**/" + strings.Repeat("a/", 120) + "b",
	}
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range globs {
			if !yield(k) {
				return
			}
		}
	}) {
		g, err := checkGlob(globs[k])
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range []struct{ label, rel string }{{"name", name}, {"deep", deep}} {
			b.Run(k+"/"+p.label, func(b *testing.B) {
				for b.Loop() {
					if matchAny([]string{g}, p.rel) {
						b.Fatal("matched")
					}
				}
			})
		}
	}
}

// BenchmarkSettingsFor is the per-file cost of the settings lookup and
// the ignore predicate, without configuration and with a repository's
// (ignores, overrides): to compare with BenchmarkCheckFile.
func BenchmarkSettingsFor(b *testing.B) {
	dir := b.TempDir()
	for _, sub := range []string{"bing/2024", "hugo", "drafts"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			b.Fatal(err)
		}
	}
	paths := []string{
		filepath.Join(dir, "bing", "2024", "001_0123456789abcdef.md"),
		filepath.Join(dir, "hugo", "my-post.md"),
		filepath.Join(dir, "drafts", "x.md"),
		filepath.Join(dir, "000_0123456789abcdef.md"),
	}
	repo, err := ParseConfig(filepath.Join(dir, ConfigFileName), []byte(`validate:
  ignores: [drafts/, "**/*.tmp.md", "**/README.md"]
  overrides:
    - {files: "bing/**", disable: [file-name], required: [title]}
    - {files: "hugo/**", rules: {file-name: {pattern: '^[a-z0-9-]+\.md$'}}}
    - {files: ["**/2024/**", "**/2025/**"], enable: [unknown-field]}
`))
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		cfg  *Config
	}{{"none", nil}, {"repository", repo}} {
		b.Run(c.name, func(b *testing.B) {
			s, err := NewSettings(c.cfg, nil, nil, nil)
			if err != nil {
				b.Fatal(err)
			}
			if err := s.top(dir, true); err != nil {
				b.Fatal(err)
			}
			i := 0
			for b.Loop() {
				p := paths[i%len(paths)]
				i++
				if ignored, err := s.Ignored(p); err != nil || ignored {
					continue
				}
				if _, err := s.For(p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
