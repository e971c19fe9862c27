package columnar

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/seedscope/seedscope/pkg/corpus"
)

func eachOf(docs []*corpus.Document) func(func(*corpus.Document) error) error {
	return func(write func(*corpus.Document) error) error {
		for _, d := range docs {
			if err := write(d); err != nil {
				return err
			}
		}
		return nil
	}
}

// tree lists the files under dir, as slash paths.
func tree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

func TestPartitionLayout(t *testing.T) {
	t.Setenv("TZ", "UTC")
	// a: 2020-03-04 05:06+02:00 (03:06 UTC), Wired; b, c: no date, no
	// provider; d: 2021-01-01 00:30+01:00, which is 2020-12-31 in UTC.
	docs := testDocs()
	late := time.Date(2021, 1, 1, 0, 30, 0, 0, time.FixedZone("", 3600))
	docs = append(docs, &corpus.Document{ID: "d", Path: "d.md", PublishedAt: &late, Provider: corpus.Provider{Name: "Wired"}})
	for _, tt := range []struct {
		key  string
		want []string
	}{
		{"year", []string{"year=2020/part-0.parquet", "year=__HIVE_DEFAULT_PARTITION__/part-0.parquet"}},
		{"month", []string{"month=2020-03/part-0.parquet", "month=2020-12/part-0.parquet", "month=__HIVE_DEFAULT_PARTITION__/part-0.parquet"}},
		{"provider", []string{"provider_name=Wired/part-0.parquet", "provider_name=__HIVE_DEFAULT_PARTITION__/part-0.parquet"}},
	} {
		t.Run(tt.key, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			if err := WritePartitioned(context.Background(), dir, PartitionOptions{Key: tt.key}, eachOf(docs)); err != nil {
				t.Fatal(err)
			}
			if got := tree(t, dir); !slices.Equal(got, tt.want) {
				t.Errorf("tree = %q, want %q", got, tt.want)
			}
			rows := 0
			for _, f := range tree(t, dir) {
				data, err := os.ReadFile(filepath.Join(dir, f))
				if err != nil {
					t.Fatal(err)
				}
				_, r := readParquet(t, data)
				rows += len(r)
			}
			if rows != len(docs) {
				t.Errorf("%d rows in the tree, want %d", rows, len(docs))
			}
			if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".*")); len(left) > 0 {
				t.Errorf("left behind: %q", left)
			}
		})
	}
}

// TestPartitionBoundedWriters: with one file open at a time, a partition
// met again starts its next part file; no document is lost.
func TestPartitionBoundedWriters(t *testing.T) {
	var docs []*corpus.Document
	for i := range 6 {
		docs = append(docs, &corpus.Document{ID: string(rune('a' + i)), Provider: corpus.Provider{Name: []string{"A", "B"}[i%2]}})
	}
	dir := filepath.Join(t.TempDir(), "out")
	if err := WritePartitioned(context.Background(), dir, PartitionOptions{Key: "provider", MaxOpen: 1}, eachOf(docs)); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"provider_name=A/part-0.parquet", "provider_name=A/part-1.parquet", "provider_name=A/part-2.parquet",
		"provider_name=B/part-0.parquet", "provider_name=B/part-1.parquet", "provider_name=B/part-2.parquet",
	}
	if got := tree(t, dir); !slices.Equal(got, want) {
		t.Errorf("tree = %q, want %q", got, want)
	}
}

