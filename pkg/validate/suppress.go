package validate

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/seedscope/seedscope/pkg/corpus"
)

// Inline suppressions are comment lines in a file's front matter:
//
//	# seedscope-disable-next-line rule-id[, rule-id…] [-- reason]
//	# seedscope-disable rule-id[, rule-id…] [-- reason]
//
// The first suppresses the named rules' findings (without ids: every
// rule's) on the next line that holds YAML (blank and comment lines are
// skipped, so directives stack) and, when that line starts a scalar that
// goes on over more lines (a block scalar, a quoted or plain multi-line
// value), on all the lines of that value. The second suppresses them in
// the whole file, body and corpus-wide rules included, wherever in the
// front matter it is written.
//
// Directives are found by scanning the front matter's lines, not by the
// YAML parser: a line inside a block scalar or a quoted scalar is text,
// never a directive, and a comment after a value on the same line is not
// one either. They count only in a file the loader reads as a document:
// in one it rejects (empty, binary, front matter unclosed, not YAML, not a
// mapping, load-error) every finding stands, since suppressing it would
// let a file be dropped unnoticed. load-error, fix-failed and the findings
// about directives themselves are never suppressed.

const (
	directiveNextLine = "seedscope-disable-next-line"
	directiveFile     = "seedscope-disable"
	directivePrefix   = "seedscope-"
)

// unsuppressible rules report on the run or on the directives themselves.
var unsuppressible = map[string]bool{
	RuleLoadError: true, RuleFixFailed: true, RuleInvalidSuppression: true, RuleUnusedSuppression: true,
}

// directive is one suppression comment.
type directive struct {
	line, col int
	file      bool
	// from and to are the lines a next-line directive covers.
	from, to int
	// rules are the ids named, with their columns; none: every rule.
	rules []string
	cols  []int
	// used, per rule named (or [0] for every rule), says whether the
	// directive suppressed a finding.
	used []bool
}

// directives are a file's suppressions.
type directives struct {
	list []*directive
	// suppressed counts the findings they hid.
	suppressed int
}

// covers returns the index of the directive's rule matching f (0 for a
// directive naming none), or -1.
func (d *directive) covers(f Finding) int {
	if !d.file && (f.Line < d.from || f.Line > d.to) {
		return -1
	}
	if len(d.rules) == 0 {
		return 0
	}
	return slices.Index(d.rules, f.Rule)
}

// suppress reports whether a directive hides f, and marks it used.
func (ds *directives) suppress(f Finding) bool {
	if ds == nil || unsuppressible[f.Rule] {
		return false
	}
	hit := false
	for _, d := range ds.list {
		if i := d.covers(f); i >= 0 {
			d.used[i] = true // every directive that covers it is used
			hit = true
		}
	}
	if hit {
		ds.suppressed++
	}
	return hit
}

// filter drops the findings the directives hide, in place.
func (ds *directives) filter(fs []Finding) []Finding {
	if ds == nil {
		return fs
	}
	out := fs[:0]
	for _, f := range fs {
		if !ds.suppress(f) {
			out = append(out, f)
		}
	}
	return out
}

// unused returns a finding for each rule of a directive that suppressed
// nothing; a rule this run does not check is not reported (another
// configuration may enable it).
func (ds *directives) unused(path string, s *Settings) []Finding {
	if ds == nil {
		return nil
	}
	var out []Finding
	for _, d := range ds.list {
		where := "on the next line"
		if d.file {
			where = "in this file"
		}
		if len(d.rules) == 0 {
			if !d.used[0] {
				out = append(out, Finding{Path: path, Line: d.line, Col: d.col, Severity: Warning, Rule: RuleUnusedSuppression,
					Message: fmt.Sprintf("unused suppression: no finding %s to suppress", where)})
			}
			continue
		}
		for i, id := range d.rules {
			if !d.used[i] && s.Enabled(id) {
				out = append(out, Finding{Path: path, Line: d.line, Col: d.cols[i], Severity: Warning, Rule: RuleUnusedSuppression,
					Message: fmt.Sprintf("unused suppression: no %s finding %s to suppress", id, where)})
			}
		}
	}
	return out
}

