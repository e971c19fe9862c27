package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// fuzzSeeds returns the sample seeds and every file of the hostile corpus,
// so each fuzz target starts from real documents and known-bad input.
func fuzzSeeds(tb testing.TB) [][]byte {
	tb.Helper()
	var out [][]byte
	for _, root := range []string{filepath.Join("..", "..", "seeds"), filepath.Join("..", "..", "testdata", "hostile")} {
		err := filepath.WalkDir(root, func(p string, de os.DirEntry, err error) error {
			if err != nil || !de.Type().IsRegular() {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out = append(out, b)
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
	if len(out) == 0 {
		tb.Fatal("no fuzz seeds found")
	}
	return out
}

// FuzzSplitFrontMatter checks that a split is a faithful cut of its input:
// the body is a suffix of the input, the front matter sits between an
// opening and a closing fence line, splitting the rebuilt file gives the
// same parts, and the body's line number counts the lines before it.
func FuzzSplitFrontMatter(f *testing.F) {
	for _, b := range fuzzSeeds(f) {
		f.Add(b)
	}
	for _, s := range []string{"", "---", "---\n", "---\n---", "---\r\n---\r\n", "---\n...\nbody", "\xef\xbb\xbf---\na: 1\n---\nx", "--- \t\nx\n---\r"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := SplitFrontMatter(data)
		in := bytes.TrimPrefix(data, utf8BOM)
		if err != nil {
			if !errors.Is(err, ErrUnterminated) {
				t.Fatalf("unexpected error %v", err)
			}
			if _, ok := fenceLine(in, "---"); !ok {
				t.Fatalf("ErrUnterminated for input without an opening fence: %q", data)
			}
			return
		}
		if !bytes.HasSuffix(in, s.Body) {
			t.Fatalf("body %q is not a suffix of the input %q", s.Body, data)
		}
		prefix := in[:len(in)-len(s.Body)]
		if !s.HasFrontMatter {
			if len(prefix) != 0 || s.FrontMatter != nil || s.BodyLine != 1 {
				t.Fatalf("plain text split lost bytes: %+v", s)
			}
			if _, ok := fenceLine(in, "---"); ok {
				t.Fatalf("input opens with a fence but has no front matter: %q", data)
			}
			return
		}
		// prefix = opening fence line + front matter + closing fence line.
		rest, ok := fenceLine(prefix, "---")
		if !ok || !bytes.HasPrefix(rest, s.FrontMatter) {
			t.Fatalf("front matter %q does not follow the opening fence in %q", s.FrontMatter, prefix)
		}
		closing := rest[len(s.FrontMatter):]
		if after, ok := closingFence(closing); !ok || len(after) != 0 {
			t.Fatalf("%q between front matter and body is not one fence line", closing)
		}
		if len(s.FrontMatter) > 0 && s.FrontMatter[len(s.FrontMatter)-1] != '\n' {
			t.Fatalf("front matter %q does not end a line", s.FrontMatter)
		}
		if len(s.Body) > 0 {
			if want := bytes.Count(prefix, []byte("\n")) + 1; s.BodyLine != want {
				t.Fatalf("BodyLine = %d, want %d", s.BodyLine, want)
			}
		}
		rebuilt := append(append([]byte("---\n"), s.FrontMatter...), "---\n"...)
		rebuilt = append(rebuilt, s.Body...)
		s2, err := SplitFrontMatter(rebuilt)
		if err != nil || !s2.HasFrontMatter || !bytes.Equal(s2.FrontMatter, s.FrontMatter) || !bytes.Equal(s2.Body, s.Body) {
			t.Fatalf("re-splitting %q gave %+v, %v; want front matter %q and body %q", rebuilt, s2, err, s.FrontMatter, s.Body)
		}
	})
}

// FuzzParse checks the YAML-to-document mapping: a file gives a document or
// a *Diagnostic error (never both, never neither), every diagnostic names
// the file, the text of a document is valid UTF-8, and every document can
// be printed as JSON, the same way every time.
func FuzzParse(f *testing.F) {
	for _, b := range fuzzSeeds(f) {
		f.Add(b)
	}
	for _, s := range []string{
		"---\nquality: .nan\nheat: -.inf\n---\n",
		"---\nx: {1: a, true: b, ~: c}\n---\n",
		"---\na: &a [x, x]\nb: &b [*a, *a]\nrelated: [*b]\n---\n",
		"---\ntitle: \"\\x80\\u00e9\\0\"\n---\n",
		"---\n- a\n- b\n---\n",
		"---\n{{{{\n---\n",
	} {
		f.Add([]byte(s))
	}
	for _, fm := range mergeAndKeySeeds() {
		f.Add([]byte("---\n" + fm + "---\nbody\n"))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const path = "dir/f.md"
		doc, warnings, err := parseChecked(t, path, "dir/f", data, ParserYAML)
		parseChecked(t, path, "dir/f", data, ParserAuto)
		if (doc == nil) == (err == nil) {
			t.Fatalf("Parse gave doc %v and error %v: want exactly one", doc, err)
		}
		for _, w := range warnings {
			if w.Severity != Warning || w.Pos.File != path || w.Msg == "" {
				t.Fatalf("bad warning %+v", w)
			}
		}
		if err != nil {
			var d *Diagnostic
			if !errors.As(err, &d) || d.Pos.File != path || d.Msg == "" {
				t.Fatalf("error %#v is not a *Diagnostic naming the file", err)
			}
			return
		}
		if doc.ID != "dir/f" || doc.Path != path {
			t.Fatalf("ID/Path = %q/%q", doc.ID, doc.Path)
		}
		if doc.Kind != KindFrontMatter && doc.Kind != KindText {
			t.Fatalf("kind %q", doc.Kind)
		}
		for name, s := range map[string]string{"title": doc.Title, "excerpt": doc.Excerpt, "body": doc.Body, "url": doc.URL, "provider": doc.Provider.Name} {
			if !utf8.ValidString(s) {
				t.Fatalf("%s is not valid UTF-8: %q", name, s)
			}
		}
		if doc.Body != strings.TrimSpace(doc.Body) {
			t.Fatalf("body not trimmed: %q", doc.Body)
		}
		j, err := doc.MarshalJSON()
		if err != nil {
			t.Fatalf("document cannot be printed as JSON: %v", err)
		}
		// Same bytes, same document: nothing depends on map order.
		doc2, _, _ := Parse(path, "dir/f", data, ParserYAML)
		if j2, _ := doc2.MarshalJSON(); !bytes.Equal(j, j2) {
			t.Fatalf("two parses differ:\n%s\n%s", j, j2)
		}
	})
}

// FuzzTextTitle checks the plain-text title: one trimmed line of the input,
// never longer than the cap, valid UTF-8 when the input is, and empty only
// when every line is blank or boilerplate.
func FuzzTextTitle(f *testing.F) {
	for _, b := range fuzzSeeds(f) {
		f.Add(b)
	}
	for _, s := range []string{"", "\n\n", "Skip to content\nHeadline\n", strings.Repeat(" ", 3599) + "é", strings.Repeat("word ", 400)} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		title, line := TextTitle(text)
		lines := bytes.Split(text, []byte("\n"))
		if title == "" {
			if line != 0 {
				t.Fatalf("empty title on line %d", line)
			}
			for _, l := range lines {
				if len(l) > maxTitleRunes*utf8.UTFMax*2 {
					return // only a capped prefix of a huge line is looked at
				}
				if s := strings.TrimFunc(string(l), unicode.IsSpace); s != "" && !IsBoilerplate(s) {
					t.Fatalf("no title, but line %q has text", l)
				}
			}
			return
		}
		if line < 1 || line > len(lines) {
			t.Fatalf("line %d out of range 1..%d", line, len(lines))
		}
		if n := utf8.RuneCountInString(title); n > maxTitleRunes {
			t.Fatalf("title has %d runes, over the cap of %d", n, maxTitleRunes)
		}
		if strings.ContainsRune(title, '\n') || title != strings.TrimFunc(title, unicode.IsSpace) {
			t.Fatalf("title %q is not one trimmed line", title)
		}
		if utf8.Valid(text) && !utf8.ValidString(title) {
			t.Fatalf("title %q of valid UTF-8 input is not valid UTF-8", title)
		}
		src := strings.TrimFunc(string(lines[line-1]), unicode.IsSpace)
		if !strings.HasPrefix(src, strings.TrimSuffix(title, "…")) {
			t.Fatalf("title %q is not taken from line %d %q", title, line, src)
		}
	})
}

