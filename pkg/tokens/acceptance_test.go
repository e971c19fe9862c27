package tokens

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/seedscope/seedscope/internal/sharedtest"
)

// TestWordsMatchesUAX29OnSharedCorpora holds the ASCII fast path to the
// general segmenter on every file of the real corpora: news text in
// several scripts, scraped entities, URLs, Markdown and YAML.
func TestWordsMatchesUAX29OnSharedCorpora(t *testing.T) {
	dir := sharedtest.Dir(t, "corpora")
	n := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		wordsEqual(t, string(b))
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 1000 {
		t.Fatalf("only %d files read under %s", n, dir)
	}
}
