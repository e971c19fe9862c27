package corpus

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf8"
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

// frontMatterDecoder maps front matter bytes onto a document. Every decoder
// must give the same document as decodeYAML for any input it accepts.
type frontMatterDecoder func(path string, fm []byte, doc *Document) ([]Diagnostic, error)

func decoderFor(p ParserName) frontMatterDecoder {
	if p == ParserAuto && fastDecoder != nil {
		return fastDecoder
	}
	return decodeYAML
}

// fastDecoder, when set, is tried by ParserAuto. It is nil until a decoder
// proven equal to yaml.v3 exists.
var fastDecoder frontMatterDecoder

// sniffLen is how much of a file is checked for NUL bytes to call it binary.
const sniffLen = 8000

// Parse turns one file's bytes into a document. path is used in
// diagnostics and as the document's Path; id is its ID. The error, when not
// nil, is a *Diagnostic and the file is not a document; warnings describe
// problems in a document that did load.
func Parse(path, id string, data []byte, parser ParserName) (*Document, []Diagnostic, error) {
	if bytes.IndexByte(data[:min(len(data), sniffLen)], 0) >= 0 {
		return nil, nil, errorAt(Pos{File: path}, "binary file (contains NUL bytes); skipped")
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, utf8BOM))) == 0 {
		return nil, nil, &Diagnostic{Pos: Pos{File: path}, Severity: Warning, Msg: "empty file; skipped"}
	}
	var warnings []Diagnostic
	if !utf8.Valid(data) {
		data = latin1ToUTF8(data)
		warnings = append(warnings, warningAt(Pos{File: path}, "not valid UTF-8; read as Latin-1"))
	}
	split, err := SplitFrontMatter(data)
	if errors.Is(err, ErrUnterminated) {
		return nil, nil, errorAt(Pos{File: path, Line: 1, Col: 1}, "%v", err)
	}
	doc := &Document{ID: id, Path: path}
	if !split.HasFrontMatter {
		doc.Kind = KindText
		doc.Title, _ = TextTitle(split.Body)
	} else {
		doc.Kind = KindFrontMatter
		w, err := decoderFor(parser)(path, split.FrontMatter, doc)
		if err != nil {
			return nil, nil, err
		}
		warnings = append(warnings, w...)
	}
	doc.Body = strings.TrimSpace(string(split.Body))
	doc.Words = CountWords(doc.Body)
	return doc, warnings, nil
}

// latin1ToUTF8 keeps valid UTF-8 sequences and reads every other byte as a
// Latin-1 code point, so no byte of a mis-encoded file is lost.
func latin1ToUTF8(b []byte) []byte {
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
