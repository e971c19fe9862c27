package tokens

import (
	"iter"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"unicode/utf8"
)

func TestWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Hello, world!", []string{"Hello", "world"}},
		{"Amazon’s Ring — 200 U.S. police", []string{"Amazon’s", "Ring", "200", "U.S", "police"}},
		{"3.5 million", []string{"3.5", "million"}},
		{"e-mail", []string{"e", "mail"}},
		{"世界 café", []string{"世", "界", "café"}},
		{"  \t\n", nil},
	} {
		var got []string
		for tok := range Words(tc.in) {
			if tc.in[tok.Start:tok.End] != tok.Text {
				t.Errorf("%q: token %q at %d:%d is not s[Start:End]", tc.in, tok.Text, tok.Start, tok.End)
			}
			got = append(got, tok.Text)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("Words(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if n := Count(tc.in); n != len(tc.want) {
			t.Errorf("Count(%q) = %d, want %d", tc.in, n, len(tc.want))
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"police": "police", "Police": "police", "AMAZON’S": "amazon's", "Café": "café",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// BenchmarkCount compares Count with counting Words on the seeds.
func BenchmarkCount(b *testing.B) {
	text := string(seedText(b))
	b.Run("Count", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			Count(text)
		}
	})
	b.Run("Words", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			chunkCount(text)
		}
	})
}

func seedText(b *testing.B) []byte {
	var text []byte
	seeds, _ := filepath.Glob("../../seeds/*")
	for _, path := range seeds {
		s, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		text = append(text, s...)
	}
	return text
}

// BenchmarkWords compares Words with the general segmenter alone on the
// seeds: news text with typographic quotes and dashes.
func BenchmarkWords(b *testing.B) {
	text := seedText(b)
	for name, words := range map[string]func(string) iter.Seq[Token]{"Words": Words, "uax29": unicodeWords} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				for range words(string(text)) {
				}
			}
		})
	}
}

// wordsEqual reports where Words and the general segmenter disagree on
// valid UTF-8 s. On invalid UTF-8 the general segmenter's cut depends on
// how far the text goes on, so there Words only has to yield words of s
// in order, each within s and after the last.
func wordsEqual(t *testing.T, s string) {
	t.Helper()
	countEqual(t, s)
	if !utf8.ValidString(s) {
		end := 0
		for tok := range Words(s) {
			if tok.Start < end || tok.End > len(s) || tok.Start >= tok.End || s[tok.Start:tok.End] != tok.Text || !IsWord(tok.Text) {
				t.Fatalf("%q: token %+v out of place (last ended at %d)", s, tok, end)
			}
			end = tok.End
		}
		return
	}
	got, want := slices.Collect(Words(s)), slices.Collect(unicodeWords(s))
	if !slices.Equal(got, want) {
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Fatalf("%q: token %d = %+v, want %+v", s, i, got[i], want[i])
			}
		}
		t.Fatalf("%q: %d tokens, want %d", s, len(got), len(want))
	}
}

// countEqual fails when Count(s) is not the number of words Words yields,
// valid UTF-8 or not.
func countEqual(t *testing.T, s string) {
	t.Helper()
	n := 0
	for range Words(s) {
		n++
	}
	if got := Count(s); got != n {
		t.Fatalf("Count(%q) = %d, Words yields %d", s, got, n)
	}
}

// TestCountMatchesWords holds the count machine to Words on every ASCII
// text of up to five bytes from the characters its rules tell apart,
// with a non-ASCII byte at any place.
func TestCountMatchesWords(t *testing.T) {
	const alphabet = "a1_:.',; \xc3"
	var texts func(prefix string, n int)
	texts = func(prefix string, n int) {
		countEqual(t, prefix)
		countEqual(t, prefix+"é b")
		if n == 0 {
			return
		}
		for i := 0; i < len(alphabet); i++ {
			texts(prefix+alphabet[i:i+1], n-1)
		}
	}
	texts("", 5)
}

// wordCases are texts at the edges of the ASCII rules.
var wordCases = []string{
	"a:b a.b a'b a,b a;b 1:2 1.2 1'2 1,2 1;2 a.1 1.a a_.b a_b.c _a a_ __ _ 1_ _1",
	"U.S. e.g. 3.5. 1,000,000.50 ...a.. ''a'' a'' 'a",
	"end. a b\tc\nd\re\vf\fg  h",
	"Amazon’s Ring — “police” café naïve e\u0301 x \u0301y  \u0301z",
	"\u3000 a\u3000b a\u00a0b 🇬🇧🇫🇷 a👍b 1\u066b2 日本語のテキスト",
	"a\u200db a\u200bb a-b a/b a@b.com http://x.y/z?q=1&r=2",
	"\xff\xfea\xffb a\x00b \xe00 ",
}

func TestWordsMatchesUAX29(t *testing.T) {
	for _, s := range wordCases {
		wordsEqual(t, s)
	}
	seeds, err := filepath.Glob("../../seeds/*")
	if err != nil || len(seeds) == 0 {
		t.Fatalf("no seeds: %v", err)
	}
	for _, path := range seeds {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		wordsEqual(t, string(b))
	}
}

func FuzzWords(f *testing.F) {
	for _, s := range wordCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { wordsEqual(t, s) })
}
