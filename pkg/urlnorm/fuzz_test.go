package urlnorm

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// seedURLs collects every URL written in the sample seeds.
func seedURLs(tb testing.TB) []string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "seeds", "*"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no seeds: %v", err)
	}
	re := regexp.MustCompile(`https?://[^\s"']+`)
	var out []string
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, re.FindAllString(string(b), -1)...)
	}
	return out
}

// FuzzKey checks that Key is a normal form: a key read back as a URL gives
// itself, the fragment never matters, and a key never keeps what Key
// promises to drop.
func FuzzKey(f *testing.F) {
	for _, u := range seedURLs(f) {
		f.Add(u)
	}
	for _, u := range []string{
		"", "http://", "https://www.www.example.com/a", "https://amp.www.example.com/amp/",
		"https://[::1]:8080/a?b=1", "https://a-b.cdn.ampproject.org/c/s/x-y.cdn.ampproject.org/c/s/example.com/p",
		"https://EXAMPLE.com:443/%7Ea/?utm_source=x&b=2&a=1#top", "mailto:x@example.com", "//example.com/a",
		"https://example.com/a%2Fb", "https://example.com/?amp&outputType=amp",
	} {
		f.Add(u)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		checkFastKey(t, raw)
		k := Key(raw)
		if k == "" {
			return
		}
		if k2 := Key(raw); k2 != k {
			t.Fatalf("Key(%q) is not deterministic: %q then %q", raw, k, k2)
		}
		if again := Key("https://" + k); again != k {
			t.Fatalf("Key(%q) = %q, but Key(%q) = %q", raw, k, "https://"+k, again)
		}
		if !strings.Contains(raw, "#") {
			if kf := Key(strings.TrimSpace(raw) + "#fragment"); kf != k {
				t.Fatalf("a fragment changed the key of %q: %q vs %q", raw, k, kf)
			}
		}
		if strings.Contains(k, "#") || strings.HasPrefix(k, "www.") || strings.Contains(strings.ToLower(k), "utm_") && strings.Contains(k, "?") && hasUTMParam(k) {
			t.Fatalf("key %q keeps what Key drops", k)
		}
	})
}

func hasUTMParam(k string) bool {
	_, q, ok := strings.Cut(k, "?")
	if !ok {
		return false
	}
	for _, p := range strings.Split(q, "&") {
		if strings.HasPrefix(strings.ToLower(p), "utm_") {
			return true
		}
	}
	return false
}
