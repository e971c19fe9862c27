package corpus

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/seedscope/seedscope/internal/sharedtest"
	"github.com/seedscope/seedscope/internal/synth"
	"github.com/seedscope/seedscope/pkg/swar"
)

// sameAsYAML decodes fm with the fast decoder and with yaml.v3 and fails
// the test if the fast decoder accepts it and gives anything else than
// yaml.v3 without warnings, or if it rejects it and leaves a trace in the
// document. It reports whether the fast decoder accepted the input.
func sameAsYAML(t *testing.T, name string, fm []byte) bool {
	t.Helper()
	blank := Document{ID: "id", Path: "p.md", Kind: KindFrontMatter}
	ref := blank
	warnings, err := decodeYAML("p.md", fm, &ref, documentKeys)
	fast := blank
	if !decodeFastString(string(fm), &fast, documentKeys) {
		if !reflect.DeepEqual(fast, blank) {
			t.Errorf("%s: rejected input changed the document: %+v", name, fast)
		}
		return false
	}
	switch {
	case err != nil:
		t.Errorf("%s: fast decoder accepted front matter yaml.v3 rejects (%v)\n%q", name, err, fm)
	case len(warnings) > 0:
		t.Errorf("%s: fast decoder accepted front matter yaml.v3 warns about (%v)\n%q", name, warnings, fm)
	case !reflect.DeepEqual(fast, ref):
		t.Errorf("%s: documents differ\nfast: %+v\nyaml: %+v\ninput: %q", name, fast, ref, fm)
	default:
		sameTree(t, name, fm)
	}
	return true
}

// sameParse checks the whole-file entry point gives the same result with
// ParserAuto and ParserYAML, warnings and errors included.
func sameParse(t *testing.T, path string, data []byte) {
	t.Helper()
	d1, w1, e1 := parseChecked(t, path, "id", data, ParserAuto)
	d2, w2, e2 := parseChecked(t, path, "id", data, ParserYAML)
	if !reflect.DeepEqual(d1, d2) || !reflect.DeepEqual(w1, w2) || !reflect.DeepEqual(e1, e2) {
		t.Errorf("%s: Parse differs between parsers\nauto: %+v %v %v\nyaml: %+v %v %v", path, d1, w1, e1, d2, w2, e2)
	}
}

// differential checks Parse gives the same result with both parsers for
// every file under dir (for a file the fast path takes, that is the
// equality of documents and warnings; for the others it checks the
// fallback) and returns how many files had front matter and how many of
// those the fast path took.
func differential(t *testing.T, dir string) (withFM, accepted int) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		sameParse(t, path, data)
		split, err := SplitFrontMatter(data)
		if err != nil || !split.HasFrontMatter {
			return nil
		}
		withFM++
		var doc Document
		if decodeFastString(string(split.FrontMatter), &doc, documentKeys) {
			accepted++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return withFM, accepted
}

func TestFastDecoderSeeds(t *testing.T) {
	withFM, accepted := differential(t, filepath.Join("..", "..", "seeds"))
	if withFM == 0 {
		t.Fatal("no front matter found in seeds/")
	}
	if accepted != withFM {
		t.Errorf("fast path took %d of %d seed files; want all", accepted, withFM)
	}
}

// TestFastDecoderSharedCorpora is the differential test over real data.
// The two corpora in the seed format must (nearly) all take the fast path.
func TestFastDecoderSharedCorpora(t *testing.T) {
	base := sharedtest.Dir(t, "corpora")
	for _, tc := range []struct {
		name    string
		minRate float64 // share of front-matter files the fast path must take
	}{
		{"insideout-ai-posts", 0.99},
		{"bing-covid-news", 0.99},
		{"hugo-docs", 0}, // another schema: only equality is checked
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(base, tc.name)
			if _, err := os.Stat(dir); err != nil {
				t.Skipf("%s not present", dir)
			}
			withFM, accepted := differential(t, dir)
			rate := float64(accepted) / float64(max(withFM, 1))
			t.Logf("%s: fast path took %d of %d front-matter files (%.2f%%)", tc.name, accepted, withFM, 100*rate)
			if rate < tc.minRate {
				t.Errorf("fast path took %.2f%% of %s; want at least %.0f%%", 100*rate, tc.name, 100*tc.minRate)
			}
		})
	}
}

