package corpus

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestLinkNeedles holds MayHold to every spelling of a URL with the same
// key: a file that holds one is never refused.
func TestLinkNeedles(t *testing.T) {
	n := NewLinkNeedles()
	n.Add("https://www.example.com/2020/01/some-story-123/amp")
	n.Add("https://short.org/a")
	n.Add("https://news.example.org/2021/a-much-longer-story-slug-4567?x=1")
	tests := []struct {
		data string
		want bool
	}{
		{"webUrl: https://example.com/2020/01/some-story-123", true},
		{"url: HTTP://AMP.EXAMPLE.COM/2020//01/some-story-123/", true},
		{"u: https://www-example-com.cdn.ampproject.org/c/s/www.example.com/2020/01/some-story-123", true},
		{`url: "https://example.com/2020/01/some\x2Dstory-123"`, true}, // an escape: parsed
		{"url: https://example.com/2020/01/some%2Dstory-123", true},
		{"url: !!binary aHR0cHM6Ly9leGFtcGxlLmNvbQ==", true},
		{"url: https://SHORT.org/a", true},
		{"url: https://example.com/2020/01/other-story", false},
		{"- url: https://news.example.org/2021/a-much-longer-story-slug-4567/amp", true},
		{"a-much-longer-story-slug-4567", true},
		{"a-much-longer-story-slug-456", false},
		{"much-longer-story-slug-4567", false},
		{"nothing here", false},
	}
	for _, tt := range tests {
		if got := n.MayHold([]byte(tt.data)); got != tt.want {
			t.Errorf("MayHold(%q) = %v, want %v", tt.data, got, tt.want)
		}
	}
	if NewLinkNeedles().MayHold([]byte("https://example.com/a")) {
		t.Error("no needles accept a file")
	}
	all := NewLinkNeedles()
	all.Add("https://a.b/")
	if !all.MayHold([]byte("anything")) {
		t.Error("a key without a needle must accept every file")
	}
}

// TestGramsSameAsSearch holds the one-pass search for runs to a search
// for each: on random runs and data over small alphabets (many grams
// shared, runs repeating themselves), found exactly when one is there.
func TestGramsSameAsSearch(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	word := func(alphabet string, n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return b
	}
	for _, alphabet := range []string{"ab", "abc-", "abcdefghij0123456789-."} {
		for range 300 {
			var g grams
			var runs [][]byte
			for range 1 + rng.IntN(4) {
				r := word(alphabet, minGrammed+rng.IntN(40))
				runs = append(runs, r)
				g.add(r)
			}
			data := word(alphabet+" /", rng.IntN(400))
			if rng.IntN(2) == 0 { // plant a run
				r := runs[rng.IntN(len(runs))]
				at := rng.IntN(len(data) + 1)
				data = append(data[:at:at], append(r, data[at:]...)...)
			}
			want := false
			for _, r := range runs {
				want = want || bytes.Contains(data, r)
			}
			if got := g.in(data); got != want {
				t.Fatalf("runs %q in %q: %v, a search for each says %v", runs, data, got, want)
			}
		}
	}
}

// TestLinkBytes: only a front matter, fences and all, can give a
// document URLs.
func TestLinkBytes(t *testing.T) {
	tests := []struct{ data, want string }{
		{"---\nurl: https://a.b/c\n---\nbody https://x.y/z\n", "---\nurl: https://a.b/c\n---\n"},
		{"\xEF\xBB\xBF---\r\nurl: x\r\n...\r\nbody", "\xEF\xBB\xBF---\r\nurl: x\r\n...\r\n"},
		{"---\nurl: caf\xE9\n---\nbody", "---\nurl: caf\xE9\n---\n"},
		{"plain text https://a.b/c\n", ""},
		{"---\nnever closed https://a.b/c\n", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := string(LinkBytes([]byte(tt.data))); got != tt.want {
			t.Errorf("LinkBytes(%q) = %q, want %q", tt.data, got, tt.want)
		}
	}
}
