package validate

import (
	"bytes"
	"context"
	"fmt"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/seedscope/seedscope/pkg/corpus"
)

// fileNamePattern is the seed naming scheme: a sequence number, an
// underscore, 16 lowercase hex digits (a content hash) and an extension.
var fileNamePattern = regexp.MustCompile(`^[0-9]{3,}_[0-9a-f]{16}\.[A-Za-z]+$`)

// Facts are what corpus-wide rules need to know about a checked file.
type Facts struct {
	// URL is the document's main URL and where it is written.
	URL             string
	URLLine, URLCol int
	// urlKey is URL's urlnorm.Key, made where the file is checked.
	urlKey string
}

// CheckFile runs the per-file rules on one file's bytes. path names the
// file in findings. It never fails: every problem is a finding.
func CheckFile(path string, data []byte, s *Settings) ([]Finding, Facts) {
	f, facts, _ := checkFile(context.Background(), path, data, s)
	return f, facts
}

// checkFile also reports whether a rule found a reason for the loader to
// reject the file, enabled or not. When ctx is cancelled it stops early
// and returns what it found so far (the caller discards it).
func checkFile(ctx context.Context, path string, data []byte, s *Settings) ([]Finding, Facts, bool) {
	return checkLoaded(ctx, path, data, s, nil)
}

// checkLoaded is checkFile on a file the loader parsed (loaded, nil for
// none): its front-matter tree is the loader's, not parsed again.
func checkLoaded(ctx context.Context, path string, data []byte, s *Settings, loaded *corpus.File) ([]Finding, Facts, bool) {
	c := &fileChecker{ctx: ctx, s: s, path: path, loaded: loaded}
	c.check(data)
	c.finish()
	return c.out, c.facts, c.rejected
}

type fileChecker struct {
	ctx   context.Context
	s     *Settings
	path  string
	out   []Finding
	facts Facts
	// rejected is set when a rule finds why the file is not a document.
	rejected bool
	// perRule counts each rule's findings in the file; overflow holds,
	// per rule past MaxFindingsPerRule, the first finding not listed.
	perRule  map[string]int
	overflow []Finding

	// loaded, when set, holds the loader's parse of the file.
	loaded *corpus.File
}

// MaxFindingsPerRule bounds the findings one rule lists for one file. A
// 16 MiB file of broken entities would otherwise hold 2.4 million
// findings (about 1 GB), and validate keeps every finding until it sorts
// them. Past the bound one finding, at the first place not listed, says
// how many more there are; --fix still repairs them all.
const MaxFindingsPerRule = 1000

// cancelled reports whether the run was stopped (Ctrl-C); the loops whose
// length grows with the file's size ask it every ctxCheckEvery steps.
func (c *fileChecker) cancelled() bool { return c.ctx.Err() != nil }

// maxEntityMessages bounds the broken-entity messages a file's check
// shares between its findings (a file repeats a few spellings).
const maxEntityMessages = 256

// ctxCheckEvery is how many steps (findings, chunks) a per-file loop
// takes between two looks at the context.
const ctxCheckEvery = 4096

// rejecting rules explain why the loader does not make a document of a file.
var rejecting = map[string]bool{
	RuleEmptyFile: true, RuleTextBinary: true, RuleUnterminated: true, RuleYAMLSyntax: true, RuleNotAMapping: true,
}

// add is addMsg with a format; the message is made only for a rule that
// runs.
func (c *fileChecker) add(rule string, line, col int, format string, args ...any) {
	msg := ""
	if c.s.Enabled(rule) {
		msg = fmt.Sprintf(format, args...)
	}
	c.addMsg(rule, line, col, msg)
}