// parseDirectives reads the suppression comments of a file's front
// matter. It returns nil when there are none, with a finding for each
// malformed one (an unknown directive or rule id).
func parseDirectives(path string, data []byte) (*directives, []Finding) {
	// Directives live in the front matter, usually a small part of the
	// file: finding its end first spares a search of the body (a search
	// for "seedscope-" stops at every 's' of the text).
	// Each directive is a comment: no '#', none (IndexByte is the
	// fastest search there is).
	split, err := corpus.SplitFrontMatter(data)
	if err != nil || !split.HasFrontMatter || bytes.IndexByte(split.FrontMatter, '#') < 0 ||
		!bytes.Contains(split.FrontMatter, []byte(directivePrefix)) {
		return nil, nil
	}
	lines := scanFrontMatter(split.FrontMatter)
	var ds directives
	var bad []Finding
	badf := func(line, col int, format string, args ...any) {
		bad = append(bad, Finding{Path: path, Line: line, Col: col, Severity: Warning, Rule: RuleInvalidSuppression,
			Message: fmt.Sprintf(format, args...)})
	}
	for i, l := range lines {
		if l.kind != lineComment {
			continue
		}
		d, ok := parseDirective(l, badf)
		if !ok {
			continue
		}
		if !d.file {
			d.from, d.to = -1, -1
			for _, n := range lines[i+1:] {
				if n.kind == lineValue {
					d.from, d.to = n.line, n.valueEnd
					break
				}
			}
		}
		ds.list = append(ds.list, d)
	}
	if len(ds.list) == 0 {
		return nil, bad
	}
	return &ds, bad
}

// parseDirective reads one comment line; false when it is not a
// directive or names nothing valid.
func parseDirective(l fmRow, bad func(line, col int, format string, args ...any)) (*directive, bool) {
	text := l.text[1:] // after the '#'
	col := l.col + 1
	skip := func() {
		for len(text) > 0 && (text[0] == ' ' || text[0] == '\t') {
			text, col = text[1:], col+1
		}
	}
	skip()
	if !strings.HasPrefix(text, directivePrefix) {
		return nil, false
	}
	word := text
	if i := strings.IndexAny(word, " \t"); i >= 0 {
		word = word[:i]
	}
	d := &directive{line: l.line, col: l.col}
	switch word {
	case directiveNextLine:
	case directiveFile:
		d.file = true
	default:
		hint := ""
		for _, w := range []string{directiveNextLine, directiveFile} {
			if oneEditApart(word, w) || strings.HasPrefix(word, w) {
				hint = fmt.Sprintf(": did you mean %q?", w)
				break
			}
		}
		bad(l.line, col, "unknown directive %q%s (seedscope reads %s and %s)", word, hint, directiveNextLine, directiveFile)
		return nil, false
	}
	text, col = text[len(word):], col+len(word)
	if i := strings.Index(text, " --"); i >= 0 {
		text = text[:i] // a reason follows
	}
	named := false
	for {
		skip()
		if text == "" {
			break
		}
		if text[0] == ',' {
			text, col = text[1:], col+1
			continue
		}
		id := text
		if i := strings.IndexAny(id, " \t,"); i >= 0 {
			id = id[:i]
		}
		named = true
		switch {
		case ruleByID[id] == nil:
			hint := ""
			if near := nearestRule(id); near != "" {
				hint = fmt.Sprintf(": did you mean %q?", near)
			}
			bad(l.line, col, "unknown rule %q in %s%s (validate --rules lists them)", id, word, hint)
		case unsuppressible[id]:
			bad(l.line, col, "%s findings cannot be suppressed", id)
		case slices.Contains(d.rules, id):
		default:
			d.rules = append(d.rules, id)
			d.cols = append(d.cols, col)
		}
		text, col = text[len(id):], col+utf8.RuneCountInString(id)
	}
	if named && len(d.rules) == 0 {
		// Every id it named was refused: suppressing every rule instead
		// would hide far more than was asked.
		return nil, false
	}
	d.used = make([]bool, max(len(d.rules), 1))
	return d, true
}

