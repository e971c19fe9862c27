package corpus

import (
	"fmt"
	"math/rand/v2"
	"path"
	"slices"
	"strings"
	"testing"
)

// listingOf builds the listing readListing would for a folder holding
// names, each a document file unless kinds says otherwise.
func listingOf(t testing.TB, names []string, kinds map[string]byte, exts map[string]bool) *listing {
	t.Helper()
	l := &listing{}
	for _, name := range names {
		if strings.HasPrefix(name, ".") {
			continue
		}
		k := kinds[name]
		if exts[strings.ToLower(path.Ext(name))] {
			k |= flagDoc
		} else if k == kindRegular || k == kindOther {
			continue
		}
		if escapeName(name) != name {
			k |= flagEscaped
		}
		if err := l.add(name, k); err != nil {
			t.Fatal(err)
		}
	}
	l.sort()
	l.mark()
	t.Cleanup(l.free)
	return l
}

// folderIDsOf gives the IDs folderIDs gives the files of a folder at rel
// holding names, and those the reference (one idSet of every ID, as the
// walker kept before folderIDs) gives, in path order. skip says which
// entries are not given an ID (a symlink not followed).
//
// reorder, when set, changes the order IDs are given in.
func folderIDsOf(t testing.TB, rel string, names []string, kinds map[string]byte, exts map[string]bool, skip func(string) bool, reorder func(*listing, []int)) (got, want []string) {
	l := listingOf(t, names, kinds, exts)
	ids := newFolderIDs(l)
	defer ids.release()
	ref := newIDSet()
	order := make([]int, l.len())
	for i := range order {
		order[i] = i
	}
	if reorder != nil {
		reorder(l, order)
	}
	for _, i := range order {
		name := string(l.name(i))
		if !l.has(i, flagDoc) || l.kind(i) == kindDir || skip(name) {
			continue
		}
		esc := escapeName(name)
		r := path.Join(rel, esc)
		got = append(got, name+" "+r[:len(r)-len(esc)]+ids.unique(i, esc))
		want = append(want, name+" "+ref.unique(idFromRel(r), r))
	}
	return got, want
}

var defaultExts = map[string]bool{".md": true, ".txt": true, ".markdown": true, ".text": true}

// withNoExt is defaultExts with files without an extension.
var withNoExt = map[string]bool{".md": true, ".txt": true, ".markdown": true, ".text": true, "": true}

// oddExts are extensions shaped like the IDs given on a clash, which
// alone lead to a name with its extension being taken, then to ~N.
var oddExts = map[string]bool{".md": true, "": true, ".md~2": true, ".2": true, ".a~3": true}