// TestFastDecoderSynthetic runs the differential test over a synthetic
// corpus, which must take the fast path whole.
func TestFastDecoderSynthetic(t *testing.T) {
	const n = 1000
	withFM, accepted := 0, 0
	for i := range n {
		data := synth.File(i, n, 1)
		sameParse(t, synth.Name(i, 1), data)
		split, err := SplitFrontMatter(data)
		if err != nil || !split.HasFrontMatter {
			continue
		}
		withFM++
		if sameAsYAML(t, synth.Name(i, 1), split.FrontMatter) {
			accepted++
		}
	}
	if withFM == 0 || accepted != withFM {
		t.Errorf("fast path took %d of %d synthetic front-matter files; want all", accepted, withFM)
	}
}

// fastCases are inputs on the edge of the subset: each must either be
// declined or decoded exactly as yaml.v3 does. want says which.
var fastCases = []struct {
	name   string
	fm     string
	accept bool
}{
	{"empty", "", true},
	{"comment only", "# nothing\n", true},
	{"simple", "title: Hello\nquality: 12\n", true},
	{"crlf", "title: Hello\r\ntopics:\r\n  - a\r\n", true},
	{"compact sequence", "topics:\n- a\n- b\ntitle: x\n", true},
	{"comments between", "title: x\n# c\n  # indented c\ntopics:\n  - a\n", true},
	{"null forms", "title: ~\nexcerpt: null\ncategory:\ntype: NULL\nquality: ~\n", true},
	{"quoted null is a string", "title: 'null'\n", true},
	{"double escapes", `title: "a\"b\\c\te\x41\u00e9\U0001F600\N\_\L\P\0\a\b\v\f\r\e\ "` + "\n", true},
	{"single quotes", "title: 'it''s'\n", true},
	{"plain with colon and hash", "webUrl: https://x.org/a#b:c\n", true},
	{"numbers", "quality: -3\nheat: 12.50\n", true},
	{"negative zero", "quality: -0\nheat: -0.0\n", true},
	{"bool words", "published: True\n", true},
	{"extra scalars", "locale: en-us\ncount: 42\nflag: false\nnothing: ~\nquoted: '12'\n", true},
	{"extra nested", "meta:\n  a: 1\n  b:\n    - x\n    - y: z\n", true},
	{"unknown nested keys ignored", "provider:\n  name: A\n  extra:\n    deep: [1\n", false},
	{"related", "related:\n  - title: t\n    provider:\n      name: n\n    images:\n      - url: u\n        width: 5\n", true},
	{"root indented", "  title: x\n  type: y\n", true},
	{"publishedDateTime", "publishedDateTime: 2020-01-07T20:02:00Z\n", true},
	{"bad date", "publishedDateTime: soon\n", false},
	{"anchor", "title: &a x\nexcerpt: *a\n", false},
	{"tag", "title: !!str 12\n", false},
	{"flow sequence", "topics: [a, b]\n", false},
	{"flow mapping", "provider: {name: a}\n", false},
	{"block scalar", "excerpt: |\n  text\n", false},
	{"folded scalar", "excerpt: >\n  text\n", false},
	{"multi-line plain", "excerpt: one\n  two\n", false},
	{"multi-line quoted", "excerpt: \"one\n  two\"\n", false},
	{"duplicate key", "title: a\ntitle: b\n", false},
	{"duplicate key after others", "title: a\ntype: b\nheat: 1\ntitle: c\n", false},
	{"duplicate nested key", "provider:\n  name: a\n  domain: b\n  name: c\n", false},
	{"keys of one bit", "ac: 1\ncb: 2\nac: 3\n", false},
	{"distinct keys of one bit", "ac: 1\ncb: 2\n", true},
	{"many keys then a duplicate", manyKeys(40) + "k7: again\n", false},
	{"many distinct keys", manyKeys(40), true},
	{"merge key", "<<: {a: 1}\n", false},
	{"tab indent", "provider:\n\tname: a\n", false},
	{"odd indentation", "provider:\n    name: a\n  domain: b\n", false},
	{"trailing comment", "title: x # note\n", false},
	{"quoted number as number", "quality: '12'\n", false},
	{"octal-looking", "quality: 012\n", false},
	{"hex", "quality: 0x1F\n", false},
	{"underscore", "quality: 1_000\n", false},
	{"inf", "quality: .inf\n", false},
	{"exponent", "quality: 1e3\n", false},
	{"yaml 1.1 bool", "published: yes\n", false},
	{"provider scalar", "provider: Wired\n", false},
	{"topics scalar", "topics: AI\n", false},
	{"topics null item", "topics:\n  - ~\n", false},
	{"extra timestamp", "date: 2020-01-02\n", false},
	{"extra float", "ratio: 1.5\n", false},
	{"document marker", "title: x\n--- \n", false},
	{"list root", "- a\n", false},
	{"scalar root", "hello\n", false},
	{"control char", "title: a\x01b\n", false},
	{"nel", "title: a\u0085b\n", false},
	{"bad escape", `title: "\q"` + "\n", false},
	{"slash escape", `title: "a\/b"` + "\n", false},
	{"surrogate escape", `title: "\ud800"` + "\n", false},
	{"text after quote", `title: "a" b` + "\n", false},
	{"key without space", "title:x\n", false},
	{"empty sequence item", "topics:\n  -\n", false},
}

