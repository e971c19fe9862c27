package validate

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// A baseline records the findings a corpus has today, so that validate
// reports only new ones (--write-baseline FILE, then --baseline FILE), as
// ESLint's suppressions file, PHPStan's baseline and RuboCop's todo file
// do. It is JSON, one entry a line, sorted, so that its diffs read well:
//
//	{
//	  "version": 1,
//	  "findings": [
//	    {"path": "seeds/a.md", "rule": "file-name", "message": "…", "count": 1}
//	  ]
//	}
//
// An entry counts the findings of one rule with one message in one file.
// It holds no line or column, and positions inside messages ("first on
// line 7", "at offset 12") are written as N, so inserting a line above a
// finding does not make it new. Paths are relative to the baseline's
// folder, with "/", so the baseline works from any working directory.
//
// A finding is new when its file, rule and message have more findings
// than the baseline counts; the findings past the count, in file order,
// are the ones reported. Entries for files checked that no longer have
// that many findings are stale: the run says so, and --write-baseline
// prunes them.
type Baseline struct {
	// Dir is the folder paths are relative to.
	Dir     string
	Entries []BaselineEntry
}

// BaselineEntry is one line of a baseline.
type BaselineEntry struct {
	Path    string `json:"path"`
	Rule    string `json:"rule"`
	Message string `json:"message"`
	Count   int    `json:"count"`
}

// BaselineVersion is the format version written and read.
const BaselineVersion = 1

// MaxBaselineSize bounds the baseline file read (an entry is about 200
// bytes: a million entries fit).
const MaxBaselineSize = 256 << 20

// maxBaselineCount bounds an entry's count.
const maxBaselineCount = 1 << 30

type baselineKey struct{ path, rule, message string }

// positionInMessage matches the positions a message may hold.
var positionInMessage = regexp.MustCompile(`\b(line|offset|column) [0-9]+\b|\b[0-9]+:[0-9]+\b|^[0-9]+ more `)

// baselineMessage is a message without its positions.
func baselineMessage(msg string) string {
	if !strings.ContainsAny(msg, "0123456789") {
		return msg
	}
	return positionInMessage.ReplaceAllStringFunc(msg, func(m string) string {
		switch {
		case strings.HasSuffix(m, " more "):
			return "N more "
		case strings.Contains(m, ":"):
			return "N:N"
		}
		return m[:strings.IndexByte(m, ' ')] + " N"
	})
}

// pather turns the paths of findings into a baseline's: relative to its
// folder, with "/" (absolute when there is no relative form, as on
// another volume). Findings come sorted by path: the last one is kept.
type pather struct {
	dir, wd     string
	last, lastP string
}

func newPather(dir string) *pather {
	wd, _ := os.Getwd()
	return &pather{dir: dir, wd: wd}
}

func (pt *pather) path(p string) string {
	if p == pt.last && p != "" {
		return pt.lastP
	}
	pt.last, pt.lastP = p, pt.rel(p)
	return pt.lastP
}

func (pt *pather) rel(p string) string {
	out := p
	if !filepath.IsAbs(out) && pt.wd != "" {
		out = filepath.Join(pt.wd, out)
	}
	if filepath.IsAbs(out) {
		if rel, err := filepath.Rel(pt.dir, out); err == nil {
			out = rel
		}
	}
	return filepath.ToSlash(out)
}

// otherFile matches the messages that name another file (as the paths
// checked were given): the baseline names it as it names files, so a
// baseline written from one folder works from another.
var otherFile = map[string]*regexp.Regexp{
	RuleDuplicateURL: regexp.MustCompile(`^(same URL as )(.*)( \([^()]*\))$`),
	RuleDuplicateID:  regexp.MustCompile(`^(document ID ".*" is also the ID of )(.*)()$`),
}

// message is f's message as a baseline holds it: without positions, and
// another file named relative to the baseline.
func (pt *pather) message(f Finding) string {
	msg := baselineMessage(f.Message)
	if re := otherFile[f.Rule]; re != nil {
		if m := re.FindStringSubmatch(msg); m != nil {
			msg = m[1] + pt.rel(m[2]) + m[3]
		}
	}
	return msg
}

// NewBaseline records findings for a baseline file in dir.
func NewBaseline(dir string, fs []Finding) *Baseline {
	dir = absDir(dir)
	counts := map[baselineKey]int{}
	pt := newPather(dir)
	for _, f := range fs {
		counts[baselineKey{pt.path(f.Path), f.Rule, pt.message(f)}]++
	}
	b := &Baseline{Dir: dir, Entries: make([]BaselineEntry, 0, len(counts))}
	for k, n := range counts {
		b.Entries = append(b.Entries, BaselineEntry{Path: k.path, Rule: k.rule, Message: k.message, Count: n})
	}
	b.sort()
	return b
}