// addMsg adds a finding whose message is made already.
func (c *fileChecker) addMsg(rule string, line, col int, msg string) {
	if rejecting[rule] {
		c.rejected = true
	}
	if !c.s.Enabled(rule) {
		return
	}
	r := ruleByID[rule]
	f := Finding{
		Path: c.path, Line: max(line, 1), Col: max(col, 1),
		Severity: r.Severity, Rule: rule, Message: msg,
	}
	if c.perRule == nil {
		c.perRule = map[string]int{}
	}
	c.perRule[rule]++
	switch n := c.perRule[rule]; {
	case n <= MaxFindingsPerRule:
		c.out = append(c.out, f)
	case n == MaxFindingsPerRule+1:
		c.overflow = append(c.overflow, f)
	}
}

// finish lists, for each rule past MaxFindingsPerRule, one finding that
// counts the findings not listed.
func (c *fileChecker) finish() {
	for _, f := range c.overflow {
		noun, more := "findings", c.perRule[f.Rule]-MaxFindingsPerRule
		if more == 1 {
			noun = "finding"
		}
		f.Message = fmt.Sprintf("%d more %s %s in this file from here on, not listed (at most %d per rule and file)",
			more, f.Rule, noun, MaxFindingsPerRule)
		c.out = append(c.out, f)
	}
}

func (c *fileChecker) check(data []byte) {
	if name := path.Base(filepath.ToSlash(c.path)); c.s.fileName != nil {
		if !c.s.fileName.MatchString(name) {
			c.add(RuleFileName, 1, 1, "file name %q does not match the configured pattern %s", name, c.s.fileName)
		}
	} else if !fileNamePattern.MatchString(name) {
		c.add(RuleFileName, 1, 1, "file name %q does not follow NNN_<16 hex digits>.ext", name)
	}
	if corpus.Blank(data) {
		c.add(RuleEmptyFile, 1, 1, "empty file")
		return
	}
	if i := corpus.BinaryAt(data); i >= 0 {
		line, col := lineCol(data, i)
		c.add(RuleTextBinary, line, col, "binary file: NUL byte at offset %d", i)
		return
	}
	if !utf8.Valid(data) {
		i := firstInvalidUTF8(data)
		line, col := lineCol(data, i)
		c.add(RuleTextUTF8, line, col, "not valid UTF-8: byte 0x%02X at offset %d (the loader reads the file as Latin-1)", data[i], i)
		data = corpus.Latin1ToUTF8(data)
	}
	if c.s.Enabled(RuleBrokenEntity) && !c.brokenEntities(data) || c.cancelled() {
		return
	}
	split, err := corpus.SplitFrontMatter(data)
	if err != nil {
		c.add(RuleUnterminated, 1, 1, "front matter opened with --- on line 1 is never closed")
		return
	}
	if !split.HasFrontMatter {
		if title, _ := corpus.TextTitle(split.Body); title == "" {
			c.add(RuleTextNoTitle, 1, 1, "no line of the text can serve as a title (all blank or boilerplate)")
		}
		return
	}
	if len(split.FrontMatter) > corpus.MaxFrontMatterSize {
		return // the load-error rule reports it; decoding it would cost ~75 bytes a byte
	}
	c.frontMatter(split.FrontMatter)
}

// brokenEntities reports each broken entity in data; false when the run
// was stopped before the end of the file.
func (c *fileChecker) brokenEntities(data []byte) bool {
	// Matches arrive in file order: the cursor walks the file once for
	// all of them, however many share a line.
	cur := cursor{data: data}
	msgs := map[string]string{} // one message per spelling of an entity
	n := 0
	return scanBrokenEntities(data, c.cancelled, func(m EntityMatch) bool {
		if n++; n%ctxCheckEvery == 0 && c.cancelled() {
			return false
		}
		line, col := cur.lineCol(m.Start)
		text := data[m.Start:m.End]
		msg, ok := msgs[string(text)]
		if !ok {
			msg = fmt.Sprintf("broken HTML entity %q (should be %q)", text, m.Repair)
			if len(msgs) < maxEntityMessages {
				msgs[string(text)] = msg
			}
		}
		c.addMsg(RuleBrokenEntity, line, col, msg)
		return true
	})
}

// lineCol turns a byte offset into a 1-based line and a 1-based column
// counted in characters, as yaml.v3 counts them.
func lineCol(data []byte, off int) (int, int) {
	before := data[:off]
	line := bytes.Count(before, []byte{'\n'}) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[start:]) + 1
}

