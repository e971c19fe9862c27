package urlnorm

import "testing"

// TestKeyOddHosts covers the hosts fuzzing found keys unstable for: each
// key, read back as a URL, gives itself.
func TestKeyOddHosts(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://www.www.example.com/a", "example.com/a"},
		{"https://amp.www.example.com/amp/", "example.com/"},
		{"https://www.amp.example.com/a", "example.com/a"},
		{"https://[::1]:8080/a?b=1", "[::1]:8080/a?b=1"},
		{"https://[2001:DB8::1]/a", "[2001:db8::1]/a"},
		{"https://a-b.cdn.ampproject.org/c/s/x-y.cdn.ampproject.org/c/s/example.com/p", "example.com/p"},
		{"https://x.cdn.ampproject.org//c//s//www.example.com/a/amp", "example.com/a"},
		{"//amp.", ""},
		{"https://www./a", ""},
		{"//::", ""},
		{"//%25", ""},
		{"https://b%C3%BCcher.example/", "bücher.example/"},
		{"https://exa mple.com/", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got := Key(tt.in)
		if got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got != "" && Key("https://"+got) != got {
			t.Errorf("Key(%q) = %q is not stable: %q", tt.in, got, Key("https://"+got))
		}
	}
}