// TestPartitionHostileProviders: a provider name is the corpus's, not
// the user's; whatever it holds, every file lands one folder below -o,
// in a folder of its own.
func TestPartitionHostileProviders(t *testing.T) {
	names := []string{
		"../x", "../../../../etc/passwd", "/", "/abs", ".", "..", "a/../../b", `a\..\b`, "a\x00b", "\x00",
		strings.Repeat("long", 200), strings.Repeat("é", 300), strings.Repeat("/", 300),
		"\xff\xfe", "ok\xc3", "=", "x=y", "%2F", "%", "CON", "tab\there", "new\nline", " ",
	}
	var docs []*corpus.Document
	for i, n := range names {
		docs = append(docs, &corpus.Document{ID: strings.Repeat("i", i+1), Provider: corpus.Provider{Name: n}})
	}
	root := t.TempDir()
	dir := filepath.Join(root, "out")
	if err := WritePartitioned(context.Background(), dir, PartitionOptions{Key: "provider"}, eachOf(docs)); err != nil {
		t.Fatal(err)
	}
	files := tree(t, root)
	folders := map[string]bool{}
	for _, f := range files {
		parts := strings.Split(f, "/")
		if len(parts) != 3 || parts[0] != "out" || !strings.HasPrefix(parts[1], "provider_name=") || parts[2] != "part-0.parquet" {
			t.Errorf("file outside the tree: %q", f)
			continue
		}
		if len(parts[1]) > 255 || !utf8.ValidString(parts[1]) {
			t.Errorf("folder name too long or not UTF-8: %q", parts[1])
		}
		folders[parts[1]] = true
	}
	if len(folders) != len(names) {
		t.Errorf("%d folders for %d names: %q", len(folders), len(names), files)
	}
	for _, n := range names {
		v := EscapePartitionValue(n)
		if v == "" || v == "." || v == ".." || strings.ContainsAny(v, "/\\\x00") {
			t.Errorf("EscapePartitionValue(%q) = %q", n, v)
		}
	}
}

func TestEscapePartitionValue(t *testing.T) {
	for in, want := range map[string]string{
		"Wired":       "Wired",
		"Mail Online": "Mail Online",
		"Süddeutsche": "Süddeutsche",
		"a/b":         "a%2Fb",
		"..":          "%2E.",
		"100%":        "100%25",
		"x=y":         "x%3Dy",
		"\xff":        "%FF",
		"":            DefaultPartition,
	} {
		if got := EscapePartitionValue(in); got != want {
			t.Errorf("EscapePartitionValue(%q) = %q, want %q", in, got, want)
		}
	}
	long1, long2 := strings.Repeat("a", 300)+"1", strings.Repeat("a", 300)+"2"
	if e1, e2 := EscapePartitionValue(long1), EscapePartitionValue(long2); e1 == e2 || len(e1) > maxValueBytes {
		t.Errorf("long names: %q, %q", e1, e2)
	}
}

// TestPartitionAtomic: a failed or cancelled export leaves the previous
// tree as it was, and no temporary folder; a folder that is not a tree
// is refused.
func TestPartitionAtomic(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "out")
	if err := WritePartitioned(context.Background(), dir, PartitionOptions{Key: "year"}, eachOf(testDocs())); err != nil {
		t.Fatal(err)
	}
	before := tree(t, root)
	boom := errors.New("boom")
	failing := func(write func(*corpus.Document) error) error {
		if err := write(testDocs()[0]); err != nil {
			return err
		}
		return boom
	}
	if err := WritePartitioned(context.Background(), dir, PartitionOptions{Key: "month"}, failing); !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := WritePartitioned(ctx, dir, PartitionOptions{Key: "month"}, eachOf(testDocs())); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want cancelled", err)
	}
	if after := tree(t, root); !slices.Equal(after, before) {
		t.Errorf("tree after failures = %q, want %q", after, before)
	}
	other := filepath.Join(root, "mine")
	os.MkdirAll(other, 0o755)
	os.WriteFile(filepath.Join(other, "notes.txt"), []byte("x"), 0o644)
	if err := WritePartitioned(context.Background(), other, PartitionOptions{Key: "year"}, eachOf(testDocs())); err == nil || !strings.Contains(err.Error(), "not a partitioned Parquet export") {
		t.Errorf("err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(other, "notes.txt")); err != nil {
		t.Error(err)
	}
}
