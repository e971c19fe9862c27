package synth

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestDeterministic(t *testing.T) {
	for i := range 50 {
		if a, b := File(i, 1000, 7), File(i, 1000, 7); !bytes.Equal(a, b) {
			t.Fatalf("file %d differs between two generations", i)
		}
		if Name(i, 7) != Name(i, 7) {
			t.Fatalf("name %d differs between two generations", i)
		}
	}
	if bytes.Equal(File(3, 1000, 1), File(3, 1000, 2)) {
		t.Error("seed does not change the content")
	}
}

var nameRE = regexp.MustCompile(`^\d{3}/\d{6}_[0-9a-f]{16}\.txt$`)

func TestNames(t *testing.T) {
	for _, tc := range []struct {
		i      int
		folder string
	}{{0, "000/"}, {9_999, "000/"}, {10_000, "001/"}, {999_999, "099/"}} {
		name := Name(tc.i, 1)
		if !nameRE.MatchString(name) || !strings.HasPrefix(name, tc.folder) {
			t.Errorf("Name(%d) = %q, want %sNNNNNN_<16 hex>.txt", tc.i, name, tc.folder)
		}
	}
}

func TestMix(t *testing.T) {
	const n = 2000
	var text, fm, related, web, source int
	for i := range n {
		f := File(i, n, 1)
		switch {
		case bytes.HasPrefix(f, []byte("---\n")):
			fm++
		default:
			text++
		}
		if bytes.Contains(f, []byte("\nrelated:\n")) {
			related++
		}
		if bytes.Contains(f, []byte("\nwebUrl: ")) {
			web++
		}
		if bytes.Contains(f, []byte("\nsourceUrl: ")) {
			source++
		}
	}
	share := 100 * text / n
	if share < TextShare-4 || share > TextShare+4 {
		t.Errorf("plain-text share %d%%, want about %d%%", share, TextShare)
	}
	if related == 0 || web == 0 || source == 0 {
		t.Errorf("missing variety: %d with related items, %d webUrl, %d sourceUrl", related, web, source)
	}
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, 30, 1, 3); err != nil {
		t.Fatal(err)
	}
	for i := range 30 {
		got, err := os.ReadFile(filepath.Join(dir, Name(i, 1)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, File(i, 30, 1)) {
			t.Errorf("file %d on disk differs from File", i)
		}
	}
}

func TestWriteFlat(t *testing.T) {
	dir := t.TempDir()
	if err := WriteFlat(dir, 30, 1, 3); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 30 {
		t.Fatalf("%d entries in the folder, want the 30 files", len(entries))
	}
	for i := range 30 {
		got, err := os.ReadFile(filepath.Join(dir, FlatName(i, 1)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, File(i, 30, 1)) {
			t.Errorf("file %d on disk differs from File", i)
		}
	}
}
