//go:build unix

package corpus

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/seedscope/seedscope/internal/hostiletest"
)

// The hostile corpus is testdata/hostile (files git can hold) plus the
// cases makeHostile generates: special files, symlink loops, and files
// too big to commit. Every file must end as a document or a diagnostic,
// in bounded time and memory, without stopping the rest of the load.

// hostileWant is the outcome expected for one file.
type hostileWant struct {
	doc   bool   // a document loads
	title string // its title, when doc
	// diags are the exact diagnostics, "path:line:col: message" with the
	// path relative to the corpus root.
	diags []string
}

func skipped(msg string) hostileWant { return hostileWant{diags: []string{msg}} }

var hostileWants = map[string]hostileWant{
	"alias-bomb.md": skipped("alias-bomb.md:7:4: YAML aliases expand to more than 100000 nodes (alias bomb?); not loaded"),
	"alias-ok.md":   {doc: true, title: "Aliases within budget"},
	"alias-self.md": skipped("alias-self.md:3:7: YAML aliases expand to more than 100000 nodes (alias bomb?); not loaded"),
	"bad-dates.md": {doc: true, title: "Bad dates", diags: []string{
		`bad-dates.md:3:20: publishedDateTime: "2020-13-45T99:99:99Z" is not a date and time`,
		`bad-dates.md:6:24: related.publishedDateTime: expected a string, found a list`,
	}},
	"binary.md":        skipped("binary.md: binary file (contains NUL bytes); skipped"),
	"blank.md":         skipped("blank.md: empty file; skipped"),
	"boilerplate.txt":  {doc: true, title: "Real headline after chrome"},
	"bom-crlf.md":      {doc: true, title: "BOM and CRLF"},
	"bom-only.md":      skipped("bom-only.md: empty file; skipped"),
	"control-chars.md": {doc: true, title: "Clear\x1b[2J\x1b[31mRED\a \x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\ \u009b31m \u202eevil\u202c \x7f end"},
	// A lone CR is not a line end: the file is one line of plain text.
	"cr-only.md":            {doc: true, title: "---\rtitle: old Mac line ends\r---\rbody"},
	"crlf-unterminated.md":  skipped("crlf-unterminated.md:1:1: front matter opened with --- on line 1 is never closed"),
	"dots-close.md":         {doc: true, title: "Closed with dots"},
	"duplicate-keys.md":     {doc: true, title: "First title", diags: []string{`duplicate-keys.md:3:1: duplicate key "title"; the first value is kept`, `duplicate-keys.md:6:3: duplicate key "name"; the first value is kept`}},
	"empty-frontmatter.md":  {doc: true},
	"empty.md":              skipped("empty.md: empty file; skipped"),
	"extra-collision.md":    {doc: true, title: "Colliding extra keys"},
	"extra-keys.md":         {doc: true, title: "Odd extra keys"},
	"facet-spellings.md":    {doc: true, title: "Facet spellings"},
	"huge-number.md":        {doc: true, title: "Huge numbers", diags: []string{`huge-number.md:3:10: quality: expected a number, found "1e400"`}},
	"invalid-escape.md":     skipped("invalid-escape.md:2: invalid YAML: found unknown escape character"),
	"latin1-text.txt":       {doc: true, title: "Café headline", diags: []string{"latin1-text.txt: not valid UTF-8; read as Latin-1"}},
	"latin1.md":             {doc: true, title: "Café naïve", diags: []string{"latin1.md: not valid UTF-8; read as Latin-1"}},
	"list-frontmatter.md":   skipped("list-frontmatter.md:2:1: front matter is a list, not a mapping of fields"),
	"malformed-yaml.md":     skipped("malformed-yaml.md:2: invalid YAML: did not find expected ',' or ']'"),
	"multi-doc.md":          {doc: true, title: "one"},
	"non-scalar-key.md":     {doc: true, title: "Complex key", diags: []string{"non-scalar-key.md:2:3: mapping key is a list; field ignored"}},
	"nul-late.md":           {doc: true, title: "NUL after the sniff window"},
	"nulls.md":              {doc: true},
	"only-fence.md":         skipped("only-fence.md:1:1: front matter opened with --- on line 1 is never closed"),
	"scalar-frontmatter.md": skipped("scalar-frontmatter.md:2:1: front matter is a scalar, not a mapping of fields"),
	"tab-indent.md":         skipped("tab-indent.md:3: invalid YAML: found character that cannot start any token"),
	"unicode-keys.md":       {doc: true, title: "Real"},
	"unterminated.md":       skipped("unterminated.md:1:1: front matter opened with --- on line 1 is never closed"),
	"whitespace-title.txt":  {doc: true, title: "Ideographic space headline"},
	// Tables that fit and ids that resolve: wide characters in every table column; an
	// id that is a prefix of another.
	"wide-cjk-emoji.md": {doc: true, title: "人工知能が変える日本の報道 🤖📰 絵文字👩‍👩‍👧と国旗🇯🇵がタイトルの幅を二倍にする長い見出しです"},
	"shared-prefix-2020-01-01-artificial-intelligence.md":          {doc: true, title: "An id that is a prefix of another id"},
	"shared-prefix-2020-01-01-artificial-intelligence-and-jobs.md": {doc: true, title: "An id that extends another id"},
	"wrong-types.md": {doc: true, diags: []string{
		"wrong-types.md:2:8: title: expected a string, found a list",
		"wrong-types.md:3:10: excerpt: expected a string, found a mapping",
		`wrong-types.md:4:10: quality: expected a number, found "high"`,
		"wrong-types.md:5:7: heat: expected a number, found a mapping",
		`wrong-types.md:6:12: published: expected true or false, found "yes"`,
		`wrong-types.md:7:20: publishedDateTime: "not a date" is not a date and time`,
		"wrong-types.md:8:9: topics: expected a list of strings, found a mapping",
		`wrong-types.md:9:9: images: expected a list, found "just-a-string"`,
		`wrong-types.md:10:10: related: expected a list, found "5"`,
		"wrong-types.md:11:11: provider: expected a mapping, found a list",
	}},
	"yaml-directive.md": skipped("yaml-directive.md:2: invalid YAML: found incompatible YAML document"),

	// Merge keys, complex keys and zone offsets: yaml.v3's
	// Node.Decode panics on the first; offsets outside ±23:59 cannot be
	// written as JSON.
	"merge-unhashable.md": {doc: true, title: "Merge of a mapping with a list for a key", diags: []string{
		`merge-unhashable.md:4:3: x: invalid map key: []interface {}{"a"}; field ignored`,
	}},
	"merge-keys.md": {doc: true, title: "Merge and complex keys", diags: []string{
		"merge-keys.md:8:3: mapping key is a list; field ignored",
		"merge-keys.md:10:3: mapping key is a mapping; field ignored",
		`merge-keys.md:12:4: z: invalid map key: map[string]interface {}{"a":1}; field ignored`,
		`merge-keys.md:13:6: dup: duplicate mapping key "m" at 13:35 (first at 13:29); field ignored`,
	}},
	"bad-offsets.md": {doc: true, title: "Zone offsets out of range", diags: []string{
		`bad-offsets.md:3:20: publishedDateTime: "2020-01-01T00:00:00+24:00" is not a date and time: the time zone offset is outside ±23:59`,
		`bad-offsets.md:9:24: related.publishedDateTime: "2020-01-01 10:00:00 -2400" is not a date and time: the time zone offset is outside ±23:59`,
		`bad-offsets.md:11:24: related.publishedDateTime: "2020-01-01T10:00:00+05:60" is not a date and time: the time zone offset is outside ±23:59`,
	}},
	// Topics, a category and a provider that shell completion cannot
	// offer whole (a tab, a newline, an escape, an invisible character).
	"completion-values.md": {doc: true, title: "Values a shell cannot complete whole"},

	// Generated by makeHostile; the links, loops and odd names are in
	// walkWants (walk_test.go).
	"gen/fifo.md":         skipped("gen/fifo.md: not a regular file (FIFO); skipped"),
	"gen/broken-link.md":  skipped("gen/broken-link.md: broken symlink; skipped"),
	"gen/huge.md":         skipped("gen/huge.md: file is 100 MiB, over the 16 MiB size limit (--max-file-size); skipped"),
	"gen/long-line.txt":   {doc: true, title: strings.Repeat("word ", maxTitleRunes/5)[:maxTitleRunes-1] + "…"},
	"gen/long-title.md":   {doc: true, title: strings.Repeat("t", 512<<10)},
	"gen/long-fm.md":      skipped("gen/long-fm.md:2: front matter is 3.0 MiB, over the 1 MiB limit; not loaded"),
	"gen/deep-flow.md":    skipped("gen/deep-flow.md:2: invalid YAML: exceeded max depth of 10000"),
	"gen/deep-map.md":     skipped("gen/deep-map.md:2: invalid YAML: exceeded max depth of 10000"),
	"gen/deep-block.md":   skipped("gen/deep-block.md:3: invalid YAML: exceeded max depth of 10000"),
	"gen/deep-ok.md":      {doc: true, title: "Nested 5000 deep"},
	"gen/related-bomb.md": skipped("gen/related-bomb.md:5:26: YAML aliases expand to more than 100000 nodes (alias bomb?); not loaded"),
	// The per-document bounds (hostiletest.Bounds).
	"gen/many-nodes.md":  skipped("gen/many-nodes.md:2: front matter holds more than 100000 YAML nodes (keys, values and list items); not loaded"),
	"gen/many-keys.md":   skipped("gen/many-keys.md:2: front matter holds more than 100000 YAML nodes (keys, values and list items); not loaded"),
	"gen/nested-keys.md": skipped("gen/nested-keys.md:2: front matter holds more than 100000 YAML nodes (keys, values and list items); not loaded"),
	"gen/long-list.md":   {doc: true, title: "long list", diags: []string{"gen/long-list.md:4:3: related: list of 12000 items, over the 10000 limit; only the first 10000 are kept"}},
	"gen/wide-map.md":    {doc: true, title: "many keys"},
	// validate's cases: the loader reads them as it reads any document.
	"gen/entities-long-line.txt": {doc: true, title: "Entities on one line"},
	"gen/javascript:alert(1).md": {doc: true, title: "A name that reads as a URI scheme"},
	"entities-one-line.txt":      {doc: true, title: "Entities & # 39; on & amp; one line"},

	// Every required field, and the bomb in topics: refused all the same.
	"alias-bomb-fields.md": skipped("alias-bomb-fields.md:11:4: YAML aliases expand to more than 100000 nodes (alias bomb?); not loaded"),
}