// nearestRule is the rule id one edit from id, or one that starts or ends
// with it, or "".
func nearestRule(id string) string {
	for _, r := range RuleIDs() {
		if oneEditApart(id, r) {
			return r
		}
	}
	if len(id) >= 4 {
		for _, r := range RuleIDs() {
			if strings.HasPrefix(r, id) || strings.HasSuffix(r, id) || strings.Contains(id, r) {
				return r
			}
		}
	}
	return ""
}

// fmRow is one line of front matter, as scanFrontMatter sees it.
type fmRow struct {
	kind lineKind
	line int
	// col is the column of the first character after the indentation.
	col int
	// text is the line from col on (a comment's, from its '#').
	text string
	// valueEnd is the last line of the value this line starts (its own
	// line for most).
	valueEnd int
}

type lineKind uint8

const (
	lineBlank   lineKind = iota
	lineComment          // a whole-line comment
	lineValue            // a line holding YAML
	lineText             // inside a block or quoted scalar
)

// scanFrontMatter classifies front-matter lines (file lines from 2) as
// blank, comment, YAML or scalar text. It is a line scanner, not a YAML
// parser: it knows block scalars (| and >), quoted scalars going over
// several lines and plain scalars continued on more indented lines, which
// is what it takes to tell a comment from text and where a value ends.
// Each line ends at "\n" (a "\r" before it is dropped), as the file's
// lines do.
func scanFrontMatter(fm []byte) []fmRow {
	var out []fmRow
	var (
		blockIndent = -1 // in a block scalar: its parent's indentation
		quote       byte // in a quoted scalar: its quote
		// open is the index in out of the line whose value is going on.
		open = -1
		// plainIndent: after a plain scalar value, lines indented more
		// than this go on with it.
		plainIndent = -1
	)
	for n, rest := fmLine, fm; len(rest) > 0; n++ {
		raw := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			raw, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		raw = bytes.TrimSuffix(raw, []byte{'\r'})
		indent := 0
		for indent < len(raw) && (raw[indent] == ' ' || raw[indent] == '\t') {
			indent++
		}
		body := raw[indent:]
		l := fmRow{line: n, col: indent + 1, text: string(body), valueEnd: n}
		extend := func() {
			if open >= 0 {
				out[open].valueEnd = n
			}
		}
		switch {
		case blockIndent >= 0 && (len(body) == 0 || indent > blockIndent):
			l.kind = lineText
			if len(body) > 0 {
				extend()
			}
			out = append(out, l)
			continue
		case quote != 0:
			l.kind = lineText
			extend()
			end := closeQuote(raw, 0, quote)
			if end < 0 {
				out = append(out, l)
				continue
			}
			quote = 0
			open = -1
			out = append(out, l)
			continue
		}
		blockIndent = -1
		switch {
		case len(body) == 0:
			l.kind = lineBlank
			out = append(out, l)
			continue
		case body[0] == '#':
			l.kind = lineComment
			plainIndent, open = -1, -1
			out = append(out, l)
			continue
		case plainIndent >= 0 && indent > plainIndent:
			l.kind = lineText
			extend()
			out = append(out, l)
			continue
		}
		l.kind = lineValue
		out = append(out, l)
		open = len(out) - 1
		plainIndent = -1
		switch st := scanValueLine(raw); {
		case st.quote != 0:
			quote = st.quote
		case st.block:
			blockIndent = st.parent
		case st.plain:
			plainIndent = st.parent
		default:
			open = -1
		}
	}
	return out
}

