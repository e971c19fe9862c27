package yamlnode

import (
	"testing"

	"gopkg.in/yaml.v3"
)

func TestHelpers(t *testing.T) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte("a: &x [1, 2]\nb: *x\nc: ~\nd: text\ne: {k: v}\n"), &doc); err != nil {
		t.Fatal(err)
	}
	m := doc.Content[0].Content
	value := func(i int) *yaml.Node { return m[2*i+1] }
	tests := []struct {
		n              *yaml.Node
		kind, describe string
		null           bool
	}{
		{value(0), "list", "a list", false},
		{Resolve(value(1)), "list", "a list", false},
		{value(1), "alias", "an alias", false},
		{value(2), "scalar", `"~"`, true},
		{value(3), "scalar", `"text"`, false},
		{value(4), "mapping", "a mapping", false},
		{&doc, "document", "a document", false},
	}
	for _, tt := range tests {
		if got := KindName(tt.n); got != tt.kind {
			t.Errorf("KindName = %q, want %q", got, tt.kind)
		}
		if got := Describe(tt.n); got != tt.describe {
			t.Errorf("Describe = %q, want %q", got, tt.describe)
		}
		if got := IsNull(tt.n); got != tt.null {
			t.Errorf("IsNull(%v) = %v", tt.describe, got)
		}
	}
	if Resolve(value(1)) != value(0) {
		t.Error("Resolve did not follow the alias to its anchor")
	}
}