// The deceptive file names of hostiletest load like any other file: as
// documents, or (the unterminated ones) as errors that name them.
func init() {
	for _, n := range hostiletest.DeceptiveNames {
		rel := "gen/" + hostiletest.DeceptiveDir + "/" + n.Name
		if n.Title == "" {
			hostileWants[rel] = skipped(rel + ":1:1: front matter opened with --- on line 1 is never closed")
			continue
		}
		hostileWants[rel] = hostileWant{doc: true, title: n.Title}
	}
}

// makeHostile builds the hostile corpus (see hostiletest.Corpus).
func makeHostile(t *testing.T) string {
	return hostiletest.Corpus(t, filepath.Join("..", "..", "testdata", "hostile"))
}

// loadHostile streams the corpus at root and returns each file's result by
// path relative to root.
func loadHostile(t *testing.T, root string, o Options) (map[string]Result, []string) {
	t.Helper()
	got := map[string]Result{}
	var order []string
	var err error
	withDeadline(t, "loading the hostile corpus", func() {
		ctx, cancel := context.WithTimeout(context.Background(), hangLimit)
		defer cancel()
		err = Stream(ctx, []string{root}, o, func(r Result) error {
			rel, err := filepath.Rel(root, r.Path)
			if err != nil {
				return err
			}
			rel = filepath.ToSlash(rel)
			if _, dup := got[rel]; dup {
				return fmt.Errorf("%s delivered twice", rel)
			}
			got[rel] = r
			order = append(order, rel)
			return nil
		})
	})
	if err != nil {
		t.Fatalf("Stream: %v", err)
	}
	return got, order
}

