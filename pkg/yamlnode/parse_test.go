package yamlnode

import (
	"errors"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

func TestFenced(t *testing.T) {
	err := Fenced(func() error { panic("boom") })
	var pe *PanicError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "the YAML parser failed: boom") {
		t.Errorf("Fenced gave %v, want a *PanicError", err)
	}
	if err := Fenced(func() error { return nil }); err != nil {
		t.Errorf("Fenced gave %v for a call that returns", err)
	}
	var v any
	if err := DecodeScalar(&yaml.Node{Kind: yaml.MappingNode}, &v); err == nil {
		t.Error("DecodeScalar decoded a mapping")
	}
}

// TestParseNodeLimit: a tree over MaxNodes is refused, one at the limit
// is not, whatever the shape (a flow list of empty mappings, keys without
// values).
func TestParseNodeLimit(t *testing.T) {
	var ne *NodesError
	for name, tc := range map[string]struct {
		yaml string
		over bool
	}{
		"list over":     {"x: [" + strings.Repeat("{},", MaxNodes) + "{}]\n", true},
		"keys over":     {"x: {" + strings.Repeat("k, ", MaxNodes/2) + "}\n", true},
		"list under":    {"x: [" + strings.Repeat("{},", MaxNodes-10) + "{}]\n", false},
		"keys under":    {"x: {" + strings.Repeat("k, ", MaxNodes/2-10) + "}\n", false},
		"small and big": {"title: t\n", false},
	} {
		_, err := Parse([]byte(tc.yaml))
		if got := errors.As(err, &ne); got != tc.over || !tc.over && err != nil {
			t.Errorf("%s: %v, want refused = %v", name, err, tc.over)
		}
	}
}

// TestParseBigOneAtATime: while one front matter over bigFrontMatter is
// parsed, another waits; small ones never wait.
func TestParseBigOneAtATime(t *testing.T) {
	big := []byte("x: [" + strings.Repeat("a,", bigFrontMatter) + "a]\n")
	bigParse <- struct{}{} // a big parse in progress
	done := make(chan error, 2)
	go func() { _, err := Parse(big); done <- err }()
	if _, err := Parse([]byte("title: small\n")); err != nil {
		t.Fatalf("small front matter: %v", err)
	}
	select {
	case err := <-done:
		t.Fatalf("a big front matter was parsed during another (%v)", err)
	case <-time.After(50 * time.Millisecond):
	}
	<-bigParse // the first one ends
	if err := <-done; err != nil {
		t.Fatalf("big front matter: %v", err)
	}
}
