package corpus

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A large file whose first SniffLen bytes hold a NUL is read no further
// than them, and skipped as binary as before; any other file is read
// whole, whatever its size, by either kind of buffer.
func TestReadSniffsBinary(t *testing.T) {
	dir := t.TempDir()
	text := []byte("---\ntitle: big\n---\n" + strings.Repeat("words and more words\n", sniffFrom/20))
	binaryHead := append([]byte("abc\x00"), text...)
	lateNUL := bytes.Clone(text)
	lateNUL[SniffLen+10] = 0 // past the sniff: BinaryAt does not see it
	small := []byte("\x00 small binary")
	for _, tc := range []struct {
		name     string
		data     []byte
		wantRead int // bytes readEntry returns with sniff
	}{
		{"big-binary.md", binaryHead, SniffLen},
		{"big-text.md", text, len(text)},
		{"late-nul.md", lateNUL, len(lateNUL)},
		{"small-binary.md", small, len(small)},
	} {
		p := filepath.Join(dir, tc.name)
		if err := os.WriteFile(p, tc.data, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, own := range []bool{false, true} {
			data, _, ok := readEntry(entry{path: p, rel: tc.name}, own, true)
			if !ok || len(data) != tc.wantRead || !bytes.Equal(data, tc.data[:tc.wantRead]) {
				t.Errorf("%s (own %v): read %d bytes (ok %v), want the first %d", tc.name, own, len(data), ok, tc.wantRead)
			}
			whole, _, ok := readEntry(entry{path: p, rel: tc.name}, own, false)
			if !ok || !bytes.Equal(whole, tc.data) {
				t.Errorf("%s (own %v): without sniffing read %d bytes, want all %d", tc.name, own, len(whole), len(tc.data))
			}
		}
	}
	// The loader's verdicts are those of the whole files.
	var got []string
	err := Stream(context.Background(), []string{dir}, Options{MaxFileSize: -1}, func(r Result) error {
		for _, d := range r.Diags {
			got = append(got, filepath.Base(r.Path)+": "+d.Msg)
		}
		if r.Doc != nil {
			got = append(got, filepath.Base(r.Path)+": "+r.Doc.Title)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"big-binary.md: binary file (contains NUL bytes); skipped",
		"big-text.md: big",
		"late-nul.md: big",
		"small-binary.md: binary file (contains NUL bytes); skipped",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("loaded\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
