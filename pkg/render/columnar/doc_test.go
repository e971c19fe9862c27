package columnar

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the schema table in docs/export.md")

const (
	tableStart = "<!-- schema table: generated, go test ./pkg/render/columnar -run TestSchemaDoc -update -->\n"
	tableEnd   = "<!-- end of schema table -->\n"
)

// TestSchemaDoc keeps docs/export.md's table of columns in step with the
// field table and the type mappings.
func TestSchemaDoc(t *testing.T) {
	name := filepath.Join("..", "..", "..", "docs", "export.md")
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	i, j := strings.Index(doc, tableStart), strings.Index(doc, tableEnd)
	if i < 0 || j < i {
		t.Fatalf("%s: no schema table markers", name)
	}
	fresh := doc[:i+len(tableStart)] + SchemaTable() + doc[j:]
	if fresh == doc {
		return
	}
	if *update {
		if err := os.WriteFile(name, []byte(fresh), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("%s: the schema table is stale; run go test ./pkg/render/columnar -run TestSchemaDoc -update", name)
}