func TestFolderIDsTable(t *testing.T) {
	none := func(string) bool { return false }
	for _, tc := range []struct {
		names []string
		want  []string // "name id", in path order
		exts  map[string]bool
	}{
		// With files without an extension, a name can be its stem: a clash
		// goes on to ~2, ~3…, skipping those taken.
		{[]string{"a.md", "a", "a~2", "a~2.md", "a~3", "b", "b.md"}, []string{
			"a a", "a.md a.md", "a~2 a~2", "a~2.md a~2.md", "a~3 a~3", "b b", "b.md b.md"}, withNoExt},
		{[]string{"a", "a.MD", "a.md", "a.txt", "a~2.md", "a~2"}, []string{
			"a a", "a.MD a.MD", "a.md a.md", "a.txt a.txt", "a~2 a~2", "a~2.md a~2.md"}, withNoExt},
		{[]string{"b.md", "a.md"}, []string{"a.md a", "b.md b"}, nil},
		{[]string{"a.md", "a.txt"}, []string{"a.md a", "a.txt a.txt"}, nil},
		{[]string{"a.md", "a.txt", "a.txt.md"}, []string{"a.md a", "a.txt a.txt", "a.txt.md a.txt.md"}, nil},
		{[]string{"a.md", "a.MD", "a.Md", "a.txt"}, []string{"a.MD a", "a.Md a.Md", "a.md a.md", "a.txt a.txt"}, nil},
		{[]string{"a.md", "a.md.md", "a.md.txt"}, []string{"a.md a", "a.md.md a.md", "a.md.txt a.md.txt"}, nil},
		{[]string{"a~2.md", "a.md", "a.txt", "a.text"}, []string{"a.md a", "a.text a.text", "a.txt a.txt", "a~2.md a~2"}, nil},
		{[]string{"a.md", "a.md.md", "a.md.txt", "a.md.text", "a~2.md"}, []string{
			"a.md a", "a.md.md a.md", "a.md.text a.md.text", "a.md.txt a.md.txt", "a~2.md a~2"}, nil},
		// Both spellings of the stem's name are taken: the ~N follow.
		{[]string{"a.md", "a.md.md", "a.md.md.md", "a.md.txt", "a.md.text"}, []string{
			"a.md a", "a.md.md a.md", "a.md.md.md a.md.md", "a.md.text a.md.text", "a.md.txt a.md.txt"}, nil},
		{[]string{"x.md", "x.markdown", "x.text", "x.txt", "x.md.md", "x.txt.md"}, []string{
			"x.markdown x", "x.md x.md", "x.md.md x.md.md", "x.text x.text", "x.txt x.txt", "x.txt.md x.txt.md"}, nil},
		// The stem and the name are both taken: ~2, ~3, counted per stem.
		{[]string{"x.md", "x.txt", "x.text", "x.markdown", "x.TXT"}, []string{
			"x.TXT x", "x.markdown x.markdown", "x.md x.md", "x.text x.text", "x.txt x.txt"}, nil},
		{[]string{"x.md", "x.txt", "x.txt.md", "x.txt.txt", "x.txt.text", "x~2.md"}, []string{
			"x.md x", "x.txt x.txt", "x.txt.md x.txt.md", "x.txt.text x.txt.text", "x.txt.txt x.txt.txt", "x~2.md x~2"}, nil},
		{[]string{"a~2.md", "a~2.txt", "a.md", "a.txt", "a.text", "a.markdown"}, []string{
			"a.markdown a", "a.md a.md", "a.text a.text", "a.txt a.txt", "a~2.md a~2", "a~2.txt a~2.txt"}, nil},
		{[]string{"n.md", "n.MD", "n.mD", "n.Md"}, []string{"n.MD n", "n.Md n.Md", "n.mD n.mD", "n.md n.md"}, nil},
		{[]string{"n.md", "n.MD", "n.mD", "n.Md", "n.md.md", "n.Md.md"}, []string{
			"n.MD n", "n.Md n.Md", "n.Md.md n.Md.md", "n.mD n.mD", "n.md n.md", "n.md.md n.md.md"}, nil},
		{[]string{"a\xff.md", "a\xfe.md", `a\xff.md`, `a\xff.txt`}, []string{
			`a\xff.md a\x5cxff`, `a\xff.txt a\x5cxff.txt`, "a\xfe.md " + `a\xfe`, "a\xff.md " + `a\xff`}, nil},
	} {
		exts := tc.exts
		if exts == nil {
			exts = defaultExts
		}
		got, want := folderIDsOf(t, "", tc.names, nil, exts, none, nil)
		if !slices.Equal(got, want) {
			t.Errorf("%q: folderIDs gives\n%q\nthe reference\n%q", tc.names, got, want)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q: got\n%q\nwant\n%q", tc.names, got, tc.want)
		}
	}
}

// TestFolderIDsDifferential checks folderIDs against the reference over
// random folders of names built to clash: shared stems with several
// extensions and cases, names that are another's name with its extension
// ("a.txt" and "a.txt.md"), names shaped like the ~N given on a clash,
// names that are not UTF-8 or hold "\x", folders and symlinks with
// document names (some given no ID, as a symlink not followed).
func TestFolderIDsDifferential(t *testing.T) {
	parts := []string{"a", "b", "a~2", "a~3", "~", "2", "10", "a.md", "a.txt", "\xff", `\xff`, "é", "a~", "x.y"}
	exts := []string{".md", ".txt", ".MD", ".Md", ".text", ".markdown", ".TXT", ".jpg", "", ".md~2", ".2", ".a~3", "~2"}
	rng := rand.New(rand.NewPCG(1, 2))
	rounds := 3000
	if testing.Short() {
		rounds = 300
	}
	// In path order a clash never gets as far as ~N (the name with its
	// extension is always free); in any other order it does, so every
	// fourth round gives IDs in a random order, through the table alone.
	shuffle := func(l *listing, order []int) {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for i := range l.len() {
			if !l.has(i, flagSuspect) {
				l.set(i, flagSuspect)
				l.suspects++
			}
		}
	}
	for round := range rounds {
		seen := map[string]bool{}
		var names []string
		kinds := map[string]byte{}
		for range 1 + rng.IntN(40) {
			var b strings.Builder
			for range 1 + rng.IntN(3) {
				b.WriteString(parts[rng.IntN(len(parts))])
			}
			for range rng.IntN(3) {
				b.WriteString(exts[rng.IntN(len(exts))])
			}
			name := b.String()
			if seen[name] || name == "" {
				continue
			}
			seen[name] = true
			names = append(names, name)
			switch rng.IntN(10) {
			case 0:
				kinds[name] = kindDir
			case 1:
				kinds[name] = kindSymlink
			case 2:
				kinds[name] = kindOther
			}
		}
		skip := func(name string) bool { return kinds[name] == kindSymlink && len(name)%2 == 0 }
		rel := []string{"", "dir", "a/b.md"}[round%4%3]
		exts := []map[string]bool{defaultExts, withNoExt, oddExts}[round%3]
		var reorder func(*listing, []int)
		if round%4 == 3 {
			reorder = shuffle
		}
		got, want := folderIDsOf(t, rel, names, kinds, exts, skip, reorder)
		if !slices.Equal(got, want) {
			t.Fatalf("round %d, folder %q, names %q:\nfolderIDs gives\n%q\nthe reference\n%q", round, rel, names, got, want)
		}
	}
}