// valueLine is what a line of YAML leaves open for the next lines.
type valueLine struct {
	// quote is set when a quoted scalar is not closed on the line.
	quote byte
	// block is set when the line ends with a block scalar header; plain
	// when it ends with a plain scalar that more indented lines may
	// continue.
	block, plain bool
	// parent is the indentation of the node the value belongs to.
	parent int
}

// scanValueLine reads one line of YAML.
func scanValueLine(raw []byte) valueLine {
	var st valueLine
	indent := 0
	for indent < len(raw) && (raw[indent] == ' ' || raw[indent] == '\t') {
		indent++
	}
	st.parent = indent
	atValue := true // a new node may start here
	plain := false  // the last thing on the line is a plain scalar
	tokStart := indent
	for i := indent; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c == ' ' || c == '\t':
			continue
		case c == '#' && (i == 0 || raw[i-1] == ' ' || raw[i-1] == '\t'):
			st.plain = plain
			return st
		case atValue && (c == '"' || c == '\''):
			end := closeQuote(raw, i+1, c)
			if end < 0 {
				st.quote = c
				return st
			}
			i = end
			atValue, plain = false, false
			continue
		case atValue && (c == '|' || c == '>') && blockHeader(raw[i+1:]):
			st.block = true
			return st
		case atValue && c == '-' && (i+1 == len(raw) || raw[i+1] == ' ' || raw[i+1] == '\t'):
			st.parent = i // a sequence item
			continue
		case c == ':' && (i+1 == len(raw) || raw[i+1] == ' ' || raw[i+1] == '\t'):
			st.parent = tokStart // a key: its value belongs to the mapping at tokStart
			atValue, plain = true, false
			continue
		case c == '[' || c == '{' || c == ']' || c == '}' || c == ',':
			atValue, plain = c != ']' && c != '}', false
			continue
		}
		if atValue {
			tokStart = i
			atValue = false
			plain = true
		}
	}
	st.plain = plain
	return st
}

// blockHeader reports whether rest (after | or >) is the rest of a block
// scalar header: indentation and chomping indicators, then blanks and an
// optional comment.
func blockHeader(rest []byte) bool {
	i := 0
	for i < len(rest) && (rest[i] == '+' || rest[i] == '-' || rest[i] >= '1' && rest[i] <= '9') {
		i++
	}
	for i < len(rest) && (rest[i] == ' ' || rest[i] == '\t') {
		i++
	}
	return i == len(rest) || rest[i] == '#' && (i == 0 || rest[i-1] == ' ' || rest[i-1] == '\t')
}

// closeQuote returns the index of the quote closing a scalar opened by q
// before from, or -1 when the line does not close it.
func closeQuote(b []byte, from int, q byte) int {
	for i := from; i < len(b); i++ {
		switch {
		case q == '"' && b[i] == '\\':
			i++
		case b[i] == q && q == '\'' && i+1 < len(b) && b[i+1] == '\'':
			i++
		case b[i] == q:
			return i
		}
	}
	return -1
}

// withDirectives applies a file's suppression comments to its per-file
// findings; the corpus-wide ones are filtered as they are made (emit),
// and endDirectives reports the unused comments.
func (v *runner) withDirectives(r corpus.Result, fo fileOutcome) fileOutcome {
	if r.Doc == nil || fo.rejected || fo.err != nil || r.Data == nil {
		return fo // not a document: every finding stands
	}
	dirs, bad := parseDirectives(r.Path, r.Data)
	fo.findings = append(dirs.filter(fo.findings), enabledIn(fo.settings(v.s), bad)...)
	fo.dirs = dirs
	return fo
}

// endDirectives closes the file being collected (checked under s): it
// counts what its directives suppressed and reports those that suppressed
// nothing.
func (v *runner) endDirectives(path string, s *Settings) {
	ds := v.dirs
	v.dirs = nil
	if ds == nil {
		return
	}
	v.rep.Suppressed += ds.suppressed
	if s.Enabled(RuleUnusedSuppression) {
		for _, f := range ds.unused(path, s) {
			v.keep(f)
		}
	}
}