// manyKeys is a mapping of n keys k0…, past the few the fast decoder
// compares one by one.
func manyKeys(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "k%d: %d\n", i, i)
	}
	return b.String()
}

// TestKeyBit: keys that share a bit are still told apart, and the same key
// always has the same bit.
func TestKeyBit(t *testing.T) {
	if keyBit("ac") != keyBit("cb") {
		t.Fatal("keyBit(ac) != keyBit(cb): the cases above no longer share a bit")
	}
	for _, k := range []string{"a", "title", "webUrl", "cdnAmpWebUrl", "é"} {
		if keyBit(k) != keyBit(strings.Clone(k)) || keyBit(k) == 0 {
			t.Errorf("keyBit(%q) = %#x", k, keyBit(k))
		}
	}
}

func TestFastDecoderCases(t *testing.T) {
	for _, tc := range fastCases {
		t.Run(tc.name, func(t *testing.T) {
			if got := sameAsYAML(t, tc.name, []byte(tc.fm)); got != tc.accept {
				t.Errorf("accepted = %v, want %v", got, tc.accept)
			}
		})
	}
}

// FuzzFastDecoder checks, for any front matter, that the fast decoder
// either declines it or gives exactly yaml.v3's document with no warnings.
func FuzzFastDecoder(f *testing.F) {
	for _, tc := range fastCases {
		f.Add([]byte(tc.fm))
	}
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "seeds", "*"))
	for _, p := range seeds {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		if split, err := SplitFrontMatter(data); err == nil && split.HasFrontMatter {
			f.Add(split.FrontMatter)
			// A few cuts and splices of real documents.
			fm := string(split.FrontMatter)
			f.Add([]byte(fm[:len(fm)/2]))
			f.Add([]byte(strings.ReplaceAll(fm, "  ", " ")))
			f.Add([]byte(strings.ReplaceAll(fm, "\n", "\n ")))
		}
	}
	for _, fm := range mergeAndKeySeeds() {
		f.Add([]byte(fm))
	}
	f.Fuzz(func(t *testing.T, fm []byte) {
		sameAsYAML(t, "fuzz", fm)
	})
}

