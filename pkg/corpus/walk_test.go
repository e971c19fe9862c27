//go:build unix

package corpus

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/seedscope/seedscope/internal/hostiletest"
)

const (
	notFollowed       = "symlink, not followed (--follow reads through links); skipped"
	folderNotFollowed = "symlink to a folder, not followed (--follow reads through links); skipped"
	sameFile          = "same file as one already read (a hard link, a followed symlink or a path given twice); skipped"
	ownAncestor       = "symlink loop: folder is its own ancestor; skipped"
)

// hostileWantsFor is hostileWants with the walk cases the hostile
// generator adds (see hostiletest.addWalkCases), without or with
// FollowLinks.
func hostileWantsFor(follow bool) map[string]hostileWant {
	wants := maps.Clone(hostileWants)
	maps.Copy(wants, walkWants(follow))
	return wants
}

func walkWants(follow bool) map[string]hostileWant {
	w := map[string]hostileWant{}
	// Named on disk with bytes that are not UTF-8: each is a document.
	for _, name := range hostiletest.InvalidNames {
		w["gen/"+hostiletest.InvalidDir+"/"+name] = hostileWant{doc: true, title: string(Latin1ToUTF8([]byte(name)))}
	}
	diamond := func(i int) string { return "gen/diamond/" + hostiletest.DiamondLevel(i) }
	if !follow {
		// The policy of ripgrep and grep -r: links met in folders are
		// reported, not read.
		w["gen/loop/parent"] = skipped("gen/loop/parent: " + folderNotFollowed)
		w["gen/loop/self"] = skipped("gen/loop/self: " + folderNotFollowed)
		w["gen/outside-dir"] = skipped("gen/outside-dir: " + folderNotFollowed)
		w["gen/outside-link.md"] = skipped("gen/outside-link.md: " + notFollowed)
		w["gen/link-to-doc.md"] = skipped("gen/link-to-doc.md: " + notFollowed)
		for i := 0; i <= hostiletest.DiamondLevels; i++ {
			if hostiletest.DiamondHasDoc(i) {
				w[diamond(i)+"/doc.md"] = hostileWant{doc: true, title: "Diamond " + hostiletest.DiamondLevel(i)}
			}
			if i < hostiletest.DiamondLevels {
				w[diamond(i)+"/a"] = skipped(diamond(i) + "/a: " + folderNotFollowed)
				w[diamond(i)+"/b"] = skipped(diamond(i) + "/b: " + folderNotFollowed)
			}
		}
	} else {
		w["gen/loop/parent"] = skipped("gen/loop/parent: " + ownAncestor)
		w["gen/loop/self"] = skipped("gen/loop/self: " + ownAncestor)
		w["gen/outside-dir/secret.md"] = hostileWant{doc: true, title: "Outside the corpus"}
		w["gen/outside-link.md"] = skipped("gen/outside-link.md: " + sameFile)
		w["gen/link-to-doc.md"] = skipped("gen/link-to-doc.md: " + sameFile)
		// Each level is read once, through the first link that leads to
		// it: l00/a/a/… ; every other way in is a folder already read.
		via := func(k int) string { return diamond(0) + strings.Repeat("/a", k) }
		for k := 0; k <= hostiletest.DiamondLevels; k++ {
			if hostiletest.DiamondHasDoc(k) {
				w[via(k)+"/doc.md"] = hostileWant{doc: true, title: "Diamond " + hostiletest.DiamondLevel(k)}
			}
			if k < hostiletest.DiamondLevels {
				w[via(k)+"/b"] = skipped(via(k) + "/b: folder already read as " + via(k+1) + "; skipped")
			}
			if k > 0 {
				w[diamond(k)] = skipped(diamond(k) + ": folder already read as " + via(k) + "; skipped")
			}
		}
	}
	w["gen/hardlink.md"] = skipped("gen/hardlink.md: " + sameFile)
	return w
}

func TestHostileCorpusFollow(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a few MB of generated files")
	}
	checkHostile(t, makeHostile(t), Options{FollowLinks: true}, hostileWantsFor(true))
}