func relDiags(root string, ds []Diagnostic) []string {
	out := make([]string, 0, len(ds))
	for _, d := range ds {
		out = append(out, strings.ReplaceAll(d.Error(), root+string(filepath.Separator), "")) // messages may name a second path
	}
	return out
}

func TestHostileCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a few MB of generated files")
	}
	root := makeHostile(t)
	for _, parser := range Parsers {
		t.Run(string(parser), func(t *testing.T) {
			checkHostile(t, root, Options{Parser: parser}, hostileWantsFor(false))
		})
	}
}

// checkHostile loads the hostile corpus at root and checks every result
// against wants: every file is accounted for, and nothing else is reported.
func checkHostile(t *testing.T, root string, o Options, wants map[string]hostileWant) {
	t.Helper()
	var got map[string]Result
	alloc := allocated(func() { got, _ = loadHostile(t, root, o) })
	for rel := range got {
		if _, ok := wants[rel]; !ok {
			t.Errorf("%s: unexpected result %+v", rel, got[rel].Diags)
		}
	}
	docs := 0
	for rel, want := range wants {
		r, ok := got[rel]
		if !ok {
			t.Errorf("%s: no result: the file was lost", rel)
			continue
		}
		if gotDiags := relDiags(root, r.Diags); !slices.Equal(gotDiags, want.diags) {
			t.Errorf("%s: diagnostics\n got %q\nwant %q", rel, gotDiags, want.diags)
		}
		if (r.Doc != nil) != want.doc {
			t.Errorf("%s: document = %v, want %v", rel, r.Doc != nil, want.doc)
			continue
		}
		if r.Doc == nil {
			if !hasReason(r.Diags) {
				t.Errorf("%s: no document and no error or skip diagnostic: %q", rel, relDiags(root, r.Diags))
			}
			continue
		}
		docs++
		if r.Doc.Title != want.title {
			t.Errorf("%s: title = %.80q, want %.80q", rel, r.Doc.Title, want.title)
		}
		if _, err := json.Marshal(r.Doc); err != nil {
			t.Errorf("%s: document does not print as JSON: %v", rel, err)
		}
	}
	if docs == 0 || docs == len(wants) {
		t.Fatalf("%d documents of %d files: the corpus no longer mixes good and bad", docs, len(wants))
	}
	// Generous: the files read total about 7 MB.
	if alloc > 1<<30 {
		t.Errorf("the hostile load allocated %d MB", alloc>>20)
	}
}