func (b *Baseline) sort() {
	slices.SortFunc(b.Entries, func(x, y BaselineEntry) int {
		return cmp.Or(cmp.Compare(x.Path, y.Path), cmp.Compare(x.Rule, y.Rule), cmp.Compare(x.Message, y.Message))
	})
}

// Findings counts the findings the baseline holds.
func (b *Baseline) Findings() int {
	n := 0
	for _, e := range b.Entries {
		n += e.Count
	}
	return n
}

// WriteTo writes the baseline: one entry a line, in sorted order.
func (b *Baseline) WriteTo(w io.Writer) (int64, error) {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "{\n  \"version\": %d,\n  \"findings\": [", BaselineVersion)
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for i, e := range b.Entries {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n    ")
		if err := enc.Encode(e); err != nil {
			return 0, err
		}
		buf.Truncate(buf.Len() - 1) // Encode's newline
	}
	if len(b.Entries) > 0 {
		buf.WriteString("\n  ")
	}
	buf.WriteString("]\n}\n")
	n, err := w.Write(buf.Bytes())
	return int64(n), err
}

// ReadBaseline reads a baseline file. Its content is not trusted: it is
// read up to MaxBaselineSize, and every problem is an error naming the
// file and, where there is one, the line and column.
func ReadBaseline(path string) (*Baseline, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such file", path)
		}
		return nil, fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("%s: is a folder, not a baseline file", path)
	}
	data, err := io.ReadAll(io.LimitReader(bufio.NewReader(f), MaxBaselineSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(data) > MaxBaselineSize {
		return nil, fmt.Errorf("%s: larger than %d MiB; not a baseline file", path, MaxBaselineSize>>20)
	}
	b, err := parseBaseline(data)
	if err != nil {
		return nil, fmt.Errorf("%s:%w", path, err)
	}
	b.Dir = absDir(filepath.Dir(path))
	return b, nil
}

// baselineError is a problem at an offset of a baseline file.
type baselineError struct {
	data []byte
	off  int64
	msg  string
}

func (e *baselineError) Error() string {
	off := min(max(int(e.off), 0), len(e.data))
	line, col := lineCol(e.data, off)
	return fmt.Sprintf("%d:%d: %s", line, col, e.msg)
}

func parseBaseline(data []byte) (*Baseline, error) {
	if !utf8.Valid(data) {
		return nil, &baselineError{data, int64(firstInvalidUTF8(data)), "not valid UTF-8"}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	// fail explains err, met in the value that starts at off.
	fail := func(err error, off int64, key string) error {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return &baselineError{data, skipBlank(data, max(se.Offset-1, 0)), "invalid JSON: " + se.Error()}
		case errors.As(err, &te):
			if te.Field != "" {
				key = te.Field
			}
			want := "a string"
			if te.Type != nil && te.Type.Kind() == reflect.Int {
				want = "a whole number"
			}
			return &baselineError{data, off, fmt.Sprintf("%q: expected %s, found a JSON %s", key, want, te.Value)}
		case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
			return &baselineError{data, int64(len(data)), "unexpected end of the file"}
		}
		return &baselineError{data, off, err.Error()}
	}
	expect := func(want json.Delim) error {
		off := skipBlank(data, dec.InputOffset())
		t, err := dec.Token()
		if err != nil {
			return fail(err, off, "")
		}
		if d, ok := t.(json.Delim); !ok || d != want {
			return &baselineError{data, off, fmt.Sprintf("expected %q, found %v", want, t)}
		}
		return nil
	}
	if err := expect('{'); err != nil {
		return nil, err
	}
	b := &Baseline{}
	version, findings := false, false
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, fail(err, dec.InputOffset(), "")
		}
		key, _ := t.(string)
		switch key {
		case "version":
			off := skipBlank(data, dec.InputOffset())
			var v int
			if err := dec.Decode(&v); err != nil {
				return nil, fail(err, off, key)
			}
			if v != BaselineVersion {
				return nil, &baselineError{data, off, fmt.Sprintf("version %d: this seedscope reads baseline version %d (write a new one with --write-baseline)", v, BaselineVersion)}
			}
			version = true
		case "findings":
			if err := expect('['); err != nil {
				return nil, err
			}
			for dec.More() {
				off := skipBlank(data, dec.InputOffset())
				var e BaselineEntry
				if err := dec.Decode(&e); err != nil {
					return nil, fail(err, off, "")
				}
				if msg := e.check(); msg != "" {
					return nil, &baselineError{data, off, msg}
				}
				b.Entries = append(b.Entries, e)
			}
			if err := expect(']'); err != nil {
				return nil, err
			}
			findings = true
		default:
			// Other keys are left to other tools and later versions.
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, fail(err, dec.InputOffset(), key)
			}
		}
	}
	if err := expect('}'); err != nil {
		return nil, err
	}
	if off := skipBlank(data, dec.InputOffset()); off < int64(len(data)) {
		return nil, &baselineError{data, off, "unexpected data after the baseline's closing }"}
	}
	switch {
	case !version:
		return nil, &baselineError{data, 0, `no "version": not a seedscope baseline (write one with --write-baseline)`}
	case !findings:
		return nil, &baselineError{data, 0, `no "findings": not a seedscope baseline (write one with --write-baseline)`}
	}
	return b, nil
}

