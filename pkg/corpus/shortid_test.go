package corpus

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestShortestUniqueID: an id shown in a table is the
// shortest prefix that Find resolves to its document alone.
func TestShortestUniqueID(t *testing.T) {
	tests := []struct {
		name string
		ids  []string
		want []string
	}{
		{"single document", []string{"2020-01-01-artificial-intelligence"}, []string{"2020-01"}},
		{"single short id", []string{"abc"}, []string{"abc"}},
		{"exactly the minimum", []string{"abcdefg", "abcdefh"}, []string{"abcdefg", "abcdefh"}},
		{"unique early: minimum length", []string{"000_882eb17234bc9889", "001_008d136e481d466e"}, []string{"000_882", "001_008"}},
		{"long shared prefix", []string{
			"2020-01-01-artificial-intelligence-a", "2020-01-01-artificial-intelligence-b", "2020-01-01-artificial-i-x",
		}, []string{"2020-01-01-artificial-intelligence-a", "2020-01-01-artificial-intelligence-b", "2020-01-01-artificial-i-"}},
		{"prefix of another: kept whole", []string{"abcdefgh", "abcdefghij", "abcdefghik"}, []string{"abcdefgh", "abcdefghij", "abcdefghik"}},
		{"prefix of one other", []string{"abcdefgh", "abcdefghijkl"}, []string{"abcdefgh", "abcdefghi"}},
		{"equal ids: whole", []string{"same-id-1", "same-id-1", "other-id"}, []string{"same-id-1", "same-id-1", "other-i"}},
		{"order kept", []string{"zzzzzzzz2", "aaaaaaaa1", "zzzzzzzz1"}, []string{"zzzzzzzz2", "aaaaaaa", "zzzzzzzz1"}},
		{"unicode: minimum counts characters", []string{"日本語のタイトル一", "日本語のタイトル二"}, []string{"日本語のタイトル一", "日本語のタイトル二"}},
		{"unicode: never cut inside a character", []string{"élan-été-aaa", "élan-été-aab", "élan-étè"}, []string{"élan-été-aaa", "élan-été-aab", "élan-étè"}},
		{"unicode: differing in a multi-byte rune", []string{"caf-é-x1234", "caf-è-x1234"}, []string{"caf-é-x", "caf-è-x"}},
		{"empty list", nil, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ShortestUnique(tt.ids)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ShortestUnique(%q) = %q, want %q", tt.ids, got, tt.want)
			}
			checkResolves(t, tt.ids, got)
		})
	}
}

// checkResolves checks each short form with Find, as show resolves it:
// to its own document (unless ids repeat, when no form can).
func checkResolves(t *testing.T, ids, short []string) {
	t.Helper()
	docs := make([]*Document, len(ids))
	seen := map[string]int{}
	for i, id := range ids {
		docs[i] = &Document{ID: id, Path: "corpus/" + id + ".md"}
		seen[id]++
	}
	c := New(docs)
	s := NewShortIDs(docs)
	for i, id := range ids {
		if got := s.Short(id); got != short[i] {
			t.Errorf("ShortIDs.Short(%q) = %q, ShortestUnique gives %q", id, got, short[i])
		}
		if seen[id] > 1 {
			continue
		}
		d, err := c.Find(short[i])
		if err != nil || d.ID != id {
			t.Errorf("Find(%q) = %v, %v; want document %q", short[i], d, err, id)
		}
		if !strings.HasPrefix(id, short[i]) {
			t.Errorf("%q is not a prefix of %q", short[i], id)
		}
	}
}

// TestShortestUniqueIDGenerated checks the invariant on sets with many
// shared prefixes: each form resolves to its document alone, and one
// character less would not (or is below the minimum).
func TestShortestUniqueIDGenerated(t *testing.T) {
	var ids []string
	for i := range 300 {
		ids = append(ids, fmt.Sprintf("2020-01-01-artificial-i%d", i*7919%1000))
		ids = append(ids, fmt.Sprintf("%05d_%x", i, i*2654435761))
	}
	ids = append(ids, "2020-01-01-artificial-i", "2020-01-01-artificial-i1")
	seen := map[string]bool{}
	var unique []string
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			unique = append(unique, id)
		}
	}
	short := ShortestUnique(unique)
	checkResolves(t, unique, short)
	for i, s := range short {
		if len([]rune(s)) <= MinShortID {
			continue
		}
		shorter := s[:len(s)-1]
		n := 0
		for _, id := range unique {
			if strings.HasPrefix(id, shorter) {
				n++
			}
		}
		if n == 1 && shorter != unique[i] {
			t.Errorf("%q: %q would do", unique[i], shorter)
		}
	}
}

// A short id of an id that is not in the corpus is the id itself.
func TestShortIDsUnknown(t *testing.T) {
	s := NewShortIDs([]*Document{{ID: "abcdefghij"}})
	if got := s.Short("zzzzzzzzzz"); got != "zzzzzzzzzz" {
		t.Errorf("Short(unknown) = %q", got)
	}
	if got := s.Short("abcdefghij"); got != "abcdefg" {
		t.Errorf("Short = %q", got)
	}
}

// TestFindDisplayedID: an id with invisible or control characters, as a
// table shows it (termsafe.Clean), resolves with Find, whole or as a
// unique prefix.
func TestFindDisplayedID(t *testing.T) {
	c := New([]*Document{{ID: "names/c\u200bx"}, {ID: "names/c\u00ady"}, {ID: "names/plain"}})
	for ref, want := range map[string]string{
		"names/c<U+200B>x": "names/c\u200bx",
		"names/c<U+200B>":  "names/c\u200bx",
		"names/c<U+00AD>":  "names/c\u00ady",
		"names/p":          "names/plain",
	} {
		d, err := c.Find(ref)
		if err != nil || d.ID != want {
			t.Errorf("Find(%q) = %v, %v; want %q", ref, d, err, want)
		}
	}
	if _, err := c.Find("names/c<U+"); err == nil {
		t.Errorf("Find of an ambiguous shown prefix: no error")
	}
}