// hasReason reports whether a file without a document says why: an error,
// or a warning that it was skipped.
func hasReason(ds []Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == Error || strings.HasSuffix(d.Msg, "skipped") {
			return true
		}
	}
	return false
}

// TestHostileFilesCovered keeps the expectations and testdata/hostile in
// step: a file added there without an expected outcome fails.
func TestHostileFilesCovered(t *testing.T) {
	des, err := os.ReadDir(filepath.Join("..", "..", "testdata", "hostile"))
	if err != nil {
		t.Fatal(err)
	}
	for _, de := range des {
		if strings.HasPrefix(de.Name(), ".") {
			continue // .gitattributes; hidden files are not loaded
		}
		if _, ok := hostileWants[de.Name()]; !ok {
			t.Errorf("testdata/hostile/%s has no expected outcome in hostileWants", de.Name())
		}
	}
	if len(des) < 30 {
		t.Errorf("only %d hostile files", len(des))
	}
}

// TestHostileDeterministic loads the hostile corpus with one worker and
// with many: the results, JSON included, must be byte-identical.
func TestHostileDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a few MB of generated files")
	}
	root := makeHostile(t)
	dump := func(workers int) []byte {
		got, order := loadHostile(t, root, Options{Workers: workers})
		var b bytes.Buffer
		for _, rel := range order {
			r := got[rel]
			fmt.Fprintf(&b, "%s %q\n", rel, relDiags(root, r.Diags))
			if r.Doc != nil {
				doc := *r.Doc
				doc.Path = rel
				j, err := json.Marshal(&doc)
				if err != nil {
					t.Fatal(err)
				}
				b.Write(j)
				b.WriteByte('\n')
			}
		}
		return b.Bytes()
	}
	one := dump(1)
	for range 3 {
		if many := dump(8); !bytes.Equal(one, many) {
			t.Fatalf("results differ between 1 and 8 workers")
		}
	}
}

