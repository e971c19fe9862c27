package corpus

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		hasFM    bool
		fm, body string
		bodyLine int
		err      error
	}{
		{"plain text", "Title\nbody\n", false, "", "Title\nbody\n", 1, nil},
		{"front matter and body", "---\na: 1\n---\nbody\n", true, "a: 1\n", "body\n", 4, nil},
		{"no body", "---\na: 1\n---\n", true, "a: 1\n", "", 4, nil},
		{"no final newline", "---\na: 1\n---", true, "a: 1\n", "", 4, nil},
		{"empty", "---\n---\n", true, "", "", 3, nil},
		{"BOM and CRLF", "\ufeff---\r\na: 1\r\n---\r\nbody", true, "a: 1\r\n", "body", 4, nil},
		{"dots close", "---\na: 1\n...\nrest", true, "a: 1\n", "rest", 4, nil},
		{"blanks after fences", "--- \t\na: 1\n---  \nrest", true, "a: 1\n", "rest", 4, nil},
		{"dashes inside a value are not a fence", "---\na: ----\n---\n", true, "a: ----\n", "", 4, nil},
		{"not a fence", "----\ntext", false, "", "----\ntext", 1, nil},
		{"lines starting with - or . that do not close", "---\n- a\n----\n.x\n...y\n--- z\n---\nb", true, "- a\n----\n.x\n...y\n--- z\n", "b", 8, nil},
		{"an indented fence does not close", "---\na: |\n  ---\n---\n", true, "a: |\n  ---\n", "", 5, nil},
		{"unterminated", "---\na: 1\n", false, "", "", 0, ErrUnterminated},
		{"only a fence", "---", false, "", "", 0, ErrUnterminated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := SplitFrontMatter([]byte(tt.in))
			if err != tt.err {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if err != nil {
				return
			}
			if s.HasFrontMatter != tt.hasFM || string(s.FrontMatter) != tt.fm || string(s.Body) != tt.body || s.BodyLine != tt.bodyLine {
				t.Errorf("got %v %q %q line %d, want %v %q %q line %d", s.HasFrontMatter, s.FrontMatter, s.Body, s.BodyLine, tt.hasFM, tt.fm, tt.body, tt.bodyLine)
			}
		})
	}
}

func TestTextTitleCapped(t *testing.T) {
	in := strings.Repeat("word ", 200)
	got, line := TextTitle([]byte(in))
	if line != 1 || !strings.HasSuffix(got, "…") || utf8.RuneCountInString(got) > maxTitleRunes ||
		!strings.HasPrefix(in, strings.TrimSuffix(got, "…")) || len(got) < 200 {
		t.Errorf("got %q line %d", got, line)
	}
}

func TestTextTitle(t *testing.T) {
	tests := []struct {
		name, in, want string
		line           int
	}{
		{"first line", "Headline\nbody", "Headline", 1},
		{"skips blanks and boilerplate", "\n  \nSkip to main content\n\nShare this story\n  Real headline  \nbody", "Real headline", 6},
		{"boilerplate any case", "SKIP TO CONTENT\nAdvertisement\nTitle", "Title", 3},
		{"CRLF", "Title\r\nbody", "Title", 1},
		{"nothing", "\n\n  \n", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, line := TextTitle([]byte(tt.in))
			if got != tt.want || line != tt.line {
				t.Errorf("got %q line %d, want %q line %d", got, line, tt.want, tt.line)
			}
		})
	}
}