// cursor turns byte offsets into lines and columns (counted in
// characters) by walking the file from the last offset asked: offsets
// asked in increasing order cost one pass over the file in all, however
// many there are and however long their lines. Counting from the line's
// start for each offset instead costs the line's length per finding:
// quadratic on a long line full of findings.
type cursor struct {
	data      []byte
	off       int // the last offset asked; line and col are its place
	line, col int
}

func (c *cursor) lineCol(off int) (int, int) {
	if c.line == 0 {
		c.line, c.col = 1, 1
	}
	if off < c.off {
		// Backwards (not done by the callers): restart from off's line.
		c.line -= bytes.Count(c.data[off:c.off], []byte{'\n'})
		start := bytes.LastIndexByte(c.data[:off], '\n') + 1
		c.off, c.col = start, 1
	}
	seg := c.data[c.off:off]
	if nl := bytes.Count(seg, []byte{'\n'}); nl > 0 {
		c.line += nl
		seg = seg[bytes.LastIndexByte(seg, '\n')+1:]
		c.col = 1
	}
	c.col += utf8.RuneCount(seg)
	c.off = off
	return c.line, c.col
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// EntityMatch is a broken HTML entity at data[Start:End]; Repair is the
// well-formed entity it should be.
type EntityMatch struct {
	Start, End int
	Repair     string
}

// brokenEntity matches numeric and common named entities with blanks
// inside: "& # 39;", "&# 39 ;", "& #x27;", "& amp;". Blanks are spaces and
// tabs only, never line breaks.
var brokenEntity = regexp.MustCompile(`&[ \t]*#[ \t]*([0-9]{1,7}|[xX][ \t]*[0-9A-Fa-f]{1,6})[ \t]*;|&[ \t]+(amp|lt|gt|quot|apos|nbsp)[ \t]*;`)

// FindBrokenEntities returns the entities in data that have blanks inside
// them; a well-formed entity such as "&#39;" is not reported.
func FindBrokenEntities(data []byte) []EntityMatch {
	var out []EntityMatch
	scanBrokenEntities(data, nil, func(m EntityMatch) bool {
		out = append(out, m)
		return true
	})
	return out
}

// entityChunk is about how much of a file one regexp call searches, so
// a caller can stop between chunks.
const entityChunk = 64 << 10

// scanBrokenEntities calls fn for each broken entity in data, in order,
// until fn returns false or stop (may be nil), asked between chunks,
// returns true; it reports whether it saw them all. The file is
// searched a chunk at a time, each chunk ending just before an "&": a
// match holds one "&", its first byte, so no match spans two chunks and
// the matches are those of one search over the whole file.
func scanBrokenEntities(data []byte, stop func() bool, fn func(EntityMatch) bool) bool {
	if bytes.IndexByte(data, '&') < 0 {
		return true
	}
	for base := 0; base < len(data); {
		if stop != nil && stop() {
			return false
		}
		end := len(data)
		if base+entityChunk < len(data) {
			if i := bytes.IndexByte(data[base+entityChunk:], '&'); i >= 0 {
				end = base + entityChunk + i
			}
		}
		chunk := data[base:end]
		for _, loc := range brokenEntity.FindAllSubmatchIndex(chunk, -1) {
			m := chunk[loc[0]:loc[1]]
			if bytes.IndexAny(m, " \t") < 0 {
				continue // well formed
			}
			var body string
			if loc[2] >= 0 {
				body = "#" + strings.Map(dropBlank, string(chunk[loc[2]:loc[3]]))
			} else {
				body = string(chunk[loc[4]:loc[5]])
			}
			if !fn(EntityMatch{Start: base + loc[0], End: base + loc[1], Repair: "&" + body + ";"}) {
				return false
			}
		}
		base = end
	}
	return true
}

func dropBlank(r rune) rune {
	if r == ' ' || r == '\t' {
		return -1
	}
	return r
}