// parseHostileFile parses testdata/hostile/name with parser; it must load.
func parseHostileFile(t *testing.T, name string, parser ParserName) *Document {
	t.Helper()
	p := filepath.Join("..", "..", "testdata", "hostile", name)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	doc, _, err := Parse(p, name, data, parser)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestHostileDocuments checks the documents that load from hostile files
// keep their data exactly.
func TestHostileDocuments(t *testing.T) {
	load := func(name string) *Document { return parseHostileFile(t, name, ParserYAML) }
	if d := load("bom-crlf.md"); !slices.Equal(d.Topics, []string{"AI"}) || d.Body != "Body line one.\r\nBody line two." {
		t.Errorf("bom-crlf.md: topics %q body %q", d.Topics, d.Body)
	}
	if d := load("latin1.md"); d.Body != "Résumé body" {
		t.Errorf("latin1.md: body %q", d.Body)
	}
	if d := load("control-chars.md"); d.Provider.Name != "\x1b[5mBlink" || !strings.Contains(d.Body, "\x1b[1mbold") {
		t.Errorf("control-chars.md: escapes not kept exactly: %q %q", d.Provider.Name, d.Body)
	}
	d := load("nulls.md")
	if j, _ := json.Marshal(d.Extra); string(j) != `{"extra":null}` || d.Title != "" || d.Quality != nil || d.Published != nil || d.Topics != nil || d.Related != nil || d.Provider.Name != "" {
		t.Errorf("nulls.md: fields not empty: %+v", d)
	}
	d = load("extra-collision.md")
	if j, _ := json.Marshal(d.Extra); string(j) != `{"odd":{"1":"float","NaN":"a"}}` {
		t.Errorf("extra-collision.md: extra = %s", j)
	}
	d = load("extra-keys.md")
	if j, err := json.Marshal(d.Extra); err != nil || !strings.Contains(string(j), `"nums":[".nan",".inf","-.inf",31,"1e400"]`) {
		t.Errorf("extra-keys.md: extra = %s, %v", j, err)
	}
	if d := load("alias-ok.md"); len(d.Related) != 2 || d.Related[1].Provider.Name != "Example" {
		t.Errorf("alias-ok.md: related = %+v", d.Related)
	}
}

// TestHostileBounded parses the bombs and deep nestings directly and
// checks the time (by a hang detector) and memory they take are bounded.
func TestHostileBounded(t *testing.T) {
	billion, err := os.ReadFile(filepath.Join("..", "..", "testdata", "hostile", "alias-bomb.md"))
	if err != nil {
		t.Fatal(err)
	}
	// An alias to an anchor holding 1000 aliases to one holding 1000
	// scalars: a million nodes, an unknown field decoded by yaml.v3.
	wide := "---\na: &a [" + strings.TrimSuffix(strings.Repeat("x,", 1000), ",") + "]\nb: &b [" +
		strings.TrimSuffix(strings.Repeat("*a,", 1000), ",") + "]\nc: *b\n---\n"
	for _, tc := range []struct {
		name, input string
		wantErr     string // "" for a document
	}{
		{"billion laughs", string(billion), "aliases expand to more than"},
		{"wide alias", wide, "aliases expand to more than"},
		{"related bomb 10k", hostiletest.RelatedBomb(10000), "aliases expand to more than"},
		{"flow nesting 20k", "---\nx: " + hostiletest.DeepFlow(20000) + "\n---\n", "exceeded max depth"},
		{"map nesting 20k", "---\nx: " + hostiletest.DeepMap(20000) + "\n---\n", "exceeded max depth"},
		{"block nesting 20k", "---\nx:\n  " + hostiletest.DeepBlock(20000) + "\n---\n", "exceeded max depth"},
		{"flow nesting 9000", "---\nx: " + hostiletest.DeepFlow(9000) + "\n---\n", ""},
		{"front matter at the size limit", "---\nx: " + strings.Repeat("y", MaxFrontMatterSize-4) + "\n---\n", ""},
		{"front matter over the size limit", "---\nx:\n" + strings.Repeat("- a\n", MaxFrontMatterSize/4+1) + "---\n", "over the 1 MiB limit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, parser := range Parsers {
				var doc *Document
				var err error
				alloc := allocated(func() {
					withDeadline(t, tc.name, func() {
						doc, _, err = Parse("f.md", "f", []byte(tc.input), parser)
					})
				})
				switch {
				case tc.wantErr == "" && err != nil:
					t.Errorf("%s: %v", parser, err)
				case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
					t.Errorf("%s: error %v, want one containing %q", parser, err, tc.wantErr)
				case tc.wantErr == "" && doc == nil:
					t.Errorf("%s: no document", parser)
				}
				var d *Diagnostic
				if err != nil && !errors.As(err, &d) {
					t.Errorf("%s: error %T is not a *Diagnostic", parser, err)
				}
				// Generous bound: about 100 times the largest input.
				if alloc > 256<<20 {
					t.Errorf("%s: allocated %d MB", parser, alloc>>20)
				}
			}
		})
	}
}