// makeDiamond builds levels folders l00… under dir, each holding doc.md
// and two symlinks, a and b, to the next: 2^levels paths to the last.
func makeDiamond(t *testing.T, dir string, levels int) {
	t.Helper()
	for i := 0; i <= levels; i++ {
		level := filepath.Join(dir, fmt.Sprintf("l%02d", i))
		if err := os.MkdirAll(level, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(level, "doc.md"), []byte(fmt.Sprintf("---\ntitle: level %d\n---\n", i)), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, l := range []string{"a", "b"} {
			if i < levels {
				if err := os.Symlink(fmt.Sprintf("../l%02d", i+1), filepath.Join(level, l)); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}

// TestSymlinkDiamond: 40 levels of two links each are 2^40 paths when
// followed naively. Each folder and file is read once: the walk yields a
// number of results linear in the levels, whatever the option.
func TestSymlinkDiamond(t *testing.T) {
	const levels = 40
	dir := t.TempDir()
	makeDiamond(t, dir, levels)
	for _, follow := range []bool{false, true} {
		var docs, skips int
		titles := map[string]int{}
		withDeadline(t, "walking a symlink diamond", func() {
			err := Stream(context.Background(), []string{dir}, Options{FollowLinks: follow}, func(r Result) error {
				if r.Doc == nil {
					skips++
					if !hasReason(r.Diags) {
						t.Errorf("%s: skipped without a reason", r.Path)
					}
					return nil
				}
				docs++
				titles[r.Doc.Title]++
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		})
		// Without --follow: the 2*levels links are reported; with it, the
		// b links and the levels' own entries are folders already read.
		if docs != levels+1 || skips != 2*levels || len(titles) != levels+1 {
			t.Errorf("follow=%v: %d documents (%d titles), %d skipped; want %d, %d", follow, docs, len(titles), skips, levels+1, 2*levels)
		}
		for title, n := range titles {
			if n != 1 {
				t.Errorf("follow=%v: %q read %d times", follow, title, n)
			}
		}
	}
}

// TestRootsReadOnce: roots that repeat or nest, and a file named beside
// its folder, read each file once; the second sighting is reported, so
// documents + skipped = results.
func TestRootsReadOnce(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.md", "sub/b.md", "sub/c.md"} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("---\ntitle: "+name+"\n---\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("a.md", filepath.Join(dir, "z-link.md")); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "sub")
	a := filepath.Join(dir, "a.md")
	for _, tc := range []struct {
		name    string
		roots   []string
		follow  bool
		skipped []string // the results without a document, by message
	}{
		{"one root", []string{dir}, false, []string{"z-link.md: " + notFollowed}},
		{"one root, follow", []string{dir}, true, []string{"z-link.md: " + sameFile}},
		{"same root twice", []string{dir, dir}, false, []string{"z-link.md: " + notFollowed, ": folder already read as " + dir + "; skipped"}},
		{"root and its subfolder", []string{dir, sub}, false, []string{"z-link.md: " + notFollowed, "sub: folder already read as " + sub + "; skipped"}},
		{"subfolder then root", []string{sub, dir}, false, []string{"sub: folder already read as " + sub + "; skipped", "z-link.md: " + notFollowed}},
		{"root and a file in it", []string{dir, a}, false, []string{"z-link.md: " + notFollowed, "a.md: " + sameFile}},
		{"file then its root", []string{a, dir}, false, []string{"a.md: " + sameFile, "z-link.md: " + notFollowed}},
		{"file through its link", []string{filepath.Join(dir, "z-link.md"), a, sub}, false, []string{"a.md: " + sameFile}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var titles, skipped []string
			err := Stream(context.Background(), tc.roots, Options{FollowLinks: tc.follow}, func(r Result) error {
				if r.Doc != nil {
					titles = append(titles, r.Doc.Title)
					return nil
				}
				for _, d := range r.Diags {
					skipped = append(skipped, strings.TrimPrefix(strings.TrimPrefix(d.Error(), dir), "/"))
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			slices.Sort(titles)
			if want := []string{"a.md", "sub/b.md", "sub/c.md"}; !slices.Equal(titles, want) {
				t.Errorf("documents %q, want %q", titles, want)
			}
			if !slices.Equal(skipped, tc.skipped) {
				t.Errorf("skipped\n got %q\nwant %q", skipped, tc.skipped)
			}
		})
	}
}

// TestInvalidUTF8Names: names that differ only in bytes that are not
// UTF-8 keep distinct, valid IDs and paths in JSON.
func TestInvalidUTF8Names(t *testing.T) {
	dir := t.TempDir()
	names := append(slices.Clone(hostiletest.InvalidNames), "a\xff.txt", "b\xc3.md", "ok é.md")
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("plain text "+fmt.Sprint(len(name))), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, err := Load(context.Background(), []string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Docs) != len(names) {
		t.Fatalf("%d documents for %d files", len(c.Docs), len(names))
	}
	ids, paths, jsons := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, d := range c.Docs {
		j, err := json.Marshal(struct{ ID, Path string }{d.ID, d.Path})
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.ValidString(d.ID) || !utf8.ValidString(d.Path) || strings.ContainsRune(string(j), utf8.RuneError) {
			t.Errorf("%q %q: not valid UTF-8 (JSON %s)", d.ID, d.Path, j)
		}
		ids[d.ID], paths[d.Path], jsons[string(j)] = true, true, true
		if unescape(filepath.Base(d.Path)) == "" {
			t.Errorf("%q does not unescape", d.Path)
		}
		if got := filepath.Join(dir, unescape(filepath.Base(d.Path))); !slices.Contains(names, filepath.Base(got)) {
			t.Errorf("path %q unescapes to %q, not a file of the folder", d.Path, got)
		}
	}
	if len(ids) != len(names) || len(paths) != len(names) || len(jsons) != len(names) {
		t.Errorf("%d ids, %d paths, %d JSON forms for %d files: %q", len(ids), len(paths), len(jsons), len(names), slices.Sorted(maps.Keys(jsons)))
	}
	if !ids["a\\xff"] || !ids["a\\xfe"] || !ids["a\\x5cxff"] || !ids["ok é"] {
		t.Errorf("ids = %q", slices.Sorted(maps.Keys(ids)))
	}
	// show finds each file by the name the file system gives it, as well
	// as by the name seedscope prints.
	for _, name := range names {
		d, err := c.Find(filepath.Join(dir, name))
		if err != nil || filepath.Base(unescape(d.Path)) != name {
			t.Errorf("Find(%q) = %v, %v", name, d, err)
		}
	}
}

// unescape undoes escapeName: each \xNN is byte NN.
func unescape(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) && s[i+1] == 'x' && isHex(s[i+2]) && isHex(s[i+3]) {
			var c byte
			fmt.Sscanf(s[i+2:i+4], "%02x", &c)
			b = append(b, c)
			i += 3
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

func TestEscapeName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain.md", "plain.md"},
		{"é ü 日本.md", "é ü 日本.md"},
		{`back\slash.md`, `back\slash.md`},
		{`\x.md`, `\x.md`},
		{"a\xff.md", `a\xff.md`},
		{"a\xfe.md", `a\xfe.md`},
		{`a\xff.md`, `a\x5cxff.md`},
		{`a\XFF.md`, `a\XFF.md`}, // only \x (lower case) is an escape
		{"\xc3", `\xc3`},
		{"\xc3\xa9\xc3", `é\xc3`},
		{"\\\xff", `\\xff`},
		{`\\xff`, `\\x5cxff`},
		{"dir\xff/sub/f\xfe.md", `dir\xff/sub/f\xfe.md`},
	} {
		got := escapeName(tc.in)
		if got != tc.want {
			t.Errorf("escapeName(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if !utf8.ValidString(got) {
			t.Errorf("escapeName(%q) = %q: not UTF-8", tc.in, got)
		}
		if back := unescape(got); back != tc.in && got != tc.in {
			t.Errorf("unescape(%q) = %q, want %q", got, back, tc.in)
		}
	}
}

// TestReadNoFollow: a file listed as regular and replaced by a symlink
// before it is read is not read through the link.
func TestReadNoFollow(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "secret")
	link := filepath.Join(dir, "doc.md")
	if err := os.WriteFile(target, []byte("---\ntitle: secret\n---\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	data, r, ok := readEntry(entry{path: link, rel: "doc.md", noFollow: true}, false, true)
	if got := relDiags(dir, r.Diags); ok || data != nil || len(got) != 1 || !strings.Contains(got[0], "replaced by a symlink") {
		t.Errorf("ok=%v data=%q diags %q", ok, data, got)
	}
	// A root named on the command line is read through its link.
	if data, _, ok := readEntry(entry{path: link, rel: "doc.md"}, false, true); !ok || !strings.Contains(string(data), "secret") {
		t.Errorf("followed: ok=%v data=%q", ok, data)
	}
}

// TestWalkIDsMatchStream: the IDs WalkIDs gives without reading a file
// are those Stream gives the documents, in the same order; what it leaves
// out is only what Stream reports without a document. Over the hostile
// corpus (FIFO, loops, links, names that are not UTF-8), with and without
// following links, and over roots whose IDs clash.
func TestWalkIDsMatchStream(t *testing.T) {
	root := makeHostile(t)
	dir := t.TempDir()
	for _, name := range []string{"a/x.md", "b/x.md", "b/x.txt", "b/y.md"} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("---\ntitle: "+name+"\n---\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	type item struct{ path, id string }
	for _, tc := range []struct {
		name   string
		roots  []string
		follow bool
	}{
		{"hostile", []string{root}, false},
		{"hostile, follow", []string{root}, true},
		{"clashing roots", []string{a, b, filepath.Join(a, "x.md")}, false},
		{"root twice", []string{b, b}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := Options{FollowLinks: tc.follow}
			var walked, streamed []item
			if err := WalkIDs(context.Background(), tc.roots, o, func(id, p string) error {
				walked = append(walked, item{p, id})
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			docs := 0
			if err := Stream(context.Background(), tc.roots, o, func(r Result) error {
				it := item{path: r.Path}
				if r.Doc != nil {
					it.id = r.Doc.ID
					docs++
				}
				streamed = append(streamed, it)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			// Each walked file is the next result at its path; a result
			// between them carries no document (the walk's own reports).
			i := 0
			for _, s := range streamed {
				if i < len(walked) && s.path == walked[i].path && (s.id == "" || s.id == walked[i].id) {
					i++
					continue
				}
				if s.id != "" {
					t.Fatalf("document %q (%s) is not the next walked file %v", s.id, s.path, walked[min(i, len(walked)-1)])
				}
			}
			if i != len(walked) {
				t.Errorf("walked %d files, %d of them matched in the stream", len(walked), i)
			}
			if docs == 0 || len(walked) < docs {
				t.Errorf("%d documents, %d walked", docs, len(walked))
			}
			t.Logf("%d walked, %d results, %d documents", len(walked), len(streamed), docs)
		})
	}
}
