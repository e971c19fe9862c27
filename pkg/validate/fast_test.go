package validate

import (
	"net/url"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/yamlnode"
)

// TestFastPathsAgree: the shortcuts of fast.go give the answers of the
// general code they stand in for.
func TestFastPathsAgree(t *testing.T) {
	for _, s := range []string{
		"https://www.example.com/2020/01/a-b_c~d.html", "http://example.com", "http://example.com/",
		"https://a", "https://-/", "https://x.com:80/a", "https://x.com/a?b=c", "https://x.com/a#f",
		"https://x.com/%41", "https://X.com/a", "HTTPS://x.com/a", "https:///a", "https://", "http:/x.com",
		"ftp://x.com/a", "https://x.com/a b", "https://x.com/é", "https://[::1]/a", "https://x_y.com/a",
	} {
		u, err := url.Parse(strings.TrimSpace(s))
		general := err == nil && (strings.EqualFold(u.Scheme, "http") || strings.EqualFold(u.Scheme, "https")) && u.Host != ""
		if plainHTTPURL(s) && !general {
			t.Errorf("plainHTTPURL(%q) = true, but url.Parse says %v, %+v", s, err, u)
		}
	}
	for _, s := range []string{"0", "1", "-1", "007", "010", "1.5", "-0", "-0.0", "1_000", "0x10", "1e3", ".5", "1.", "123456789012345", "1234567890123456", "+1", "0.1"} {
		f, ok := corpus.PlainNumber(s)
		if !ok {
			continue
		}
		n := yamlScalar(t, s)
		var want float64
		if err := n.Decode(&want); err != nil {
			t.Errorf("corpus.PlainNumber(%q) accepted what yaml.v3 cannot decode: %v", s, err)
		} else if f != want {
			t.Errorf("corpus.PlainNumber(%q) = %v, yaml.v3 gives %v", s, f, want)
		}
	}
}

// yamlScalar parses s as a plain YAML scalar.
func yamlScalar(t *testing.T, s string) *yaml.Node {
	t.Helper()
	root, err := yamlnode.Parse([]byte("x: " + s + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	return root.Content[0].Content[1]
}
