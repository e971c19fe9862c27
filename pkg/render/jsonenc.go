package render

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/seedscope/seedscope/pkg/record"
)

// jsonAppender is a record that appends its compact JSON to a buffer, the
// same bytes json.Marshal gives for it, without reflection
// (corpus.Document).
type jsonAppender interface {
	AppendJSON([]byte) []byte
}

// jsonEncoder is the one JSON encoder of every writer: records, views and
// findings are all written through it, so how JSON looks (indentation,
// escaping) is decided here, from JSONOptions. Its buffers are reused from
// value to value.
type jsonEncoder struct {
	o        JSONOptions
	buf      bytes.Buffer
	enc      *json.Encoder
	appended []byte
	indented []byte
}

func newJSONEncoder(o JSONOptions) *jsonEncoder {
	e := &jsonEncoder{o: o}
	e.enc = json.NewEncoder(&e.buf)
	e.enc.SetEscapeHTML(o.EscapeHTML)
	return e
}

// compact returns v's compact JSON, valid until the next call.
func (e *jsonEncoder) compact(v any) ([]byte, error) {
	if a, ok := v.(jsonAppender); ok {
		e.appended = a.AppendJSON(e.appended[:0])
		return e.appended, nil
	}
	return e.encodeValue(v)
}

// writeObject writes one value as a whole output: indented for JSON, one
// line for NDJSON.
func writeObject(w io.Writer, f Format, v any, o JSONOptions) error {
	e := newJSONEncoder(o)
	b, err := e.compact(v)
	if err != nil {
		return err
	}
	return e.writeWhole(w, f, b)
}

// indentBytes returns compact JSON b indented by two spaces, each line
// after the first starting with prefix (the bytes json.MarshalIndent
// gives for the value), valid until the next call.
func (e *jsonEncoder) indentBytes(b []byte, prefix string) ([]byte, error) {
	out, err := appendIndent(e.indented[:0], b, prefix)
	if err != nil {
		return nil, err
	}
	e.indented = out
	return out, nil
}

// appendRecord appends v as a JSON object of t's fields, in t's order,
// with the encoder's HTML escaping (record.AppendJSONWith); values other
// than strings, integers, booleans and null go through the encoder.
func appendRecord[T any](e *jsonEncoder, b []byte, t record.Table[T], v T) ([]byte, error) {
	return record.AppendJSONWith(b, t, v, e.o.EscapeHTML, e.encodeValue)
}

// encodeValue is v's compact JSON through the encoder, valid until the
// next call.
func (e *jsonEncoder) encodeValue(v any) ([]byte, error) {
	e.buf.Reset()
	if err := e.enc.Encode(v); err != nil {
		return nil, err
	}
	enc := e.buf.Bytes()
	return enc[:len(enc)-1], nil // the encoder's newline
}

// writeRecordObject writes one record as a whole output, from its table:
// indented for JSON, one line for NDJSON.
func writeRecordObject[T any](w io.Writer, f Format, t record.Table[T], v T, o JSONOptions) error {
	e := newJSONEncoder(o)
	b, err := appendRecord(e, nil, t, v)
	if err != nil {
		return err
	}
	return e.writeWhole(w, f, b)
}

// writeWhole writes compact JSON b as a whole output and a newline:
// indented for JSON, as it is for NDJSON.
func (e *jsonEncoder) writeWhole(w io.Writer, f Format, b []byte) error {
	if f != NDJSON {
		var err error
		if b, err = e.indentBytes(b, ""); err != nil {
			return err
		}
	}
	if _, err := w.Write(b); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
