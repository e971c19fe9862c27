// Package search ranks the documents of a corpus against a query: words,
// "exact phrases", -excluded terms and field:value clauses, scored by
// BM25F over the title, the excerpt, the cleaned body and the URL.
//
// Words are split and folded by pkg/tokens, as every reading view counts
// them, so "Police", "police" and "POLICE" are one word, and a word of the
// query matches exactly what concordance and terms count.
//
// There is no index: Search reads each document once (in parallel, with
// a deterministic result), counting the query's words per field, then
// scores. Its cost is linear in the corpus and bounded in the query
// (MaxWords, MaxClauses).
package search

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/seedscope/seedscope/pkg/corpus"
	"github.com/seedscope/seedscope/pkg/query"
	"github.com/seedscope/seedscope/pkg/tokens"
)

// The limits of a query: a longer one is refused with an error rather
// than read (the cost of a search grows with its words).
const (
	// MaxWords is the most words a query may hold, all terms and phrases
	// together.
	MaxWords = 64
	// MaxClauses is the most terms, phrases and field:value clauses.
	MaxClauses = 64
	// MaxQueryBytes is the longest query read.
	MaxQueryBytes = 4096
)

// Field is a field of a document a term is counted in.
type Field int

// The fields, in the order of Weights.
const (
	Title Field = iota
	Excerpt
	Body
	// URL is the words of the document's address: a slug often names the
	// story in words its text does not hold ("ring-police-partnerships").
	URL
	numFields
)

// fieldMask is a set of fields.
type fieldMask uint8

const allFields fieldMask = 1<<Title | 1<<Excerpt | 1<<Body | 1<<URL

func (m fieldMask) has(f Field) bool { return m&(1<<f) != 0 }

// Term is a word or a phrase of a query.
type Term struct {
	// Text is the term as matched lists it: a word as folded, a phrase in
	// double quotes, either prefixed by "title:" when restricted to it.
	Text string
	// Words are the folded words (tokens.Fold), in order.
	Words []string
	// Phrase: the words must follow each other (a quoted phrase, or a
	// bare term of several words, as e-mail).
	Phrase bool
	// Exclude: documents holding the term are left out.
	Exclude bool
	// implicit marks a word of a phrase, scored on its own so that a
	// document with the words but not the phrase is still found.
	implicit bool
	fields   fieldMask
}

// Query is a parsed query.
type Query struct {
	// Terms are the words and phrases, in the order given; each phrase
	// is followed by its words (scored on their own too). Repeated terms
	// are kept once.
	Terms []Term
	// clauses are the field:value restrictions, by field name.
	clauses []clause
}

// clause is one field:value restriction.
type clause struct {
	field   string
	value   string
	exclude bool
}

// clauseFields are the names a field:value clause takes, with what each
// selects; FieldNames lists them sorted.
var clauseFields = map[string]string{
	"provider": "the provider's domain or name, as --provider (provider:wired.com)",
	"topic":    "a topic, as --topic (topic:\"aws ai\")",
	"type":     "the type, as --type (type:article)",
	"kind":     "the kind, as --kind: frontmatter or text (kind:text)",
	"title":    "the words or phrase in the title only (title:police, title:\"law enforcement\")",
}