// mergeAndKeySeeds are front matter with merge keys, complex keys, many
// keys and zone offsets: the shapes that made yaml.v3 panic or take
// quadratic time, for the fuzzers to start from.
func mergeAndKeySeeds() []string {
	var many, flow strings.Builder
	for i := range 300 {
		fmt.Fprintf(&many, "k%d: %d\n", i, i)
		fmt.Fprintf(&flow, "k%d: [%d], ", i, i)
	}
	return []string{
		"x:\n  1: one\n  <<: {[a]: 1}\n",
		"x: {1: one, <<: [{b: 2}, {{c: 3}: 4}]}\n",
		"x: {a: 1, <<: {a: 2, b: 3}}\n",
		"b: &b {k: 1}\nx: {<<: [*b, {k: 2, m: 3}], j: 4}\n",
		"b: &b {k: 1}\nx:\n  <<: *b\n  <<: *b\n",
		"x: {<<: {<<: {a: 1}, b: 2}}\n",
		"x: {<<: 1}\n",
		"x: {<<: [1, {a: 1}]}\n",
		"? [a]\n: 1\ntitle: complex\n",
		"? {a: 1}\n: 2\n",
		"x: {{a: 1}: 2}\n",
		"x: {[a]: 1, [a]: 2}\n",
		"related:\n  - <<: {title: merged}\n",
		"provider: {<<: {name: n}}\n",
		many.String(),
		"x:\n" + strings.ReplaceAll(many.String(), "k", "  k"),
		"x: {" + flow.String() + "}\n",
		"publishedDateTime: 2020-01-01T00:00:00+24:00\nstamp: 2020-01-01T00:00:00+24:00\n",
		"publishedDateTime: 2020-01-01T00:00:00+05:60\nrelated:\n  - publishedDateTime: 2020-01-01 10:00:00 -2400\n",
		"related: [" + strings.Repeat("{},", 300) + "{}]\n",
		"topics:\n" + strings.Repeat("  - a\n", 300),
	}
}