// TestUnprintable8 holds unprintable8, whether it marks a byte and the
// first it marks, to a byte-at-a-time scan.
func TestUnprintable8(t *testing.T) {
	check := func(w string) {
		t.Helper()
		first := 8
		for i := len(w) - 1; i >= 0; i-- {
			if w[i] < 0x20 || w[i] > 0x7E {
				first = i
			}
		}
		if got, want := swar.Any(unprintable8(w)), first < 8; got != want {
			t.Fatalf("unprintable8(%q) marks a byte: %v, want %v", w, got, want)
		}
		if got := swar.First(unprintable8(w)); got != first {
			t.Fatalf("first of unprintable8(%q) = %d, want %d", w, got, first)
		}
	}
	// Every byte value at every position, among printable and among
	// borderline neighbours (borrows between bytes must not hide one).
	for _, fill := range []byte{'a', 0x20, 0x7E, 0x21} {
		for pos := range 8 {
			for b := range 256 {
				w := []byte(strings.Repeat(string(fill), 8))
				w[pos] = byte(b)
				check(string(w))
			}
		}
	}
	for a := range 256 {
		for b := range 256 {
			check(string([]byte{byte(a), byte(b), 'x', 0x7F, byte(b), 'x', 'x', byte(a)}))
			check(string([]byte{byte(a), byte(b), 'x', 'x', 'x', 'x', byte(b), byte(a)}))
		}
	}
}

// TestCountWordsASCII checks CountWords' ASCII shortcut against
// unicode.IsSpace on every byte and on the non-ASCII spaces.
func TestCountWordsASCII(t *testing.T) {
	reference := func(s string) int {
		n, in := 0, false
		for _, r := range s {
			if unicode.IsSpace(r) {
				in = false
			} else if !in {
				in = true
				n++
			}
		}
		return n
	}
	var inputs []string
	for b := range 256 {
		inputs = append(inputs, "a"+string(rune(b))+"b", "a"+string([]byte{byte(b)})+"b ")
	}
	inputs = append(inputs, "", " ", "one two\tthree\nfour\r\nfive", "a\u00a0b\u2003c\u3000d\u0085e\u200bf", "\xff \xfe\xfd x")
	for _, s := range inputs {
		if got, want := CountWords(s), reference(s); got != want {
			t.Errorf("CountWords(%q) = %d, want %d", s, got, want)
		}
	}
}

// keyLenByRule is keyLen as its comment states it, a byte at a time: the
// reference TestKeyLen holds the table-driven one to.
func keyLenByRule(t string) int {
	i := 0
	for i < len(t) && i <= 128 {
		c := t[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' ||
			i > 0 && (c >= '0' && c <= '9' || c == '-') {
			i++
			continue
		}
		break
	}
	if i == 0 || i > 128 || i == len(t) || t[i] != ':' || i+1 < len(t) && t[i+1] != ' ' {
		return 0
	}
	return i
}

// TestKeyLen puts every byte at each of the first three places of a key,
// and tries keys around the longest one.
func TestKeyLen(t *testing.T) {
	var texts []string
	for c := range 256 {
		for at := range 3 {
			b := []byte("ab_: x")
			b[at] = byte(c)
			texts = append(texts, string(b), string(b[:at+1]), string(b[:4]))
		}
	}
	for n := 126; n <= 131; n++ {
		k := strings.Repeat("k", n)
		texts = append(texts, k+": v", k+":", k, k+":v", "1"+k+": v")
	}
	texts = append(texts, "", ":", ": x", "a:", "a: ", "a:b", "x-1_y: z")
	for _, s := range texts {
		if got, want := keyLen(s), keyLenByRule(s); got != want {
			t.Errorf("keyLen(%q) = %d, want %d", s, got, want)
		}
	}
}