// TestParseURLVariants: both spellings of the URL fields give the same
// document fields, for the document and its related items.
func TestParseURLVariants(t *testing.T) {
	web := "---\ntitle: T\nwebUrl: https://a.example/x\nampWebUrl: https://a.example/x/amp\ncdnAmpWebUrl: https://a-example.cdn.ampproject.org/c/s/a.example/x/amp\n" +
		"related:\n  - title: R\n    webUrl: https://b.example/y\n    ampWebUrl: https://b.example/y/amp\n---\n"
	source := strings.NewReplacer("webUrl", "sourceUrl", "ampWebUrl", "ampUrl", "cdnAmpWebUrl", "cdnAmpUrl").Replace(web)
	for _, parser := range Parsers {
		a, wa, err := Parse("a.md", "a", []byte(web), parser)
		if err != nil || len(wa) > 0 {
			t.Fatal(err, wa)
		}
		b, wb, err := Parse("a.md", "a", []byte(source), parser)
		if err != nil || len(wb) > 0 {
			t.Fatal(err, wb)
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: webUrl and sourceUrl variants differ:\n%+v\n%+v", parser, a, b)
		}
		if a.URL != "https://a.example/x" || a.AmpURL != "https://a.example/x/amp" || a.CdnAmpURL == "" {
			t.Errorf("%s: urls = %q %q %q", parser, a.URL, a.AmpURL, a.CdnAmpURL)
		}
		if r := a.Related[0]; r.URL != "https://b.example/y" || r.AmpURL != "https://b.example/y/amp" {
			t.Errorf("%s: related urls = %q %q", parser, r.URL, r.AmpURL)
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		check    func(*Document) bool
		warnings []string
		err      string
	}{
		// The words of a plain-text body are counted once it is cleaned:
		// the skip link is not among them.
		{"text", "Skip to main content\nTitle here\nSome body words", func(d *Document) bool {
			return d.Kind == KindText && d.Title == "Title here" && d.Words == 5 && d.Body == "Skip to main content\nTitle here\nSome body words" && d.PublishedAt == nil
		}, nil, ""},
		{"front matter fields", "---\ntitle: \"T\"\nquality: 74\nheat: -1\npublished: false\npublishedDateTime: 2020-01-07T20:02:00Z\nprovider:\n  name: Wired\n  domain: wired.com\ntopics:\n  - AI\n---\nBody text\n", func(d *Document) bool {
			return d.Kind == KindFrontMatter && d.Title == "T" && *d.Quality == 74 && *d.Heat == -1 && !*d.Published &&
				d.PublishedAt.Format("2006-01-02T15:04:05Z07:00") == "2020-01-07T20:02:00Z" &&
				d.Provider.Name == "Wired" && d.Provider.Domain == "wired.com" && len(d.Topics) == 1 && d.Body == "Body text" && d.Words == 2
		}, nil, ""},
		{"unknown keys kept in extra", "---\nlocale: en-us\ntags: [US-CA]\nweight: 3\n---\n", func(d *Document) bool {
			return d.Extra["locale"] == "en-us" && reflect.DeepEqual(d.Extra["tags"], []any{"US-CA"}) && d.Extra["weight"] == 3
		}, nil, ""},
		{"offset kept", "---\npublishedDateTime: 2014-06-17T04:04:00-07:00\n---\n", func(d *Document) bool {
			return d.PublishedAt.Format("2006-01-02T15:04:05Z07:00") == "2014-06-17T04:04:00-07:00"
		}, nil, ""},
		{"wrong types warn, document loads", "---\ntitle: [a]\nquality: high\ntopics: AI\npublished: yes please\n---\n", func(d *Document) bool {
			return d.Title == "" && d.Quality == nil && reflect.DeepEqual(d.Topics, []string{"AI"}) && d.Published == nil
		}, []string{"a.md:2:8: title: expected a string, found a list", `a.md:3:10: quality: expected a number, found "high"`,
			"a.md:4:9: topics: expected a list, found a single value; read as a list of one", `a.md:5:12: published: expected true or false, found "yes please"`}, ""},
		{"duplicate key", "---\ntitle: A\ntitle: B\n---\n", func(d *Document) bool { return d.Title == "A" },
			[]string{`a.md:3:1: duplicate key "title"; the first value is kept`}, ""},
		{"bad date", "---\npublishedDateTime: last tuesday\n---\n", func(d *Document) bool { return d.PublishedAt == nil },
			[]string{`a.md:2:20: publishedDateTime: "last tuesday" is not a date and time`}, ""},
		{"nulls", "---\ntitle: ~\nquality: ~\ntopics: ~\nprovider: ~\nrelated: ~\n---\n", func(d *Document) bool {
			return d.Title == "" && d.Quality == nil && d.Topics == nil && len(d.Related) == 0
		}, nil, ""},
		{"latin-1", "Caf\xe9 news\n", func(d *Document) bool { return d.Title == "Café news" }, []string{"a.md: not valid UTF-8; read as Latin-1"}, ""},
		{"list front matter", "---\n- a\n- b\n---\n", nil, nil, "a.md:2:1: front matter is a list, not a mapping of fields"},
		{"syntax error", "---\na: [\n---\n", nil, nil, "a.md:"},
		{"unterminated", "---\ntitle: x\n", nil, nil, "a.md:1:1: front matter opened with --- on line 1 is never closed"},
		{"binary", "GIF89a\x00\x01", nil, nil, "a.md: binary file (contains NUL bytes); skipped"},
		{"empty", " \n\n", nil, nil, "a.md: empty file; skipped"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, warnings, err := Parse("a.md", "a", []byte(tt.in), ParserAuto)
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) || d != nil {
					t.Fatalf("got %v, %v; want error %q", d, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(d) {
				b, _ := json.Marshal(d)
				t.Errorf("unexpected document %s", b)
			}
			var got []string
			for _, w := range warnings {
				got = append(got, w.Error())
			}
			if !reflect.DeepEqual(got, tt.warnings) {
				t.Errorf("warnings:\n%q\nwant\n%q", got, tt.warnings)
			}
		})
	}
}

func TestResolveLinks(t *testing.T) {
	docs := []*Document{
		{ID: "a", URL: "https://www.example.com/story/1/", AmpURL: "https://www.example.com/story/1/amp"},
		{ID: "b", Related: []Related{
			{URL: "http://example.com/story/1"},                                                    // scheme, www, trailing slash
			{AmpURL: "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/story/1/amp"}, // CDN AMP
			{URL: "https://example.com/story/2"},                                                   // not in the corpus
			{},                                                                                     // no URL at all
		}},
		{ID: "c", URL: "https://example.com/story/1"}, // same URL as a: the first in path order wins
	}
	ResolveLinks(docs)
	got := []string{docs[1].Related[0].Target, docs[1].Related[1].Target, docs[1].Related[2].Target, docs[1].Related[3].Target}
	if want := []string{"a", "a", "", ""}; !reflect.DeepEqual(got, want) {
		t.Errorf("targets = %q, want %q", got, want)
	}
}

// TestLoadSeeds checks the bundled corpus and that the result does not
// depend on the number of workers.
func TestLoadSeeds(t *testing.T) {
	var outputs []string
	for _, workers := range []int{1, 2, 8} {
		c, err := Load(context.Background(), []string{"../../seeds"}, Options{Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Docs) != 5 || c.Files != 5 || len(c.Diags) != 0 {
			t.Fatalf("docs %d files %d diags %v", len(c.Docs), c.Files, c.Diags)
		}
		if c.Docs[0].ID != "000_882eb17234bc9889" || c.Docs[0].Related[0].Target != "003_ecfceb46a7c3448c" {
			t.Errorf("first doc %q, first link target %q", c.Docs[0].ID, c.Docs[0].Related[0].Target)
		}
		b, err := json.Marshal(c.Docs)
		if err != nil {
			t.Fatal(err)
		}
		outputs = append(outputs, string(b))
	}
	if outputs[0] != outputs[1] || outputs[1] != outputs[2] {
		t.Error("output differs with the number of workers")
	}
}

func TestLoadIDs(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"x/_index.md", "y/_index.md", "a.md", "a.txt", "skip.json", ".hidden.md"} {
		p := filepath.Join(dir, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("Title of "+f+"\n"), 0o644)
	}
	c, err := Load(context.Background(), []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range c.Docs {
		ids = append(ids, d.ID)
	}
	if want := []string{"a", "a.txt", "x/_index", "y/_index"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("ids = %q, want %q", ids, want)
	}

	// IDs depend on names alone: a sibling that does not load still holds
	// its ID. Across several roots IDs stay unique.
	os.WriteFile(filepath.Join(dir, "a.md"), []byte("bin\x00ary"), 0o644)
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "a.md"), []byte("Other\n"), 0o644)
	c, err = Load(context.Background(), []string{dir, other}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ids = nil
	for _, d := range c.Docs {
		ids = append(ids, d.ID)
	}
	if want := []string{"a.txt", "x/_index", "y/_index", "a.md"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("ids = %q, want %q", ids, want)
	}
}

func TestFind(t *testing.T) {
	c := New([]*Document{{ID: "000_aa", Path: "s/000_aa.txt"}, {ID: "001_bb"}, {ID: "010_cc"}})
	abs, err := filepath.Abs("s/000_aa.txt")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ ref, want, err string }{
		// Any spelling of a document's path, and its id with the extension.
		{"./s/000_aa.txt", "000_aa", ""},
		{"s//000_aa.txt", "000_aa", ""},
		{abs, "000_aa", ""},
		{"000_aa.txt", "000_aa", ""},
		{"001_bb.md", "001_bb", ""},
		{"./s/nope.txt", "", `no document "./s/nope.txt" in the corpus`},
		{"000_aa", "000_aa", ""},
		{"001", "001_bb", ""},
		{"s/000_aa.txt", "000_aa", ""},
		{"0", "", `"0" matches 3 documents`},
		{"00", "", `"00" matches 2 documents`},
		{"9", "", `no document "9" in the corpus`},
	}
	for _, tt := range tests {
		d, err := c.Find(tt.ref)
		if tt.err != "" {
			if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
				t.Errorf("Find(%q) err = %v, want %q", tt.ref, err, tt.err)
			}
			continue
		}
		if err != nil || d.ID != tt.want {
			t.Errorf("Find(%q) = %v, %v; want %s", tt.ref, d, err, tt.want)
		}
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"100": 100, "512KiB": 512 << 10, "16 MiB": 16 << 20, "1.5m": 3 << 19, "0": 0, "2GB": 2 << 30,
		"0.5KiB": 512, " 7 ": 7, "1024b": 1024, "1.0": 1, "1024G": 1 << 40} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	// Nonsense is refused, never read as 0 ("no limit") or a negative size.
	for _, tc := range []struct{ in, why string }{
		{"", "use a number"}, {"lots", "use a number"}, {"-1", "use a number"}, {"12XB", "use a number"},
		{"NaN", "use a number"}, {"nan", "use a number"}, {"Inf", "use a number"}, {"+Inf", "use a number"}, {"-inf", "use a number"},
		{"1e400", "use a number"}, {"1e3", "use a number"}, {"0x10", "use a number"}, {"+5", "use a number"}, {"1_000", "use a number"},
		{".5", "use a number"}, {"5.", "use a number"}, {"1.2.3", "use a number"}, {"MiB", "use a number"},
		{"0.5", "not a whole number of bytes"}, {"1.5", "not a whole number of bytes"}, {"0.3KiB", "not a whole number of bytes"},
		{"99999999999999999999", "over the largest size"}, {"2000000000G", "over the largest size"},
	} {
		if got, err := ParseSize(tc.in); err == nil || !strings.Contains(err.Error(), tc.why) {
			t.Errorf("ParseSize(%q) = %d, %v; want an error saying %q", tc.in, got, err, tc.why)
		}
	}
}

