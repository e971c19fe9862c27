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
		{"RLO override", "abc\u202eevil\u202c", "abc<U+202E>evil<U+202C>", ""},
		{"all bidi controls", "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061cx",
			"<U+202A><U+202B><U+202C><U+202D><U+202E><U+2066><U+2067><U+2068><U+2069><U+200E><U+200F><U+061C>x", ""},
		{"zero-width space", "\u200bc", "<U+200B>c", ""},
		{"zero-width joiners", "a\u200cb\u200dc", "a<U+200C>b<U+200D>c", ""},
		{"word joiner and invisible operators", "\u2060\u2061\u2062\u2063\u2064", "<U+2060><U+2061><U+2062><U+2063><U+2064>", ""},
		{"byte order mark", "\ufeffid", "<U+FEFF>id", ""},
		{"soft hyphen", "co\u00adop", "co<U+00AD>op", ""},
		{"Mongolian vowel separator", "a\u180eb", "a<U+180E>b", ""},
		{"tag characters", "flag\U000E0067\U000E0062\U000E007F", "flag<U+E0067><U+E0062><U+E007F>", ""},
		{"Hangul filler", "\u3164", "<U+3164>", ""},
		{"visible look-alike kept", "\u00a0c\u2003", "\u00a0c\u2003", ""},
		{"forged workflow command", "x\n::error title=forged::all clean.md", "x ::error title=forged::all clean.md", "x\n::error title=forged::all clean.md"},
		{"tab", "a\tb", "a b", ""},
		{"newline", "a\nb", "a b", "a\nb"},
		{"CRLF", "a\r\nb", "a  b", "a \nb"},
		{"lone CR overwrite", "evil\rsafe", "evil safe", ""},
		{"line and paragraph separators", "a\u2028b\u2029c", "a b c", "a\nb\nc"},
		{"mixed attack", "\x1b[8m\u202eTitle\a\x9b", "␛[8m<U+202E>Title␇\uFFFD", ""},
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
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0, IsInvisible(r), r == lineSep, r == paraSep:
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
			special := r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || IsInvisible(r) || r == lineSep || r == paraSep
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

// TestCleanTellsApart: strings that print the same raw print differently
// once cleaned, when they differ only by invisible characters.
func TestCleanTellsApart(t *testing.T) {
	base := "c"
	for _, r := range []rune{0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad, 0xe0063, 0x202e, 0x2066, 0x061c, 0x180e} {
		for _, s := range []string{string(r) + base, base + string(r)} {
			if Clean(s, false) == Clean(base, false) {
				t.Errorf("Clean(%q) = Clean(%q) = %q", s, base, Clean(base, false))
			}
		}
	}
}

func TestLine(t *testing.T) {
	for _, in := range []string{"x\n::error title=forged::all clean.md", "a\r\n::warning::b", "a\u2028::notice::b", "\n\n"} {
		if got := Line(in); strings.ContainsAny(got, "\r\n") || strings.Contains(got, "\u2028") {
			t.Errorf("Line(%q) = %q: more than one line", in, got)
		}
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b[2J", "\x1b]8;;u\x1b\\t\x1b]8;;\x1b\\", "\u202e", "\xff\xfe", "a\r\nb", "\u009b", "\u200bc", "x\n::error::y", "\U000E0041\u00ad"} {
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