// TestListingMemoryBounded counts what a folder of many files holds while
// it is walked: its names and 8 bytes a file for the listing (at most 16
// while it grows), and nothing for IDs unless names clash, then at most 16
// bytes a clashing file in the table, not a DirEntry, strings and a map
// entry per file.
func TestListingMemoryBounded(t *testing.T) {
	const n = 200_000
	names := make([]string, n)
	nameBytes := 0
	for i := range names {
		names[i] = fmt.Sprintf("%06d_%016x.txt", n-i, uint64(i)*0x9e3779b97f4a7c15)
		nameBytes += len(names[i])
	}
	for _, tc := range []struct {
		name   string
		names  []string
		clash  int // names that clash
		fixed  int // bytes over the per-file bound
		idsMax int
	}{
		{"distinct stems", names, 0, 2 << 20, 0},
		{"every stem twice", append(slices.Clone(names), func() []string {
			var more []string
			for _, s := range names {
				more = append(more, strings.TrimSuffix(s, ".txt")+".md")
			}
			return more
		}()...), 2 * n, 4 << 20, 16 * 2 * n},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := listingOf(t, tc.names, nil, defaultExts)
			if l.suspects != tc.clash {
				t.Fatalf("%d suspects, want %d", l.suspects, tc.clash)
			}
			ids := newFolderIDs(l)
			defer ids.release()
			for i := range l.len() {
				ids.unique(i, string(l.name(i)))
			}
			files, bytes := len(tc.names), 0
			for _, s := range tc.names {
				bytes += len(s)
			}
			if held, bound := l.held(), bytes+16*files+tc.fixed; held > bound {
				t.Errorf("the listing of %d files (%d bytes of names) holds %d bytes, over %d", files, bytes, held, bound)
			}
			if held := ids.held(); held > tc.idsMax {
				t.Errorf("the IDs of %d files (%d clashing) hold %d bytes in their table, over %d", files, tc.clash, held, tc.idsMax)
			}
			if tc.clash == 0 && len(ids.others)+len(ids.next) != 0 {
				t.Errorf("IDs kept as strings with no clash: %d", len(ids.others)+len(ids.next))
			}
		})
	}
	_ = nameBytes
}

func TestListingLimits(t *testing.T) {
	l := &listing{}
	defer l.free()
	if err := l.add(strings.Repeat("a", maxNameLen+1), kindRegular|flagDoc); err != errNameTooLong {
		t.Errorf("a name of %d bytes: %v, want %v", maxNameLen+1, err, errNameTooLong)
	}
	long := strings.Repeat("b", maxNameLen)
	for i := range 3 {
		if err := l.add(long[i:], kindRegular|flagDoc); err != nil {
			t.Fatal(err)
		}
	}
	l.sort()
	for i := range 3 {
		if got := len(l.name(i)); got != maxNameLen-2+i {
			t.Errorf("name %d: %d bytes, want %d", i, got, maxNameLen-2+i)
		}
	}
}

func TestEndsInTildeNumber(t *testing.T) {
	for s, want := range map[string]bool{"a~2": true, "~10": true, "a~": false, "a2": false, "a~2b": false, "": false, "~": false, "a~~3": true} {
		if got := endsInTildeNumber([]byte(s)); got != want {
			t.Errorf("endsInTildeNumber(%q) = %v, want %v", s, got, want)
		}
	}
}
