package validate

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/seedscope/seedscope/pkg/corpus"
)

// addCaseSeeds adds every committed case file and seed to a fuzz corpus.
func addCaseSeeds(f *testing.F) {
	for _, glob := range []string{filepath.Join(casesDir, "*", "*"), filepath.Join("..", "..", "seeds", "*")} {
		paths, _ := filepath.Glob(glob)
		for _, p := range paths {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
	}
	f.Add([]byte("---\na: &a [x]\nb: *a\ntopics: *a\n---\n"))
	f.Add([]byte("\xef\xbb\xbf---\r\ntitle: \"& # 39;\"\r\n---\r\n"))
	// Many findings on one line, where positions were once quadratic.
	f.Add([]byte("Title\n" + strings.Repeat("& # 39;", 2000) + "\n"))
	f.Add([]byte("Title\n" + strings.Repeat("é€ &# 39 ;\t& amp;& #x 27;", 500) + "\r\n& quot;"))
	f.Add([]byte("caf\xe9\n" + strings.Repeat("\xe9& # 39;", 500)))
	f.Add([]byte("---\ntitle: \"" + strings.Repeat("& # 39;", 500) + "\"\n---\n" + strings.Repeat("& # 39;", 500)))
	f.Add([]byte(strings.Repeat("&&&& #", 1000) + strings.Repeat("&", entityChunk) + "& # 39;"))
	// A repair that would make two keys equal.
	f.Add([]byte("---\n\"a& # 39;b\": 1\n\"a&#39;b\": 2\n---\n"))
}

// FuzzCheckFile: any bytes give findings, never a panic; every finding is
// complete and points inside the file.
func FuzzCheckFile(f *testing.F) {
	addCaseSeeds(f)
	s := DefaultSettings()
	for _, r := range Rules {
		_ = s.Set(r.ID, true)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		findings, _ := CheckFile("f.md", data, s)
		lines := bytes.Count(data, []byte{'\n'}) + 1
		var entities []Finding
		for _, fd := range findings {
			if fd.Line < 1 || fd.Col < 1 || fd.Line > lines || fd.Rule == "" || fd.Message == "" {
				t.Fatalf("bad finding %+v for %q", fd, data)
			}
			if _, ok := Lookup(fd.Rule); !ok {
				t.Fatalf("unknown rule in %+v", fd)
			}
			if fd.Rule == RuleBrokenEntity {
				entities = append(entities, fd)
			}
		}
		// Each entity is where counting from the file's start puts it
		// (in the text the rules see: Latin-1 read as such).
		text := data
		if !utf8.Valid(text) {
			text = corpus.Latin1ToUTF8(text)
		}
		// At most MaxFindingsPerRule are listed, then one that counts the
		// rest from the first place not listed.
		if ms := FindBrokenEntities(text); len(entities) == min(len(ms), MaxFindingsPerRule+1) {
			for i, m := range ms[:len(entities)] {
				if line, col := lineCol(text, m.Start); entities[i].Line != line || entities[i].Col != col {
					t.Fatalf("entity %d at %d:%d, want %d:%d", i, entities[i].Line, entities[i].Col, line, col)
				}
			}
		}
	})
}

// FuzzFix: a repair leaves no broken entity, changes nothing else, and a
// repaired file still parses as it did.
func FuzzFix(f *testing.F) {
	addCaseSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		fixed, n, err := Fix(data)
		if err != nil {
			return
		}
		if n != len(FindBrokenEntities(data)) {
			t.Fatalf("%d fixes for %d entities", n, len(FindBrokenEntities(data)))
		}
		if FindBrokenEntities(fixed) != nil {
			t.Fatalf("entities left in %q", fixed)
		}
		// Removing blanks is all a repair does.
		strip := func(b []byte) []byte { return bytes.Map(dropBlank, b) }
		if !bytes.Equal(strip(fixed), strip(data)) {
			t.Fatalf("repair changed more than blanks:\n%q\n%q", data, fixed)
		}
		if n > 0 {
			if _, err := parseForFix(fixed); err != nil {
				t.Fatalf("repaired file does not parse: %v", err)
			}
		}
	})
}

func BenchmarkCheckFile(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "..", "seeds", "000_882eb17234bc9889.txt"))
	if err != nil {
		b.Fatal(err)
	}
	s := DefaultSettings()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		CheckFile("000_882eb17234bc9889.txt", data, s)
	}
}
