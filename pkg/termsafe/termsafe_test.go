package termsafe

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClean(t *testing.T) {
	tests := []struct {
		name, in, want, wantKeep string // wantKeep "" means same as want
	}{
		{"plain ASCII", "Hello, world! 123 ~", "Hello, world! 123 ~", ""},
		{"empty", "", "", ""},
		{"unicode text", "Café 日本語 😀 naïve", "Café 日本語 😀 naïve", ""},
		{"literal replacement char", "a\uFFFDb", "a\uFFFDb", ""},
		{"clear screen", "\x1b[2J\x1b[Hgone", "␛[2J␛[Hgone", ""},
		{"colour", "\x1b[31mred\x1b[0m", "␛[31mred␛[0m", ""},
		{"OSC 8 hyperlink", "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", "␛]8;;https://evil.example␛\\click␛]8;;␛\\", ""},
		{"OSC title with BEL", "\x1b]0;pwned\a", "␛]0;pwned␇", ""},
		{"BEL", "ding\a", "ding␇", ""},
		{"NUL", "a\x00b", "a␀b", ""},
		{"backspace overwrite", "safe\b\b\b\bevil", "safe␈␈␈␈evil", ""},
		{"unit separator", "\x1f", "␟", ""},
		{"DEL", "a\x7fb", "a␡b", ""},
		{"C1 CSI as UTF-8", "\u009b31mred", "\uFFFD31mred", ""},
		{"C1 OSC, DCS, NEL", "\u009d\u0090\u0085", "\uFFFD\uFFFD\uFFFD", ""},
		{"C1 CSI raw byte", "\x9b31m", "\uFFFD31m", ""},
		{"invalid UTF-8", "a\xffb\xc3", "a\uFFFDb\uFFFD", ""},
		{"overlong encoding", "\xc0\xaf", "\uFFFD\uFFFD", ""},
		{"surrogate half", "\xed\xa0\x80", "\uFFFD\uFFFD\uFFFD", ""},
		{"RLO override", "abc\u202eevil\u202c", "abcevil", ""},
		{"all bidi controls", "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061cx", "x", ""},
		{"tab", "a\tb", "a b", ""},
		{"newline", "a\nb", "a b", "a\nb"},
		{"CRLF", "a\r\nb", "a  b", "a \nb"},
		{"lone CR overwrite", "evil\rsafe", "evil safe", ""},
		{"line and paragraph separators", "a\u2028b\u2029c", "a b c", "a\nb\nc"},
		{"mixed attack", "\x1b[8m\u202eTitle\a\x9b", "␛[8mTitle␇\uFFFD", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Clean(tt.in, false); got != tt.want {
				t.Errorf("Clean(%q, false) = %q, want %q", tt.in, got, tt.want)
			}
			wantKeep := tt.wantKeep
			if wantKeep == "" {
				wantKeep = tt.want
			}
			if got := Clean(tt.in, true); got != wantKeep {
				t.Errorf("Clean(%q, true) = %q, want %q", tt.in, got, wantKeep)
			}
		})
	}
}

// checkSafe fails if out holds anything a terminal could act on.
func checkSafe(t *testing.T, in, out string, keepNewlines bool) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("Clean(%q) = %q: invalid UTF-8", in, out)
	}
	for _, r := range out {
		switch {
		case r == '\n' && keepNewlines:
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0, isBidiControl(r), r == lineSep, r == paraSep:
			t.Fatalf("Clean(%q, %v) = %q keeps %U", in, keepNewlines, out, r)
		}
	}
}

// TestCleanEveryRune runs every code point through Clean, alone and
// between letters: nothing a terminal acts on survives, and every other
// character is kept exactly.
func TestCleanEveryRune(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		in := "a" + string(r) + "b"
		for _, keep := range []bool{false, true} {
			out := Clean(in, keep)
			checkSafe(t, in, out, keep)
			special := r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || isBidiControl(r) || r == lineSep || r == paraSep
			if !special && out != in {
				t.Fatalf("Clean(%q) = %q: a harmless character was changed", in, out)
			}
		}
	}
}

// TestCleanEveryByte covers every byte, including those that are not
// UTF-8 on their own.
func TestCleanEveryByte(t *testing.T) {
	for c := 0; c < 256; c++ {
		in := "x" + string([]byte{byte(c)}) + "y"
		checkSafe(t, in, Clean(in, false), false)
		checkSafe(t, in, Clean(in, true), true)
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b[2J", "\x1b]8;;u\x1b\\t\x1b]8;;\x1b\\", "\u202e", "\xff\xfe", "a\r\nb", "\u009b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, keep := range []bool{false, true} {
			out := Clean(s, keep)
			checkSafe(t, s, out, keep)
			if Clean(out, keep) != out {
				t.Fatalf("Clean is not idempotent on %q", s)
			}
			if !keep && strings.ContainsRune(out, '\n') {
				t.Fatalf("newline kept in %q", out)
			}
		}
	})
}
