package corpus

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// ParserName picks the front-matter decoder.
type ParserName string

const (
	// ParserAuto uses the fastest decoder that gives the reference result.
	ParserAuto ParserName = "auto"
	// ParserYAML forces yaml.v3, the reference decoder.
	ParserYAML ParserName = "yaml"
)

// Parsers lists the valid parser names, for flags and help.
var Parsers = []ParserName{ParserAuto, ParserYAML}

// fastDecoder, when set, is tried first by ParserAuto on the front matter
// text. It reports false, leaving doc as it was, for input it does not
// handle; decodeYAML, the reference, then decodes the file. For any input
// it accepts it must give exactly decodeYAML's document, with no warnings.
var fastDecoder func(fm string, doc *Document, keys *keyIndex) bool

// MaxFrontMatterSize is the largest front matter decoded. yaml.v3 builds
// about 75 bytes of node tree per byte of a long YAML list; real front
// matter is a few KB. A file with more is an error, not a document.
const MaxFrontMatterSize = 1 << 20

// SniffLen is how much of a file is checked for NUL bytes to call it binary.
const SniffLen = 8000

// BinaryAt returns the offset of the NUL byte that makes data a binary
// file (the first in its first SniffLen bytes), or -1.
func BinaryAt(data []byte) int {
	return bytes.IndexByte(data[:min(len(data), SniffLen)], 0)
}

// Blank reports whether data holds nothing but blanks (and a BOM): an
// empty file, not a document.
func Blank(data []byte) bool {
	return len(bytes.TrimSpace(bytes.TrimPrefix(data, utf8BOM))) == 0
}

// Parse turns one file's bytes into a document. path is used in
// diagnostics and as the document's Path; id is its ID. The error, when not
// nil, is a *Diagnostic and the file is not a document; warnings describe
// problems in a document that did load.
// The document keeps no reference to data, which the caller may reuse.
func Parse(path, id string, data []byte, parser ParserName) (*Document, []Diagnostic, error) {
	return ParseFields(path, id, data, parser, nil)
}

// ParseFields is Parse with a mapping of the corpus's own front-matter
// keys onto document fields (nil: none).
func ParseFields(path, id string, data []byte, parser ParserName, fields *FieldMap) (*Document, []Diagnostic, error) {
	return parseFile(path, id, data, parser, fields, nil, parseNeeds{})
}

// parseNeeds says what of a file a load does without: its body (see
// Options.SkipBody), the body's count of words (Options.CountWords), or
// copies of what the document keeps (Options.Transient: borrow leaves
// the document pointing into data, which must then be the document's
// own).
type parseNeeds struct {
	skipBody, skipWords, borrow bool
}

// parseFile is ParseFields that, when t is not nil, records there the
// front-matter tree the decoders made (see File.FrontMatter); the caller
// releases it.
func parseFile(path, id string, data []byte, parser ParserName, fields *FieldMap, t *parsedTree, needs parseNeeds) (*Document, []Diagnostic, error) {
	if BinaryAt(data) >= 0 {
		return nil, nil, errorAt(Pos{File: path}, "binary file (contains NUL bytes); skipped")
	}
	if Blank(data) {
		return nil, nil, &Diagnostic{Pos: Pos{File: path}, Severity: Warning, Msg: "empty file; skipped"}
	}
	var warnings []Diagnostic
	if !utf8.Valid(data) {
		data = Latin1ToUTF8(data)
		warnings = append(warnings, warningAt(Pos{File: path}, "not valid UTF-8; read as Latin-1"))
	}
	split, err := SplitFrontMatter(data)
	if errors.Is(err, ErrUnterminated) {
		return nil, nil, errorAt(Pos{File: path, Line: 1, Col: 1}, "%v", err)
	}
	if len(split.FrontMatter) > MaxFrontMatterSize {
		return nil, nil, errorAt(Pos{File: path, Line: FrontMatterLine}, "front matter is %s, over the %s limit; not loaded",
			FormatSize(int64(len(split.FrontMatter))), FormatSize(MaxFrontMatterSize))
	}
	// The file as one string, without a copy: the decoders take
	// substrings of it, and compact then copies what the document keeps.
	text := unsafe.String(unsafe.SliceData(data), len(data))
	doc := &Document{ID: id, Path: path}
	if !split.HasFrontMatter {
		doc.Kind = KindText
		doc.Title, _ = TextTitle(split.Body)
	} else {
		doc.Kind = KindFrontMatter
		keys := fields.documentKeys()
		fast := (parser == ParserAuto || parser == "") && fastDecoder != nil
		decoded := false
		switch {
		case fast && t != nil:
			// The parser is kept: its tree is the file's, positions and all.
			var p *fastParser
			p, decoded = decodeFast(substring(text, data, split.FrontMatter), doc, keys)
			if decoded {
				t.fast = p
			} else {
				p.release()
			}
		case fast:
			decoded = fastDecoder(substring(text, data, split.FrontMatter), doc, keys)
		}
		if !decoded {
			w, err := decodeYAMLTree(path, split.FrontMatter, doc, keys, t)
			if err != nil {
				return nil, nil, err
			}
			warnings = append(warnings, w...)
		}
	}
	if t != nil && t.stubs {
		// The caller only asks whether the file loaded: nothing of it is
		// kept, so nothing needs copying out of data.
		return &Document{ID: doc.ID, Path: doc.Path, Kind: doc.Kind}, warnings, nil
	}
	if needs.skipBody {
		doc.bodySkipped = true
	} else {
		doc.Body = strings.TrimSpace(substring(text, data, split.Body))
		if !needs.skipWords {
			doc.Words = bodyWords(doc.Kind, doc.Body)
		}
	}
	if !needs.borrow {
		compact(doc)
	}
	return doc, warnings, nil
}

// substring returns the part of text that part is of data, where text
// holds data's bytes and part is a slice of data; it copies part if it is
// not.
func substring(text string, data, part []byte) string {
	if len(part) == 0 {
		return ""
	}
	off := cap(data) - cap(part)
	if off < 0 || off+len(part) > len(data) || &data[off] != &part[0] {
		return string(part)
	}
	return text[off : off+len(part)]
}

// Latin1ToUTF8 keeps valid UTF-8 sequences and reads every other byte as a
// Latin-1 code point, so no byte of a mis-encoded file is lost.
func Latin1ToUTF8(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/8)
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			out = utf8.AppendRune(out, rune(b[0]))
			b = b[1:]
			continue
		}
		out = append(out, b[:size]...)
		b = b[size:]
	}
	return out
}
