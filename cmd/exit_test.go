package cmd

import (
	"regexp"
	"testing"
)

// TestExitStatus pins the documented exit statuses and that failures put
// nothing on stdout.
func TestExitStatus(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		status int
		stderr string
	}{
		{"ok", []string{"list", seedsDir}, ExitOK, "^$"},
		{"bad format", []string{"list", "--format", "xml", seedsDir}, ExitUsage, `invalid argument "xml" for "-f, --format" flag: invalid format "xml": valid values are \{table\|tsv\|json\|ndjson\|csv\}`},
		{"unknown flag", []string{"list", "--colour"}, ExitUsage, `unknown flag: --colour`},
		{"unknown command", []string{"lsit"}, ExitUsage, `unknown command "lsit"`},
		{"bad sort", []string{"list", "--sort", "x", seedsDir}, ExitUsage, `invalid sort key "x"`},
		{"show as tsv", []string{"show", "000", "--format", "tsv", seedsDir}, ExitUsage, `invalid format "tsv": valid values are \{text\|json\|ndjson\|csv\} \(show prints one document: use list for rows\)`},
		{"show as table", []string{"show", "000", "-f", "table", seedsDir}, ExitUsage, `invalid format "table": valid values are \{text\|json\|ndjson\|csv\}`},
		{"export as tsv", []string{"export", "-f", "tsv", seedsDir}, ExitUsage, `invalid format "tsv": valid values are \{json\|ndjson\|csv\|parquet\|sqlite\} \(export writes data: use list for tables\)`},
		{"list as sarif", []string{"list", "-f", "sarif", seedsDir}, ExitUsage, `invalid format "sarif": valid values are \{table\|tsv\|json\|ndjson\|csv\}`},
		{"validate as csv", []string{"validate", "-f", "csv", seedsDir}, ExitUsage, `invalid format "csv": valid values are \{text\|json\|github\|sarif\|junit\}`},
		{"rules as sarif", []string{"validate", "--rules", "-f", "sarif"}, ExitUsage, `--rules lists the rules as \{text\|json\}, not sarif`},
		{"bad kind", []string{"list", "--kind", "pdf", seedsDir}, ExitUsage, `invalid --kind "pdf": valid values are \{frontmatter\|text\}`},
		{"negative limit", []string{"topics", "-n", "-1", seedsDir}, ExitUsage, `--limit must be 0 or more`},
		{"bad parser", []string{"list", "--parser", "toml", seedsDir}, ExitUsage, `invalid --parser "toml"`},
		{"bad size", []string{"list", "--max-file-size", "lots", seedsDir}, ExitUsage, `--max-file-size: invalid size "lots"`},
		{"negative workers", []string{"list", "--workers", "-1", seedsDir}, ExitUsage, `--workers must be between 0 \(one per CPU\) and 256, not -1`},
		{"too many workers", []string{"list", "--workers", "1000000", seedsDir}, ExitUsage, `--workers must be between 0 \(one per CPU\) and 256, not 1000000`},
		{"max workers", []string{"list", "--workers", "256", seedsDir}, ExitOK, "^$"},
		{"workers not a number", []string{"list", "--workers", "many", seedsDir}, ExitUsage, `invalid argument "many" for "--workers"`},
		{"fractional size", []string{"list", "--max-file-size", "0.5", seedsDir}, ExitUsage, `--max-file-size: invalid size "0.5": not a whole number of bytes`},
		{"NaN size", []string{"list", "--max-file-size", "NaN", seedsDir}, ExitUsage, `--max-file-size: invalid size "NaN"`},
		{"Inf size", []string{"stats", "--max-file-size", "Inf", seedsDir}, ExitUsage, `--max-file-size: invalid size "Inf"`},
		{"negative size", []string{"export", "--max-file-size=-1", seedsDir}, ExitUsage, `--max-file-size: invalid size "-1"`},
		{"huge size", []string{"topics", "--max-file-size", "1e400", seedsDir}, ExitUsage, `--max-file-size: invalid size "1e400"`},
		{"size for validate", []string{"validate", "--max-file-size", "0.5", seedsDir}, ExitUsage, `not a whole number of bytes`},
		{"no size limit", []string{"list", "--max-file-size", "0", seedsDir}, ExitOK, "^$"},
		{"missing path", []string{"list", "no/such/dir"}, ExitUsage, `^seedscope: no/such/dir: no such file or folder\n$`},
		{"show needs an id", []string{"show"}, ExitUsage, `requires at least 1 arg`},
		{"unknown id", []string{"show", "nope", seedsDir}, ExitFailure, `^seedscope: no document "nope" in the corpus\n$`},
		{"ambiguous id", []string{"show", "0", seedsDir}, ExitFailure, `"0" matches 5 documents`},
		{"yaml parser", []string{"list", "--parser", "yaml", seedsDir}, ExitOK, "^$"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := execute(t, false, tt.args...)
			if r.status != tt.status {
				t.Errorf("status = %d, want %d (stderr %q)", r.status, tt.status, r.stderr)
			}
			if !regexp.MustCompile(tt.stderr).MatchString(r.stderr) {
				t.Errorf("stderr = %q, want match for %q", r.stderr, tt.stderr)
			}
			if tt.status != ExitOK && r.stdout != "" {
				t.Errorf("stdout on failure: %q", r.stdout)
			}
		})
	}
}

// TestNewCmdList checks that flags reach ListOptions.
func TestNewCmdList(t *testing.T) {
	var got *ListOptions
	g := &GlobalOptions{}
	c := NewCmdList(g, func(o *ListOptions) error { got = o; return nil })
	c.SetArgs([]string{"-t", "AI", "--topic", "Cloud", "-p", "wired.com", "--sort", "published", "-r", "-n", "3", "-f", "csv", "a", "b"})
	if err := c.Execute(); err != nil {
		t.Fatal(err)
	}
	switch {
	case len(got.Filter.Topics) != 2 || got.Filter.Topics[1] != "Cloud":
		t.Errorf("topics = %v", got.Filter.Topics)
	case len(got.Filter.Providers) != 1 || got.Filter.Providers[0] != "wired.com":
		t.Errorf("providers = %v", got.Filter.Providers)
	case got.Sort != "published" || !got.Reverse || got.Limit != 3:
		t.Errorf("sort = %q reverse = %v limit = %d", got.Sort, got.Reverse, got.Limit)
	case got.Output.Format.Value != "csv":
		t.Errorf("format = %q", got.Output.Format.Value)
	case len(got.Paths) != 2:
		t.Errorf("paths = %v", got.Paths)
	}
}
