package search

import (
	"slices"
	"strings"
	"testing"

	"github.com/seedscope/seedscope/pkg/corpus"
)

func TestParse(t *testing.T) {
	type term struct {
		text    string
		phrase  bool
		exclude bool
	}
	for _, tc := range []struct {
		in    string
		terms []term
	}{
		{"police", []term{{"police", false, false}}},
		{"  Police  RING ", []term{{"police", false, false}, {"ring", false, false}, {`"police ring"`, true, false}}},
		{`"Police Partnerships"`, []term{{`"police partnerships"`, true, false}, {"police", false, false}, {"partnerships", false, false}}},
		{`police "police partnerships"`, []term{{"police", false, false}, {`"police partnerships"`, true, false}, {"partnerships", false, false}}},
		{`ring -doorbell -"law enforcement"`, []term{{"ring", false, false}, {"doorbell", false, true}, {`"law enforcement"`, true, true}}},
		{"e-mail", []term{{`"e mail"`, true, false}, {"e", false, false}, {"mail", false, false}}},
		{"U.S.", []term{{"u.s", false, false}}},
		{"Amazon’s", []term{{"amazon's", false, false}}},
		{"title:Ring police", []term{{"title:ring", false, false}, {"police", false, false}}},
		{`title:"law enforcement"`, []term{{`title:"law enforcement"`, true, false}, {"title:law", false, false}, {"title:enforcement", false, false}}},
		{"police provider:wired.com -topic:AI", []term{{"police", false, false}}},
		{"police police POLICE", []term{{"police", false, false}}},
		{"10:30 police", []term{{`"10 30"`, true, false}, {"10", false, false}, {"30", false, false}, {"police", false, false}}},
		{`police "a"b`, []term{{"police", false, false}, {"a", false, false}, {"b", false, false}, {`"police a b"`, true, false}}},
		{`police -ring title:law partnerships`, []term{{"police", false, false}, {"ring", false, true}, {"title:law", false, false}, {"partnerships", false, false}, {`"police partnerships"`, true, false}}},
	} {
		q, err := Parse(tc.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		var got []term
		for _, x := range q.Terms {
			got = append(got, term{x.Text, x.Phrase, x.Exclude})
		}
		if !slices.Equal(got, tc.terms) {
			t.Errorf("Parse(%q) terms = %v, want %v", tc.in, got, tc.terms)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "the query is empty"},
		{"   ", "the query is empty"},
		{"-", "a lone - excludes nothing"},
		{"police - ring", "a lone - excludes nothing"},
		{`"police partnerships`, `unclosed quote: "police partnerships`},
		{`police -"ring`, `unclosed quote: -"ring`},
		{`""`, `"" is an empty phrase`},
		{"-police", "nothing to rank by"},
		{`-police -"law enforcement"`, "nothing to rank by"},
		{"provider:wired.com", "nothing to rank by"},
		{"foo:bar police", `unknown field "foo" in foo:bar: fields are kind, provider, title, topic, type (to search the text, quote it: "foo:bar")`},
		{"https://wired.com", `unknown field "https"`},
		{"police provider:", "provider: needs a value"},
		{`police topic:""`, `topic:"" needs a value`},
		{"police kind:pdf", "kind:pdf: a kind is frontmatter or text"},
		{"!!! police", "!!! has no word to search for"},
		{"title:", "title: has no word"},
		{`"` + strings.Repeat("w ", MaxWords+1) + `"`, "more than 64 words"},
		{strings.Repeat("w ", MaxClauses+1), "more than 64 terms and clauses"},
		{strings.Repeat("provider:x ", MaxClauses) + "w", "more than 64 terms and clauses"},
		{strings.Repeat("w", MaxQueryBytes+1), "at most 4096 are read"},
		{"police \xff", "not valid UTF-8"},
	} {
		_, err := Parse(tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%.40q) = %v, want an error with %q", tc.in, err, tc.want)
		}
	}
}

func TestMatchClauses(t *testing.T) {
	wired := &corpus.Document{ID: "a", Type: "article", Kind: corpus.KindFrontMatter, Topics: []string{"AI", "AWS AI"}, Provider: corpus.Provider{Name: "Wired", Domain: "www.wired.com"}}
	text := &corpus.Document{ID: "b", Kind: corpus.KindText}
	for _, tc := range []struct {
		q          string
		wired, txt bool
	}{
		{"x", true, true},
		{"x provider:wired.com", true, false},
		{"x provider:WIRED", true, false},
		{"x provider:https://www.wired.com/story", true, false},
		{"x -provider:wired.com", false, true},
		{"x provider:wired.com provider:other.com", true, false},
		{`x topic:"aws  ai"`, true, false},
		{"x -topic:ai", false, true},
		{"x type:Article", true, false},
		{"x kind:text", false, true},
		{"x kind:TEXT -kind:text", false, false},
		{"x topic:ai kind:text", false, false},
	} {
		q, err := Parse(tc.q)
		if err != nil {
			t.Fatal(err)
		}
		if got := q.Match(wired); got != tc.wired {
			t.Errorf("%q matches the Wired document: %v, want %v", tc.q, got, tc.wired)
		}
		if got := q.Match(text); got != tc.txt {
			t.Errorf("%q matches the text document: %v, want %v", tc.q, got, tc.txt)
		}
	}
}
