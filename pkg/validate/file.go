package validate

import (
	"bytes"
	"fmt"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/seedscope/seedscope/pkg/corpus"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// sniffLen is how much of a file is searched for NUL bytes, as the loader does.
const sniffLen = 8000

// fileNamePattern is the seed naming scheme: a sequence number, an
// underscore, 16 lowercase hex digits (a content hash) and an extension.
var fileNamePattern = regexp.MustCompile(`^[0-9]{3,}_[0-9a-f]{16}\.[A-Za-z]+$`)

// Facts are what corpus-wide rules need to know about a checked file.
type Facts struct {
	// URL is the document's main URL and where it is written.
	URL             string
	URLLine, URLCol int
}

// CheckFile runs the per-file rules on one file's bytes. path names the
// file in findings. It never fails: every problem is a finding.
func CheckFile(path string, data []byte, s *Settings) ([]Finding, Facts) {
	f, facts, _ := checkFile(path, data, s)
	return f, facts
}

// checkFile also reports whether a rule found a reason for the loader to
// reject the file, enabled or not.
func checkFile(path string, data []byte, s *Settings) ([]Finding, Facts, bool) {
	c := &fileChecker{s: s, path: path}
	c.check(data)
	return c.out, c.facts, c.rejected
}

type fileChecker struct {
	s     *Settings
	path  string
	out   []Finding
	facts Facts
	// rejected is set when a rule finds why the file is not a document.
	rejected bool
}

// rejecting rules explain why the loader does not make a document of a file.
var rejecting = map[string]bool{
	RuleEmptyFile: true, RuleTextBinary: true, RuleUnterminated: true, RuleYAMLSyntax: true, RuleNotAMapping: true,
}

func (c *fileChecker) add(rule string, line, col int, format string, args ...any) {
	if rejecting[rule] {
		c.rejected = true
	}
	if !c.s.Enabled(rule) {
		return
	}
	r := ruleByID[rule]
	c.out = append(c.out, Finding{
		Path: c.path, Line: max(line, 1), Col: max(col, 1),
		Severity: r.Severity, Rule: rule, Message: fmt.Sprintf(format, args...),
	})
}

func (c *fileChecker) check(data []byte) {
	if name := path.Base(filepath.ToSlash(c.path)); !fileNamePattern.MatchString(name) {
		c.add(RuleFileName, 1, 1, "file name %q does not follow NNN_<16 hex digits>.ext", name)
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, utf8BOM))) == 0 {
		c.add(RuleEmptyFile, 1, 1, "empty file")
		return
	}
	if i := bytes.IndexByte(data[:min(len(data), sniffLen)], 0); i >= 0 {
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
	var lines lineIndex
	for _, m := range FindBrokenEntities(data) {
		line, col := lines.lineCol(data, m.Start)
		c.add(RuleBrokenEntity, line, col, "broken HTML entity %q (should be %q)", data[m.Start:m.End], m.Repair)
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

// lineCol turns a byte offset into a 1-based line and a 1-based column
// counted in characters, as yaml.v3 counts them.
func lineCol(data []byte, off int) (int, int) {
	before := data[:off]
	line := bytes.Count(before, []byte{'\n'}) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[start:]) + 1
}

// lineIndex holds the offsets at which lines start, built on first use,
// so many findings in one large file cost a binary search each.
type lineIndex []int

func (li *lineIndex) lineCol(data []byte, off int) (int, int) {
	if *li == nil {
		starts := []int{0}
		for i, b := range data {
			if b == '\n' {
				starts = append(starts, i+1)
			}
		}
		*li = starts
	}
	starts := *li
	n := sort.Search(len(starts), func(i int) bool { return starts[i] > off }) // first line after off
	start := starts[n-1]
	return n, utf8.RuneCount(data[start:off]) + 1
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
	if bytes.IndexByte(data, '&') < 0 {
		return nil
	}
	var out []EntityMatch
	for _, loc := range brokenEntity.FindAllSubmatchIndex(data, -1) {
		m := data[loc[0]:loc[1]]
		if bytes.IndexAny(m, " \t") < 0 {
			continue // well formed
		}
		var body string
		if loc[2] >= 0 {
			body = "#" + strings.Map(dropBlank, string(data[loc[2]:loc[3]]))
		} else {
			body = string(data[loc[4]:loc[5]])
		}
		out = append(out, EntityMatch{Start: loc[0], End: loc[1], Repair: "&" + body + ";"})
	}
	return out
}

func dropBlank(r rune) rune {
	if r == ' ' || r == '\t' {
		return -1
	}
	return r
}