// TestReadEntryRaces covers what can change between listing a file and
// reading it: it vanishes, it is replaced by a FIFO (which must not block
// the read), or it grows past the size limit.
func TestReadEntryRaces(t *testing.T) {
	dir := t.TempDir()
	gone := filepath.Join(dir, "gone.md")
	fifo := filepath.Join(dir, "fifo.md")
	grew := filepath.Join(dir, "grew.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(grew, bytes.Repeat([]byte("x"), 2048), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		e    entry
		want string
	}{
		{entry{path: gone, rel: "gone.md"}, "gone.md: file vanished before it could be read"},
		{entry{path: fifo, rel: "fifo.md"}, "fifo.md: not a regular file (FIFO); skipped"},
		{entry{path: grew, rel: "grew.md", limit: 1024}, "grew.md: file is 2 KiB, over the 1 KiB size limit (--max-file-size); skipped"},
	} {
		for _, own := range []bool{false, true} {
			var data []byte
			var r Result
			var ok bool
			withDeadline(t, "reading "+tc.e.rel, func() { data, r, ok = readEntry(tc.e, own, true) })
			if got := relDiags(dir, r.Diags); ok || data != nil || !slices.Equal(got, []string{tc.want}) {
				t.Errorf("%s (own buffer %v): ok=%v diags %q, want %q", tc.e.rel, own, ok, got, tc.want)
			}
		}
	}
	// Within the limit the file reads whole, into a pooled buffer or one
	// of its own.
	for _, own := range []bool{false, true} {
		data, _, ok := readEntry(entry{path: grew, rel: "grew.md", limit: 2048}, own, true)
		if !ok || len(data) != 2048 {
			t.Errorf("grew.md at the limit (own buffer %v): ok=%v, %d bytes", own, ok, len(data))
		}
	}
}

// TestLimitsDocumented keeps docs/limits.md in step with the constants.
func TestLimitsDocumented(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "limits.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		FormatSize(DefaultMaxFileSize), FormatSize(MaxFrontMatterSize),
		fmt.Sprint(MaxAliasExpansion), fmt.Sprint(MaxNestingDepth), fmt.Sprint(maxTitleRunes),
		fmt.Sprint(MaxWorkers), "(`MaxWorkers`)",
		fmt.Sprint(MaxFrontMatterNodes), fmt.Sprint(MaxListItems), "MaxFrontMatterNodes", "MaxListItems",
	} {
		if !strings.Contains(strings.ReplaceAll(string(b), ",", ""), want) {
			t.Errorf("docs/limits.md does not mention %s", want)
		}
	}
}

// TestStreamStopsOnCancel checks that once the context is cancelled (Ctrl-C)
// no further result is delivered and Stream reports the cancellation.
func TestStreamStopsOnCancel(t *testing.T) {
	dir := t.TempDir()
	for i := range 200 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%03d.md", i)), []byte("---\ntitle: x\n---\nbody\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	var err error
	withDeadline(t, "a cancelled stream", func() {
		err = Stream(ctx, []string{dir}, Options{Workers: 2}, func(Result) error {
			calls++
			cancel()
			return nil
		})
	})
	if calls != 1 || !errors.Is(err, context.Canceled) {
		t.Errorf("after cancel: %d results delivered, error %v; want 1 and context.Canceled", calls, err)
	}
}
