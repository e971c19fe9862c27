package urlnorm

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/seedscope/seedscope/internal/sharedtest"
)

// checkFastKey holds appendFastKey to parsedKey, the reference, for raw.
func checkFastKey(t *testing.T, raw string) {
	t.Helper()
	prefix := []byte("prefix:")
	got, ok := appendFastKey(prefix, raw)
	if !ok {
		if string(got) != "prefix:" {
			t.Fatalf("appendFastKey(%q) declined but changed dst to %q", raw, got)
		}
		return
	}
	if want := "prefix:" + parsedKey(raw); string(got) != want {
		t.Fatalf("appendFastKey(%q) = %q, parsedKey gives %q", raw, got, want)
	}
}

func TestFastKeyMatchesParsedKey(t *testing.T) {
	tests := []struct {
		in   string
		fast bool // whether the fast path should take it
	}{
		{"https://www.wired.com/story/ces-2020/", true},
		{"http://WWW.Example.COM/A/B", true},
		{"https://www.example.com/a/amp", true},
		{"https://amp.www.example.com/amp/", true},
		{"https://www./a", true},
		{"https://example.com", true},
		{" https://example.com/a \n", true},
		{"https://www-wired-com.cdn.ampproject.org/c/s/www.wired.com/story/x/amp", true},
		{"https://x.cdn.ampproject.org//c//s//www.example.com/a/amp", true},
		{"https://x.cdn.ampproject.org/c/www.example.com/a", true},
		{"https://x.cdn.ampproject.org/c/s", true},
		{"https://x.cdn.ampproject.org/c/s/", true},
		{"https://x.CDN.ampproject.org/v/s/www.example.com/a_b~c", true},
		{"https://x.cdn.ampproject.org/cc/s/www.example.com/a", false},
		{"https://x.cdn.ampproject.org/c", false},
		{"https://a-b.cdn.ampproject.org/c/s/x-y.cdn.ampproject.org/c/s/example.com/p", false},
		{"https://example.com/a?utm_source=x", false},
		{"https://example.com/a#top", false},
		{"https://example.com:8080/a", false},
		{"https://user@example.com/a", false},
		{"https://example.com/a%2Fb", false},
		{"https://b%C3%BCcher.example/", false},
		{"https://[::1]/a", false},
		{"ftp://example.com/a", false},
		{"//example.com/a", false},
		{"https:///a", false},
		{"", false},
	}
	for _, tt := range tests {
		_, ok := appendFastKey(nil, tt.in)
		if ok != tt.fast {
			t.Errorf("appendFastKey(%q) took it: %v, want %v", tt.in, ok, tt.fast)
		}
		checkFastKey(t, tt.in)
		if got, want := string(AppendKey([]byte("x"), tt.in)), "x"+parsedKey(tt.in); got != want {
			t.Errorf("AppendKey(%q) = %q, want %q", tt.in, got, want)
		}
	}
}

func TestFastKeyOnSeedURLs(t *testing.T) {
	checkFastKeys(t, seedURLs(t))
}

// TestFastKeyOnSharedCorpora compares the two paths on every URL written
// in the shared corpora; it skips when they are absent.
func TestFastKeyOnSharedCorpora(t *testing.T) {
	if testing.Short() {
		t.Skip("reads every file of the shared corpora")
	}
	dir := sharedtest.Dir(t, "corpora")
	re := regexp.MustCompile(`https?://[^\s"'<>)\]]+`)
	var urls []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		urls = append(urls, re.FindAllString(string(b), -1)...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	checkFastKeys(t, urls)
}

func checkFastKeys(t *testing.T, urls []string) {
	t.Helper()
	fast := 0
	for _, u := range urls {
		if _, ok := appendFastKey(nil, u); ok {
			fast++
		}
		checkFastKey(t, u)
	}
	t.Logf("%d URLs, %d on the fast path", len(urls), fast)
	if fast == 0 {
		t.Fatal("the fast path took none of the URLs")
	}
}

func TestAppendKeyDoesNotAllocate(t *testing.T) {
	buf := make([]byte, 0, 256)
	for _, u := range []string{
		"https://www.politico.com/2019/04/not-into-have-facial-94335",
		"https://www-politico-com.cdn.ampproject.org/c/s/www.politico.com/2019/04/not-into-have-facial-94335/amp",
	} {
		if n := testing.AllocsPerRun(100, func() { buf = AppendKey(buf[:0], u) }); n != 0 {
			t.Errorf("AppendKey(%q) allocates %v times", u, n)
		}
	}
}

// TestFastBytes holds the byte tables to the characters the fast path is
// defined on: ASCII letters and digits, and "-." in hosts, "-./_~" in
// paths.
func TestFastBytes(t *testing.T) {
	for c := range 256 {
		alnum := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		s := string([]byte{byte(c)})
		if want := alnum || c == '-' || c == '.'; fastHost(s) != want {
			t.Errorf("fastHost(%q) = %v, want %v", s, !want, want)
		}
		if want := alnum || c == '-' || c == '.' || c == '/' || c == '_' || c == '~'; fastPath(s) != want {
			t.Errorf("fastPath(%q) = %v, want %v", s, !want, want)
		}
	}
}
