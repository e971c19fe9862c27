package validate

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/seedscope/seedscope/pkg/corpus"
)

// EntityRefusal is a broken entity FixEntities left as it was: where it
// is (Line and Col 1-based, as findings count them) and why.
type EntityRefusal struct {
	EntityMatch
	Line, Col int
	Reason    string
}

// maxFixTrials bounds the front matter parses FixEntities makes to sort
// the entities it can repair from those it cannot; past it the entities
// not yet tried are refused as such.
const maxFixTrials = 64

// FixEntities repairs every broken entity of data that can be repaired
// on its own, as Fix repairs them, and says of each other one where it is
// and why it was left. Fix refuses the whole file for one entity in the
// wrong place; FixEntities refuses that entity only: an entity in the
// body (text) is always repaired; one in the front matter is repaired
// when the front matter then reads as before with only entities
// repaired (see Fix), which holds in a quoted or block scalar and in a
// comment, but not in a plain scalar where " #" starts a comment.
//
// The error, when not nil, is about the whole file (binary, not UTF-8,
// front matter that does not parse): nothing is repaired.
//
// Entities are tried all at once first (the common case: one parse),
// then, when that changes how the front matter reads, by halves down to
// single entities, accepting each group that keeps the front matter's
// reading: about (refused entities × log2 entities) parses, at most
// maxFixTrials.
func FixEntities(data []byte) (fixed []byte, n int, refused []EntityRefusal, err error) {
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, 0, nil, errors.New("binary file")
	}
	if !utf8.Valid(data) {
		return nil, 0, nil, errors.New("not valid UTF-8")
	}
	matches := FindBrokenEntities(data)
	if len(matches) == 0 {
		return data, 0, nil, nil
	}
	before, err := parseForFix(data)
	if err != nil {
		return nil, 0, nil, err
	}
	t := fixTrial{data: data, before: before}
	if t.try(matches) == "" {
		return repairEntities(data, matches), len(matches), nil, nil
	}
	// Only front matter entities can change how the file reads.
	split, _ := corpus.SplitFrontMatter(data)
	bodyStart := len(data) - len(split.Body)
	var inFM []EntityMatch
	for _, m := range matches {
		if m.Start < bodyStart {
			inFM = append(inFM, m)
		} else {
			t.accepted = append(t.accepted, m)
		}
	}
	t.sift(inFM)
	// The accepted set was checked as a whole by its last trial, except
	// when only body entities were accepted: those never change the
	// front matter.
	accepted := sortedMatches(t.accepted)
	cur := cursor{data: data}
	for _, m := range sortedMatches(t.refusedM) {
		line, col := cur.lineCol(m.Start)
		refused = append(refused, EntityRefusal{EntityMatch: m, Line: line, Col: col, Reason: t.reasons[m.Start]})
	}
	if len(accepted) == 0 {
		return data, 0, refused, nil
	}
	return repairEntities(data, accepted), len(accepted), refused, nil
}

// fixTrial sorts the entities of a file into those repaired (accepted)
// and those refused, with why.
type fixTrial struct {
	data     []byte
	before   *yaml.Node
	accepted []EntityMatch
	refusedM []EntityMatch
	reasons  map[int]string // by the entity's offset
	trials   int
}

// sift accepts ms whole when that keeps the front matter's reading, else
// sifts each half; a single entity that does not is refused.
func (t *fixTrial) sift(ms []EntityMatch) {
	if len(ms) == 0 {
		return
	}
	if t.trials >= maxFixTrials {
		for _, m := range ms {
			t.refuse(m, fmt.Sprintf("not tried: more than %d trials to sort out the entities of this front matter that YAML reads as syntax; fix it by hand", maxFixTrials))
		}
		return
	}
	reason := t.try(append(append([]EntityMatch(nil), t.accepted...), ms...))
	if reason == "" {
		t.accepted = append(t.accepted, ms...)
		return
	}
	if len(ms) == 1 {
		t.refuse(ms[0], reason)
		return
	}
	t.sift(ms[:len(ms)/2])
	t.sift(ms[len(ms)/2:])
}

func (t *fixTrial) refuse(m EntityMatch, reason string) {
	if t.reasons == nil {
		t.reasons = map[int]string{}
	}
	t.refusedM = append(t.refusedM, m)
	t.reasons[m.Start] = reason
	if reason == errSyntax {
		t.reasons[m.Start] = syntaxReason(t.data[m.Start:m.End])
	}
}