// skipBlank moves off past blanks, commas and colons, to the value they
// precede.
func skipBlank(data []byte, off int64) int64 {
	for off < int64(len(data)) && bytes.IndexByte([]byte(" \t\r\n,:"), data[off]) >= 0 {
		off++
	}
	return off
}

// check returns what is wrong with an entry, or "".
func (e BaselineEntry) check() string {
	switch {
	case e.Path == "":
		return `entry without a "path"`
	case e.Rule == "":
		return `entry without a "rule"`
	case e.Count < 1 || e.Count > maxBaselineCount:
		return fmt.Sprintf(`"count" is %d; expected a number of findings from 1 to %d`, e.Count, maxBaselineCount)
	}
	return ""
}

// BaselineResult is what applying a baseline did.
type BaselineResult struct {
	// Suppressed counts the findings the baseline holds.
	Suppressed int
	// Stale lists the entries (Count: the findings no longer found) of
	// files checked that have fewer such findings than the baseline.
	Stale []BaselineEntry
	// StaleFindings sums the counts of Stale.
	StaleFindings int
}

// Apply drops from rep the findings the baseline holds and counts them
// in rep.Baselined. roots are the paths checked: an entry for a file
// outside them (for duplicate-id and duplicate-url, naming a file outside
// them) was not looked at, so it is never stale.
func (b *Baseline) Apply(rep *Report, roots []string) BaselineResult {
	left := make(map[baselineKey]int, len(b.Entries))
	for _, e := range b.Entries {
		k := baselineKey{e.Path, e.Rule, e.Message}
		left[k] = min(left[k]+e.Count, maxBaselineCount) // an entry given twice counts twice
	}
	// Findings are sorted by file and place: the first ones of a key are
	// those the baseline holds, the ones past its count are new.
	var res BaselineResult
	pt := newPather(b.Dir)
	out := rep.Findings[:0]
	for _, f := range rep.Findings {
		k := baselineKey{pt.path(f.Path), f.Rule, pt.message(f)}
		if left[k] > 0 {
			left[k]--
			res.Suppressed++
			continue
		}
		out = append(out, f)
	}
	clear(rep.Findings[len(out):])
	rep.Findings = out
	rep.Baselined += res.Suppressed
	var under []string
	for _, r := range roots {
		under = append(under, newPather(b.Dir).path(filepath.Clean(r)))
	}
	for k, n := range left {
		if n > 0 && insideAny(k.path, under) && otherChecked(k, under) {
			res.Stale = append(res.Stale, BaselineEntry{Path: k.path, Rule: k.rule, Message: k.message, Count: n})
			res.StaleFindings += n
		}
	}
	st := Baseline{Entries: res.Stale}
	st.sort()
	return res
}

// otherChecked reports whether the other file a corpus-wide entry names
// was checked too: a run on one of the two files cannot find them equal,
// so their entry is not stale.
func otherChecked(k baselineKey, roots []string) bool {
	re := otherFile[k.rule]
	if re == nil {
		return true
	}
	m := re.FindStringSubmatch(k.message)
	return m == nil || insideAny(m[2], roots)
}

// insideAny reports whether the slash path p is one of roots or below one.
func insideAny(p string, roots []string) bool {
	for _, r := range roots {
		if r == "." && !strings.HasPrefix(p, "../") && p != ".." && !filepath.IsAbs(filepath.FromSlash(p)) {
			return true
		}
		if p == r || strings.HasPrefix(p, strings.TrimSuffix(r, "/")+"/") {
			return true
		}
	}
	return false
}
