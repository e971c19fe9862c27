package validate

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestScanFrontMatter(t *testing.T) {
	// Each line of fm is followed by its expected kind (b blank, c
	// comment, v value, t text) and, for a value, the last line of it.
	tests := []struct {
		name string
		fm   []string
		want []string
	}{
		{"plain keys", []string{"a: 1", "# c", "", "b: x"}, []string{"v2", "c", "b", "v5"}},
		{"block scalar", []string{"d: |", "  # text", "", "  more", "# comment", "e: 1"}, []string{"v5", "t", "t", "t", "c", "v7"}},
		{"block with header comment", []string{"d: >- # folded", "  a", "b: 1"}, []string{"v3", "t", "v4"}},
		{"block in a list", []string{"l:", "  - |", "    # text", "  - x"}, []string{"v2", "v4", "t", "v5"}},
		{"block under an item key", []string{"l:", "  - k: |", "      # text", "    j: 1"}, []string{"v2", "v4", "t", "v5"}},
		{"double-quoted over lines", []string{`s: "a`, `  # text \" still`, `  end"`, "# c"}, []string{"v4", "t", "t", "c"}},
		{"single-quoted over lines", []string{`s: 'it''s`, `  # text`, `  end'`, "x: 1"}, []string{"v4", "t", "t", "v5"}},
		{"plain over lines", []string{"s: a long", "  plain value", "t: 1"}, []string{"v3", "t", "v4"}},
		{"plain ended by a comment", []string{"s: a", "  # c", "t: 1"}, []string{"v2", "c", "v4"}},
		{"nested mapping is not a value", []string{"p:", "  name: x", "  domain: y"}, []string{"v2", "v3", "v4"}},
		{"item mapping siblings", []string{"- title: x", "  url: y"}, []string{"v2", "v3"}},
		{"quote inside a plain value", []string{`t: it's "x`, "u: 1"}, []string{"v2", "v3"}},
		{"url with colons", []string{"u: https://a.example/x:y", "  # c"}, []string{"v2", "c"}},
		{"hash in a quoted value", []string{`t: "a # b"`, "  # c"}, []string{"v2", "c"}},
		{"flow collection", []string{"t: [a, b]", "u: {k: v}"}, []string{"v2", "v3"}},
		{"CRLF", []string{"a: |\r", "  # t\r", "# c\r"}, []string{"v3", "t", "c"}},
		{"tab indentation", []string{"\t# c"}, []string{"c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, l := range scanFrontMatter([]byte(strings.Join(tt.fm, "\n") + "\n")) {
				s := string("bcvt"[l.kind])
				if l.kind == lineValue {
					s += fmt.Sprint(l.valueEnd)
				}
				got = append(got, s)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestParseDirective(t *testing.T) {
	tests := []struct {
		comment string
		file    bool
		rules   []string
		ok      bool
		bad     []string // messages of invalid-suppression findings
	}{
		{"# seedscope-disable-next-line date-format", false, []string{"date-format"}, true, nil},
		{"#seedscope-disable-next-line", false, nil, true, nil},
		{"# seedscope-disable date-format,self-link", true, []string{"date-format", "self-link"}, true, nil},
		{"# seedscope-disable date-format , self-link date-format", true, []string{"date-format", "self-link"}, true, nil},
		{"# seedscope-disable date-format -- reason, with self-link", true, []string{"date-format"}, true, nil},
		{"# seedscope-disable -- why", true, nil, true, nil},
		{"# not a directive", false, nil, false, nil},
		{"# seedscope-disables", false, nil, false, []string{`unknown directive "seedscope-disables": did you mean "seedscope-disable"?`}},
		{"# seedscope-disable-next-line date-formt", false, nil, false, []string{`unknown rule "date-formt" in seedscope-disable-next-line: did you mean "date-format"?`}},
		{"# seedscope-disable-next-line date-formt, self-link", false, []string{"self-link"}, true, []string{`unknown rule "date-formt"`}},
		{"# seedscope-disable load-error", false, nil, false, []string{"load-error findings cannot be suppressed"}},
		{"# seedscope-disable ünïcode", false, nil, false, []string{`unknown rule "ünïcode"`}},
	}
	for _, tt := range tests {
		t.Run(tt.comment, func(t *testing.T) {
			var bad []string
			d, ok := parseDirective(fmRow{kind: lineComment, line: 3, col: 1, text: tt.comment}, func(line, col int, format string, args ...any) {
				bad = append(bad, fmt.Sprintf(format, args...))
			})
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v (bad %q)", ok, tt.ok, bad)
			}
			if ok && (d.file != tt.file || !slices.Equal(d.rules, tt.rules)) {
				t.Errorf("got file=%v rules=%q, want file=%v rules=%q", d.file, d.rules, tt.file, tt.rules)
			}
			if len(bad) != len(tt.bad) {
				t.Fatalf("invalid findings %q, want %q", bad, tt.bad)
			}
			for i := range bad {
				if !strings.HasPrefix(bad[i], tt.bad[i]) {
					t.Errorf("finding %q, want it to start with %q", bad[i], tt.bad[i])
				}
			}
		})
	}
}

// runOn writes files into a folder and validates it with file-name off.
func runOn(t *testing.T, files map[string]string) []string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := NewSettings(nil, nil, []string{RuleFileName}, nil)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Run(context.Background(), []string{dir}, Options{Settings: s})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range rep.Findings {
		rel, _ := filepath.Rel(dir, f.Path)
		out = append(out, fmt.Sprintf("%s:%d %s", rel, f.Line, f.Rule))
	}
	out = append(out, fmt.Sprintf("suppressed %d", rep.Suppressed))
	return out
}

const head = "---\ntitle: T\nwebUrl: https://example.com/%s\nprovider:\n  name: P\n"

func TestSuppressions(t *testing.T) {
	tests := []struct {
		name string
		file string
		want []string
	}{
		{"next line", head + "# seedscope-disable-next-line date-format\npublishedDateTime: 2020-01-01\n---\n",
			[]string{"suppressed 1"}},
		{"only the next line", head + "# seedscope-disable-next-line date-format\ntopics: [a]\npublishedDateTime: 2020-01-01\n---\n",
			[]string{"a.md:6 unused-suppression", "a.md:8 date-format", "suppressed 0"}},
		{"stacked and across blank lines", head + "# seedscope-disable-next-line date-format\n\n# seedscope-disable-next-line topic-duplicate\npublishedDateTime: 2020-01-01\n---\n",
			[]string{"a.md:8 unused-suppression", "suppressed 1"}},
		{"a multi-line value", head + "publishedDateTime: 2020-01-01T00:00:00Z\n# seedscope-disable-next-line broken-entity\ndescription: >\n  a & # 39; b\n\n  c & amp; d\nsummary: e & # 39; f\n---\n",
			[]string{"a.md:12 broken-entity", "suppressed 2"}},
		{"a quoted multi-line value", head + "publishedDateTime: 2020-01-01T00:00:00Z\n# seedscope-disable-next-line broken-entity\ndescription: \"a\n  & # 39; b\"\nsummary: e & # 39; f\n---\n",
			[]string{"a.md:10 broken-entity", "suppressed 1"}},
		{"the whole file, body included", "---\n# seedscope-disable broken-entity, required-field\ntitle: x & # 39;\n---\nbody & # 39;\n",
			[]string{"suppressed 5"}},
		{"every rule", "---\n# seedscope-disable\ntitle: x & # 39;\n---\nbody & # 39;\n",
			[]string{"suppressed 5"}},
		{"a directive in a block scalar is text", head + "publishedDateTime: 2020-01-01\nd: |\n  # seedscope-disable date-format\n---\n",
			[]string{"a.md:6 date-format", "suppressed 0"}},
		{"a trailing comment is no directive", head + "publishedDateTime: 2020-01-01 # seedscope-disable date-format\n---\n",
			[]string{"a.md:6 date-format", "suppressed 0"}},
		{"the body holds no directives", head + "publishedDateTime: 2020-01-01\n---\n# seedscope-disable date-format\n",
			[]string{"a.md:6 date-format", "suppressed 0"}},
		{"a rejected file keeps its findings", "---\n# seedscope-disable\ntitle: [\n---\n",
			[]string{"a.md:3 yaml-syntax", "suppressed 0"}},
		{"unclosed front matter", "---\n# seedscope-disable\ntitle: x\n",
			[]string{"a.md:1 unterminated-front-matter", "suppressed 0"}},
		{"load-error is never suppressed", "---\n# seedscope-disable\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n---\n",
			nil}, // checked below: load-error stands
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runOn(t, map[string]string{"a.md": strings.ReplaceAll(tt.file, "%s", "a")})
			if tt.want == nil {
				if !slices.ContainsFunc(got, func(s string) bool { return strings.HasSuffix(s, " load-error") }) {
					t.Errorf("no load-error in %q", got)
				}
				return
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestSuppressCorpusWide(t *testing.T) {
	doc := "---\ntitle: T\nwebUrl: https://example.com/same\npublishedDateTime: 2020-01-01T00:00:00Z\nprovider:\n  name: P\n---\n"
	got := runOn(t, map[string]string{
		"a.md": doc,
		"b.md": strings.Replace(doc, "---\n", "---\n# seedscope-disable duplicate-url -- a syndicated copy\n", 1),
		"c.md": strings.Replace(doc, "---\n", "---\n# seedscope-disable duplicate-id\n", 1),
	})
	want := []string{"c.md:2 unused-suppression", "c.md:4 duplicate-url", "suppressed 1"}
	if !slices.Equal(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func FuzzParseDirectives(f *testing.F) {
	f.Add([]byte("---\n# seedscope-disable-next-line date-format\nd: |\n  # x\n\"a\n  b\"\n---\n"))
	f.Add([]byte("---\n# seedscope-disable self-lnk, -- x\n- a: 'b\n# c\n---\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, bad := parseDirectives("a.md", data)
		lines := bytes.Count(data, []byte{'\n'}) + 1
		for _, f := range bad {
			if f.Line < 2 || f.Line > lines || f.Col < 1 || f.Rule != RuleInvalidSuppression {
				t.Fatalf("finding out of the file: %v", f)
			}
		}
		if ds == nil {
			return
		}
		for _, d := range ds.list {
			if d.line < 2 || d.line > lines || !d.file && d.from != -1 && (d.from <= d.line || d.to < d.from || d.to > lines) {
				t.Fatalf("directive %+v out of place in %d lines", d, lines)
			}
		}
	})
}
