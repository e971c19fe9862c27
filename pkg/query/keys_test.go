package query

import (
	"strings"
	"testing"

	"github.com/seedscope/seedscope/pkg/corpus"
)

func TestFoldKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ai", "ai"},
		{" AI ", "ai"},
		{"AI", "ai"},
		{"Machine  Learning", "machine learning"},
		{"MACHINE\tLEARNING\n", "machine learning"},
		{"\u00a0École\u2003Normale ", "école normale"},
		{"ΣΊΣΥΦΟΣ", "σίσυφοσ"}, // final sigma folds with sigma
		{"σίσυφος", "σίσυφοσ"},
		{"kelvin \u212a", "kelvin k"}, // Kelvin sign
		{"\u017f", "s"},               // long s
		{"", ""},
		{" \t ", ""},
	}
	for _, tt := range tests {
		if got := FoldKey(tt.in); got != tt.want {
			t.Errorf("FoldKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestFoldKeyIsEqualFold: two tidied strings have one key exactly when
// strings.EqualFold holds, and SameFold and CompareFold agree with the
// keys.
func TestFoldKeyIsEqualFold(t *testing.T) {
	words := []string{"a", "A", "ai", "AI", " ai", "a i", "a  i", "K", "k", "\u212a", "s", "S", "\u017f", "ß", "ẞ", "SS",
		"σ", "ς", "Σ", "İ", "i", "I", "ı", "é", "É", "e\u0301", "ǅ", "ǆ", "Ǆ", "ω", "Ω", "\u2126", "µ", "μ", "Μ", "", " "}
	for _, a := range words {
		for _, b := range words {
			ka, kb := FoldKey(a), FoldKey(b)
			want := strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
			if (ka == kb) != want {
				t.Errorf("FoldKey(%q) = %q, FoldKey(%q) = %q; EqualFold says %v", a, ka, b, kb, want)
			}
			if SameFold(a, b) != (ka == kb) {
				t.Errorf("SameFold(%q, %q) = %v, keys %q %q", a, b, !want, ka, kb)
			}
			if got, want := CompareFold(a, b), strings.Compare(ka, kb); got != want {
				t.Errorf("CompareFold(%q, %q) = %d, want %d", a, b, got, want)
			}
		}
	}
}

func TestDomainKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"wired.com", "wired.com"},
		{"www.wired.com", "wired.com"},
		{"WIRED.COM", "wired.com"},
		{" wired.com. ", "wired.com"},
		{"wired.com:443", "wired.com"},
		{"https://www.wired.com/story/x?a=1#f", "wired.com"},
		{"HTTP://user@WWW.Wired.com:8080", "wired.com"},
		{"//www.wired.com/x", "wired.com"},
		{"cnn.com/world/live-news/h_ad9", "cnn.com"},
		{"wsj.com%2Farticles%2Fa-million", "wsj.com"},
		{"bbc.co.uk", "bbc.co.uk"},
		{"www.www.example.org", "example.org"},
		{"", ""},
		{".", ""},
		{"www.", ""},
	}
	for _, tt := range tests {
		if got := DomainKey(tt.in); got != tt.want {
			t.Errorf("DomainKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestProviderMatches(t *testing.T) {
	p := func(name, domain string) corpus.Provider { return corpus.Provider{Name: name, Domain: domain} }
	tests := []struct {
		value string
		p     corpus.Provider
		want  bool
	}{
		{"wired.com", p("Wired", "wired.com"), true},
		{"www.wired.com", p("Wired", "wired.com"), true},
		{"WIRED.COM", p("Wired", "www.wired.com"), true},
		{"https://www.wired.com/story/x", p("", "wired.com"), true},
		{"wired", p("Wired", "wired.com"), true},
		{"wired", p("", "wired.com"), false}, // a name matches names only
		{"wired.co.uk", p("Wired", "wired.com"), false},
		{"politico", p("POLITICO", "politico.eu"), true},
		{" Politico ", p("Politico", "politico.com"), true},
		{"the times", p("The  Times", "mywebtimes.com"), true},
		{"BBC", p("BBC", "bbc.co.uk"), true},
		{"bbc.com", p("BBC", "bbc.co.uk"), false},
		// A name that looks like a domain is read as a domain.
		{"UPI.com", p("UPI.com", "upi.com"), true},
		{"UPI.com", p("United Press International", "upi.com"), true},
		{"upi.com", p("UPI.com", ""), true},
		{"Inc.com", p("Inc.com", ""), true},
		{"Htxt.Africa", p("Htxt.Africa", "htxt.co.za"), false},
		{"United Press International", p("UPI.com", "upi.com"), false},
		// Blanks match nothing.
		{"", p("", ""), false},
		{" ", p(" ", ""), false},
		{".", p(".", "."), false},
	}
	for _, tt := range tests {
		if got := ProviderMatches(tt.value, tt.p); got != tt.want {
			t.Errorf("ProviderMatches(%q, %+v) = %v, want %v", tt.value, tt.p, got, tt.want)
		}
	}
}

func TestLooksLikeDomain(t *testing.T) {
	for s, want := range map[string]bool{
		"wired.com": true, " www.wired.com ": true, "UPI.com": true, "https://x.org/a": true,
		"Wired": false, "St. Louis Post-Dispatch": false, "News18 on MSN.com": false, "": false, ".": true,
	} {
		if got := LooksLikeDomain(s); got != want {
			t.Errorf("LooksLikeDomain(%q) = %v, want %v", s, got, want)
		}
	}
}

// FuzzKeys: a domain key is "" or a value that looks like a domain and is
// its own key (so a row's domain typed back as --provider selects it); a
// fold key is its own key; SameFold and CompareFold agree with the keys.
func FuzzKeys(f *testing.F) {
	for _, s := range []string{"wired.com", "https://WWW.Wired.com:443/x", "http://http://x.com", "com/2020/a.html",
		"wsj.com%2Farticles%2Fx", "user@com/x.html", " AI ", "ΣΊΣΥΦΟΣ", "kelvin \u212a", "www..com", "a.b c", "İ", "ϒ.com"} {
		f.Add(s, "ai")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if k := DomainKey(a); k != "" && (!LooksLikeDomain(k) || DomainKey(k) != k) {
			t.Errorf("DomainKey(%q) = %q: LooksLikeDomain %v, its key %q", a, k, LooksLikeDomain(k), DomainKey(k))
		}
		ka, kb := FoldKey(a), FoldKey(b)
		if FoldKey(ka) != ka {
			t.Errorf("FoldKey(%q) = %q, whose key is %q", a, ka, FoldKey(ka))
		}
		if SameFold(a, b) != (ka == kb) || CompareFold(a, b) != strings.Compare(ka, kb) {
			t.Errorf("SameFold/CompareFold(%q, %q) disagree with keys %q, %q", a, b, ka, kb)
		}
	})
}

func TestPlainDomainIsItsKey(t *testing.T) {
	for _, s := range []string{"wired.com", "a.b", "x-y.co.uk", "1.2.3.4", ".com", "a..b"} {
		if !plainDomain(s) || DomainKey(s) != s || !LooksLikeDomain(s) {
			t.Errorf("%q: plainDomain %v, DomainKey %q", s, plainDomain(s), DomainKey(s))
		}
	}
	for _, s := range []string{"www.wired.com", "wired.com.", "Wired.com", "wired", "", "a b.c"} {
		if plainDomain(s) {
			t.Errorf("plainDomain(%q) = true", s)
		}
	}
}
