package tokens

import (
	"slices"
	"testing"
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

func BenchmarkWords(b *testing.B) {
	text := "Amazon has partnered with more than 200 law enforcement agencies to use its Ring home surveillance system, reports show. "
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		for range Words(text) {
		}
	}
}