// errSyntax marks a repair that changes how the front matter reads.
const errSyntax = "syntax"

// try repairs ms (in any order) and says why the result is not the
// file with only those entities repaired, or "" when it is.
func (t *fixTrial) try(ms []EntityMatch) string {
	t.trials++
	after, err := parseForFix(repairEntities(t.data, sortedMatches(ms)))
	if err != nil {
		return fmt.Sprintf("the repaired front matter would not parse: %v", err)
	}
	if (t.before == nil) != (after == nil) || (t.before != nil && !sameReading(t.before, after)) {
		return errSyntax
	}
	if t.before != nil {
		if k := newDuplicateKey(t.before, after); k != nil {
			return fmt.Sprintf("the repair would make key %q on line %d a duplicate of an earlier key; fix it by hand", k.Value, k.Line+fmLine-1)
		}
	}
	return ""
}

// syntaxReason says why repairing the entity text changes how YAML reads
// the front matter.
func syntaxReason(text []byte) string {
	if i := bytes.IndexByte(text, '#'); i > 0 && (text[i-1] == ' ' || text[i-1] == '\t') {
		return `in an unquoted value YAML reads " #" as the start of a comment, so the repair would turn comment text into content; quote the value, then run --fix again`
	}
	return "YAML reads this entity as syntax here (an unquoted value starting with \"&\" is an anchor); quote the value, then run --fix again"
}

// sameReading reports whether b is a with some of its scalars' broken
// entities repaired and nothing else changed.
func sameReading(a, b *yaml.Node) bool {
	if a.Kind != b.Kind || a.Tag != b.Tag || a.Style != b.Style || a.Anchor != b.Anchor ||
		len(a.Content) != len(b.Content) {
		return false
	}
	if (a.Kind == yaml.ScalarNode || a.Kind == yaml.AliasNode) && a.Value != b.Value &&
		repairedText(a.Value) != repairedText(b.Value) {
		return false
	}
	for i := range a.Content {
		if !sameReading(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}

func repairedText(s string) string {
	if ms := FindBrokenEntities([]byte(s)); len(ms) > 0 {
		return string(repairEntities([]byte(s), ms))
	}
	return s
}

func sortedMatches(ms []EntityMatch) []EntityMatch {
	out := slices.Clone(ms)
	slices.SortFunc(out, func(a, b EntityMatch) int { return cmp.Compare(a.Start, b.Start) })
	return out
}

// explainRefusals adds to the broken-entity finding of each entity --fix
// refused why it was left (the finding is at the entity's line:col).
func explainRefusals(fs []Finding, refused []EntityRefusal) {
	if len(refused) == 0 {
		return
	}
	type at struct{ line, col int }
	why := make(map[at]string, len(refused))
	for _, r := range refused {
		why[at{r.Line, r.Col}] = r.Reason
	}
	for i := range fs {
		f := &fs[i]
		if r, ok := why[at{f.Line, f.Col}]; ok && f.Rule == RuleBrokenEntity {
			f.Message += "; not fixed: " + r
		}
	}
}

// blockedFix says, for the findings that make --fix leave a file alone
// (blocksFix), why.
var blockedFix = map[string]string{
	RuleTextBinary:   "--fix leaves a binary file alone",
	RuleTextUTF8:     "--fix leaves a file that is not valid UTF-8 alone",
	RuleUnterminated: "--fix leaves a file whose front matter is never closed alone",
	RuleYAMLSyntax:   "--fix leaves a file whose front matter does not parse alone (see the yaml-syntax error)",
	RuleNotAMapping:  "--fix leaves a file whose front matter is not a mapping alone",
}

// explainBlocked adds to each broken-entity finding of a file --fix does
// not touch why it was left.
func explainBlocked(fs []Finding) {
	reason := ""
	for _, f := range fs {
		if r, ok := blockedFix[f.Rule]; ok {
			reason = r
			break
		}
	}
	if reason == "" {
		return
	}
	for i := range fs {
		if fs[i].Rule == RuleBrokenEntity && !strings.Contains(fs[i].Message, "; not fixed: ") {
			fs[i].Message += "; not fixed: " + reason
		}
	}
}