func TestWorkersCapped(t *testing.T) {
	for in, want := range map[int]int{1: 1, MaxWorkers: MaxWorkers, MaxWorkers + 1: MaxWorkers, 1_000_000: MaxWorkers} {
		if got := (Options{Workers: in}).workers(); got != want {
			t.Errorf("Options{Workers: %d}.workers() = %d, want %d", in, got, want)
		}
	}
	if got := (Options{}).workers(); got < 1 || got > MaxWorkers {
		t.Errorf("default workers = %d", got)
	}
}

// TestStreamKeepData: with KeepData each result carries the bytes the
// loader read; without it, none.
func TestStreamKeepData(t *testing.T) {
	for _, keep := range []bool{false, true} {
		n := 0
		err := Stream(context.Background(), []string{"../../seeds"}, Options{KeepData: keep}, func(r Result) error {
			n++
			if !keep {
				if r.Data != nil {
					t.Errorf("%s: data without KeepData", r.Path)
				}
				return nil
			}
			want, err := os.ReadFile(r.Path)
			if err != nil {
				return err
			}
			if string(r.Data) != string(want) {
				t.Errorf("%s: data differs from the file", r.Path)
			}
			return nil
		})
		if err != nil || n != 5 {
			t.Fatalf("keep %v: %d results, %v", keep, n, err)
		}
	}
}
