package corpus

import "testing"

// TestLinkNeedles holds MayHold to every spelling of a URL with the same
// key: a file that holds one is never refused.
func TestLinkNeedles(t *testing.T) {
	n := NewLinkNeedles()
	n.Add("https://www.example.com/2020/01/some-story-123/amp")
	n.Add("https://short.org/a")
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
