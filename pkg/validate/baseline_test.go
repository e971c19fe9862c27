package validate

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestBaselineMessage(t *testing.T) {
	tests := []struct{ in, want string }{
		{`duplicate key "title" (first on line 7); the first value is used`, `duplicate key "title" (first on line N); the first value is used`},
		{"binary file: NUL byte at offset 123", "binary file: NUL byte at offset N"},
		{"invalid YAML: mapping values are not allowed here at 3:14", "invalid YAML: mapping values are not allowed here at N:N"},
		{"12 more broken-entity findings in this file from here on, not listed (at most 1000 per rule and file)", "N more broken-entity findings in this file from here on, not listed (at most 1000 per rule and file)"},
		{`image width 0`, `image width 0`},
		{`file name "001_abc.md" does not follow`, `file name "001_abc.md" does not follow`},
	}
	for _, tt := range tests {
		if got := baselineMessage(tt.in); got != tt.want {
			t.Errorf("baselineMessage(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestBaselineOtherFile checks that the messages naming another file are
// those otherFile knows, so the baseline can name that file its way.
func TestBaselineOtherFile(t *testing.T) {
	dir := t.TempDir()
	doc := "---\ntitle: T\nwebUrl: https://example.com/same\npublishedDateTime: 2020-01-01T00:00:00Z\nprovider:\n  name: P\n---\n"
	for _, n := range []string{"a.md", "b.md", "b.txt"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rep := runDir(t, dir)
	seen := map[string]bool{}
	for _, f := range rep.Findings {
		re := otherFile[f.Rule]
		if re == nil {
			continue
		}
		seen[f.Rule] = true
		m := re.FindStringSubmatch(f.Message)
		if m == nil || m[2] != filepath.Join(dir, "a.md") && m[2] != filepath.Join(dir, "b.md") {
			t.Errorf("%s message %q: the other file is not found by %v", f.Rule, f.Message, re)
		}
	}
	if len(seen) != len(otherFile) {
		t.Errorf("rules seen %v, want all of %d", seen, len(otherFile))
	}
}

func runDir(t *testing.T, roots ...string) *Report {
	t.Helper()
	rep, err := Run(context.Background(), roots, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func writeBaselineFile(t *testing.T, path string, b *Baseline) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := b.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestBaselineRoundTrip(t *testing.T) {
	dir := t.TempDir()
	seeds := filepath.Join(dir, "seeds")
	if err := os.Mkdir(seeds, 0o755); err != nil {
		t.Fatal(err)
	}
	a := filepath.Join(seeds, "a.md")
	orig := "---\ntitle: \"x & # 39; y\"\nwebUrl: https://example.com/a\npublishedDateTime: 2020-01-01\nprovider:\n  name: P\ntopics: [a, A]\n---\nbody & # 39;\n"
	if err := os.WriteFile(a, []byte(orig), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(seeds, "b.md")
	if err := os.WriteFile(other, []byte(orig), 0o644); err != nil {
		t.Fatal(err)
	}
	rep := runDir(t, seeds)
	if len(rep.Findings) == 0 {
		t.Fatal("no findings to record")
	}
	bpath := filepath.Join(dir, ".seedscope-baseline.json")
	written := writeBaselineFile(t, bpath, NewBaseline(dir, rep.Findings))
	// Stable: a second write of the same findings is byte-identical, and
	// the JSON is one entry a line.
	var again bytes.Buffer
	if _, err := NewBaseline(dir, runDir(t, seeds).Findings).WriteTo(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(written, again.Bytes()) {
		t.Errorf("two writes differ:\n%s\n%s", written, again.Bytes())
	}
	if !regexp.MustCompile(`(?m)^    \{"path":"seeds/a.md","rule":"broken-entity","message":"broken HTML entity \\"& # 39;\\" \(should be \\"&#39;\\"\)","count":2\},$`).Match(written) {
		t.Errorf("no entry line for a.md's two broken entities in\n%s", written)
	}
	b, err := ReadBaseline(bpath)
	if err != nil {
		t.Fatal(err)
	}
	rep = runDir(t, seeds)
	res := b.Apply(rep, []string{seeds})
	if len(rep.Findings) != 0 || res.Suppressed == 0 || len(res.Stale) != 0 || rep.Baselined != res.Suppressed {
		t.Fatalf("same corpus: findings %v, result %+v", rep.Findings, res)
	}

	// Lines inserted above every finding, and a new problem: exactly one
	// new finding.
	changed := strings.Replace(orig, "---\n", "---\n# a comment\n\n", 1)
	changed = strings.Replace(changed, "topics: [a, A]", "topics: [a, A, a]", 1)
	if err := os.WriteFile(a, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	rep = runDir(t, seeds)
	res = b.Apply(rep, []string{seeds})
	if len(rep.Findings) != 1 || rep.Findings[0].Rule != RuleTopicDuplicate || rep.Findings[0].Line != 9 || len(res.Stale) != 0 {
		t.Fatalf("after inserting lines and a duplicate topic: findings %v, result %+v", rep.Findings, res)
	}

	// A problem fixed: its entry is stale, nothing is reported. Run on
	// one file, the other file's entries are not stale.
	fixed := strings.Replace(orig, "publishedDateTime: 2020-01-01\n", "publishedDateTime: 2020-01-01T00:00:00Z\n", 1)
	if err := os.WriteFile(a, []byte(fixed), 0o644); err != nil {
		t.Fatal(err)
	}
	rep = runDir(t, a)
	res = b.Apply(rep, []string{a})
	if len(rep.Findings) != 0 || len(res.Stale) != 1 || res.Stale[0].Rule != RuleDateFormat || res.Stale[0].Path != "seeds/a.md" || res.StaleFindings != 1 {
		t.Fatalf("after a fix: findings %v, result %+v", rep.Findings, res)
	}

	// From another working directory, with relative paths: the same.
	wd, _ := os.Getwd()
	t.Cleanup(func() { os.Chdir(wd) })
	if err := os.WriteFile(a, []byte(orig), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(seeds); err != nil {
		t.Fatal(err)
	}
	b, err = ReadBaseline("../.seedscope-baseline.json")
	if err != nil {
		t.Fatal(err)
	}
	rep = runDir(t, ".")
	if res = b.Apply(rep, []string{"."}); len(rep.Findings) != 0 || len(res.Stale) != 0 {
		t.Fatalf("from seeds/: findings %v, result %+v", rep.Findings, res)
	}
}

func TestReadBaselineHostile(t *testing.T) {
	entry := `{"path":"a.md","rule":"file-name","message":"m","count":1}`
	tests := []struct {
		name, content, want string
	}{
		{"empty", ``, `:1:1: unexpected end of the file`},
		{"not JSON", "version: 1\n", `:1:1: invalid JSON`},
		{"a list", `[]`, `:1:1: expected "{", found [`},
		{"no version", `{"findings": []}`, `:1:1: no "version"`},
		{"no findings", `{"version": 1}`, `:1:1: no "findings"`},
		{"newer version", "{\n  \"version\": 2,\n  \"findings\": []}", `:2:14: version 2: this seedscope reads baseline version 1`},
		{"version a string", `{"version": "1", "findings": []}`, `:1:13: "version": expected a whole number, found a JSON string`},
		{"truncated", "{\"version\": 1, \"findings\": [\n" + entry + ",\n", `:3:1: unexpected end of the file`},
		{"bad entry", "{\"version\": 1, \"findings\": [\n" + entry + ",\n  {\"path\": \"\", \"rule\": \"x\", \"count\": 1}]}", `:3:3: entry without a "path"`},
		{"zero count", "{\"version\": 1, \"findings\": [{\"path\": \"a\", \"rule\": \"x\", \"count\": 0}]}", `:1:29: "count" is 0`},
		{"huge count", "{\"version\": 1, \"findings\": [{\"path\": \"a\", \"rule\": \"x\", \"count\": 99999999999999999999}]}", `:1:29: "count": expected a whole number, found a JSON number`},
		{"float count", "{\"version\": 1, \"findings\": [{\"path\": \"a\", \"rule\": \"x\", \"count\": 1.5}]}", `"count": expected a whole number`},
		{"count string", "{\"version\": 1, \"findings\": [{\"path\": \"a\", \"rule\": \"x\", \"count\": \"1\"}]}", `:1:29: "count": expected a whole number, found a JSON string`},
		{"findings an object", `{"version": 1, "findings": {}}`, `:1:28: expected "[", found {`},
		{"trailing data", `{"version": 1, "findings": []} {}`, `:1:32: unexpected data after`},
		{"not UTF-8", "{\"version\": 1, \"findings\": [{\"path\": \"\xff\"}]}", `:1:39: not valid UTF-8`},
		{"deep nesting", `{"x": ` + strings.Repeat("[", 100000) + `, "version": 1, "findings": []}`, `invalid JSON`},
		{"NUL", "{\"version\": 1,\x00 \"findings\": []}", `:1:15: invalid JSON`},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, "b.json")
			if err := os.WriteFile(p, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := ReadBaseline(p)
			if err == nil {
				t.Fatalf("no error")
			}
			if !strings.HasPrefix(err.Error(), p+":") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want %q after the path", err, tt.want)
			}
		})
	}
	// Unknown keys are left alone; an entry given twice counts twice.
	p := filepath.Join(dir, "ok.json")
	ok := `{"tool": {"name": "x"}, "version": 1, "findings": [` + entry + `, ` + entry + `]}`
	if err := os.WriteFile(p, []byte(ok), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := ReadBaseline(p)
	if err != nil || b.Findings() != 2 {
		t.Fatalf("%q: baseline %+v, error %v", ok, b, err)
	}
	// Over the size bound: refused without reading it all.
	big := filepath.Join(dir, "big.json")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxBaselineSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, err := ReadBaseline(big); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("oversized baseline: error %v", err)
	}
	if _, err := ReadBaseline(dir); err == nil || !strings.Contains(err.Error(), "folder") {
		t.Errorf("a folder: error %v", err)
	}
}

func FuzzReadBaseline(f *testing.F) {
	f.Add([]byte(`{"version": 1, "findings": [{"path":"a.md","rule":"file-name","message":"m","count":1}]}`))
	f.Add([]byte(`{"version": 1, "findings": []}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := parseBaseline(data)
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if _, err := b.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		if _, err := parseBaseline(buf.Bytes()); err != nil {
			t.Fatalf("a baseline read back fails: %v\n%s", err, buf.Bytes())
		}
	})
}