// FieldNames returns the names of the query's fields, sorted.
func FieldNames() []string {
	names := make([]string, 0, len(clauseFields))
	for n := range clauseFields {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// FieldHelp returns the fields and what each selects, one a line.
func FieldHelp() string {
	var b strings.Builder
	for _, n := range FieldNames() {
		fmt.Fprintf(&b, "    %-9s %s\n", n+":", clauseFields[n])
	}
	return b.String()
}

// Error is a query that cannot be read.
type Error struct {
	Query string
	Msg   string
}

func (e *Error) Error() string { return "query: " + e.Msg }

// Parse reads a query:
//
//	word            a word (several words, as e-mail, are a phrase)
//	"a phrase"      words that follow each other
//	-word -"phrase" leave out documents holding it
//	field:value     keep documents whose field has the value (see
//	                FieldNames; field:"a value" for one with blanks,
//	                -field:value leaves them out); title:word counts the
//	                word in the title only
//
// Terms are separated by blanks. Words are what tokens.Words finds,
// folded by tokens.Fold; punctuation between them is ignored ("U.S."
// is the word u.s). A query needs at least one word or phrase that is not
// excluded: it is what documents are ranked by.
func Parse(s string) (*Query, error) {
	fail := func(format string, a ...any) (*Query, error) {
		return nil, &Error{Query: s, Msg: fmt.Sprintf(format, a...)}
	}
	if len(s) > MaxQueryBytes {
		return fail("the query is %d bytes long; at most %d are read", len(s), MaxQueryBytes)
	}
	if !utf8.ValidString(s) {
		return fail("the query is not valid UTF-8")
	}
	q := &Query{}
	clauses, words := 0, 0
	for i := 0; ; {
		for i < len(s) {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += size
		}
		if i >= len(s) {
			break
		}
		start := i
		exclude := false
		if s[i] == '-' {
			exclude = true
			i++
			if i >= len(s) || isSpaceAt(s, i) {
				return fail("a lone - excludes nothing: write -word or -\"a phrase\"")
			}
		}
		field := ""
		if name, ok := fieldName(s[i:]); ok {
			if _, known := clauseFields[strings.ToLower(name)]; !known {
				term := s[start:nextSpace(s, i)]
				return fail("unknown field %q in %s: fields are %s (to search the text, quote it: %q)",
					name, term, strings.Join(FieldNames(), ", "), strings.TrimPrefix(term, "-"))
			}
			field = strings.ToLower(name)
			i += len(name) + 1
		}
		var value string
		quoted := i < len(s) && s[i] == '"'
		if quoted {
			end := strings.IndexByte(s[i+1:], '"')
			if end < 0 {
				return fail("unclosed quote: %s", s[start:])
			}
			value = s[i+1 : i+1+end]
			i += end + 2
		} else {
			end := nextSpace(s, i)
			value = s[i:end]
			i = end
		}
		term := s[start:i]
		if clauses++; clauses > MaxClauses {
			return fail("the query has more than %d terms and clauses", MaxClauses)
		}
		if field != "" && field != "title" {
			value = strings.TrimSpace(value)
			if value == "" {
				return fail("%s needs a value: %s:VALUE", term, field)
			}
			if field == "kind" {
				if !slices.Contains(corpus.Kinds, corpus.Kind(strings.ToLower(value))) {
					return fail("%s: a kind is frontmatter or text", term)
				}
			}
			q.clauses = append(q.clauses, clause{field: field, value: value, exclude: exclude})
			continue
		}
		t := Term{Exclude: exclude, fields: allFields, Phrase: quoted}
		for tok := range tokens.Words(value) {
			t.Words = append(t.Words, tokens.Fold(tok.Text))
		}
		if len(t.Words) == 0 {
			if quoted && strings.TrimSpace(value) == "" {
				return fail("%s is an empty phrase", term)
			}
			return fail("%s has no word to search for (a word holds a letter or a digit)", term)
		}
		if words += len(t.Words); words > MaxWords {
			return fail("the query has more than %d words", MaxWords)
		}
		t.Phrase = len(t.Words) > 1
		t.Text = t.Words[0]
		if t.Phrase {
			t.Text = `"` + strings.Join(t.Words, " ") + `"`
		}
		if field == "title" {
			t.fields = 1 << Title
			t.Text = "title:" + t.Text
		}
		q.add(t)
		if t.Phrase && !t.Exclude {
			for _, w := range t.Words {
				q.add(Term{Text: prefix(field) + w,
					Words: []string{w}, fields: t.fields, implicit: true})
			}
		}
	}
	q.addProximity()
	if !slices.ContainsFunc(q.Terms, func(t Term) bool { return !t.Exclude }) {
		if len(q.Terms) == 0 && len(q.clauses) == 0 {
			return fail("the query is empty: give a word or a \"phrase\" to rank by")
		}
		return fail("nothing to rank by: give a word or a \"phrase\" that is not excluded (to select by fields alone, use list with its filters)")
	}
	return q, nil
}

// addProximity adds the words given bare (not quoted, excluded or in a
// field), when there are several, as a phrase of their own: police
// partnerships finds documents with either word, and those where the two
// follow each other rank first, as if it were "police partnerships" (the
// phrase boost of search engines). A document need not hold it.
func (q *Query) addProximity() {
	var bare []string
	for _, t := range q.Terms {
		if !t.Exclude && !t.Phrase && !t.implicit && t.fields == allFields {
			bare = append(bare, t.Words[0])
		}
	}
	if len(bare) < 2 {
		return
	}
	q.add(Term{Text: `"` + strings.Join(bare, " ") + `"`, Words: bare, fields: allFields, Phrase: true})
}

func prefix(field string) string {
	if field == "" {
		return ""
	}
	return field + ":"
}

// add appends t unless the query has it already (an implicit word given
// as a word too is kept once, as given).
func (q *Query) add(t Term) {
	for i, o := range q.Terms {
		if o.Exclude == t.Exclude && o.fields == t.fields && o.Phrase == t.Phrase && slices.Equal(o.Words, t.Words) {
			q.Terms[i].implicit = o.implicit && t.implicit
			return
		}
	}
	q.Terms = append(q.Terms, t)
}

// fieldName returns the name of a field:value clause starting s: ASCII
// letters then a colon.
func fieldName(s string) (string, bool) {
	n := 0
	for n < len(s) && ('a' <= s[n] && s[n] <= 'z' || 'A' <= s[n] && s[n] <= 'Z') {
		n++
	}
	return s[:n], n > 0 && n < len(s) && s[n] == ':'
}

func isSpaceAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r)
}

// nextSpace is the index of the first blank of s at or after i, or len(s).
func nextSpace(s string, i int) int {
	if j := strings.IndexFunc(s[i:], unicode.IsSpace); j >= 0 {
		return i + j
	}
	return len(s)
}

// Match reports whether d passes the query's field:value clauses: of
// the clauses of one field, any that include (provider:a provider:b:
// either) and none that exclude; clauses of different fields must all
// pass.
func (q *Query) Match(d *corpus.Document) bool {
	for _, field := range []string{"provider", "topic", "type", "kind"} {
		any, wanted := false, false
		for _, c := range q.clauses {
			if c.field != field {
				continue
			}
			m := clauseMatches(c, d)
			if c.exclude {
				if m {
					return false
				}
				continue
			}
			wanted = true
			any = any || m
		}
		if wanted && !any {
			return false
		}
	}
	return true
}

func clauseMatches(c clause, d *corpus.Document) bool {
	switch c.field {
	case "provider":
		return query.ProviderMatches(c.value, d.Provider)
	case "topic":
		return query.TopicMatches(c.value, d.Topics)
	case "type":
		return d.Type != "" && query.SameFold(c.value, d.Type)
	case "kind":
		return strings.EqualFold(c.value, string(d.Kind))
	}
	return false
}

// HasClauses reports whether the query has field:value clauses.
func (q *Query) HasClauses() bool { return len(q.clauses) > 0 }
